/** HTTP operation a rule guards, shown in the sample file and the docs (oslo's DocumentedRuleDefault). */
export interface PolicyOperation {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

/**
 * A rule defined in code. Base rules (`admin_required`, `project_member`, ...) have no
 * operations: they exist to be referenced with `rule:<name>`.
 */
export interface RuleDefault {
  name: string;
  checkStr: string;
  description: string;
  operations?: readonly PolicyOperation[];
}

/** Shorthand for operations lists: `ops('GET /v3/users', 'HEAD /v3/users')`. */
export function ops(...specs: string[]): PolicyOperation[] {
  return specs.map((spec) => {
    const [method, path] = spec.split(' ');
    if (!method || !path || !/^(GET|HEAD|POST|PUT|PATCH|DELETE)$/.test(method)) {
      throw new Error(`bad operation "${spec}": write "METHOD /path"`);
    }
    return { method: method as PolicyOperation['method'], path };
  });
}

/** GET and HEAD on each path, the pair Keystone documents for every read. */
export function reads(...paths: string[]): PolicyOperation[] {
  return paths.flatMap((path) => ops(`GET ${path}`, `HEAD ${path}`));
}
