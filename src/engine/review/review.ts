// A run under review: its moments, its events, and the state at any moment, rebuilt
// from checkpoints. Any run can be reviewed: the player's commands (or a replay), the
// oracle's, and each collector's.
import type { CompiledLevel } from '../level/compile.js';
import type { CollectorName } from '../vocabulary.js';
import type { ReplayProblem } from '../run/headless.js';
import type { RunState } from '../run/state.js';
import type { Runtime } from '../runtime/runtime.js';
import { oracleRun } from '../scoring/oracle.js';
import { Rebuilder, record, type CheckpointOptions, type MomentSource, type Recorded } from './checkpoints.js';
import { type CollectorCursor, collectorSource } from './collector-source.js';
import type { Moment, ReviewEvent } from './moment.js';
import { commandSource } from './player-source.js';

export type ReviewedKind = 'player' | 'oracle' | 'par' | 'collector';

export interface RunReview {
  /** How the run is called: `you`, `replay`, `oracle`, a collector's name. */
  name: string;
  kind: ReviewedKind;
  level: CompiledLevel;
  moments: readonly Moment[];
  /** Bugs, security events, leaks, pauses and the crash, in moment order. */
  events: readonly ReviewEvent[];
  /** The state at moment i (a private copy; the same object while it stays in a small cache). */
  stateAt(i: number): RunState;
  /**
   * One small slice of the work of rebuilding moment i ahead of time; true once stateAt(i)
   * will be at hand. Call it again until then, between keypresses.
   */
  prepare(i: number): boolean;
  /** The state at the end of the run; its log is the whole run's, and a moment's log is its first `logLength` entries. */
  final: RunState;
  /** Checkpoints kept, and the moments between two of them (for the record, and for tests). */
  checkpoints: number;
  spacing: number;
  /** Commands of a replay that were refused (they are not moments). */
  problems: readonly ReplayProblem[];
}

export interface CollectorReview extends RunReview {
  kind: 'collector';
  collector: CollectorName;
  /** A runtime standing at moment i that can go on animating (watch), private to the caller. */
  runtimeAt(i: number): Runtime;
  /** The same, with the moments it reaches as it goes on, step by step. */
  cursorAt(i: number): CollectorCursor;
}

function reviewOf<S>(
  level: CompiledLevel,
  name: string,
  kind: ReviewedKind,
  source: MomentSource<S>,
  problems: readonly ReplayProblem[],
  options: CheckpointOptions,
): { review: RunReview; rebuilder: Rebuilder<S> } {
  const rec: Recorded<S> = record(source, level.ticks, options);
  const rebuilder = new Rebuilder(source, rec);
  return {
    review: {
      name,
      kind,
      level,
      moments: rec.moments,
      events: rec.events,
      stateAt: (i) => rebuilder.stateAt(Math.max(0, Math.min(rec.moments.length - 1, i))),
      prepare: (i) => rebuilder.prepare(Math.max(0, Math.min(rec.moments.length - 1, i))),
      final: rec.final,
      checkpoints: rec.checkpoints.length,
      spacing: rec.spacing,
      problems,
    },
    rebuilder,
  };
}

/** The review of a run of commands: the player's, or a replay. */
export function reviewCommands(
  level: CompiledLevel,
  commands: readonly string[],
  name = 'you',
  kind: ReviewedKind = 'player',
  options: CheckpointOptions = {},
): RunReview {
  const { source, problems } = commandSource(level, commands);
  return reviewOf(level, name, kind, source, problems, options).review;
}

/** The review of the oracle's run: the runtime as a perfect programmer. */
export function reviewOracle(level: CompiledLevel): RunReview {
  return reviewCommands(level, oracleRun(level).commands, 'oracle', 'oracle');
}

/** The review of a collector's run. */
export function reviewCollector(
  level: CompiledLevel,
  collector: CollectorName,
  options: CheckpointOptions = {},
): CollectorReview {
  const source = collectorSource(level, collector);
  const { review, rebuilder } = reviewOf(level, collector, 'collector', source, [], options);
  const cursorAt = (i: number) =>
    rebuilder.cursorAt(Math.max(0, Math.min(review.moments.length - 1, i)), true) as CollectorCursor;
  return {
    ...review,
    kind: 'collector',
    collector,
    runtimeAt: (i) => cursorAt(i).rt,
    cursorAt,
  };
}
