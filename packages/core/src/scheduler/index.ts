export * from './filters/index.js';
export * from './select.js';
export * from './types.js';
export * from './weighers/index.js';
