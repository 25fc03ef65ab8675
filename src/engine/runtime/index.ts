// The automatic runtime: six collectors over the bytes in memory.
export {
  runCollector,
  createRuntime,
  resumeRuntime,
  COLLECTOR_IMPLS,
  type Runtime,
  type RuntimeOptions,
  type RuntimeSnapshot,
} from './runtime.js';
export { floatingGarbage } from './incremental.js';
export {
  WHITE,
  GREY,
  BLACK,
  type Phase,
  type PauseKind,
  type Step,
  type StepKind,
  type RuntimeView,
  type Generations,
  type Span,
} from './types.js';
