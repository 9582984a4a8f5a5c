import { z } from 'zod';
import { Prisma } from '@nimbus/db';
import { requireAuth, type AuthContext, type RequestContext } from '../identity/context.js';
import { authorize, can } from '../identity/resources/policy.js';
import { badRequest, invalidInput } from './errors.js';

export { authorize, can };

export type Tx = Prisma.TransactionClient;

/** Who calls: a network call always needs a project scope (Neutron's tenant); admins see every project. */
export interface Caller {
  auth: AuthContext;
  projectId: string;
  admin: boolean;
}

export function caller(ctx: RequestContext): Caller {
  const auth = requireAuth(ctx);
  if (!auth.projectId) throw badRequest('This request needs a project-scoped token.');
  return { auth, projectId: auth.projectId, admin: can(auth, 'admin_required', {}) };
}

export function target(projectId: string): { project_id: string; tenant_id: string } {
  return { project_id: projectId, tenant_id: projectId };
}

/**
 * The project a create is for: the caller's, or the `project_id` / `tenant_id` an admin names.
 * Naming another project without the right is a 403 from the create rule, as in Neutron.
 */
export function owningProject(c: Caller, body: { project_id?: string | undefined; tenant_id?: string | undefined }, rule: string): string {
  if (body.project_id !== undefined && body.tenant_id !== undefined && body.project_id !== body.tenant_id) {
    throw invalidInput('project_id', "'project_id' and 'tenant_id' do not match");
  }
  const projectId = body.project_id ?? body.tenant_id ?? c.projectId;
  authorize(c.auth, rule, target(projectId));
  return projectId;
}

/** Neutron's timestamps: seconds, UTC, `Z`. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The standard attributes every Neutron resource carries. */
export function standardAttrs(row: { projectId: string; description: string; revision: number; createdAt: Date; updatedAt: Date }) {
  return {
    tenant_id: row.projectId,
    project_id: row.projectId,
    description: row.description,
    tags: [] as string[],
    created_at: timestamp(row.createdAt),
    updated_at: timestamp(row.updatedAt),
    revision_number: row.revision,
  };
}

/**
 * Validates one resource of a request body (`{"network": {...}}`). The first problem becomes
 * Neutron's 400 naming the attribute; nothing has been changed when it throws.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, resource: string): z.output<S> {
  const inner = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[resource] : undefined;
  if (inner === undefined || inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    throw badRequest(`Resource body required: the request body must be an object with a '${resource}' object.`, resource);
  }
  const result = schema.safeParse(inner);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw badRequest(`Unrecognized attribute(s) '${issue.keys.join(', ')}'`, issue.keys[0]);
  }
  const field = issue.path.map(String).join('.') || resource;
  throw invalidInput(field, issue.message);
}

export const zName = z.string({ message: 'must be a string' }).max(255, 'must be at most 255 characters');
export const zDescription = z.string({ message: 'must be a string' }).max(255, 'must be at most 255 characters');
export const zBool = z.boolean({ message: 'must be a boolean' });
export const zUuid = z.string({ message: 'must be a string' }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not a valid UUID');
/** Attributes every create accepts: the owning project, under either of Neutron's names. */
export const ownerFields = { project_id: z.string().min(1).optional(), tenant_id: z.string().min(1).optional() };

/** Only what an update changed bumps the revision (Neutron's revision_number), and only once per request. */
export const bumpRevision = { revision: { increment: 1 } } as const;

/** Interactive transactions for network writes: they queue on per-project and per-subnet locks under load. */
export const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 } as const;

/** Whether a Prisma error is a unique-constraint violation (a lost race another request won). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}
