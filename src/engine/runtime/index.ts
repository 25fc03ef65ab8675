// The automatic runtime: four collectors over the bytes in memory.
export { runCollector, createRuntime, COLLECTOR_IMPLS, type Runtime, type RuntimeOptions } from './runtime.js';
export { WHITE, GREY, BLACK, type Phase, type Step, type StepKind, type RuntimeView } from './types.js';
