import { z } from 'zod';

/** Generate (no publicKey: the private key comes back once) or import (publicKey). */
export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  publicKey: z.string().max(65535).optional(),
});
