import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The stack under test; scripts/test.sh points this at the stack it started. */
export const NIMBUS_URL = (process.env.NIMBUS_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** OS_* variables as `source openrc <user> <project>` would set them. */
export function openrcEnv(user: string, project: string, password: string): Record<string, string> {
  return {
    OS_AUTH_URL: `${NIMBUS_URL}/identity`,
    OS_IDENTITY_API_VERSION: '3',
    OS_USERNAME: user,
    OS_PASSWORD: password,
    OS_PROJECT_NAME: project,
    OS_USER_DOMAIN_ID: 'default',
    OS_PROJECT_DOMAIN_ID: 'default',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'public',
  };
}

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OS_') && v !== undefined) env[k] = v;
  return env;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs the real `openstack` client; never throws on a non-zero exit (tests assert on `code`). */
export async function openstack(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('openstack', args, { env: { ...cleanEnv(), ...env }, timeout: 60_000 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: typeof err.code === 'number' ? err.code : 1 };
  }
}

/** `openstack ... -f json`, parsed; fails the test with the client's stderr when it exits non-zero. */
export async function openstackJson<T = unknown>(env: Record<string, string>, ...args: string[]): Promise<T> {
  const res = await openstack(env, ...args, '-f', 'json');
  if (res.code !== 0) throw new Error(`openstack ${args.join(' ')} exited ${res.code}: ${res.stderr.trim()}`);
  return JSON.parse(res.stdout) as T;
}
