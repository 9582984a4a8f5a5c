import { z } from 'zod';

export const ZSerialConsoleInputSchema = z.object({ id: z.string().min(1).max(64) });
