import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@nimbus/db';
import { NotFound } from '@nimbus/shared';

/** What an instance learns about itself (Nova's `InstanceMetadata`), for one instance. */
export interface InstanceMetadata {
  metaData: Record<string, unknown>;
  /** Base64-decoded user data, when the instance has any. */
  userData?: Buffer;
}

/** Nova's `sanitize_hostname`: what a display name becomes when the instance has no hostname yet. */
export function sanitizeHostname(name: string, instanceId: string): string {
  const host = name
    .toLowerCase()
    .replace(/[ _.]/g, '-')
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 63)
    .replace(/[.-]+$/, '');
  return host || `server-${instanceId}`;
}

/** Nova's key types: a PEM certificate is an x509 key pair, everything else ssh. */
function keyType(data: string): 'ssh' | 'x509' {
  return data.trimStart().startsWith('-----BEGIN CERTIFICATE-----') ? 'x509' : 'ssh';
}

/**
 * The public key the instance was booted with: the copy taken at boot (`keyData`), or — for an
 * instance created before server create recorded it — the owner's key pair of that name now.
 */
async function bootKey(db: PrismaClient, inst: { userId: string; keyName: string | null; keyData: string | null }): Promise<string | null> {
  if (!inst.keyName) return null;
  if (inst.keyData) return inst.keyData;
  const pair = await db.keyPair.findUnique({ where: { userId_name: { userId: inst.userId, name: inst.keyName } }, select: { publicKey: true } });
  return pair?.publicKey ?? null;
}

/** `meta_data.json` and user data of a live instance; NotFound for an unknown or deleted one. */
export async function instanceMetadata(db: PrismaClient, instanceId: string): Promise<InstanceMetadata> {
  const inst = await db.instance.findFirst({ where: { id: instanceId, deletedAt: null }, include: { node: { select: { availabilityZone: true } } } });
  if (!inst) throw new NotFound(`Instance ${instanceId} could not be found.`);
  const key = await bootKey(db, inst);
  const keys = key && inst.keyName ? [{ name: inst.keyName, type: keyType(key), data: key }] : [];
  const metaData = {
    uuid: inst.id,
    name: inst.name,
    hostname: inst.hostname ?? sanitizeHostname(inst.name, inst.id),
    launch_index: inst.launchIndex,
    availability_zone: inst.availabilityZone ?? inst.node?.availabilityZone ?? 'nova',
    project_id: inst.projectId,
    meta: inst.metadata ?? {},
    public_keys: Object.fromEntries(keys.map((k) => [k.name, k.data])),
    keys,
    // Nova hands every guest fresh entropy; cloud-init seeds /dev/urandom with it.
    random_seed: randomBytes(512).toString('base64'),
    devices: [],
  };
  return { metaData, ...(inst.userData ? { userData: Buffer.from(inst.userData, 'base64') } : {}) };
}
