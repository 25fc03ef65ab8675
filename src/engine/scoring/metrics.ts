// The metrics every run reports, under the names --json prints, and the
// one score formula with its weights from the level.
import type { CompiledLevel } from '../level/compile.js';
import { totalBugs, totalSecurity, type Bugs, type RunState, type Security } from '../run/state.js';
import { Timeline } from '../run/timeline.js';
import type { Crash } from '../vocabulary.js';
import { penaltiesOf, type Penalty } from './penalties.js';

export interface Metrics {
  completed: boolean;
  crash: Crash;
  ticks: number;
  pauseTicks: number;
  pauses: number;
  longestPause: number;
  work: number;
  peak: number;
  garbageBoxTicks: number;
  leakedAtEnd: number;
  mmu: number;
  bugs: Bugs;
  /** Security holes, counted besides the bugs that opened them. */
  security: Security;
  score: number;
  /** The player's stars; null for a collector's run (stars are the player's). */
  stars: number | null;
  /** Every point lost, adding up to exactly 1000 minus the score. */
  penalties: Penalty[];
  timeline: Timeline;
}

/** Metrics as a worker's message brings them (a structured clone: the timeline is its bare columns), whole again. */
export function revivedMetrics(m: Metrics): Metrics {
  return { ...m, timeline: Timeline.fromColumns(m.timeline) };
}

export const MMU_WINDOW = 10;

/**
 * Minimum mutator utilization: the worst share of any window of 10 slots the program got
 * to run. `trailingPause` is a pause no tick ran after (the one that ended in an
 * out-of-memory crash): it counts too.
 */
export function mmu(timeline: Timeline, window = MMU_WINDOW, trailingPause = 0): number {
  // Time as the collector sees it: each tick is its pause ticks (0) then one program tick (1).
  // The slots are walked, not listed: a long run has hundreds of thousands.
  let length = timeline.length + trailingPause;
  for (let t = 0; t < timeline.length; t++) length += timeline.pauseAt(t);
  if (length === 0) return 1;
  const w = Math.min(window, length);
  const last = new Uint8Array(w); // the last w slots, in a ring
  let seen = 0;
  let run = 0;
  let least = w;
  const slot = (ran: 0 | 1) => {
    const k = seen % w;
    run += ran - (last[k] as number); // 0 until the ring has gone round once
    last[k] = ran;
    seen++;
    if (seen >= w && run < least) least = run;
  };
  for (let t = 0; t < timeline.length; t++) {
    for (let i = timeline.pauseAt(t); i > 0; i--) slot(0);
    slot(1);
  }
  for (let i = 0; i < trailingPause; i++) slot(0);
  return Math.round((least / w) * 1000) / 1000;
}

/** A run's mmu so far: its ticks and pauses, the pause since the last tick (or the one that ended in a crash) included. */
export function runMmu(state: Pick<RunState, 'timeline' | 'pendingPause'>): number {
  return mmu(state.timeline, MMU_WINDOW, state.pendingPause);
}

export function scoreOf(
  level: CompiledLevel,
  m: Pick<Metrics, 'completed' | 'bugs' | 'security' | 'pauseTicks' | 'garbageBoxTicks' | 'peak'>,
  oraclePeak: number,
): number {
  if (!m.completed) return 0;
  const w = level.weights;
  const s =
    1000 -
    w.bug * totalBugs(m.bugs) -
    w.security * totalSecurity(m.security) -
    w.pauseTick * m.pauseTicks -
    Math.floor(m.garbageBoxTicks / w.garbageBoxTicksPerPoint) -
    w.peakBox * Math.max(0, m.peak - oraclePeak);
  return Math.max(0, s);
}

/** ★ finished; ★★ and no bugs, no security hole, nothing leaked; ★★★ and a score at least the level's default collector's. */
export function starsOf(
  m: Pick<Metrics, 'completed' | 'bugs' | 'security' | 'leakedAtEnd' | 'score'>,
  collectorScore: number | null,
): number {
  if (!m.completed) return 0;
  if (totalBugs(m.bugs) > 0 || totalSecurity(m.security) > 0 || m.leakedAtEnd > 0) return 1;
  return collectorScore !== null && m.score >= collectorScore ? 3 : 2;
}

/**
 * The metrics of a run's state. `collectorScore` is the default collector's score, for the
 * third star; `starred` is false for a collector's run, which gets no stars, and for a run
 * whose stars are given later (a comparison job's).
 */
export function metricsOf(
  level: CompiledLevel,
  state: RunState,
  oraclePeak: number,
  collectorScore: number | null,
  starred = true,
): Metrics {
  // A run that finishes before the last tick always has a crash (oom, or gave up).
  const completed = state.finished && state.crash === null;
  const base = {
    completed,
    crash: state.crash,
    ticks: state.tick,
    pauseTicks: state.pauseTicks,
    pauses: state.pauses,
    longestPause: state.longestPause,
    work: state.work,
    peak: state.peak,
    garbageBoxTicks: state.garbageBoxTicks,
    leakedAtEnd: state.leakedAtEnd,
    mmu: runMmu(state),
    bugs: { ...state.bugs },
    security: { ...state.security },
  };
  const score = scoreOf(level, base, oraclePeak);
  return {
    ...base,
    score,
    stars: starred ? starsOf({ ...base, score }, collectorScore) : null,
    penalties: penaltiesOf(level, state, completed, oraclePeak),
    timeline: state.timeline,
  };
}
