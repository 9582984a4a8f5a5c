import { z } from 'zod';

/** When the fake driver's spawn fails on purpose: never, every time, the first time, or by name. */
export type FailSpawn = { kind: 'never' } | { kind: 'always' } | { kind: 'once' } | { kind: 'match'; pattern: RegExp };

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);

const FakeEnvSchema = z.object({
  FAKE_VCPUS: int(8),
  FAKE_MEMORY_MB: int(16384),
  FAKE_DISK_GB: int(200),
  /** How long a spawn takes (a real boot takes seconds; tests make it short). */
  FAKE_SPAWN_DELAY_MS: int(500),
  /** How long every other step takes. */
  FAKE_STEP_DELAY_MS: int(50),
  /** `always`, `once`, or a regular expression matched against the instance name. */
  FAKE_FAIL_SPAWN: z
    .string()
    .optional()
    .refine((v) => {
      if (!v || v === 'always' || v === 'once') return true;
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, 'always, once or a valid regular expression'),
});

export interface FakeDriverConfig {
  vcpus: number;
  memoryMb: number;
  diskGb: number;
  spawnDelayMs: number;
  stepDelayMs: number;
  failSpawn: FailSpawn;
}

function failSpawn(v: string | undefined): FailSpawn {
  if (!v) return { kind: 'never' };
  if (v === 'always' || v === 'once') return { kind: v };
  return { kind: 'match', pattern: new RegExp(v) };
}

/** The fake driver's settings from the environment; throws naming the bad variable. */
export function fakeConfigFromEnv(env: Record<string, string | undefined>): FakeDriverConfig {
  const r = FakeEnvSchema.safeParse(env);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = r.data;
  return {
    vcpus: e.FAKE_VCPUS,
    memoryMb: e.FAKE_MEMORY_MB,
    diskGb: e.FAKE_DISK_GB,
    spawnDelayMs: e.FAKE_SPAWN_DELAY_MS,
    stepDelayMs: e.FAKE_STEP_DELAY_MS,
    failSpawn: failSpawn(e.FAKE_FAIL_SPAWN),
  };
}
