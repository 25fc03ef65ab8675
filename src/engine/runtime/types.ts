// The automatic runtime's vocabulary: what one small step did, and what a
// screen needs to draw a collector at work besides the run's state.
import type { Block } from '../run/memory.js';
import type { CompiledLevel } from '../level/compile.js';
import type { CollectorName } from '../vocabulary.js';
import type { RunState } from '../run/state.js';
import type { TickReport } from '../run/tick.js';

/** What the runtime is doing now. */
export type Phase = 'allocate' | 'mark' | 'sweep' | 'compact' | 'copy' | 'scavenge' | 'count' | 'run' | 'done';

/** What kind of stop-the-world pause is under way: a whole collection, or one of the generational or incremental kinds. */
export type PauseKind = 'collection' | 'minor' | 'major' | 'slice' | 'finalization' | 'full';

/** Tri-colour marking: white (not reached yet), grey (reached, pointers not read yet), black (done). */
export const WHITE = 0;
export const GREY = 1;
export const BLACK = 2;

export type StepKind =
  | 'alloc' // a block handed out by the allocator
  | 'collect' // a collection starts (stop the world)
  | 'grey' // a block reached: grey
  | 'black' // a block's pointers read: black
  | 'sweep' // the sweeper looked at a live block and kept it
  | 'swept' // the sweeper (or the compactor) dropped a dead block
  | 'forward' // the compactor chose a live block's new address
  | 'rewrite' // a pointer box rewritten to a moved block's new address
  | 'move' // a block's boxes moved (slid or copied)
  | 'promote' // a nursery block moved to old space (generational)
  | 'barrier' // the write barrier acted on a pointer store (generational, incremental)
  | 'flip' // the copying collector swapped its halves
  | 'count' // a reference count changed
  | 'free' // refcount freed a block at count zero
  | 'collected' // a collection ended
  | 'tick' // the program ran one tick
  | 'oom' // out of memory: the run crashed
  | 'end' // the program finished
  | 'gap'; // a gap between ticks begins (only for runs that can be resumed; nothing changed)

export interface Step {
  kind: StepKind;
  /** One plain sentence. */
  text: string;
  /** The value (index) whose block the step is about. */
  value?: number;
  /** The boxes the step touched. */
  addr?: number;
  size?: number;
}

export interface RuntimeView {
  collector: CollectorName;
  phase: Phase;
  /** Marking colour per value (WHITE/GREY/BLACK); meaningful while `marking`. */
  shade: Uint8Array;
  marking: boolean;
  /** Reference counts per value (refcount only). */
  counts: Int32Array | null;
  /** Blocks already copied into the other half during a copying collection. */
  copies: Block[] | null;
  /** The half the copying collector allocates in. */
  half: { start: number; end: number } | null;
  /** The collection under way, in pause ticks: spent so far out of what it will cost. */
  pause: { elapsed: number; total: number; kind: PauseKind } | null;
  /** generational: the nursery's halves and the old space, with each block's age and the remembered set. */
  generations: Generations | null;
  /** incremental: the marking cycle under way (its colours stay on the grid between slices), or null. */
  cycle: 'mark' | 'sweep' | null;
  /** The last step taken. */
  last: Step | null;
  /** Collections (or, for refcount, ticks with a pause) so far. */
  collections: number;
}

/** A range of boxes, start included, end excluded. */
export interface Span {
  start: number;
  end: number;
}

export interface Generations {
  nursery: Span;
  /** The nursery half young values are bump-allocated in now, and the other one. */
  current: Span;
  other: Span;
  old: Span;
  /** Scavenges each value's block survived. */
  ages: Uint8Array;
  /** 1 when the value's (old) block is in the remembered set: it points into the nursery. */
  remembered: Uint8Array;
  minors: number;
  majors: number;
}

/** Where an allocation put a block, and how it found the room (for the log). */
export interface Placement {
  at: number;
  how: string;
}

/**
 * The runtime's private context. Plain data apart from `level`, so a copy of it can be
 * run ahead (to learn how long a collection will pause before animating it).
 */
export interface Ctx {
  level: CompiledLevel;
  state: RunState;
  view: RuntimeView;
  /** Yield a step for every small action (watch), or run straight through (headless). */
  animate: boolean;
  /** Also yield a 'gap' step at the start of each gap between ticks, where the run can be copied and resumed. */
  gaps: boolean;
  /** While animated, also yield each small step inside a collection (and show its pause counter), not only its start and end. */
  inner: boolean;
  /** The write barrier runs (false only in tests, to show what it prevents). */
  barrier: boolean;
  /** Headless, and only the metrics are wanted: no collection's log line is written. */
  metricsOnly: boolean;
  /** Collector work units of the collection (or refcount tick) under way. */
  cw: number;
  /** Blocks freed by the refcount tick under way. */
  freed: number;
  /** What the last collection did, in plain words, for its log line. */
  summary: () => string;
  /** The collector's own data (counts, halves), plain for cloning. */
  data: Record<string, unknown>;
  /** Scratch arrays reused between collections, never read before written. */
  scratch: { fwd: Int32Array; seen: Int32Array; epoch: number };
}

export type StepGen = Generator<Step, void, void>;

export interface Collector {
  readonly name: CollectorName;
  /** Sets up the collector's data and view. */
  init(ctx: Ctx): void;
  /** Boxes it can hand out at most (usable memory, or one half for copying): what the trigger is a fraction of. */
  capacity(ctx: Ctx): number;
  /** Finds room for `size` boxes, charging allocator work; null when there is none. */
  place(ctx: Ctx, size: number): number | null;
  /** The most boxes in a row it could hand out now (for the out-of-memory message). */
  room(ctx: Ctx): number;
  /** A stop-the-world collection between ticks; tracing collectors only. */
  collect?(ctx: Ctx): StepGen;
  /**
   * Its own allocation policy for an arriving value, collections included (generational,
   * incremental); without it the runtime uses place, the trigger and collect.
   */
  allocate?(ctx: Ctx, v: number): Generator<Step, Placement | null, void>;
  /**
   * With `allocate`: the placement it would make when no collection is due and the value
   * fits at once (most allocations), with the same effects; else null, with none, and
   * `allocate` runs. A run makes no generator for the usual case.
   */
  placeAtOnce?(ctx: Ctx, v: number): Placement | null;
  /**
   * Runs at the start of each gap between ticks, before any allocation (incremental's
   * slice); null when there is nothing to run (most gaps: no generator is made for them).
   */
  beforeGap?(ctx: Ctx): StepGen | null;
  /** The write barrier over the pointers the tick stored: program time, never a pause; null when it has nothing to look at. */
  barrier?(ctx: Ctx, report: TickReport): StepGen | null;
  /** Runs after each tick with what the write barrier saw; refcount only. */
  afterTick?(ctx: Ctx, report: TickReport): StepGen;
  /** Boxes still allocated at the end that it could never reclaim. */
  leakedAtEnd(ctx: Ctx): number;
}
