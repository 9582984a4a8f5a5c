/**
 * The parsed form of an oslo.policy rule. Evaluation walks this tree; parsing happens once per
 * distinct rule text (see Policy's cache), never per request.
 */

/** Text with `%(key)s` holes filled from the target at evaluation time. */
export type Template = ReadonlyArray<string | { readonly key: string }>;

/** Left side of a generic check: a credential attribute (dotted path) or a literal. */
export type GenericSubject = { readonly path: readonly string[] } | { readonly literal: string };

export type PolicyNode =
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  | { readonly kind: 'role'; readonly match: Template }
  | { readonly kind: 'rule'; readonly name: string }
  | { readonly kind: 'generic'; readonly subject: GenericSubject; readonly match: Template }
  | { readonly kind: 'not'; readonly operand: PolicyNode }
  | { readonly kind: 'and'; readonly operands: readonly PolicyNode[] }
  | { readonly kind: 'or'; readonly operands: readonly PolicyNode[] };

export const ALWAYS: PolicyNode = { kind: 'true' };
export const NEVER: PolicyNode = { kind: 'false' };

function formatTemplate(t: Template): string {
  return t.map((p) => (typeof p === 'string' ? p.replaceAll('%', '%%') : `%(${p.key})s`)).join('');
}

/** The literal is quoted only when it would not read back as the same literal. */
function formatLiteral(value: string): string {
  return /^(True|False|None|-?\d+)$/.test(value) ? value : `'${value}'`;
}

/**
 * Canonical rule text for a tree: parentheses only where precedence needs them, so
 * `parseRule(formatRule(x))` gives back `x`. Used by tests and the sample generator.
 */
export function formatRule(node: PolicyNode): string {
  switch (node.kind) {
    case 'true':
      return '@';
    case 'false':
      return '!';
    case 'role':
      return `role:${formatTemplate(node.match)}`;
    case 'rule':
      return `rule:${node.name}`;
    case 'generic': {
      const left = 'path' in node.subject ? node.subject.path.join('.') : formatLiteral(node.subject.literal);
      return `${left}:${formatTemplate(node.match)}`;
    }
    case 'not': {
      const inner = formatRule(node.operand);
      return node.operand.kind === 'and' || node.operand.kind === 'or' ? `not (${inner})` : `not ${inner}`;
    }
    case 'and':
      return node.operands.map((o) => (o.kind === 'or' ? `(${formatRule(o)})` : formatRule(o))).join(' and ');
    case 'or':
      return node.operands.map(formatRule).join(' or ');
  }
}

/** Names referenced through `rule:` checks, for cycle detection and dangling-reference checks. */
export function referencedRules(node: PolicyNode, into: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case 'rule':
      into.add(node.name);
      break;
    case 'not':
      referencedRules(node.operand, into);
      break;
    case 'and':
    case 'or':
      for (const o of node.operands) referencedRules(o, into);
      break;
    default:
      break;
  }
  return into;
}
