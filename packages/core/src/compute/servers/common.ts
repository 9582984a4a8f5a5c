import { z } from 'zod';
import { BadRequest, NotFound } from '@nimbus/shared';
import type { Instance, Prisma } from '@nimbus/db';
import { requireAuth, type AuthContext, type RequestContext } from '../../identity/context.js';
import { authorize, can } from '../../identity/resources/policy.js';

export { authorize, can };

/**
 * Validates a Nova request body. The first problem becomes Nova's 400 wording
 * ("Invalid input for field/attribute flavorRef. ...") with `field` set, so every surface can
 * point at it; nothing has been changed when it throws.
 */
export function parseNova<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const missing = issue !== undefined && valueAt(input, issue.path) === undefined;
  const leaf = path.split('.').at(-1) ?? path;
  const reason = missing ? `'${leaf}' is a required property` : (issue?.message ?? 'invalid');
  const message = path ? `Invalid input for field/attribute ${path}. ${reason}` : `Invalid input: ${reason}`;
  throw new BadRequest(message, path ? { field: path } : undefined);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** Nova's integer parameters accept digit strings too. */
export function zInt(min: number, max = 2147483647) {
  return z
    .union([z.number(), z.string().regex(/^\s*-?\d+\s*$/, 'must be an integer').transform(Number)])
    .pipe(z.number().int('must be an integer').min(min, `must be >= ${min}`).max(max, `must be <= ${max}`));
}

/** Nova's booleans: JSON booleans and the usual spellings of them. */
export const zBool = z.union([
  z.boolean(),
  z
    .string()
    .refine((s) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', 't', 'f', 'y', 'n'].includes(s.toLowerCase()), 'is not a boolean')
    .transform((s) => ['true', '1', 'yes', 'on', 't', 'y'].includes(s.toLowerCase())),
]);

export const zServerName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((s) => s.trim().length > 0, 'must not be blank');

/** Server metadata: Nova's key 1..255, value 0..255, strings only. */
export const zMetadata = z.record(
  z.string().min(1, 'metadata keys must not be empty').max(255, 'metadata keys must be at most 255 characters'),
  z.string().max(255, 'metadata values must be at most 255 characters'),
);

/** `flavorRef` / `imageRef` may be an id or a link whose last segment is the id. */
export function refId(ref: string): string {
  const trimmed = ref.replace(/\/+$/, '');
  return trimmed.includes('/') ? (trimmed.split('/').at(-1) ?? trimmed) : trimmed;
}

/** Nova's is_admin: the admin rule, so a policy override moves it with the rest. */
export function isAdmin(ctx: RequestContext): boolean {
  return can(ctx.auth, 'admin_required', {});
}

/** The project of a project-scoped token; Nova needs one for anything a project owns. */
export function callerProject(auth: AuthContext): string {
  if (!auth.projectId) throw new BadRequest('This request needs a project-scoped token.');
  return auth.projectId;
}

export type InstanceWithNode = Instance & { node: { name: string; state: string } | null };

export const withNode = { node: { select: { name: true, state: true } } } satisfies Prisma.InstanceInclude;

export function serverNotFound(id: string): NotFound {
  return new NotFound(`Instance ${id} could not be found.`);
}

/**
 * A live server the caller may act on under `rule`. Another project's server answers 404, not
 * 403, so its existence does not leak; deleted servers are gone (404) unless the caller asks
 * with `includeDeleted` (instance actions outlive their server, as in Nova).
 */
export async function findServer(ctx: RequestContext, id: string, rule: string, opts: { includeDeleted?: boolean } = {}): Promise<InstanceWithNode> {
  const auth = requireAuth(ctx);
  const row = await ctx.db.instance.findUnique({ where: { id }, include: withNode });
  if (!row || (row.deletedAt && !opts.includeDeleted)) throw serverNotFound(id);
  if (row.projectId !== auth.projectId && !isAdmin(ctx)) throw serverNotFound(id);
  authorize(auth, rule, { project_id: row.projectId, user_id: row.userId });
  return row;
}
