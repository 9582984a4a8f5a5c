import { z } from 'zod';
import { BadRequest, Conflict, Forbidden, NotFound, newId } from '@nimbus/shared';
import type { KeyPair } from '@nimbus/db';
import { defaultLimits, keyPairUsage, lockKeyPairQuota, projectLimits } from '../quota/quotas.js';
import type { RequestContext } from '../identity/context.js';
import { requireAuth } from '../identity/context.js';
import { authorize, inTransaction, pageInMemory, parseInput, type Page } from './flavors-common.js';
import { generateSshKey, InvalidPublicKey, parsePublicKey, sshFingerprint, x509Fingerprint, type GeneratedKeyAlgorithm } from './keypairs-ssh.js';

/** What Nova generates is RSA; ed25519 is as widely accepted today (OpenSSH ≥ 6.5, cloud-init) and instant to make. */
export const GENERATED_KEY_ALGORITHM: GeneratedKeyAlgorithm = 'ed25519';

const SAFE_NAME = /^[a-zA-Z0-9_\- ]+$/;

export const ZCreateKeyPairInput = z.strictObject({
  name: z
    .string()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .refine((s) => s.trim().length > 0, 'must not be blank'),
  public_key: z.string().min(1, 'must not be empty').max(65535, 'is too long').optional(),
  type: z.enum(['ssh', 'x509']).optional(),
  user_id: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters').optional(),
});
export type CreateKeyPairInput = z.input<typeof ZCreateKeyPairInput>;

export interface CreatedKeyPair {
  keyPair: KeyPair;
  /** Only when nimbus generated the key: shown once, never stored. */
  privateKey: string | null;
}

export interface ListKeyPairsInput {
  /** Another user's key pairs (admins; microversion 2.10). */
  userId?: string | undefined;
  limit?: number | undefined;
  /** A key pair name (microversion 2.35). */
  marker?: string | undefined;
}

/** The user a call acts for: the caller, or the `user_id` an admin named (others get 403 from policy). */
function ownerOf(ctx: RequestContext, userId: string | undefined): string {
  return userId ?? requireAuth(ctx).userId;
}

function notFound(name: string, userId: string): NotFound {
  return new NotFound(`Keypair ${name} could not be found for user ${userId}`);
}

function fingerprintOf(type: 'ssh' | 'x509', publicKey: string): { publicKey: string; fingerprint: string } {
  try {
    if (type === 'x509') return { publicKey, fingerprint: x509Fingerprint(publicKey) };
    const parsed = parsePublicKey(publicKey);
    return { publicKey: parsed.line, fingerprint: sshFingerprint(parsed.blob) };
  } catch (e) {
    if (e instanceof InvalidPublicKey) throw new BadRequest(`Keypair data is invalid: failed to generate fingerprint (${e.message})`, { field: 'keypair.public_key' });
    throw e;
  }
}

export async function createKeyPair(ctx: RequestContext, rawInput: CreateKeyPairInput): Promise<CreatedKeyPair> {
  const input = parseInput(ZCreateKeyPairInput, rawInput, 'keypair');
  const userId = ownerOf(ctx, input.user_id);
  authorize(ctx.auth, 'compute:keypairs:create', { user_id: userId, project_id: ctx.auth?.projectId ?? null });
  if (!SAFE_NAME.test(input.name)) {
    throw new BadRequest('Keypair data is invalid: Keypair name contains unsafe characters', { field: 'keypair.name' });
  }
  const type = input.type ?? 'ssh';
  let material: { publicKey: string; fingerprint: string };
  let privateKey: string | null = null;
  if (input.public_key !== undefined) {
    material = fingerprintOf(type, input.public_key);
  } else {
    if (type === 'x509') throw new BadRequest('Keypair data is invalid: x509 key pairs must be imported with public_key', { field: 'keypair.public_key' });
    const generated = generateSshKey(GENERATED_KEY_ALGORITHM, 'Generated-by-Nimbus');
    material = { publicKey: generated.publicKey, fingerprint: generated.fingerprint };
    privateKey = generated.privateKey;
  }
  const projectId = ctx.auth?.projectId;
  const keyPair = await inTransaction(ctx, `Key pair '${input.name}' already exists.`, async (tx) => {
    // One creator per user at a time, so N concurrent creates (generated or imported) against
    // quota Q accept exactly Q.
    await lockKeyPairQuota(tx, userId);
    if (await tx.keyPair.findUnique({ where: { userId_name: { userId, name: input.name } } })) {
      throw new Conflict(`Key pair '${input.name}' already exists.`);
    }
    // Nova's `key_pairs`: counted per user, limited by the caller's project (or the defaults).
    const limit = (projectId ? await projectLimits(tx, projectId) : await defaultLimits(tx)).key_pairs;
    if (limit >= 0 && (await keyPairUsage(tx, userId)) >= limit) throw new Forbidden('Quota exceeded, too many key pairs.');
    return tx.keyPair.create({ data: { id: newId(), userId, name: input.name, type, ...material } });
  });
  return { keyPair, privateKey };
}

export async function listKeyPairs(ctx: RequestContext, input: ListKeyPairsInput = {}): Promise<Page<KeyPair>> {
  const userId = ownerOf(ctx, input.userId);
  authorize(ctx.auth, 'compute:keypairs:list', { user_id: userId, project_id: ctx.auth?.projectId ?? null });
  const rows = await ctx.db.keyPair.findMany({ where: { userId }, orderBy: [{ name: 'asc' }] });
  if (input.marker !== undefined && !rows.some((r) => r.name === input.marker)) throw new BadRequest(`marker [${input.marker}] not found`, { field: 'marker' });
  return pageInMemory(rows, (r) => r.name, input);
}

export async function getKeyPair(ctx: RequestContext, name: string, ownerId?: string): Promise<KeyPair> {
  const userId = ownerOf(ctx, ownerId);
  authorize(ctx.auth, 'compute:keypairs:show', { user_id: userId, project_id: ctx.auth?.projectId ?? null });
  const row = await ctx.db.keyPair.findUnique({ where: { userId_name: { userId, name } } });
  if (!row) throw notFound(name, userId);
  return row;
}

export async function deleteKeyPair(ctx: RequestContext, name: string, ownerId?: string): Promise<void> {
  const userId = ownerOf(ctx, ownerId);
  authorize(ctx.auth, 'compute:keypairs:delete', { user_id: userId, project_id: ctx.auth?.projectId ?? null });
  const { count } = await ctx.db.keyPair.deleteMany({ where: { userId, name } });
  if (count === 0) throw notFound(name, userId);
}
