import { z } from 'zod';
import { BadRequest } from '@nimbus/shared';

const DomainRef = z.union([
  z.object({ id: z.string().min(1) }).strict().passthrough(),
  z.object({ name: z.string().min(1) }).passthrough(),
]);

const UserRef = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    domain: z.object({ id: z.string().min(1).optional(), name: z.string().min(1).optional() }).optional(),
    password: z.string().optional(),
  })
  .refine((u) => u.id !== undefined || (u.name !== undefined && u.domain !== undefined), {
    message: 'either user.id, or user.name and user.domain, is required',
  });

const ProjectScope = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    domain: z.object({ id: z.string().min(1).optional(), name: z.string().min(1).optional() }).optional(),
  })
  .refine((p) => p.id !== undefined || (p.name !== undefined && p.domain !== undefined), {
    message: 'either project.id, or project.name and project.domain, is required',
  });

export const AuthRequestSchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.enum(['password', 'token', 'application_credential'])).min(1),
      password: z.object({ user: UserRef.and(z.object({ password: z.string() })) }).optional(),
      token: z.object({ id: z.string().min(1) }).optional(),
      application_credential: z
        .object({
          id: z.string().min(1).optional(),
          name: z.string().min(1).optional(),
          secret: z.string().min(1),
          user: UserRef.optional(),
        })
        .refine((a) => a.id !== undefined || (a.name !== undefined && a.user !== undefined), {
          message: 'either id, or name and user, is required',
        })
        .optional(),
    }),
    scope: z
      .union([
        z.literal('unscoped'),
        z.object({
          project: ProjectScope.optional(),
          domain: DomainRef.optional(),
          system: z.unknown().optional(),
        }),
      ])
      .optional(),
  }),
});

export type AuthRequest = z.infer<typeof AuthRequestSchema>;

/** Parses a token request, failing with Keystone's "Invalid input for field" naming the field. */
export function parseAuthRequest(body: unknown): AuthRequest {
  const result = AuthRequestSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? issue.path.join('.') : 'auth';
    throw new BadRequest(`Invalid input for field '${field || 'auth'}': ${issue?.message ?? 'invalid'}`, {
      field: field || 'auth',
    });
  }
  const identity = result.data.auth.identity;
  for (const method of identity.methods) {
    if (identity[method] === undefined) {
      throw new BadRequest(`Invalid input for field 'auth.identity.${method}': required by methods`, {
        field: `auth.identity.${method}`,
      });
    }
  }
  return result.data;
}
