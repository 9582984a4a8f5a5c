import { z } from 'zod';

export const ZGetInputSchema = z.object({ id: z.string().min(1).max(64) });
