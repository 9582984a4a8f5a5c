import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';

/**
 * SSH key material without a dependency: the RFC 4253 wire encoding of public keys, MD5
 * fingerprints as Nova prints them, and private keys in OpenSSH's own format
 * (`-----BEGIN OPENSSH PRIVATE KEY-----`, unencrypted), which `ssh` and `ssh-keygen -y` read.
 */

export type GeneratedKeyAlgorithm = 'ed25519' | 'rsa';

export interface ParsedPublicKey {
  /** `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`, ... */
  type: string;
  blob: Buffer;
  /** The canonical one-line form: type, base64 blob and the comment when there was one. */
  line: string;
}

export class InvalidPublicKey extends Error {}

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

/** A positive multiple-precision integer: big-endian, a leading zero when the top bit is set. */
function sshMpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length && unsigned[i] === 0) i++;
  let body = unsigned.subarray(i);
  if (body.length > 0 && (body[0] as number) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return sshString(body);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  string(): Buffer {
    if (this.pos + 4 > this.buf.length) throw new InvalidPublicKey('truncated key data');
    const len = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    if (this.pos + len > this.buf.length) throw new InvalidPublicKey('truncated key data');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  done(): boolean {
    return this.pos === this.buf.length;
  }
}

function bitLength(unsigned: Buffer): number {
  const first = unsigned.findIndex((b) => b !== 0);
  if (first < 0) return 0;
  return (unsigned.length - first - 1) * 8 + (32 - Math.clz32(unsigned[first] as number));
}

const ECDSA_POINT_BYTES: Record<string, number> = { nistp256: 65, nistp384: 97, nistp521: 133 };

/** Parses and checks `ssh-ed25519 AAAA... comment` (also ssh-rsa and ecdsa-sha2-nistp*). */
export function parsePublicKey(text: string): ParsedPublicKey {
  const parts = text.trim().split(/\s+/);
  const [type, b64] = parts;
  if (!type || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new InvalidPublicKey('not an OpenSSH public key line');
  const blob = Buffer.from(b64, 'base64');
  const r = new Reader(blob);
  if (r.string().toString('latin1') !== type) throw new InvalidPublicKey('the key type does not match the key data');
  if (type === 'ssh-ed25519') {
    if (r.string().length !== 32) throw new InvalidPublicKey('an ed25519 key is 32 bytes');
  } else if (type === 'ssh-rsa') {
    const e = r.string();
    const n = r.string();
    if (e.length === 0 || bitLength(n) < 1024) throw new InvalidPublicKey('an RSA key needs at least 1024 bits');
  } else if (type.startsWith('ecdsa-sha2-')) {
    const curve = type.slice('ecdsa-sha2-'.length);
    if (r.string().toString('latin1') !== curve || r.string().length !== ECDSA_POINT_BYTES[curve]) throw new InvalidPublicKey('bad ECDSA key');
  } else {
    throw new InvalidPublicKey(`unsupported key type ${type}`);
  }
  if (!r.done()) throw new InvalidPublicKey('trailing bytes after the key');
  return { type, blob, line: parts.slice(0, 3).join(' ') };
}

function colonHex(digest: Buffer): string {
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Nova's fingerprint of an SSH key: MD5 of the key blob, colon-separated lowercase hex. */
export function sshFingerprint(blob: Buffer): string {
  return colonHex(createHash('md5').update(blob).digest());
}

/** Nova's fingerprint of an x509 certificate: SHA-1 of its DER, colon-separated lowercase hex. */
export function x509Fingerprint(pem: string): string {
  try {
    return new X509Certificate(pem).fingerprint.toLowerCase();
  } catch {
    throw new InvalidPublicKey('not a PEM x509 certificate');
  }
}

function b64url(s: string | undefined): Buffer {
  if (!s) throw new Error('key export lacks a component');
  return Buffer.from(s, 'base64url');
}

function opensshPrivateKey(publicBlob: Buffer, privateFields: Buffer[], comment: string): string {
  const check = randomBytes(4);
  let section = Buffer.concat([check, check, ...privateFields, sshString(comment)]);
  const pad = (8 - (section.length % 8)) % 8;
  section = Buffer.concat([section, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(section),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

export interface GeneratedKey {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
}

/** A fresh key pair: the private half in OpenSSH format, the public half as one line. */
export function generateSshKey(algorithm: GeneratedKeyAlgorithm, comment: string): GeneratedKey {
  if (algorithm === 'ed25519') {
    const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const pub = b64url(jwk.x);
    const seed = b64url(jwk.d);
    const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
    return {
      publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
      privateKey: opensshPrivateKey(blob, [sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub]))], comment),
      fingerprint: sshFingerprint(blob),
    };
  }
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const [n, e, d, p, q, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.qi].map(b64url) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const blob = Buffer.concat([sshString('ssh-rsa'), sshMpint(e), sshMpint(n)]);
  return {
    publicKey: `ssh-rsa ${blob.toString('base64')} ${comment}`,
    // OpenSSH's order: n, e, d, iqmp (= q⁻¹ mod p, JWK's qi), p, q.
    privateKey: opensshPrivateKey(blob, [sshString('ssh-rsa'), sshMpint(n), sshMpint(e), sshMpint(d), sshMpint(qi), sshMpint(p), sshMpint(q)], comment),
    fingerprint: sshFingerprint(blob),
  };
}
