import { ALWAYS, NEVER, type GenericSubject, type PolicyNode, type Template } from './ast.js';

/**
 * Parser for the oslo.policy rule language:
 *
 *   rule  := or
 *   or    := and ('or' and)*
 *   and   := not ('and' not)*
 *   not   := 'not' not | '(' or ')' | check
 *   check := '@' | '!' | 'role:' TEMPLATE | 'rule:' NAME | SUBJECT ':' TEMPLATE
 *
 * Tokens are split on whitespace and parentheses are peeled off the ends of each word, exactly
 * like oslo's tokenizer, so `project_id:%(project_id)s` keeps its inner parentheses and any rule
 * oslo accepts reads the same here. Where oslo would log and silently deny (a malformed rule
 * becomes `!`), we throw a PolicySyntaxError naming the rule and the column, because a typo in
 * an override file should be loud, not a silent lock-out.
 */

export class PolicySyntaxError extends Error {
  constructor(
    readonly ruleName: string,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`policy rule "${ruleName}": ${reason}${column > 0 ? ` at column ${column}` : ''}`);
    this.name = 'PolicySyntaxError';
  }
}

type Token =
  | { type: '(' | ')' | 'and' | 'or' | 'not'; col: number }
  | { type: 'check'; text: string; col: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    let word = m[0];
    let col = (m.index ?? 0) + 1;
    while (word.startsWith('(')) {
      tokens.push({ type: '(', col });
      word = word.slice(1);
      col += 1;
    }
    let closing = 0;
    while (word.endsWith(')')) {
      word = word.slice(0, -1);
      closing += 1;
    }
    if (word) {
      const lowered = word.toLowerCase();
      if (lowered === 'and' || lowered === 'or' || lowered === 'not') tokens.push({ type: lowered, col });
      else tokens.push({ type: 'check', text: word, col });
    }
    for (let i = 0; i < closing; i += 1) tokens.push({ type: ')', col: col + word.length + i });
  }
  return tokens;
}

function isQuoted(s: string): boolean {
  return s.length >= 2 && (s[0] === "'" || s[0] === '"') && s.at(-1) === s[0];
}

/** Python-literal left sides (`True:%(user.enabled)s`, `'Member':%(role.name)s`), as oslo's literal_eval. */
function parseSubject(kind: string, fail: (reason: string) => never): GenericSubject {
  if (isQuoted(kind)) return { literal: kind.slice(1, -1) };
  if (/^(True|False|None)$/.test(kind)) return { literal: kind };
  if (/^-?\d+$/.test(kind)) return { literal: String(Number(kind)) };
  if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(kind)) {
    fail(`"${kind}" is neither a credential attribute (like project_id or token.user.id) nor a literal`);
  }
  return { path: kind.split('.') };
}

/** `%(key)s` holes as in Python %-formatting (what oslo does); `%%` is a literal percent sign. */
function parseTemplate(text: string, fail: (reason: string) => never): Template {
  // A fully quoted right side is a string literal (`project_id:'abc'` in oslo's documentation).
  if (isQuoted(text)) return [text.slice(1, -1)];
  const parts: Array<string | { key: string }> = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '%') {
      literal += c;
      i += 1;
      continue;
    }
    if (text[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    const m = /^%\(([^()]+)\)s/.exec(text.slice(i));
    if (!m?.[1]) fail(`bad substitution in "${text}": write %(name)s`);
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ key: m[1] });
    i += m[0].length;
  }
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

/** One `kind:match` word (also what each string of the list-of-lists form is). */
export function parseCheck(text: string, ruleName: string, col = 0): PolicyNode {
  const fail = (reason: string): never => {
    throw new PolicySyntaxError(ruleName, col, reason);
  };
  if (text === '@') return ALWAYS;
  if (text === '!') return NEVER;
  // Only reachable from the list form, where each string must be a single check.
  if (/\s/.test(text)) fail(`"${text}" is not a single check (one check per string in list rules)`);
  const colon = text.indexOf(':');
  if (colon < 0) fail(`expected a check like "role:admin", "@" or "!", got "${text}"`);
  const kind = text.slice(0, colon);
  const match = text.slice(colon + 1);
  if (!kind) fail(`check "${text}" has nothing before ":"`);
  if (!match) fail(`check "${text}" has nothing after ":"`);
  if (kind === 'rule') return { kind: 'rule', name: match };
  if (kind === 'role') return { kind: 'role', match: parseTemplate(match, fail) };
  if (kind === 'http' || kind === 'https') fail('http(s) checks are not supported');
  return { kind: 'generic', subject: parseSubject(kind, fail), match: parseTemplate(match, fail) };
}

