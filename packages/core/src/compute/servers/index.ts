export * from './common.js';
export * from './references.js';
export * from './create.js';
export * from './list.js';
export * from './update.js';
export * from './actions.js';
export * from './instance-actions.js';
