export * from './quotas.js';
export * from './quota-sets.js';
