// The engine's one public surface: the screens, the command line and the edges import
// the game only from here.
export * from './vocabulary.js';
export * from './words.js';
export * from './level/schema.js';
export * from './level/compile.js';
export * from './level/encoding.js';
export * from './level/validate.js';
export * from './run/state.js';
export * from './run/commands.js';
export * from './run/refusals.js';
export * from './run/game.js';
export * from './run/headless.js';
export * from './run/memory.js';
export * from './runtime/index.js';
export * from './scoring/metrics.js';
export * from './scoring/penalties.js';
export * from './scoring/oracle.js';
export * from './scoring/compare.js';
export * from './solver/index.js';
export * from './generate/index.js';
export * from './views/variables.js';
export * from './views/program.js';
export * from './views/ring.js';
export * from './views/boxes.js';
export * from './views/log.js';
export * from './review/index.js';
export * from './views/timeline-strip.js';
