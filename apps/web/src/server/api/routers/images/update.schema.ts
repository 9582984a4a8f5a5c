import { z } from 'zod';

export const ZUpdateInputSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(255).optional(),
  visibility: z.enum(['public', 'private', 'shared', 'community']).optional(),
  protected: z.boolean().optional(),
  minDisk: z.number().int().min(0).optional(),
  minRam: z.number().int().min(0).optional(),
});
