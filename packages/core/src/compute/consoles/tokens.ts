import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * What a console token stands for (Nova's ConsoleAuthToken): one instance, where its console is
 * reached on the node, and who asked. Only the token's SHA-256 is a key in Redis, so a leaked
 * dump of Redis opens no console.
 */
export const ConsoleTokenRecordSchema = z.object({
  instanceId: z.string(),
  projectId: z.string(),
  userId: z.string(),
  userName: z.string(),
  host: z.string(),
  port: z.number().int(),
  expires: z.iso.datetime(),
});
export type ConsoleTokenRecord = z.infer<typeof ConsoleTokenRecordSchema>;

function tokenKey(prefix: string, token: string): string {
  return `${prefix}:console-token:${createHash('sha256').update(token).digest('hex')}`;
}

/** A fresh 32-byte base64url token for `record`, gone from Redis after `ttlSeconds`. */
export async function issueConsoleToken(redis: Redis, prefix: string, record: Omit<ConsoleTokenRecord, 'expires'>, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await redis.set(tokenKey(prefix, token), JSON.stringify({ ...record, expires: expiresAt.toISOString() }), 'EX', ttlSeconds);
  return { token, expiresAt };
}

/**
 * Takes the token out of Redis (GETDEL, so two connections racing with one token cannot both
 * win) and returns its record; null when it is unknown, already used or expired.
 */
export async function consumeConsoleToken(redis: Redis, prefix: string, token: string, now = Date.now()): Promise<ConsoleTokenRecord | null> {
  if (!token) return null;
  const raw = await redis.getdel(tokenKey(prefix, token));
  if (!raw) return null;
  const parsed = ConsoleTokenRecordSchema.safeParse(JSON.parse(raw));
  if (!parsed.success || Date.parse(parsed.data.expires) <= now) return null;
  return parsed.data;
}
