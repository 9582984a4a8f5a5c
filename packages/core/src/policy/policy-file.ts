import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { PolicyNode } from './ast.js';
import { parseRuleValue, PolicySyntaxError } from './parser.js';

/** Why an override file was refused; the previous rules stay in force. */
export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`policy file ${file} rejected: ${problems.join('; ')}`);
    this.name = 'PolicyFileError';
  }
}

/**
 * Parses the contents of policy.yaml / policy.json into rule trees. JSON is also valid YAML, but
 * a `.json` file goes through JSON.parse so its errors read as JSON errors. All problems are
 * reported at once: an operator fixing a file wants the full list.
 */
export function parsePolicyFile(
  file: string,
  contents: string,
  parse: (value: unknown, name: string) => PolicyNode = parseRuleValue,
): Map<string, PolicyNode> {
  let document: unknown;
  try {
    document = extname(file).toLowerCase() === '.json' ? JSON.parse(contents) : parseYaml(contents);
  } catch (e) {
    throw new PolicyFileError(file, [e instanceof Error ? e.message : String(e)]);
  }
  // A file of comments only (the generated sample) overrides nothing.
  if (document === null || document === undefined) return new Map();
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new PolicyFileError(file, ['expected a mapping of rule names to rules']);
  }
  const rules = new Map<string, PolicyNode>();
  const problems: string[] = [];
  for (const [name, value] of Object.entries(document)) {
    try {
      rules.set(name, parse(value, name));
    } catch (e) {
      if (!(e instanceof PolicySyntaxError)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length > 0) throw new PolicyFileError(file, problems);
  return rules;
}

/**
 * Default override file: $NIMBUS_POLICY_FILE, else the nearest etc/policy.yaml (or, as oslo
 * accepts, etc/policy.json) walking up from the working directory, so apps/web and the repo root
 * find the same file. When none exists yet we watch <cwd>/etc/policy.yaml.
 */
export function defaultPolicyFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const fromEnv = env['NIMBUS_POLICY_FILE'];
  if (fromEnv) return resolve(cwd, fromEnv);
  // The filesystem root is left out: /etc/policy.yaml would belong to something else.
  for (let dir = resolve(cwd); dirname(dir) !== dir; dir = dirname(dir)) {
    for (const name of ['policy.yaml', 'policy.json']) {
      const candidate = join(dir, 'etc', name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return join(resolve(cwd), 'etc', 'policy.yaml');
}
