import { z } from 'zod';
import { BadRequest } from '@nimbus/shared';
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

/** Query-string paging shared by Nova's lists: `limit` (1..1000 here) and an item `marker`. */
export function queryLimit(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new BadRequest(`Invalid input for query parameters limit. Value: ${value}. '${value}' does not match '^[0-9]*$'`, { field: 'limit' });
  return Math.min(n, 1000);
}
