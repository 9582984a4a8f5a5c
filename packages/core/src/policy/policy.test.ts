import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Forbidden, NotFound } from '@nimbus/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyCredentials } from './credentials.js';
import { defaultPolicyFile } from './policy-file.js';
import { Policy, type PolicyLogger } from './policy.js';

const demo: PolicyCredentials = { userId: 'u-demo', projectId: 'p-demo', roles: ['member', 'reader'] };
const admin: PolicyCredentials = { userId: 'u-admin', projectId: 'p-admin', roles: ['admin', 'member', 'reader'] };

function recordingLogger() {
  const lines: Array<{ level: string; msg: string; obj: object }> = [];
  const logger: PolicyLogger = {
    error: (obj, msg) => lines.push({ level: 'error', msg, obj }),
    warn: (obj, msg) => lines.push({ level: 'warn', msg, obj }),
    info: (obj, msg) => lines.push({ level: 'info', msg, obj }),
  };
  return { logger, lines };
}

let dir: string;
let clock: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nimbus-policy-'));
  clock = 1_000_000;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes and pushes mtime forward, so a same-size rewrite within one tick is still seen. */
let bump = 0;
function write(file: string, contents: string): void {
  writeFileSync(file, contents);
  bump += 10;
  const t = new Date(Date.now() + bump * 1000);
  utimesSync(file, t, t);
}

function policyWith(file: string | null) {
  const { logger, lines } = recordingLogger();
  const policy = new Policy({ file, logger, now: () => clock });
  return { policy, lines };
}

describe('Policy with the defaults in code', () => {
  const { policy } = policyWith(null);

  it('authorize throws Forbidden naming the rule; can says false', () => {
    expect(() => policy.authorize(demo, 'identity:list_users')).toThrow(Forbidden);
    expect(() => policy.authorize(demo, 'identity:list_users')).toThrow(
      'You are not authorized to perform the requested action: identity:list_users.',
    );
    expect(policy.can(demo, 'identity:list_users')).toBe(false);
    expect(policy.can(admin, 'identity:list_users')).toBe(true);
    expect(() => policy.authorize(admin, 'identity:list_users')).not.toThrow();
  });

  it('authorize can deny as NotFound, so other projects stay invisible', () => {
    const other = { project_id: 'p-other' };
    expect(() => policy.authorize(demo, 'compute:servers:show', other, { notFound: 'Instance x could not be found.' })).toThrow(NotFound);
    expect(() => policy.authorize(demo, 'compute:servers:show', { project_id: 'p-demo' }, { notFound: 'x' })).not.toThrow();
  });

  it('an unknown rule falls back to "default" (admin only)', () => {
    expect(policy.can(demo, 'identity:no_such_thing')).toBe(false);
    expect(policy.can(admin, 'identity:no_such_thing')).toBe(true);
    expect(policy.ruleText('identity:no_such_thing')).toBeUndefined();
  });

  it('reports the effective rule text', () => {
    expect(policy.ruleText('project_member')).toBe('role:member and project_id:%(project_id)s');
    expect(policy.isOverridden('project_member')).toBe(false);
  });

  it('refuses defaults that are broken, duplicated or cyclic', () => {
    const d = (name: string, checkStr: string) => ({ name, checkStr, description: '' });
    expect(() => new Policy({ file: null, defaults: [d('a', 'role:')] })).toThrow(/policy rule "a"/);
    expect(() => new Policy({ file: null, defaults: [d('a', '@'), d('a', '!')] })).toThrow(/defined twice/);
    expect(() => new Policy({ file: null, defaults: [d('a', 'rule:b'), d('b', 'rule:a')] })).toThrow(/cycle: a → b → a/);
  });
});

