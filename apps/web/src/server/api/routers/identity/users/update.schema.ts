import { z } from 'zod';

export const ZUpdateInputSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(255).optional(),
  email: z.string().trim().max(255).optional(),
  description: z.string().max(65535).optional(),
  /** '' clears the default project. */
  projectId: z.string().max(64).optional(),
  enabled: z.boolean().optional(),
});
