import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSshKey, InvalidPublicKey, parsePublicKey, sshFingerprint } from './keypairs-ssh.js';

const dir = mkdtempSync(join(tmpdir(), 'nimbus-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sshKeygen(...args: string[]): string {
  return execFileSync('ssh-keygen', args, { encoding: 'utf8' });
}

describe.each(['ed25519', 'rsa'] as const)('generated %s keys', (algorithm) => {
  const key = generateSshKey(algorithm, 'Generated-by-Nimbus');
  const file = join(dir, `id_${algorithm}`);
  writeFileSync(file, key.privateKey, { mode: 0o600 });

  it('are read by ssh-keygen, which derives the same public key from the private one', () => {
    expect(key.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
    const derived = sshKeygen('-y', '-f', file).trim().split(' ').slice(0, 2).join(' ');
    expect(derived).toBe(key.publicKey.split(' ').slice(0, 2).join(' '));
  });

  it('carry the MD5 fingerprint ssh-keygen prints', () => {
    const pub = join(dir, `id_${algorithm}.pub`);
    writeFileSync(pub, `${key.publicKey}\n`);
    expect(sshKeygen('-l', '-E', 'md5', '-f', pub)).toContain(`MD5:${key.fingerprint}`);
    expect(key.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });

  it('parse back as valid public keys', () => {
    const parsed = parsePublicKey(key.publicKey);
    expect(sshFingerprint(parsed.blob)).toBe(key.fingerprint);
  });
});

describe('parsePublicKey', () => {
  it('accepts keys made by ssh-keygen, with or without a comment', () => {
    for (const type of ['ed25519', 'rsa', 'ecdsa']) {
      const file = join(dir, `kg_${type}`);
      sshKeygen('-q', '-t', type, '-N', '', '-C', 'me@host', '-f', file);
      const line = execFileSync('cat', [`${file}.pub`], { encoding: 'utf8' });
      expect(parsePublicKey(line).line).toBe(line.trim());
      expect(parsePublicKey(line.split(' ').slice(0, 2).join(' ')).type).toBe(line.split(' ')[0]);
    }
  });

  it('refuses garbage, mismatched types, truncated and short keys', () => {
    const good = generateSshKey('ed25519', 'c').publicKey;
    const [, b64] = good.split(' ');
    const bad = [
      '',
      'hello',
      `ssh-rsa ${b64}`,
      `ssh-ed25519 ${Buffer.from(b64 as string, 'base64').subarray(0, 30).toString('base64')}`,
      `ssh-ed25519 ${Buffer.concat([Buffer.from(b64 as string, 'base64'), Buffer.from([0])]).toString('base64')}`,
      'ssh-ed25519 !!!notbase64',
      `ssh-dss ${b64}`,
    ];
    for (const text of bad) expect(() => parsePublicKey(text), text).toThrow(InvalidPublicKey);
  });
});
