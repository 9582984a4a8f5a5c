import { z } from 'zod';
import { BadRequest, Conflict, isNimbusError } from '@nimbus/shared';
import type { PrismaClient } from '@nimbus/db';
import type { RequestContext } from '../context.js';

/** A Prisma interactive-transaction client: what a mutation runs against so it commits whole or not at all. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Validates a service input. The first problem becomes a 400 in Keystone's wording
 * ("Invalid input for field 'name': ...") with `field` set, so every surface can point at it.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const field = [prefix, path].filter(Boolean).join('.');
  const missing = issue?.code === 'invalid_type' && /received undefined/.test(issue.message);
  const reason = missing ? `'${path.split('.').at(-1) ?? path}' is a required property` : (issue?.message ?? 'invalid');
  const message = field ? `Invalid input for field '${field}': ${reason}` : `Invalid input: ${reason}`;
  throw new BadRequest(message, field ? { field } : undefined);
}

/** Keystone's names are 1..255 characters and never only whitespace. */
export const zName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((s) => s.trim().length > 0, 'must not be blank');
export const zId = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
export const zDescription = z.string().max(65535, 'is too long').nullable();
export const zEnabled = z.boolean();

/** The harmless list extensions nimbus adds to Keystone's return-everything lists (the console pages). */
export const zPage = {
  limit: z.number().int().min(1).max(1000).optional(),
  marker: z.string().optional(),
};

export interface Page<T> {
  items: T[];
  /** Id of the last item when more remain after it (next link's marker). */
  nextMarker: string | null;
}

/** Prisma arguments for name-ordered, marker-paged lists (ties broken by id for a stable order). */
export function pageArgs(input: { limit?: number | undefined; marker?: string | undefined }, orderBy: 'name' | 'id' = 'name') {
  return {
    orderBy: orderBy === 'name' ? [{ name: 'asc' as const }, { id: 'asc' as const }] : [{ id: 'asc' as const }],
    ...(input.marker ? { cursor: { id: input.marker }, skip: 1 } : {}),
    ...(input.limit ? { take: input.limit + 1 } : {}),
  };
}

export function toPage<T extends { id: string }>(rows: T[], limit: number | undefined): Page<T> {
  if (!limit || rows.length <= limit) return { items: rows, nextMarker: null };
  const items = rows.slice(0, limit);
  return { items, nextMarker: items.at(-1)?.id ?? null };
}

/** The same paging for lists assembled in memory (role assignments, inferences). */
export function pageInMemory<T>(rows: T[], key: (row: T) => string, input: { limit?: number | undefined; marker?: string | undefined }): Page<T> {
  let start = 0;
  if (input.marker) {
    const at = rows.findIndex((r) => key(r) === input.marker);
    start = at < 0 ? rows.length : at + 1;
  }
  const rest = rows.slice(start);
  if (!input.limit || rest.length <= input.limit) return { items: rest, nextMarker: null };
  const items = rest.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextMarker: last === undefined ? null : key(last) };
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

/**
 * Runs a mutation in one transaction. A unique-index violation that slipped past the explicit
 * checks (two requests racing) still answers Keystone's 409 rather than a 500.
 */
export async function inTransaction<T>(ctx: RequestContext, conflictMessage: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.$transaction((tx) => work(tx as Tx));
  } catch (e) {
    if (isNimbusError(e)) throw e;
    if (isUniqueViolation(e)) throw new Conflict(conflictMessage, { cause: e });
    throw e;
  }
}

/** Keystone's 409 wording. */
export function duplicate(type: string, detail: string): Conflict {
  return new Conflict(`Conflict occurred attempting to store ${type} - Duplicate entry found with ${detail}.`);
}

/** Keystone's JSON booleans in query strings: anything but 0/false/no/off is true. */
export function queryBoolean(value: string | null): boolean | undefined {
  if (value === null) return undefined;
  return !['0', 'false', 'no', 'off', 'n', 'f'].includes(value.trim().toLowerCase());
}

/** Attributes Keystone keeps as free-form "extra": anything a client sends that is not a column. */
export function extraOf(input: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (!known.includes(k)) out[k] = v;
  return out;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
