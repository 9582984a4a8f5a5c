import { z } from 'zod';

/** Any subset of the editable fields; enabling/disabling alone is an update too. */
export const ZUpdateInputSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(255).optional(),
  description: z.string().max(65535).optional(),
  enabled: z.boolean().optional(),
});
