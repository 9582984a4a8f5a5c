export * from './access.js';
export * from './fields.js';
export * from './images.js';
export * from './list.js';
export * from './data.js';
export * from './members.js';
export * from './store.js';
