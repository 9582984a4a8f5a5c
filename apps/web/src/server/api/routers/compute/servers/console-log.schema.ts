import { z } from 'zod';

export const ZConsoleLogInputSchema = z.object({ id: z.string().min(1).max(64), length: z.number().int().min(1).max(10000).optional() });
