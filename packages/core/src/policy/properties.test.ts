import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRule, type PolicyNode } from './ast.js';
import { evaluate, type PolicyCreds, type PolicyTarget } from './evaluate.js';
import { parseRule } from './parser.js';

const atoms = ['@', '!', 'role:admin', 'role:Member', 'role:reader', 'project_id:%(project_id)s', 'user_id:%(target.user.id)s', 'is_admin:True', 'rule:base'];
const base = parseRule('role:admin or project_id:%(project_id)s');

/** Rule text built from atoms with explicit parentheses, so its meaning is known independently. */
const ruleText: fc.Arbitrary<string> = fc.letrec<{ rule: string }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...atoms),
    fc.tuple(tie('rule'), tie('rule')).map(([a, b]) => `(${a}) and (${b})`),
    fc.tuple(tie('rule'), tie('rule')).map(([a, b]) => `(${a}) or (${b})`),
    tie('rule').map((a) => `not (${a})`),
  ),
})).rule;

const ids = fc.constantFrom('p1', 'p2', undefined);
const creds: fc.Arbitrary<PolicyCreds> = fc.record({
  user_id: fc.constantFrom('alice', 'bob'),
  project_id: ids,
  roles: fc.subarray(['admin', 'member', 'READER', 'other']),
  is_admin: fc.boolean(),
});
const target: fc.Arbitrary<PolicyTarget> = fc.record({
  project_id: ids,
  target: fc.record({ user: fc.record({ id: fc.constantFrom('alice', 'bob', undefined) }) }),
});

function run(node: PolicyNode, c: PolicyCreds, t: PolicyTarget): boolean {
  return evaluate(node, { creds: c, target: t, resolve: (name) => (name === 'base' ? base : undefined) });
}
const holds = (text: string, c: PolicyCreds, t: PolicyTarget) => run(parseRule(text), c, t);

describe('algebraic properties of evaluation', () => {
  it('not not X is X', () => {
    fc.assert(fc.property(ruleText, creds, target, (x, c, t) => holds(`not not (${x})`, c, t) === holds(x, c, t)));
  });

  it('A and B implies A and B; A implies A or B', () => {
    fc.assert(
      fc.property(ruleText, ruleText, creds, target, (a, b, c, t) => {
        const both = holds(`(${a}) and (${b})`, c, t);
        expect(both).toBe(holds(a, c, t) && holds(b, c, t));
        if (holds(a, c, t)) expect(holds(`(${a}) or (${b})`, c, t)).toBe(true);
      }),
    );
  });

  it('De Morgan: not (A and B) is (not A) or (not B)', () => {
    fc.assert(
      fc.property(ruleText, ruleText, creds, target, (a, b, c, t) =>
        holds(`not ((${a}) and (${b}))`, c, t) === holds(`not (${a}) or not (${b})`, c, t),
      ),
    );
  });

  it('precedence: A or B and C means A or (B and C); not A and B means (not A) and B', () => {
    fc.assert(
      fc.property(fc.constantFrom(...atoms), fc.constantFrom(...atoms), fc.constantFrom(...atoms), creds, target, (a, b, d, c, t) => {
        expect(holds(`${a} or ${b} and ${d}`, c, t)).toBe(holds(`${a} or (${b} and ${d})`, c, t));
        expect(holds(`not ${a} and ${b}`, c, t)).toBe(holds(`(not ${a}) and ${b}`, c, t));
      }),
    );
  });

  it('canonical text round-trips to the same tree', () => {
    fc.assert(
      fc.property(ruleText, (x) => {
        const tree = parseRule(x);
        expect(parseRule(formatRule(tree))).toEqual(tree);
      }),
    );
  });
});
