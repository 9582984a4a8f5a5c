export * from './quotas.js';
export * from './quota-sets.js';
export * from './other-services.js';
