import { z } from 'zod';

export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  description: z.string().max(65535).default(''),
});
