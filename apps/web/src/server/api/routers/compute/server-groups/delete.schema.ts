import { z } from 'zod';

export const ZDeleteInputSchema = z.object({ id: z.string().min(1).max(64) });
