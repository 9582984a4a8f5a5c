import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at the OWASP Password Storage Cheat Sheet's first recommended setting
 * (m = 19 MiB, t = 2, p = 1). Printed by bench/identity, so a change shows in the figures.
 */
export const PASSWORD_HASH_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS);
}

export async function verifyPassword(encoded: string | null | undefined, password: string): Promise<boolean> {
  if (!encoded) return false;
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}
