import { z } from 'zod';

export const ZSetEnabledInputSchema = z.object({ id: z.string().min(1).max(64), enabled: z.boolean(), reason: z.string().max(255).optional() });
