import type { PolicyCredentials } from './credentials.js';
import type { PolicyTarget } from './evaluate.js';
import { Policy, type AuthorizeOptions, type PolicyOptions } from './policy.js';

/**
 * The process-wide policy used by REST, tRPC and the console, so all three judge with the same
 * rules. Apps call configurePolicy() once at start (to pass their logger); otherwise the first
 * check builds one with the defaults.
 */
let current: Policy | undefined;

export function configurePolicy(options: PolicyOptions = {}): Policy {
  current = new Policy(options);
  return current;
}

export function getPolicy(): Policy {
  return (current ??= new Policy());
}

/** Throws Forbidden (or NotFound with options.notFound) unless `rule` allows ctx on target. */
export function authorize(ctx: PolicyCredentials, rule: string, target: PolicyTarget = {}, options?: AuthorizeOptions): void {
  getPolicy().authorize(ctx, rule, target, options);
}

/** Whether to offer an action in the console. */
export function can(ctx: PolicyCredentials, rule: string, target: PolicyTarget = {}): boolean {
  return getPolicy().can(ctx, rule, target);
}
