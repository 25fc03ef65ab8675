// Collector work stops the program: a collection of W work units is a pause of
// ceil(W / workPerTick) ticks. This file runs one such pause, keeps the screen's pause
// counter up to date while it runs, and records it in the run's tallies.
import type { RunState } from '../run/state.js';
import { note } from '../run/log.js';
import { plural, step } from './heap.js';
import { WHITE, type Ctx, type PauseKind, type Step, type StepGen } from './types.js';

/** Pause ticks of a tracing collection of `work` units. */
export const tracingPause = (work: number, perTick: number) => Math.ceil(work / perTick);

/** Records a pause of `p` ticks; `replacing` ticks of an earlier pause in the same gap become part of it. */
export function addPause(state: RunState, p: number, replacing = 0): void {
  if (replacing > 0) {
    state.pauseTicks -= replacing;
    state.pauses--;
    state.pendingPause -= replacing;
  }
  if (p <= 0) return;
  state.pauseTicks += p;
  state.pauses++;
  state.longestPause = Math.max(state.longestPause, p);
  state.pendingPause += p;
}

/**
 * Runs ahead on a copy of the context (not animated) to learn how much work the next
 * phase will take, so the screen can show "PAUSE 1/3" from its first step.
 */
export function workAhead(ctx: Ctx, run: (copy: Ctx) => StepGen): number {
  // Collectors change the boxes, the block table (blocks move), the variables and the
  // tallies; never the log, the timeline or the program's own pointer targets.
  const st = ctx.state;
  const state = {
    ...st,
    bytes: st.bytes.slice(),
    writer: st.writer.slice(),
    blocks: st.blocks.map((b) => ({ ...b })),
    variables: st.variables.map((s) => ({ ...s })),
    log: [],
  };
  const copy: Ctx = {
    ...ctx,
    state,
    view: { ...ctx.view, shade: ctx.view.shade.slice(), copies: null },
    data: structuredClone(ctx.data),
    animate: false,
    cw: 0,
  };
  const g = run(copy);
  while (!g.next().done);
  return copy.cw;
}

/** Runs a phase, keeping the screen's pause counter up to date after each step. */
export function* counted(ctx: Ctx, g: StepGen, pauseOf: (work: number) => number): StepGen {
  for (const s of g) {
    if (ctx.view.pause) ctx.view.pause.elapsed = Math.min(ctx.view.pause.total, pauseOf(ctx.cw));
    if (ctx.inner) yield s;
  }
}

export interface PauseOptions {
  kind: PauseKind;
  /** Work units of earlier pauses in this gap that this one joins: together they are one pause. */
  joins?: number;
  /** Leave the marking colours on the grid afterwards (incremental, between slices). */
  keepShade?: boolean;
}

/**
 * One stop-the-world pause running `run`: its work, its pause ticks, its log line
 * ("<label>: <summary>; W units of work, pause P ticks"). Returns the work it did.
 */
export function* stopTheWorld(
  ctx: Ctx,
  label: string,
  why: string,
  run: (ctx: Ctx) => StepGen,
  o: PauseOptions,
): Generator<Step, number, void> {
  const { state, view, level } = ctx;
  const perTick = level.gc.workPerTick;
  const before = o.joins ?? 0;
  const pauseOf = (w: number) => tracingPause(before + w, perTick);
  view.collections++;
  if (ctx.animate) {
    // Only a screen showing every step needs the pause's length before it runs.
    if (ctx.inner) view.pause = { elapsed: pauseOf(0), total: pauseOf(workAhead(ctx, run)), kind: o.kind };
    yield step('collect', `${label}: ${why}; the program stops`);
  }
  ctx.cw = 0;
  // Headless, there is no pause counter to keep up (and one generator less a collection).
  yield* ctx.animate ? counted(ctx, run(ctx), pauseOf) : run(ctx);
  const work = ctx.cw;
  const p = pauseOf(work);
  addPause(state, p, pauseOf(0) > 0 ? tracingPause(before, perTick) : 0);
  if (view.phase !== 'done') view.phase = 'allocate';
  if (!o.keepShade) view.shade.fill(WHITE);
  if (ctx.metricsOnly) return work;
  const joined = before > 0 ? ` (one pause with the ${plural(before, 'unit')} before it in this gap)` : '';
  const text = `${label}: ${ctx.summary()}; ${plural(work, 'unit')} of work, pause ${plural(p, 'tick')}${joined}`;
  note(state, 'collect', text);
  if (ctx.animate) {
    if (view.pause) view.pause.elapsed = p;
    yield step('collected', text);
    view.pause = null;
  }
  return work;
}
