import { describe, expect, it } from 'vitest';
import { formatRule } from './ast.js';
import { parseListRule, parseRule, parseRuleValue, PolicySyntaxError } from './parser.js';

describe('parseRule: text → tree (shown in canonical form)', () => {
  it.each([
    ['', '@'],
    ['   ', '@'],
    ['@', '@'],
    ['!', '!'],
    ['role:admin', 'role:admin'],
    ['rule:admin_required', 'rule:admin_required'],
    ['role:compute:admin', 'role:compute:admin'],
    ['project_id:%(project_id)s', 'project_id:%(project_id)s'],
    ['user_id:%(target.user.id)s', 'user_id:%(target.user.id)s'],
    ['domain_id:%(target.project.domain_id)s', 'domain_id:%(target.project.domain_id)s'],
    ['token.project.domain.id:%(target.domain.id)s', 'token.project.domain.id:%(target.domain.id)s'],
    ['is_admin:True', 'is_admin:True'],
    ['is_admin:1', 'is_admin:1'],
    ["project_id:'xpto2035abc'", 'project_id:xpto2035abc'],
    ['True:%(user.enabled)s', 'True:%(user.enabled)s'],
    ["'Member':%(role.name)s", "'Member':%(role.name)s"],
    ['"Member":%(role.name)s', "'Member':%(role.name)s"],
    ['name:%(first)s-%(last)s', 'name:%(first)s-%(last)s'],
    ['discount:100%%', 'discount:100%%'],
    ['role:%(role_name)s', 'role:%(role_name)s'],
    // precedence: not > and > or
    ['role:a or role:b and role:c', 'role:a or role:b and role:c'],
    ['role:a and role:b or role:c', 'role:a and role:b or role:c'],
    ['(role:a or role:b) and role:c', '(role:a or role:b) and role:c'],
    ['not role:a and role:b', 'not role:a and role:b'],
    ['not (role:a and role:b)', 'not (role:a and role:b)'],
    ['not not role:a', 'not not role:a'],
    ['role:a or not role:b', 'role:a or not role:b'],
    // redundant parentheses disappear, nested same operators flatten
    ['((role:a))', 'role:a'],
    ['(role:a and role:b) and role:c', 'role:a and role:b and role:c'],
    ['role:a or (role:b or role:c)', 'role:a or role:b or role:c'],
    ['(project_id:%(project_id)s)', 'project_id:%(project_id)s'],
    ['role:admin or (project_id:%(project_id)s and role:projectadmin)', 'role:admin or project_id:%(project_id)s and role:projectadmin'],
    ['project_id:%(project_id)s and not role:dunce', 'project_id:%(project_id)s and not role:dunce'],
    // keywords are case-insensitive, whitespace is free
    ['role:a AND role:b OR NOT role:c', 'role:a and role:b or not role:c'],
    ['  role:a\tand\n role:b ', 'role:a and role:b'],
    ['( role:a or role:b )', 'role:a or role:b'],
  ])('%j → %s', (text, canonical) => {
    expect(formatRule(parseRule(text, 'r'))).toBe(canonical);
  });

  it('builds the expected tree', () => {
    expect(parseRule('role:admin or not (user_id:%(target.user.id)s and True:%(enabled)s)')).toEqual({
      kind: 'or',
      operands: [
        { kind: 'role', match: ['admin'] },
        {
          kind: 'not',
          operand: {
            kind: 'and',
            operands: [
              { kind: 'generic', subject: { path: ['user_id'] }, match: [{ key: 'target.user.id' }] },
              { kind: 'generic', subject: { literal: 'True' }, match: [{ key: 'enabled' }] },
            ],
          },
        },
      ],
    });
    expect(parseRule('name:pre-%(x)s-post')).toEqual({
      kind: 'generic',
      subject: { path: ['name'] },
      match: ['pre-', { key: 'x' }, '-post'],
    });
  });

  it('canonical text parses back to the same tree', () => {
    for (const text of ['role:a or role:b and not (role:c or role:d)', "'x':%(y)s and is_admin:True", 'not (role:a and role:b) or !']) {
      const tree = parseRule(text);
      expect(parseRule(formatRule(tree))).toEqual(tree);
    }
  });
});

describe('parseRule: malformed rules name the rule and the column', () => {
  it.each([
    ['role:a and', /expected a check after "and", got end of rule at column 11/],
    ['role:a or or role:b', /expected a check after "or", got "or" at column 11/],
    ['and role:a', /expected a check, got "and" at column 1/],
    ['(role:a or role:b', /expected "\)" to close the "\(" at column 1, got end of rule at column 18/],
    ['role:a)', /unbalanced "\)" at column 7/],
    ['role:a role:b', /expected "and" or "or" before "role:b" at column 8/],
    ['()', /expected a check, got "\)" at column 2/],
    ['not', /expected a check after "not", got end of rule/],
    ['admin', /expected a check like "role:admin", "@" or "!", got "admin" at column 1/],
    ['role:', /nothing after ":"/],
    [':x', /nothing before ":"/],
    ['rule:', /nothing after ":"/],
    ['project_id:%(project_id)', /bad substitution/],
    ['project_id:100%', /bad substitution/],
    ['http://example.com/check', /http\(s\) checks are not supported/],
    ['not(role:a', /"not\(role" is neither a credential attribute/],
    ["'quoted'", /expected a check like/],
  ])('%j', (text, message) => {
    const attempt = () => parseRule(text, 'identity:get_user');
    expect(attempt).toThrow(PolicySyntaxError);
    expect(attempt).toThrow(/^policy rule "identity:get_user": /);
    expect(attempt).toThrow(message);
  });

  it('exposes the rule name and column', () => {
    try {
      parseRule('role:a and and', 'my_rule');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicySyntaxError);
      expect((e as PolicySyntaxError).ruleName).toBe('my_rule');
      expect((e as PolicySyntaxError).column).toBe(12);
    }
  });
});

describe('parseListRule: the legacy list-of-lists form', () => {
  it.each<[unknown[], string]>([
    [[], '@'],
    [[[]], '!'],
    [[[], []], '!'],
    [[['role:admin']], 'role:admin'],
    [['role:admin'], 'role:admin'],
    [[['role:admin'], ['project_id:%(project_id)s', 'role:member']], 'role:admin or project_id:%(project_id)s and role:member'],
    [[[], ['role:a']], 'role:a'],
    [[['@']], '@'],
    [[['!', 'role:a']], '! and role:a'],
  ])('%j → %s', (rule, canonical) => {
    expect(formatRule(parseListRule(rule, 'r'))).toBe(canonical);
  });

  it('rejects what is not a list of check strings', () => {
    expect(() => parseListRule([[1]], 'r')).toThrow(/lists of check strings/);
    expect(() => parseListRule([{ a: 1 }], 'r')).toThrow(/lists of check strings/);
    expect(() => parseListRule([['role:a and role:b']], 'r')).toThrow(/not a single check/);
  });

  it('parseRuleValue accepts text or lists only', () => {
    expect(formatRule(parseRuleValue('role:a', 'r'))).toBe('role:a');
    expect(formatRule(parseRuleValue([['role:a']], 'r'))).toBe('role:a');
    expect(() => parseRuleValue(42, 'r')).toThrow(/expected rule text or a list of lists, got number/);
    expect(() => parseRuleValue(null, 'r')).toThrow(/got null/);
  });
});
