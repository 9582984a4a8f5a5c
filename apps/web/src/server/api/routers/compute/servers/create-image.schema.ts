import { z } from 'zod';

/** Snapshot (Nova's createImage): the image name, as the image service limits it. */
export const ZCreateImageInputSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Enter a name').max(255, 'At most 255 characters'),
});
