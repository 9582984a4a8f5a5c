import { z } from 'zod';

const matching = (v: { password: string; confirm: string }) => v.password === v.confirm;

/** Horizon's "Create User": the user, and optionally a role on a primary project in the same step. */
export const ZCreateInputSchema = z
  .object({
    name: z.string().max(255),
    email: z.string().trim().max(255).default(''),
    description: z.string().max(65535).default(''),
    password: z.string().max(4096),
    confirm: z.string().max(4096),
    projectId: z.string().max(64).default(''),
    roleId: z.string().max(64).default(''),
    enabled: z.boolean().default(true),
  })
  .refine(matching, { message: 'Passwords do not match', path: ['confirm'] })
  .refine((v) => !v.roleId || v.projectId, { message: 'Choose the project the role is for', path: ['projectId'] });
