import { randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import type { TokenKeyRing } from './token-keys.js';

/**
 * What a token carries. Like Keystone's fernet payloads it holds identifiers only: names, roles
 * and the catalog are looked up at validation, so a change of roles shows on the next request.
 */
export interface TokenPayload {
  userId: string;
  methods: string[];
  projectId?: string;
  domainId?: string;
  /** The token's own audit id first, then the one of the token it was re-scoped from. */
  auditIds: string[];
  issuedAt: Date;
  expiresAt: Date;
  applicationCredentialId?: string;
}

interface WireClaims {
  u: string;
  m: string[];
  p?: string;
  d?: string;
  a: string[];
  i: number;
  e: number;
  c?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function newAuditId(): string {
  return randomBytes(16).toString('base64url');
}

/** Encrypts (AES-256-GCM, JWE compact, `kid` names the key) so the payload is neither readable nor forgeable. */
export async function encodeToken(payload: TokenPayload, ring: TokenKeyRing): Promise<string> {
  const claims: WireClaims = {
    u: payload.userId,
    m: payload.methods,
    a: payload.auditIds,
    i: payload.issuedAt.getTime(),
    e: payload.expiresAt.getTime(),
  };
  if (payload.projectId) claims.p = payload.projectId;
  if (payload.domainId) claims.d = payload.domainId;
  if (payload.applicationCredentialId) claims.c = payload.applicationCredentialId;
  return new CompactEncrypt(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: ring.primary.kid })
    .encrypt(ring.primary.key);
}

/** Null for anything that is not a token made with a live key: callers answer 404/401 alike. */
export async function decodeToken(token: string, ring: TokenKeyRing): Promise<TokenPayload | null> {
  if (token.length > 4096 || token.split('.').length !== 5) return null;
  try {
    const { kid } = decodeProtectedHeader(token);
    const material = kid ? ring.byKid.get(kid) : undefined;
    if (!material) return null;
    const { plaintext } = await compactDecrypt(token, material.key);
    const c = JSON.parse(decoder.decode(plaintext)) as WireClaims;
    const payload: TokenPayload = {
      userId: c.u,
      methods: c.m,
      auditIds: c.a,
      issuedAt: new Date(c.i),
      expiresAt: new Date(c.e),
    };
    if (c.p) payload.projectId = c.p;
    if (c.d) payload.domainId = c.d;
    if (c.c) payload.applicationCredentialId = c.c;
    return payload;
  } catch {
    return null;
  }
}
