import { z } from 'zod';

export const ZMembershipInputSchema = z.object({
  groupId: z.string().min(1).max(64),
  userId: z.string().min(1, 'Choose a user').max(64),
});
