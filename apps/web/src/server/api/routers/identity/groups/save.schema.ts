import { z } from 'zod';

/** Create (no id) or update (id) a group. */
export const ZSaveInputSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().max(255),
  description: z.string().max(65535).default(''),
});
