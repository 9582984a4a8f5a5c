import { z } from 'zod';

/** The form's shape; names and rules are checked again by the core service (one source of truth). */
export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  description: z.string().max(65535).default(''),
  enabled: z.boolean().default(true),
  parentId: z.string().max(64).optional(),
});
