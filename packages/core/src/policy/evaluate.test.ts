import { describe, expect, it } from 'vitest';
import type { PolicyNode } from './ast.js';
import { evaluate, lookupTarget, type PolicyCreds, type PolicyTarget } from './evaluate.js';
import { parseRule } from './parser.js';

const named: Record<string, string> = {
  admin_required: 'role:admin',
  owner: 'user_id:%(user_id)s',
  admin_or_owner: 'rule:admin_required or rule:owner',
  loop_a: 'rule:loop_b',
  loop_b: 'rule:loop_a or role:never',
};
const resolve = (name: string): PolicyNode | undefined => (named[name] === undefined ? undefined : parseRule(named[name], name));

function check(rule: string, creds: PolicyCreds, target: PolicyTarget = {}): boolean {
  return evaluate(parseRule(rule, 'test'), { target, creds, resolve });
}

const alice = { user_id: 'alice', project_id: 'p1', domain_id: 'default', roles: ['member', 'reader'], is_admin: false };
const admin = { user_id: 'root', project_id: 'admin', roles: ['admin', 'member', 'reader'], is_admin: false };
const unscoped = { user_id: 'alice', roles: [] };

describe('evaluation table', () => {
  it.each<[string, PolicyCreds, PolicyTarget, boolean]>([
    // constants
    ['@', unscoped, {}, true],
    ['', unscoped, {}, true],
    ['!', admin, {}, false],
    // roles: case-insensitive both ways, need a roles list
    ['role:member', alice, {}, true],
    ['role:MEMBER', alice, {}, true],
    ['role:member', { ...alice, roles: ['Member'] }, {}, true],
    ['role:admin', alice, {}, false],
    ['role:admin', { user_id: 'x' }, {}, false],
    ['role:admin', { user_id: 'x', roles: 'admin' }, {}, false],
    ['role:%(wanted)s', alice, { wanted: 'Reader' }, true],
    ['role:%(wanted)s', alice, {}, false],
    // generic checks: credential attribute vs target substitution
    ['project_id:%(project_id)s', alice, { project_id: 'p1' }, true],
    ['project_id:%(project_id)s', alice, { project_id: 'p2' }, false],
    ['project_id:%(project_id)s', alice, {}, false],
    ['project_id:%(project_id)s', alice, { project_id: null }, false],
    ['project_id:%(project_id)s', unscoped, { project_id: 'p1' }, false],
    // an unscoped token never matches a target without a project (oslo would compare "None" == "None")
    ['project_id:%(project_id)s', { ...unscoped, project_id: null }, { project_id: null }, false],
    // dotted target keys: flat (Keystone's flattened targets) or nested
    ['user_id:%(target.user.id)s', alice, { 'target.user.id': 'alice' }, true],
    ['user_id:%(target.user.id)s', alice, { target: { user: { id: 'alice' } } }, true],
    ['user_id:%(target.user.id)s', alice, { target: { user: { id: 'bob' } } }, false],
    ['user_id:%(target.user.id)s', alice, { target: { user: {} } }, false],
    ['user_id:%(target.user.id)s', alice, { target: 'alice' }, false],
    ['domain_id:%(target.project.domain_id)s', alice, { target: { project: { domain_id: 'default' } } }, true],
    // prototype keys are not target data
    ['user_id:%(constructor)s', alice, {}, false],
    ['constructor:%(x)s', alice, { x: 'function Object() { [native code] }' }, false],
    // dotted credential paths, lists match any element
    ['token.project.id:%(project_id)s', { token: { project: { id: 'p1' } } }, { project_id: 'p1' }, true],
    ['token.project.id:%(project_id)s', { token: { project: {} } }, { project_id: 'p1' }, false],
    ['groups.id:g2', { groups: [{ id: 'g1' }, { id: 'g2' }] }, {}, true],
    ['groups.id:g3', { groups: [{ id: 'g1' }, { id: 'g2' }] }, {}, false],
    ['roles:member', alice, {}, true],
    // literals on the right side, booleans and numbers as Python prints them
    ['project_id:p1', alice, {}, true],
    ["project_id:'p1'", alice, {}, true],
    ['is_admin:True', alice, {}, false],
    ['is_admin:False', alice, {}, true],
    ['is_admin:True', { is_admin: true }, {}, true],
    ['is_admin:1', { is_admin: true }, {}, false],
    ['level:20', { level: 20 }, {}, true],
    ['is_admin:True', { user_id: 'x' }, {}, false],
    // literals on the left side compare against the substituted target value
    ['True:%(user.enabled)s', alice, { user: { enabled: true } }, true],
    ['True:%(user.enabled)s', alice, { user: { enabled: false } }, false],
    ["'Member':%(role.name)s", alice, { role: { name: 'Member' } }, true],
    ["'Member':%(role.name)s", alice, { role: { name: 'member' } }, false],
    ["'Member':%(role.name)s", alice, {}, false],
    // templates with several holes; a non-scalar value is not comparable
    ['user_id:%(a)s%(b)s', alice, { a: 'ali', b: 'ce' }, true],
    ['user_id:%(a)s', alice, { a: ['alice'] }, false],
    // rule references, unknown references deny, cycles deny instead of recursing
    ['rule:admin_or_owner', alice, { user_id: 'alice' }, true],
    ['rule:admin_or_owner', alice, { user_id: 'bob' }, false],
    ['rule:admin_or_owner', admin, { user_id: 'bob' }, true],
    ['rule:no_such_rule', admin, {}, false],
    ['rule:loop_a', admin, {}, false],
    ['rule:loop_a or role:admin', admin, {}, true],
    // operators
    ['role:member and project_id:%(project_id)s', alice, { project_id: 'p1' }, true],
    ['role:member and project_id:%(project_id)s', alice, { project_id: 'p2' }, false],
    ['role:admin or project_id:%(project_id)s', alice, { project_id: 'p1' }, true],
    ['role:admin or project_id:%(project_id)s', alice, { project_id: 'p2' }, false],
    ['not role:admin', alice, {}, true],
    ['not role:member', alice, {}, false],
    ['not not role:member', alice, {}, true],
    // precedence: and binds tighter than or, not tighter than and
    ['role:admin or role:member and role:nope', alice, {}, false],
    ['role:member or role:admin and role:nope', alice, {}, true],
    ['(role:member or role:admin) and role:nope', alice, {}, false],
    ['not role:admin and role:member', alice, {}, true],
    ['not (role:admin and role:member)', admin, {}, false],
    ['not role:admin and role:member', admin, {}, false],
    ['not role:nope or role:nope', alice, {}, true],
    ['project_id:%(project_id)s and not role:dunce', { ...alice, roles: ['dunce'] }, { project_id: 'p1' }, false],
  ])('%s with %j on %j → %s', (rule, creds, target, allowed) => {
    expect(check(rule, creds, target)).toBe(allowed);
  });
});

describe('lookupTarget', () => {
  it('prefers the flat key, then walks nested objects', () => {
    expect(lookupTarget({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(lookupTarget({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(lookupTarget({ a: null }, 'a.b')).toBeUndefined();
  });
});
