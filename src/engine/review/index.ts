// Review: any run, moment by moment, side by side with another.
export type { Moment, MomentKind, ReviewEvent, ReviewEventKind } from './moment.js';
export {
  reviewCommands,
  reviewOracle,
  reviewCollector,
  type RunReview,
  type CollectorReview,
} from './review.js';
export { watchCursor, type CollectorCursor } from './collector-source.js';
export { momentAtTick, eventMoment, openingMoment, momentOfLogEntry } from './navigate.js';
export { ownerDifferences, figuresAt, type Figures } from './lockstep.js';
export { MAX_CHECKPOINTS, type CheckpointOptions } from './checkpoints.js';
export {
  parseRunName,
  partnerOrder,
  reviewRun,
  runNameChoices,
  isCollectorRun,
  type RunName,
  type ParsedRun,
} from './runs.js';
