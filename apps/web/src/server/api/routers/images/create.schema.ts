import { z } from 'zod';

/** The image record the upload fills (Glance: create queued, then PUT the file). */
export const ZCreateInputSchema = z.object({
  name: z.string().max(255),
  diskFormat: z.string().max(32),
  containerFormat: z.string().max(32).default('bare'),
  visibility: z.enum(['public', 'private', 'shared', 'community']).default('private'),
  minDisk: z.number().int().min(0).default(0),
  minRam: z.number().int().min(0).default(0),
  protected: z.boolean().default(false),
});
