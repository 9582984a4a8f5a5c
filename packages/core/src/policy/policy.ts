import { readFileSync, statSync } from 'node:fs';
import pino from 'pino';
import { Forbidden, NotFound } from '@nimbus/shared';
import { formatRule, referencedRules, type PolicyNode } from './ast.js';
import { toPolicyCreds, type PolicyCredentials } from './credentials.js';
import { defaultRules } from './defaults/index.js';
import { evaluate, type PolicyCreds, type PolicyTarget } from './evaluate.js';
import { parseRuleValue } from './parser.js';
import { defaultPolicyFile, parsePolicyFile, PolicyFileError } from './policy-file.js';
import type { RuleDefault } from './rule-default.js';

/** The slice of pino the engine needs; apps pass a child of their root logger. */
export interface PolicyLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface PolicyOptions {
  /** Override file (YAML or JSON); `null` for defaults only. Default: see defaultPolicyFile(). */
  file?: string | null;
  defaults?: readonly RuleDefault[];
  logger?: PolicyLogger;
  /** At most one stat() of the override file per interval, so checks stay cheap on hot paths. */
  checkIntervalMs?: number;
  /** Clock for the interval above (tests advance it instead of sleeping). */
  now?: () => number;
}

export interface AuthorizeOptions {
  /**
   * Deny with NotFound carrying this message instead of Forbidden: reads of a single resource
   * must not reveal that a resource of another project exists (see etc/README.md).
   */
  notFound?: string;
}

/** oslo's default_rule: what an unknown rule name is judged by. */
const DEFAULT_RULE = 'default';

/** First `rule:` cycle among the rules, as the list of names around it, if any. */
function findCycle(rules: ReadonlyMap<string, PolicyNode>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    const node = rules.get(name);
    if (node === undefined) return undefined;
    state.set(name, 'visiting');
    path.push(name);
    for (const next of referencedRules(node)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of rules.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * The policy enforcer: defaults from code overlaid with the override file, re-read when the
 * file changes. A rejected file is logged and the last good rules stay in force, so a typo never
 * opens (or closes) the cloud.
 */
export class Policy {
  readonly file: string | null;
  private readonly documented: ReadonlyMap<string, RuleDefault>;
  private readonly defaults: ReadonlyMap<string, PolicyNode>;
  private rules: ReadonlyMap<string, PolicyNode>;
  private overridden: ReadonlySet<string> = new Set();
  /** Parsed trees by rule text: reloading a file that changed one rule re-parses one rule. */
  private readonly parsed = new Map<string, PolicyNode>();
  private readonly checkIntervalMs: number;
  private readonly now: () => number;
  private readonly injectedLogger: PolicyLogger | undefined;
  private fallbackLogger: PolicyLogger | undefined;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private fileSignature: string | undefined;

  constructor(options: PolicyOptions = {}) {
    this.file = options.file === undefined ? defaultPolicyFile() : options.file;
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.injectedLogger = options.logger;

    const documented = new Map<string, RuleDefault>();
    const defaults = new Map<string, PolicyNode>();
    for (const rule of options.defaults ?? defaultRules) {
      if (documented.has(rule.name)) throw new Error(`policy rule "${rule.name}" is defined twice in code`);
      documented.set(rule.name, rule);
      defaults.set(rule.name, this.parse(rule.checkStr, rule.name));
    }
    const cycle = findCycle(defaults);
    if (cycle) throw new Error(`policy defaults reference each other in a cycle: ${cycle.join(' → ')}`);
    this.documented = documented;
    this.defaults = defaults;
    this.rules = defaults;
    this.checkFile();
  }

  /** oslo's Enforcer.enforce: does `rule` allow `creds` to act on `target`? Unknown rules use `default`. */
  enforce(rule: string, target: PolicyTarget, creds: PolicyCreds): boolean {
    this.maybeCheckFile();
    const node = this.lookup(rule);
    if (node === undefined) return false;
    return evaluate(node, { target, creds, resolve: (name) => this.lookup(name) }, rule);
  }

  /** Throws Forbidden naming the rule (or NotFound, see AuthorizeOptions) unless allowed. */
  authorize(ctx: PolicyCredentials, rule: string, target: PolicyTarget = {}, options: AuthorizeOptions = {}): void {
    if (this.enforce(rule, target, toPolicyCreds(ctx))) return;
    if (options.notFound !== undefined) throw new NotFound(options.notFound);
    throw new Forbidden(`You are not authorized to perform the requested action: ${rule}.`);
  }

  /** For the console: offer an action only when this is true. */
  can(ctx: PolicyCredentials, rule: string, target: PolicyTarget = {}): boolean {
    return this.enforce(rule, target, toPolicyCreds(ctx));
  }

  /** Effective rule text (canonical form), or undefined when the name is not defined at all. */
  ruleText(rule: string): string | undefined {
    this.maybeCheckFile();
    const node = this.rules.get(rule);
    return node === undefined ? undefined : formatRule(node);
  }

  isOverridden(rule: string): boolean {
    return this.overridden.has(rule);
  }

  /** Rules defined in code, for docs and the sample file. */
  documentedRules(): RuleDefault[] {
    return [...this.documented.values()];
  }

  /** Re-reads the override file now if it changed, ignoring the interval. */
  reload(): void {
    this.lastCheck = this.now();
    this.checkFile();
  }

  private lookup(name: string): PolicyNode | undefined {
    return this.rules.get(name) ?? (name === DEFAULT_RULE ? undefined : this.rules.get(DEFAULT_RULE));
  }

  private parse(value: unknown, name: string): PolicyNode {
    const key = typeof value === 'string' ? `s:${value}` : `j:${JSON.stringify(value)}`;
    let node = this.parsed.get(key);
    if (node === undefined) {
      node = parseRuleValue(value, name);
      this.parsed.set(key, node);
    }
    return node;
  }

  private get logger(): PolicyLogger {
    return this.injectedLogger ?? (this.fallbackLogger ??= pino({ name: 'policy' }));
  }

  private maybeCheckFile(): void {
    const now = this.now();
    if (now - this.lastCheck < this.checkIntervalMs) return;
    this.lastCheck = now;
    this.checkFile();
  }

  private checkFile(): void {
    if (this.file === null) return;
    const file = this.file;
    let signature = 'missing';
    try {
      const st = statSync(file, { throwIfNoEntry: false });
      // Size and inode too: an editor's rewrite within one mtime tick still shows.
      if (st) signature = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch (err) {
      this.logger.error({ err, file }, 'cannot stat the policy file; keeping the current rules');
      return;
    }
    if (signature === this.fileSignature) return;
    this.fileSignature = signature;

    if (signature === 'missing') {
      if (this.overridden.size > 0) this.logger.warn({ file }, 'policy file removed; using the defaults in code');
      this.rules = this.defaults;
      this.overridden = new Set();
      return;
    }
    try {
      const overrides = parsePolicyFile(file, readFileSync(file, 'utf8'), (value, name) => this.parse(value, name));
      const merged = new Map([...this.defaults, ...overrides]);
      const cycle = findCycle(merged);
      if (cycle) throw new PolicyFileError(file, [`rules reference each other in a cycle: ${cycle.join(' → ')}`]);
      // The committed sample overrides nothing: say so only when something changes.
      if (overrides.size > 0 || this.overridden.size > 0) this.logger.info({ file, overrides: overrides.size }, 'policy file loaded');
      this.rules = merged;
      this.overridden = new Set(overrides.keys());
    } catch (err) {
      this.logger.error({ err, file }, 'policy file rejected; keeping the previous rules');
    }
  }
}
