import type { KeyPair } from '@nimbus/db';
import { BadRequest } from '@nimbus/shared';
import { createKeyPair, deleteKeyPair, getKeyPair, listKeyPairs, type CreateKeyPairInput, type ListKeyPairsInput } from '@nimbus/core/compute/keypairs';
import type { RestRequest, RouteDef } from '../router';
import { member, param } from '../identity/resources/http';
import { nextLinks, queryInt } from './flavors';
import { versioned, type Microversion } from './microversion';

/** Nova's timestamps: ISO 8601 without a zone suffix. */
export function novaTime(d: Date | null | undefined): string | null {
  return d ? d.toISOString().replace('Z', '') : null;
}

function base(k: KeyPair, v: Microversion) {
  return {
    name: k.name,
    public_key: k.publicKey,
    fingerprint: k.fingerprint,
    ...(v.atLeast('2.2') ? { type: k.type } : {}),
  };
}

function detail(k: KeyPair, v: Microversion) {
  return {
    ...base(k, v),
    user_id: k.userId,
    id: k.id,
    created_at: novaTime(k.createdAt),
    updated_at: null,
    deleted: false,
    deleted_at: null,
  };
}

/** `user_id` in queries is honoured from 2.10 on (admins; policy refuses others). */
function ownerQuery(req: RestRequest, v: Microversion): string | undefined {
  return v.atLeast('2.10') ? (req.query.get('user_id') ?? undefined) : undefined;
}

function listInput(req: RestRequest, v: Microversion): ListKeyPairsInput {
  const input: ListKeyPairsInput = { userId: ownerQuery(req, v) };
  if (v.atLeast('2.35')) {
    const limit = queryInt(req, 'limit', 0, (x) => `Invalid input for query parameters limit. Value: ${x}. '${x}' does not match '^[0-9]*$'`);
    if (limit !== undefined) input.limit = Math.min(Math.max(limit, 1), 1000);
    input.marker = req.query.get('marker') ?? undefined;
  }
  return input;
}

/** Fields a microversion does not know yet are refused like any unknown property. */
function refuseNewer(input: object, v: Microversion): void {
  for (const [field, since] of [['type', '2.2'], ['user_id', '2.10']] as const) {
    if (field in input && !v.atLeast(since)) {
      throw new BadRequest(`Invalid input for field 'keypair': Additional properties are not allowed ('${field}' was unexpected)`, { field: `keypair.${field}` });
    }
  }
}

export const keypairRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v2.1/os-keypairs',
    handler: versioned(async (req, v) => {
      const page = await listKeyPairs(req.ctx, listInput(req, v));
      return { status: 200, body: { keypairs: page.items.map((k) => ({ keypair: base(k, v) })), ...nextLinks(req, 'keypairs', page.nextMarker) } };
    }),
  },
  {
    method: 'POST',
    path: '/v2.1/os-keypairs',
    handler: versioned(async (req, v) => {
      const input = await member<CreateKeyPairInput>(req, 'keypair');
      refuseNewer(input, v);
      const { keyPair, privateKey } = await createKeyPair(req.ctx, input);
      const body = { ...base(keyPair, v), user_id: keyPair.userId, ...(privateKey !== null ? { private_key: privateKey } : {}) };
      return { status: v.atLeast('2.2') ? 201 : 200, body: { keypair: body } };
    }),
  },
  {
    method: 'GET',
    path: '/v2.1/os-keypairs/:keypair_name',
    handler: versioned(async (req, v) => ({ status: 200, body: { keypair: detail(await getKeyPair(req.ctx, param(req, 'keypair_name'), ownerQuery(req, v)), v) } })),
  },
  {
    method: 'DELETE',
    path: '/v2.1/os-keypairs/:keypair_name',
    handler: versioned(async (req, v) => {
      await deleteKeyPair(req.ctx, param(req, 'keypair_name'), ownerQuery(req, v));
      return { status: v.atLeast('2.2') ? 204 : 202 };
    }),
  },
];
