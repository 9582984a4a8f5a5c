import { z } from 'zod';

export const ZAssignmentsInputSchema = z.object({ projectId: z.string().min(1).max(64) });
