import { z } from 'zod';

export const ZChangesInputSchema = z.object({
  types: z.array(z.enum(['instance', 'image', 'keypair', 'flavor', 'hypervisor', 'quota'])).min(1).max(6),
});