/** Parses rule text; empty (or blank) text allows everything, as in oslo. */
export function parseRule(text: string, ruleName = '<anonymous>'): PolicyNode {
  const tokens = tokenize(text);
  if (tokens.length === 0) return ALWAYS;
  let pos = 0;

  const fail = (reason: string, tok: Token | undefined): never => {
    throw new PolicySyntaxError(ruleName, tok?.col ?? text.length + 1, reason);
  };
  const describe = (tok: Token | undefined): string =>
    tok === undefined ? 'end of rule' : tok.type === 'check' ? `"${tok.text}"` : `"${tok.type}"`;

  function parseOr(): PolicyNode {
    const operands = [parseAnd()];
    while (tokens[pos]?.type === 'or') {
      pos += 1;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands: flatten('or', operands) };
  }

  function parseAnd(): PolicyNode {
    const operands = [parseNot()];
    while (tokens[pos]?.type === 'and') {
      pos += 1;
      operands.push(parseNot());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands: flatten('and', operands) };
  }

  function parseNot(): PolicyNode {
    const tok = tokens[pos];
    if (tok?.type === 'not') {
      pos += 1;
      return { kind: 'not', operand: parseNot() };
    }
    if (tok?.type === '(') {
      pos += 1;
      const inner = parseOr();
      if (tokens[pos]?.type !== ')') fail(`expected ")" to close the "(" at column ${tok.col}, got ${describe(tokens[pos])}`, tokens[pos]);
      pos += 1;
      return inner;
    }
    if (tok?.type === 'check') {
      pos += 1;
      return parseCheck(tok.text, ruleName, tok.col);
    }
    const previous = tokens[pos - 1];
    return fail(
      previous && previous.type !== '(' ? `expected a check after "${previous.type}", got ${describe(tok)}` : `expected a check, got ${describe(tok)}`,
      tok,
    );
  }

  const tree = parseOr();
  if (pos < tokens.length) {
    const tok = tokens[pos];
    fail(tok?.type === ')' ? 'unbalanced ")"' : `expected "and" or "or" before ${describe(tok)}`, tok);
  }
  return tree;
}

/** `(a and b) and c` is `a and b and c`: flat operand lists keep trees (and formatted text) canonical. */
function flatten(kind: 'and' | 'or', operands: PolicyNode[]): PolicyNode[] {
  return operands.flatMap((o) => (o.kind === kind ? o.operands : [o]));
}

/**
 * The legacy JSON form: the outer list is joined by "or", each inner list by "and"; a bare string
 * stands for a one-element inner list; `[]` allows, a list of only empty lists denies (oslo's rules).
 */
export function parseListRule(rule: readonly unknown[], ruleName = '<anonymous>'): PolicyNode {
  if (rule.length === 0) return ALWAYS;
  const alternatives: PolicyNode[] = [];
  for (const inner of rule) {
    const checks = typeof inner === 'string' ? [inner] : inner;
    if (!Array.isArray(checks)) throw new PolicySyntaxError(ruleName, 0, 'a list rule holds lists of check strings');
    if (checks.length === 0) continue;
    const parsed = checks.map((c: unknown) => {
      if (typeof c !== 'string') throw new PolicySyntaxError(ruleName, 0, 'a list rule holds lists of check strings');
      return parseCheck(c, ruleName);
    });
    alternatives.push(parsed.length === 1 ? parsed[0]! : { kind: 'and', operands: flatten('and', parsed) });
  }
  if (alternatives.length === 0) return NEVER;
  return alternatives.length === 1 ? alternatives[0]! : { kind: 'or', operands: flatten('or', alternatives) };
}

/** A rule as found in a policy file: rule text, or the legacy list-of-lists. */
export function parseRuleValue(value: unknown, ruleName: string): PolicyNode {
  if (typeof value === 'string') return parseRule(value, ruleName);
  if (Array.isArray(value)) return parseListRule(value, ruleName);
  throw new PolicySyntaxError(ruleName, 0, `expected rule text or a list of lists, got ${value === null ? 'null' : typeof value}`);
}
