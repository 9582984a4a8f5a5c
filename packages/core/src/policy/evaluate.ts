import type { PolicyNode, Template } from './ast.js';

/** What a rule is checked against: the object acted on (`%(...)s` substitutions come from here). */
export type PolicyTarget = Readonly<Record<string, unknown>>;
/** oslo-style credentials (snake_case, as oslo.context's to_policy_values()). */
export type PolicyCreds = Readonly<Record<string, unknown>>;

export interface EvaluationContext {
  target: PolicyTarget;
  creds: PolicyCreds;
  /** Resolves `rule:<name>`; undefined denies (oslo fails closed on unknown rules). */
  resolve(name: string): PolicyNode | undefined;
}

/**
 * Python's str() of the scalars oslo compares. null/undefined count as absent rather than
 * "None": oslo would let an unscoped token (project_id None) match a target whose project_id is
 * None, which is a hole we choose not to copy.
 */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function own(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' && Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * `%(target.user.id)s` reads the flat key "target.user.id" when present (how Keystone flattens
 * its targets) and otherwise walks nested objects, so callers may pass either shape.
 */
export function lookupTarget(target: PolicyTarget, key: string): unknown {
  if (Object.hasOwn(target, key)) return target[key];
  let value: unknown = target;
  for (const segment of key.split('.')) value = own(value, segment);
  return value;
}

/** Fills the template; undefined when a key is missing, which makes the check fail as in oslo. */
function render(template: Template, target: PolicyTarget): string | undefined {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const text = asText(lookupTarget(target, part.key));
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

/** oslo's _find_in_dict: a list anywhere on the path matches when any element matches. */
function credMatches(value: unknown, path: readonly string[], expected: string): boolean {
  if (Array.isArray(value)) return value.some((v) => credMatches(v, path, expected));
  const [head, ...rest] = path;
  if (head === undefined) return asText(value) === expected;
  return credMatches(own(value, head), rest, expected);
}

function evaluateNode(node: PolicyNode, ctx: EvaluationContext, active: Set<string>): boolean {
  switch (node.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'not':
      return !evaluateNode(node.operand, ctx, active);
    case 'and':
      return node.operands.every((o) => evaluateNode(o, ctx, active));
    case 'or':
      return node.operands.some((o) => evaluateNode(o, ctx, active));
    case 'role': {
      const wanted = render(node.match, ctx.target)?.toLowerCase();
      const roles = ctx.creds['roles'];
      if (wanted === undefined || !Array.isArray(roles)) return false;
      return roles.some((r) => typeof r === 'string' && r.toLowerCase() === wanted);
    }
    case 'generic': {
      const expected = render(node.match, ctx.target);
      if (expected === undefined) return false;
      if ('literal' in node.subject) return node.subject.literal === expected;
      return credMatches(ctx.creds, node.subject.path, expected);
    }
    case 'rule': {
      // A cycle can only come from an override file that slipped past load-time checks
      // (e.g. through the default fallback); deny rather than recurse forever.
      if (active.has(node.name)) return false;
      const referenced = ctx.resolve(node.name);
      if (referenced === undefined) return false;
      active.add(node.name);
      try {
        return evaluateNode(referenced, ctx, active);
      } finally {
        active.delete(node.name);
      }
    }
  }
}

export function evaluate(node: PolicyNode, ctx: EvaluationContext, ruleName?: string): boolean {
  return evaluateNode(node, ctx, new Set(ruleName === undefined ? [] : [ruleName]));
}
