// A run's moments rebuilt on demand: one pass records every moment's description and
// keeps a checkpoint every k moments; any moment is then the nearest checkpoint before
// it, replayed forward. The number of checkpoints is capped (when there are too many,
// every other one goes and k doubles), so a long run reviews in bounded memory, and a
// rebuild replays at most about k moments.
import type { LogEntry, RunState } from '../run/state.js';
import { copyState } from '../run/copy.js';
import { Timeline } from '../run/timeline.js';
import { eventsBetween } from './events.js';
import type { Moment, MomentStep, ReviewEvent } from './moment.js';
import { nth } from '../invariant.js';

/** Where a run is while it is replayed: its state, changed in place as it advances. */
export interface Cursor<S> {
  readonly state: RunState;
  /** Goes to the next moment; null after the last. */
  advance(): MomentStep | null;
  /** Asks for a snapshot during the next advance (or, if it passes no point to take one, a later one). */
  requestSnapshot(): void;
  /** The snapshot taken during the last advance, if any: resuming from it, the first advance returns that same moment. */
  takeSnapshot(): S | null;
}

export interface MomentSource<S> {
  /** A cursor at moment 0; `detail` asks for every small step between moments too (for animating). */
  start(detail?: boolean): Cursor<S>;
  /** A cursor resumed from a snapshot, given the whole run's log and timeline (a snapshot keeps only their lengths). */
  resume(snap: S, log: readonly LogEntry[], timeline: RunState['timeline'], detail?: boolean): Cursor<S>;
}

/** At most this many checkpoints are kept. */
export const MAX_CHECKPOINTS = 128;
/** A checkpoint every this many moments at first. */
export const FIRST_SPACING = 16;
/**
 * Rebuilt states kept: for screens that redraw the same moment, and for stepping
 * backwards. The one asked for longest ago goes first, so the states a screen asks for
 * again and again (the run's first and last moments, prepared after every key) stay.
 */
const CACHED_STATES = 48;
/**
 * Going back to a moment, the states of this many moments before it are kept on the way.
 * Few: each kept state is thousands of small records that live on, the costly kind for
 * the garbage collector, and they are all made in one keypress. Stepping back then
 * rebuilds every few moments, from a checkpoint that costs one copy.
 */
const BACK_RUN = 4;
/** Moments of replay in one slice of prepare: about a millisecond of a collector's run. */
const PREPARE_STEPS = 16;
/** Going forward past moments (a jump), the states of this many moments before the one asked for are kept too: one step back is likely next. */
const BEHIND_JUMP = 1;

export interface Recorded<S> {
  moments: Moment[];
  events: ReviewEvent[];
  checkpoints: { pos: number; snap: S }[];
  spacing: number;
  final: RunState;
}

/** The tick just run for a tick (or a finish: the last), else the tick the gap comes before (a crash happens in a gap). */
function cellOf(kind: Moment['kind'], state: RunState, ticks: number): number {
  const last = Math.max(0, ticks - 1);
  // A finished run's end is at the last tick, where the clamp puts it anyway.
  return Math.min(last, Math.max(0, kind === 'tick' ? state.tick - 1 : state.tick));
}

export interface CheckpointOptions {
  /** Moments between checkpoints at first (default FIRST_SPACING). */
  spacing?: number;
  /** Checkpoints kept at most (default MAX_CHECKPOINTS). */
  maxCheckpoints?: number;
}

/** Plays the run once, recording its moments, its events and the checkpoints. */
export function record<S>(source: MomentSource<S>, ticks: number, options: CheckpointOptions = {}): Recorded<S> {
  const max = Math.max(2, options.maxCheckpoints ?? MAX_CHECKPOINTS);
  const cur = source.start();
  const moments: Moment[] = [
    { index: 0, kind: 'start', tick: cur.state.tick, cell: 0, label: 'the start', logLength: cur.state.log.length },
  ];
  const events: ReviewEvent[] = [];
  let checkpoints: { pos: number; snap: S }[] = [];
  let spacing = Math.max(1, options.spacing ?? FIRST_SPACING);
  let lastPos = 0;
  let before = tallies(cur.state);
  let openCollect: number | null = null;
  for (;;) {
    const index = moments.length;
    if (index - lastPos >= spacing || index === 1) cur.requestSnapshot();
    const step = cur.advance();
    if (!step) break;
    const snap = cur.takeSnapshot();
    if (snap !== null) {
      checkpoints.push({ pos: index, snap });
      lastPos = index;
      if (checkpoints.length > max) {
        checkpoints = checkpoints.filter((_, i) => i % 2 === 0);
        spacing *= 2;
      }
    }
    const s = cur.state;
    const m: Moment = {
      index,
      kind: step.kind,
      tick: s.tick,
      cell: cellOf(step.kind, s, ticks),
      label: step.label,
      logLength: s.log.length,
    };
    moments.push(m);
    if (step.kind === 'collect') openCollect = index;
    const after = tallies(s);
    for (const e of eventsBetween(s, nth(moments, index - 1).logLength, m, before, after)) {
      // A pause belongs to the start of its collection, where stepping through it begins.
      if (e.kind === 'pause' && openCollect !== null) {
        e.moment = openCollect;
        e.cell = nth(moments, openCollect).cell;
      }
      events.push(e);
    }
    if (step.kind === 'collected') openCollect = null;
    before = after;
  }
  events.sort((a, b) => a.moment - b.moment);
  return { moments, events, checkpoints, spacing, final: cur.state };
}

export interface Tallies {
  pauseTicks: number;
  pauses: number;
  crashed: boolean;
}

function tallies(s: RunState): Tallies {
  return { pauseTicks: s.pauseTicks, pauses: s.pauses, crashed: s.crash !== null };
}

