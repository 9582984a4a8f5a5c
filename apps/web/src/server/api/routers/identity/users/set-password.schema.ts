import { z } from 'zod';

/** An administrator's password reset (Horizon's "Change Password" on a user row). */
export const ZSetPasswordInputSchema = z
  .object({
    id: z.string().min(1).max(64),
    password: z.string().min(1, 'Enter a password').max(4096),
    confirm: z.string().max(4096),
  })
  .refine((v) => v.password === v.confirm, { message: 'Passwords do not match', path: ['confirm'] });
