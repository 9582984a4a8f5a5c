import { z } from 'zod';

export const ZDeleteInputSchema = z.object({ name: z.string().min(1).max(255) });