/** Rebuilds states of recorded moments: from the nearest checkpoint, or onward from the last one rebuilt. */
export class Rebuilder<S> {
  private warm: { cursor: Cursor<S>; at: number } | null = null;
  private cache = new Map<number, RunState>();
  private last: RunState | null = null;
  /** A cursor of its own working toward one moment, a few moments at a time (see prepare). */
  private ahead: { target: number; cursor: Cursor<S>; at: number } | null = null;

  constructor(
    private readonly source: MomentSource<S>,
    private readonly rec: Recorded<S>,
  ) {}

  /** A cursor standing at moment i, private to the caller (it may advance it, with every small step when `detail`). */
  cursorAt(i: number, detail = false): Cursor<S> {
    const { cursor, at } = this.nearest(i, detail);
    let pos = at;
    while (pos < i && cursor.advance()) pos++;
    return cursor;
  }

  /** The state at moment i: a copy no one else changes. */
  stateAt(i: number): RunState {
    const hit = this.cache.get(i);
    if (hit) return this.touched(i, hit);
    const cpPos = this.checkpointBefore(i)?.pos ?? 0;
    let warm = this.warm;
    // Going back (or far ahead) starts again from the nearest checkpoint; stepping on goes on from the last.
    const backwards = warm !== null && warm.at > i && warm.at - i <= 4 * BACK_RUN;
    if (!warm || warm.at > i || cpPos > warm.at) warm = this.nearest(i);
    this.warm = warm;
    // Going back, one moment at a time is likely next: keep the moments just before this one too.
    const keepFrom = i - (backwards ? BACK_RUN : BEHIND_JUMP);
    while (warm.at < i) {
      if (warm.at >= keepFrom && !this.cache.has(warm.at)) this.remember(warm.at, this.copyOf(warm));
      if (!warm.cursor.advance()) break;
      warm.at++;
    }
    const state = this.copyOf(warm);
    this.remember(i, state);
    return state;
  }

  /**
   * Works toward having moment i's state at hand, at most `steps` moments of replay at a
   * time (the first call only finds the checkpoint to start from); true once it is. A
   * screen calls it between keypresses for the moments a key is likely to ask for next
   * (the next event), so that key finds the state ready: no call does more than a small
   * slice of the work, so a key that comes meanwhile does not wait for it.
   */
  prepare(i: number, steps = PREPARE_STEPS): boolean {
    const hit = this.cache.get(i);
    if (hit) {
      this.touched(i, hit);
      return true;
    }
    const a = this.ahead;
    if (!a || a.target !== i) {
      this.ahead = { target: i, ...this.nearest(i) };
      return false;
    }
    for (let n = 0; a.at < i && n < steps; n++) {
      if (!a.cursor.advance()) break;
      a.at++;
    }
    if (a.at < i) return false;
    this.remember(i, this.copyOf(a));
    this.ahead = null;
    return true;
  }

  private copyOf(warm: { cursor: Cursor<S>; at: number }): RunState {
    const { log, timeline } = this.rec.final;
    const s = warm.cursor.state;
    // Shares what did not change with the nearest state kept (no one changes either): the
    // nearer the moment, the more is shared, and the less a keypress leaves for the
    // garbage collector.
    const state = copyState(s, [], 0, new Timeline(0), 0, this.nearestKept(warm.at));
    this.last = state;
    // The log and the timeline up to this moment are made only when asked for: a screen
    // reads the run's whole log up to the moment's length instead, and a long run's log
    // and timeline are long.
    const length = nth(this.rec.moments, warm.at).logLength;
    const timelineLength = s.timeline.length;
    let prefix: RunState['log'] | null = null;
    let timelinePrefix: RunState['timeline'] | null = null;
    Object.defineProperty(state, 'log', {
      enumerable: true,
      configurable: true,
      get: () => (prefix ??= log.slice(0, length)),
      set: (v: RunState['log']) => {
        prefix = v;
      },
    });
    Object.defineProperty(state, 'timeline', {
      enumerable: true,
      configurable: true,
      get: () => (timelinePrefix ??= timeline.fork(timelineLength)),
      set: (v: RunState['timeline']) => {
        timelinePrefix = v;
      },
    });
    return state;
  }

  /** The kept state of the moment nearest to i, else the last one handed out. */
  private nearestKept(i: number): RunState | undefined {
    let best: RunState | undefined;
    let distance = Number.POSITIVE_INFINITY;
    for (const [at, state] of this.cache) {
      const d = Math.abs(at - i);
      if (d < distance) {
        best = state;
        distance = d;
      }
    }
    return best ?? this.last ?? undefined;
  }

  /** A kept state asked for again: it goes last in the order they leave in. */
  private touched(i: number, state: RunState): RunState {
    this.cache.delete(i);
    this.cache.set(i, state);
    return state;
  }

  private remember(i: number, state: RunState): void {
    this.cache.set(i, state);
    if (this.cache.size > CACHED_STATES) this.cache.delete(this.cache.keys().next().value as number);
  }

  private checkpointBefore(i: number): { pos: number; snap: S } | null {
    const cps = this.rec.checkpoints;
    let lo = 0;
    let hi = cps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nth(cps, mid).pos <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? nth(cps, lo - 1) : null;
  }

  /** A fresh cursor at the nearest checkpoint at or before moment i (or the start). */
  private nearest(i: number, detail = false): { cursor: Cursor<S>; at: number } {
    const cp = i > 0 ? this.checkpointBefore(i) : null;
    if (!cp) return { cursor: this.source.start(detail), at: 0 };
    const cursor = this.source.resume(cp.snap, this.rec.final.log, this.rec.final.timeline, detail);
    cursor.advance();
    return { cursor, at: cp.pos };
  }
}
