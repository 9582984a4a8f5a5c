import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@nimbus/db';

export interface TokenKeyMaterial {
  kid: string;
  key: Uint8Array;
  primary: boolean;
}

/** Keys a token may be decrypted with; the primary one encrypts new tokens. */
export interface TokenKeyRing {
  primary: TokenKeyMaterial;
  byKid: Map<string, TokenKeyMaterial>;
}

function toMaterial(row: { kid: string; material: string; primary: boolean }): TokenKeyMaterial {
  return { kid: row.kid, key: Buffer.from(row.material, 'base64url'), primary: row.primary };
}

function newKid(): string {
  return randomBytes(6).toString('base64url');
}

/** Loads the ring, creating the first primary key on a fresh database. */
export async function loadKeyRing(db: PrismaClient): Promise<TokenKeyRing> {
  let rows = await db.tokenKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
  if (!rows.some((r) => r.primary)) {
    // Two processes may race here on a fresh database; the advisory lock keeps it to one key.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(727001)');
      const existing = await tx.tokenKey.findFirst({ where: { primary: true, retiredAt: null } });
      if (!existing) {
        await tx.tokenKey.create({
          data: { kid: newKid(), material: randomBytes(32).toString('base64url'), primary: true },
        });
      }
    });
    rows = await db.tokenKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
  }
  const materials = rows.map(toMaterial);
  const primary = materials.find((m) => m.primary);
  if (!primary) throw new Error('token key ring has no primary key');
  return { primary, byKid: new Map(materials.map((m) => [m.kid, m])) };
}

/**
 * Rotation like Keystone's fernet rotation: a new primary key encrypts from now on; older keys
 * keep decrypting until `keep` newer ones exist (default 3, which outlives a token lifetime when
 * rotating daily), then they are retired and tokens made with them stop validating.
 */
export async function rotateKeys(db: PrismaClient, keep = 3): Promise<string> {
  const kid = newKid();
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(727001)');
    await tx.tokenKey.updateMany({ where: { primary: true }, data: { primary: false } });
    await tx.tokenKey.create({ data: { kid, material: randomBytes(32).toString('base64url'), primary: true } });
    const live = await tx.tokenKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
    const retire = live.slice(keep).map((k) => k.kid);
    if (retire.length > 0) {
      await tx.tokenKey.updateMany({ where: { kid: { in: retire } }, data: { retiredAt: new Date() } });
    }
  });
  return kid;
}
