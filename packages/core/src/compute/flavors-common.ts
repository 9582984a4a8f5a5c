/** Helpers shared by the compute resource services (flavors, key pairs, hypervisors, services, zones). */
import { z } from 'zod';
import type { RequestContext } from '../identity/context.js';
import { can } from '../identity/resources/policy.js';

export { authorize, can } from '../identity/resources/policy.js';
export { parseInput, inTransaction, type Page, pageInMemory } from '../identity/resources/common.js';

/** Nova's `context.is_admin`: the admin rule, so a policy override moves it with the rest. */
export function isComputeAdmin(ctx: RequestContext): boolean {
  return can(ctx.auth, 'admin_required', {});
}

const MAX_INT = 2147483647;

/** Nova's integer parameters accept digit strings too (`"ram": "512"`). */
export function zCount(min: number) {
  return z
    .union([z.number(), z.string().regex(/^\s*\d+\s*$/, 'must be an integer').transform(Number)])
    .pipe(z.number().int('must be an integer').min(min, `must be >= ${min}`).max(MAX_INT, `must be <= ${MAX_INT}`));
}

/** Nova's boolean parameters: JSON booleans and the usual spellings of them. */
export const zBool = z.union([
  z.boolean(),
  z
    .string()
    .refine((s) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', 't', 'f', 'y', 'n'].includes(s.toLowerCase()), 'is not a boolean')
    .transform((s) => ['true', '1', 'yes', 'on', 't', 'y'].includes(s.toLowerCase())),
]);
