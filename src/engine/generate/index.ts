export * from './prng.js';
export * from './generate.js';
