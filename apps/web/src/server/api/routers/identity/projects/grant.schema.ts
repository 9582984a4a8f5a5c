import { z } from 'zod';

/** One role for one user or group on the project; used by both "add" and "remove". */
export const ZGrantInputSchema = z.object({
  projectId: z.string().min(1).max(64),
  actorType: z.enum(['user', 'group']),
  actorId: z.string().min(1, 'Choose a user or group').max(64),
  roleId: z.string().min(1, 'Choose a role').max(64),
});
