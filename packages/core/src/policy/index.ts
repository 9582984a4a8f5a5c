export * from './ast.js';
export * from './parser.js';
export * from './evaluate.js';
export * from './credentials.js';
export * from './rule-default.js';
export * from './policy-file.js';
export * from './policy.js';
export * from './enforcer.js';
export { defaultRules, baseRules, identityRules, serviceRules } from './defaults/index.js';
