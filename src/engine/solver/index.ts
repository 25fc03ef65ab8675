export * from './perfect-timing.js';
export * from './search.js';
export * from './par.js';