describe('Policy override file', () => {
  it('applies YAML overrides and re-reads the file when it changes, at most once per interval', () => {
    const file = join(dir, 'policy.yaml');
    write(file, '"identity:list_users": "role:member"\n');
    const { policy, lines } = policyWith(file);
    expect(policy.can(demo, 'identity:list_users')).toBe(true);
    expect(policy.isOverridden('identity:list_users')).toBe(true);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', msg: 'policy file loaded' }));

    write(file, '"identity:list_users": "role:nobody"\n');
    clock += 500;
    expect(policy.can(demo, 'identity:list_users')).toBe(true); // not looked at yet
    clock += 500;
    expect(policy.can(demo, 'identity:list_users')).toBe(false);

    // same size, new mtime
    write(file, '"identity:list_users": "role:reader"\n');
    clock += 1000;
    expect(policy.can(demo, 'identity:list_users')).toBe(true);
  });

  it('keeps the last good rules when the file turns malformed, and logs why', () => {
    const file = join(dir, 'policy.yaml');
    write(file, 'identity:get_user: "@"\n');
    const { policy, lines } = policyWith(file);
    expect(policy.can(demo, 'identity:get_user', { target: { user: { id: 'someone' } } })).toBe(true);

    for (const broken of ['identity:get_user: "role:a and"\nother: "(("\n', 'identity:get_user: [unclosed\n', '- not a mapping\n', 'x: 42\n']) {
      write(file, broken);
      clock += 1000;
      expect(policy.can(demo, 'identity:get_user', { target: { user: { id: 'someone' } } })).toBe(true);
      expect(lines.at(-1)).toMatchObject({ level: 'error', msg: 'policy file rejected; keeping the previous rules' });
    }
    const first = lines.find((l) => l.level === 'error')?.obj as { err: Error };
    expect(first.err.message).toMatch(/policy rule "identity:get_user": expected a check after "and".*policy rule "other"/);

    write(file, 'identity:get_user: "!"\n');
    clock += 1000;
    expect(policy.can(admin, 'identity:get_user', { target: { user: { id: 'u-admin' } } })).toBe(false);
  });

  it('rejects overrides that make rule references cyclic', () => {
    const file = join(dir, 'policy.yaml');
    write(file, 'admin_required: "rule:cloud_admin"\ncloud_admin: "rule:admin_required"\n');
    const { policy, lines } = policyWith(file);
    expect(lines.at(-1)?.level).toBe('error');
    expect((lines.at(-1)?.obj as { err: Error }).err.message).toMatch(/cycle/);
    expect(policy.can(admin, 'identity:list_users')).toBe(true);
  });

  it('starts with the defaults when the first file is malformed', () => {
    const file = join(dir, 'policy.yaml');
    write(file, 'identity:list_users: "role:"\n');
    const { policy, lines } = policyWith(file);
    expect(lines.at(-1)?.level).toBe('error');
    expect(policy.can(admin, 'identity:list_users')).toBe(true);
    expect(policy.can(demo, 'identity:list_users')).toBe(false);
  });

  it('accepts policy.json with list-of-lists rules and an empty (comments only) file', () => {
    const json = join(dir, 'policy.json');
    write(json, JSON.stringify({ 'identity:list_users': [['role:member', 'project_id:p-demo']], default: '@' }));
    const { policy } = policyWith(json);
    expect(policy.can(demo, 'identity:list_users')).toBe(true);
    expect(policy.can({ ...demo, projectId: 'p-x' }, 'identity:list_users')).toBe(false);
    expect(policy.can(demo, 'something:unknown')).toBe(true);

    const yaml = join(dir, 'empty.yaml');
    write(yaml, '# only comments\n#"identity:list_users": "@"\n');
    expect(policyWith(yaml).policy.can(demo, 'identity:list_users')).toBe(false);
  });

  it('goes back to the defaults when the file is removed, and picks it up when it appears', () => {
    const file = join(dir, 'policy.yaml');
    const { policy, lines } = policyWith(file);
    expect(policy.can(demo, 'identity:list_users')).toBe(false);
    write(file, 'identity:list_users: "@"\n');
    clock += 1000;
    expect(policy.can(demo, 'identity:list_users')).toBe(true);
    unlinkSync(file);
    clock += 1000;
    expect(policy.can(demo, 'identity:list_users')).toBe(false);
    expect(lines.at(-1)).toMatchObject({ level: 'warn' });
  });

  it('reload() looks at the file now', () => {
    const file = join(dir, 'policy.yaml');
    const { policy } = policyWith(file);
    write(file, 'identity:list_users: "@"\n');
    policy.reload();
    expect(policy.can(demo, 'identity:list_users')).toBe(true);
  });
});

describe('defaultPolicyFile', () => {
  it('uses NIMBUS_POLICY_FILE, else the nearest etc/policy.yaml or etc/policy.json upwards', () => {
    expect(defaultPolicyFile({ NIMBUS_POLICY_FILE: '/x/p.json' }, dir)).toBe('/x/p.json');
    const nested = join(dir, 'apps', 'web');
    mkdirSync(nested, { recursive: true });
    mkdirSync(join(dir, 'etc'));
    expect(defaultPolicyFile({}, nested)).toBe(join(nested, 'etc', 'policy.yaml'));
    writeFileSync(join(dir, 'etc', 'policy.json'), '{}');
    expect(defaultPolicyFile({}, nested)).toBe(join(dir, 'etc', 'policy.json'));
    writeFileSync(join(dir, 'etc', 'policy.yaml'), '');
    expect(defaultPolicyFile({}, nested)).toBe(join(dir, 'etc', 'policy.yaml'));
  });
});
