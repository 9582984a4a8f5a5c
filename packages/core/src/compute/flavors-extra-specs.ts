import { z } from 'zod';
import { BadRequest, NotFound } from '@nimbus/shared';
import type { RequestContext } from '../identity/context.js';
import { authorize, parseInput } from './flavors-common.js';
import { getFlavor } from './flavors.js';

export type ExtraSpecs = Record<string, string>;

const zKey = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[a-zA-Z0-9-_:. ]+$/, 'may contain only letters, digits, "-", "_", ":", "." and spaces');
/** Nova stores every value as text; numbers and booleans are accepted and stringified. */
const zValue = z
  .union([z.string(), z.number().transform(String), z.boolean().transform(String)])
  .pipe(z.string().max(255, 'must be at most 255 characters'));

export const ZExtraSpecsInput = z.record(zKey, zValue);
export type ExtraSpecsInput = z.input<typeof ZExtraSpecsInput>;

function specsOf(value: unknown): ExtraSpecs {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ExtraSpecs) : {};
}

/** Extra specs are readable by whoever may see the flavor. */
export async function listExtraSpecs(ctx: RequestContext, flavorId: string): Promise<ExtraSpecs> {
  const flavor = await getFlavor(ctx, flavorId);
  authorize(ctx.auth, 'compute:flavors:extra-specs:list', { project_id: ctx.auth?.projectId ?? null });
  return specsOf(flavor.extraSpecs);
}

export async function getExtraSpec(ctx: RequestContext, flavorId: string, key: string): Promise<string> {
  const flavor = await getFlavor(ctx, flavorId);
  authorize(ctx.auth, 'compute:flavors:extra-specs:show', { project_id: ctx.auth?.projectId ?? null });
  const value = specsOf(flavor.extraSpecs)[key];
  if (value === undefined) throw new NotFound(`Flavor ${flavorId} has no extra specs with key ${key}.`);
  return value;
}

/**
 * Merges specs into the flavor's. A read-modify-write of one JSON column, done in one statement
 * (`||` merges jsonb), so two concurrent writers of different keys both land.
 */
async function merge(ctx: RequestContext, flavorId: string, specs: ExtraSpecs): Promise<ExtraSpecs> {
  const rows = await ctx.db.$queryRaw<{ extraSpecs: unknown }[]>`
    UPDATE "Flavor" SET "extraSpecs" = "extraSpecs" || ${JSON.stringify(specs)}::jsonb, "updatedAt" = now()
    WHERE id = ${flavorId} RETURNING "extraSpecs"`;
  const row = rows[0];
  if (!row) throw new NotFound(`Flavor ${flavorId} could not be found.`);
  return specsOf(row.extraSpecs);
}

export async function setExtraSpecs(ctx: RequestContext, flavorId: string, rawSpecs: unknown): Promise<ExtraSpecs> {
  const specs = parseInput(ZExtraSpecsInput, rawSpecs, 'extra_specs');
  await getFlavor(ctx, flavorId);
  authorize(ctx.auth, 'compute:flavors:extra-specs:create', { project_id: ctx.auth?.projectId ?? null });
  await merge(ctx, flavorId, specs);
  return specs;
}

/** `PUT .../os-extra_specs/{key}` with `{key: value}`: exactly that one key. */
export async function updateExtraSpec(ctx: RequestContext, flavorId: string, key: string, rawBody: unknown): Promise<ExtraSpecs> {
  const body = parseInput(ZExtraSpecsInput, rawBody);
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== key) throw new BadRequest('Request body and URI mismatch', { field: key });
  await getFlavor(ctx, flavorId);
  authorize(ctx.auth, 'compute:flavors:extra-specs:update', { project_id: ctx.auth?.projectId ?? null });
  await merge(ctx, flavorId, body);
  return body;
}

export async function deleteExtraSpec(ctx: RequestContext, flavorId: string, key: string): Promise<void> {
  await getFlavor(ctx, flavorId);
  authorize(ctx.auth, 'compute:flavors:extra-specs:delete', { project_id: ctx.auth?.projectId ?? null });
  const rows = await ctx.db.$queryRaw<{ id: string }[]>`
    UPDATE "Flavor" SET "extraSpecs" = "extraSpecs" - ${key}, "updatedAt" = now()
    WHERE id = ${flavorId} AND ("extraSpecs" -> ${key}) IS NOT NULL RETURNING id`;
  if (rows.length === 0) throw new NotFound(`Flavor ${flavorId} has no extra specs with key ${key}.`);
}
