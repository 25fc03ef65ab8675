// The automatic runtime: plays a level with no player. Between ticks it
// hands each arriving value a block (first fit, or the copying collector's bump pointer),
// in the order the level lists them, and never frees by hand; a collector reclaims memory.
//
// Before each allocation: when the level's trigger is below 1.0 and the allocation would
// take the boxes in use past trigger × capacity, it collects first; when the allocation
// fails, it collects and tries again; when it still fails, the run crashes out of memory.
// It collects at most once between two ticks: nothing can die between them (no tick ran,
// and the blocks just handed out are roots), so a second collection would find nothing.
// Generational and incremental have their own policy for this (their `allocate`: the
// nursery's bump pointer, scavenges and major collections; cycles, slices and
// finalizations); incremental also runs a slice at the start of each gap, and both run a
// write barrier over the pointers each tick stored, as program time.
//
// One generator does it all. Animated (watch), it yields a Step for every small action;
// headless, it yields nothing and runs to the end in one call: the same code either way.
import { placeBlock } from '../run/alloc.js';
import { countAt, itemsAt, type CompiledLevel } from '../level/compile.js';
import type { CollectorName } from '../vocabulary.js';
import { initialState, totalBugs, totalSecurity, type RunState } from '../run/state.js';
import { copyState } from '../run/copy.js';
import { note } from '../run/log.js';
import { outOfMemoryCrashText, outOfMemoryText } from '../run/refusals.js';
import { runTick, type TickReport } from '../run/tick.js';
import { boxes, idOf, plural, step } from './heap.js';
import { copying } from './copying.js';
import { markCompact } from './mark-compact.js';
import { markSweep } from './mark-sweep.js';
import { refcount } from './refcount.js';
import { generational } from './generational.js';
import { incremental } from './incremental.js';
import { addPause, counted, stopTheWorld, workAhead } from './pause.js';
import type { Collector, Ctx, Placement, RuntimeView, Step, StepGen } from './types.js';
import { present } from '../invariant.js';

export const COLLECTOR_IMPLS: Readonly<Record<CollectorName, Collector>> = {
  'mark-sweep': markSweep,
  'mark-compact': markCompact,
  refcount,
  copying,
  generational,
  incremental,
};

export interface RuntimeOptions {
  /** Log every event (malloc, arrive, read...), not only collections and consequences. */
  verbose?: boolean;
  /** Tests only: switch the write barrier off, to show the reachable values it keeps from being lost. */
  withoutBarrier?: boolean;
  /** Yield a 'gap' step at the start of each gap between ticks, where snapshot() may be taken. */
  gaps?: boolean;
  /** Yield every small step (default), or only the mallocs, each collection's start and end, the ticks and the end. */
  inner?: boolean;
  /** A finished run of the same level that nothing holds any more, whose boxes and variables this run may take over (see initialState). */
  reuse?: RunState;
  /**
   * Only the metrics are wanted (a comparison's run, headless): the collections' log lines,
   * which no metric reads, are not written. A big level's run writes thousands of them.
   */
  metricsOnly?: boolean;
}

/** A copy of a run taken at the start of a gap between ticks, from which it can be resumed. */
export interface RuntimeSnapshot {
  readonly level: CompiledLevel;
  readonly collector: CollectorName;
  /** The run's context, not shared with any live run. */
  readonly ctx: Ctx;
}

/** A run of the automatic runtime, advanced one small step at a time (for `watch`). */
export interface Runtime {
  readonly level: CompiledLevel;
  readonly collector: CollectorName;
  /** The run's state, changed in place by each step. */
  readonly state: RunState;
  /** What the collector is doing, for drawing. */
  readonly view: RuntimeView;
  /** The run is over (finished or crashed). */
  readonly done: boolean;
  /** Takes the next small step and returns it; null once the run is over. */
  next(): Step | null;
  /** A copy to resume from: only right after a 'gap' step (the run is between two ticks). */
  snapshot(): RuntimeSnapshot;
}

/** Plays the whole level with the collector and returns the finished state. */
export function runCollector(level: CompiledLevel, name: CollectorName, options: RuntimeOptions = {}): RunState {
  const ctx = newCtx(level, name, false, options.verbose ?? false, options);
  const run = play(ctx, COLLECTOR_IMPLS[name]);
  while (!run.next().done);
  return ctx.state;
}

/** The same run, animated: each `next()` is one allocation, one marking or sweeping or moving step, one count change, one tick. */
export function createRuntime(level: CompiledLevel, name: CollectorName, options: RuntimeOptions = {}): Runtime {
  const ctx = newCtx(level, name, true, options.verbose ?? true, options);
  return runtimeOf(ctx);
}

/** A run resumed from a snapshot (which stays untouched): its first step is the snapshot's 'gap' again. */
export function resumeRuntime(snap: RuntimeSnapshot, options: { inner?: boolean } = {}): Runtime {
  const ctx = copyCtx(snap.ctx);
  ctx.inner = options.inner ?? true;
  return runtimeOf(ctx);
}

/** A copy of a context: the boxes, blocks, variables, tallies, view and collector data, with the log and timeline copied as arrays of the same entries. */
function copyCtx(ctx: Ctx, base?: RunState): Ctx {
  // One structuredClone for view and data together keeps what they share shared (refcount's counts).
  const { view, data } = structuredClone({ view: ctx.view, data: ctx.data });
  const n = ctx.level.values.length;
  return {
    ...ctx,
    state: copyState(
      ctx.state,
      ctx.state.log,
      ctx.state.log.length,
      ctx.state.timeline,
      ctx.state.timeline.length,
      base,
    ),
    view,
    data,
    summary: () => '',
    scratch: { fwd: new Int32Array(n), seen: new Int32Array(n), epoch: 0 },
  };
}

function runtimeOf(ctx: Ctx): Runtime {
  const { level } = ctx;
  const name = ctx.view.collector;
  const run = play(ctx, COLLECTOR_IMPLS[name]);
  let done = false;
  let atGap = false;
  let lastSnap: RunState | undefined;
  return {
    level,
    collector: name,
    state: ctx.state,
    view: ctx.view,
    get done() {
      return done;
    },
    next() {
      if (done) return null;
      const r = run.next();
      if (r.done) {
        done = true;
        return null;
      }
      atGap = r.value.kind === 'gap';
      if (!atGap) ctx.view.last = r.value;
      if (ctx.state.finished) done = true;
      return r.value;
    },
    snapshot() {
      if (!atGap) throw new Error('A run can be copied only at the start of a gap between ticks.');
      // A snapshot shares what did not change with the last one: neither is ever changed (resuming copies).
      const snap = { level, collector: name, ctx: copyCtx(ctx, lastSnap) };
      lastSnap = snap.ctx.state;
      return snap;
    },
  };
}

function newCtx(
  level: CompiledLevel,
  name: CollectorName,
  animate: boolean,
  verbose: boolean,
  options: RuntimeOptions,
): Ctx {
  const n = level.values.length;
  const view: RuntimeView = {
    collector: name,
    phase: 'allocate',
    shade: new Uint8Array(n),
    marking: false,
    counts: null,
    copies: null,
    half: null,
    pause: null,
    generations: null,
    cycle: null,
    last: null,
    collections: 0,
  };
  const ctx: Ctx = {
    level,
    state: initialState(level, verbose, options.reuse),
    view,
    animate,
    barrier: !options.withoutBarrier,
    gaps: options.gaps ?? false,
    inner: options.inner ?? true,
    metricsOnly: !animate && options.metricsOnly === true,
    cw: 0,
    freed: 0,
    summary: () => '',
    data: {},
    scratch: { fwd: new Int32Array(n), seen: new Int32Array(n), epoch: 0 },
  };
  COLLECTOR_IMPLS[name].init(ctx);
  return ctx;
}

function* play(ctx: Ctx, c: Collector): StepGen {
  const { level, state, view } = ctx;
  const arrivals = level.program.arrivals;
  // Starts at the state's next tick, so a run copied at a gap resumes there.
  for (let t = state.tick; t < level.ticks; t++) {
    if (ctx.gaps) yield { kind: 'gap', text: `gap before tick ${t}` };
    const gap = c.beforeGap?.(ctx);
    if (gap) yield* gap;
    let collected = false;
    for (let k = present(arrivals.start[t]), end = present(arrivals.start[t + 1]); k < end; k++) {
      const v = present(arrivals.items[k]);
      const size = present(level.values[v]).size;
      view.phase = 'allocate';
      let placed: Placement | null;
      if (c.allocate) {
        placed = c.placeAtOnce?.(ctx, v) ?? (yield* c.allocate(ctx, v));
        collected = true;
      } else {
        // Most allocations fit at once: only a collection needs the generator (and its objects).
        const placeNow = collected || !triggerPassed(ctx, c, size);
        const at = placeNow ? c.place(ctx, size) : null;
        if (at !== null) placed = placedAt(c, at);
        else {
          const r: { placed: Placement | null; collected: boolean } = yield* firstFitOrCollect(
            ctx,
            c,
            v,
            size,
            collected,
            placeNow,
          );
          placed = r.placed;
          collected = r.collected;
        }
      }
      if (placed === null) {
        yield* outOfMemory(ctx, c, v, collected);
        return;
      }
      const { at, how } = placed;
      placeBlock(state, v, at, size);
      if (state.verbose)
        note(state, 'malloc', `malloc ${idOf(ctx, v)}: ${boxes(size)} at ${at} (${how})`, {
          value: idOf(ctx, v),
          addr: at,
        });
      if (ctx.animate)
        yield step('alloc', `allocate: ${idOf(ctx, v)} gets ${boxes(size)} at ${at} (${how})`, {
          start: at,
          size,
          owner: v,
        });
    }
    view.phase = 'run';
    const report = runTick(level, state);
    if (ctx.animate) yield step('tick', tickText(ctx, report));
    const barrier = ctx.barrier ? c.barrier?.(ctx, report) : null;
    if (barrier) yield* barrier;
    if (c.afterTick) {
      if (ctx.animate) yield* refcountTick(ctx, c, report);
      else {
        // Headless, every tick comes here, with no pause counter to keep up and no step to pass on.
        ctx.cw = 0;
        ctx.freed = 0;
        yield* c.afterTick(ctx, report);
        refcountTicked(ctx, c);
      }
    }
  }
  yield* finish(ctx, c);
}

/**
 * A collector without its own allocator: a collection first when the trigger (below 1.0)
 * is passed, then its placement; when that finds no room, a collection (at most one a gap)
 * and the placement again.
 */
function* firstFitOrCollect(
  ctx: Ctx,
  c: Collector,
  v: number,
  size: number,
  collected: boolean,
  placedOnce: boolean,
): Generator<Step, { placed: Placement | null; collected: boolean }, void> {
  const { state } = ctx;
  const trigger = ctx.level.gc.trigger;
  if (!collected && triggerPassed(ctx, c, size)) {
    const why = `${idOf(ctx, v)} needs ${boxes(size)} and ${state.used} of ${c.capacity(ctx)} are in use, past the trigger (${Math.round(trigger * 100)}%)`;
    yield* collection(ctx, c, why);
    collected = true;
  }
  // `placedOnce`: the caller tried the placement already (its work is counted) and found no room.
  let at = placedOnce ? null : c.place(ctx, size);
  if (at === null && c.collect && !collected) {
    yield* collection(ctx, c, `no room for ${idOf(ctx, v)} (${boxes(size)} in a row)`);
    collected = true;
    at = c.place(ctx, size);
  }
  const placed = at === null ? null : placedAt(c, at);
  return { placed, collected };
}

/** A placement by the collector's own way of placing: the copying collector's bump pointer, else first fit. */
function placedAt(c: Collector, at: number): Placement {
  return { at, how: c.name === 'copying' ? 'bump pointer' : 'first fit' };
}

/** Whether the trigger (below 1.0) asks for a collection before placing `size` boxes. */
function triggerPassed(ctx: Ctx, c: Collector, size: number): boolean {
  const trigger = ctx.level.gc.trigger;
  return c.collect !== undefined && trigger < 1 && ctx.state.used + size > trigger * c.capacity(ctx);
}

/** The program has run: what is still held, and the end line. */
function* finish(ctx: Ctx, c: Collector): StepGen {
  const { state, view } = ctx;
  if (ctx.gaps) yield { kind: 'gap', text: 'the program has run' };
  state.finished = true;
  state.leakedAtEnd = c.leakedAtEnd(ctx);
  view.phase = 'done';
  const bugs = totalBugs(state.bugs);
  const held =
    state.leakedAtEnd > 0
      ? `${boxes(state.leakedAtEnd)} of them in cycles it could never free`
      : 'none of them out of its reach';
  const holes = totalSecurity(state.security);
  const exploitable = holes > 0 ? `; exploitable: ${plural(holes, 'security hole')}` : '';
  const text = `Program finished under ${c.name}: ${plural(bugs, 'bug')}; ${boxes(state.used)} still allocated at the end, ${held}${exploitable}.`;
  note(state, 'end', text);
  if (ctx.animate) yield step('end', text);
}

function tickText(ctx: Ctx, report: TickReport): string {
  const t = report.tick;
  const { program } = ctx.level;
  const arrived = itemsAt(program.arrivals, t);
  const dropped = itemsAt(program.drops, t);
  const parts: string[] = [];
  if (arrived.length > 0)
    parts.push(`${arrived.map((v) => idOf(ctx, v)).join(', ')} ${arrived.length === 1 ? 'arrives' : 'arrive'}`);
  if (report.writes.length > 0) parts.push(plural(report.writes.length, 'pointer write'));
  const uses = countAt(program.reads, t);
  if (uses > 0) parts.push(plural(uses, 'read'));
  if (dropped.length > 0)
    parts.push(`${dropped.map((v) => idOf(ctx, v)).join(', ')} ${dropped.length === 1 ? 'goes' : 'go'} out of scope`);
  return `tick ${t}: ${parts.length > 0 ? parts.join('; ') : 'nothing happens'}`;
}

/** Pause ticks of refcount's work in one tick: only the part beyond one tick's budget. */
const refcountPause = (work: number, perTick: number) => (work > perTick ? Math.ceil((work - perTick) / perTick) : 0);

function* collection(ctx: Ctx, c: Collector, why: string): StepGen {
  yield* stopTheWorld(ctx, c.name, why, (x) => c.collect!(x), { kind: 'collection' });
}

/** A refcount tick, animated: the pause counter kept up through its steps, and the pause's line as a step. */
function* refcountTick(ctx: Ctx, c: Collector, report: TickReport): StepGen {
  const { view, level } = ctx;
  const perTick = level.gc.workPerTick;
  ctx.cw = 0;
  ctx.freed = 0;
  const pauseOf = (w: number) => refcountPause(w, perTick);
  if (ctx.inner) {
    const total = pauseOf(workAhead(ctx, (copy) => c.afterTick!(copy, report)));
    view.pause = total > 0 ? { elapsed: 0, total, kind: 'collection' } : null;
  }
  yield* counted(ctx, c.afterTick!(ctx, report), pauseOf);
  const text = refcountTicked(ctx, c);
  if (text !== null) {
    if (view.pause) view.pause.elapsed = refcountPause(ctx.cw, perTick);
    yield step('collected', text);
  }
  view.pause = null;
}

/** What a refcount tick's work (ctx.cw) comes to: its pause, and its log line; the line when it paused. */
function refcountTicked(ctx: Ctx, c: Collector): string | null {
  const { state, view, level } = ctx;
  const perTick = level.gc.workPerTick;
  const work = ctx.cw;
  const p = refcountPause(work, perTick);
  addPause(state, p);
  view.phase = 'run';
  if (p > 0) {
    view.collections++;
    if (ctx.metricsOnly) return null;
    const text = `${c.name}: ${ctx.summary()} after tick ${state.tick - 1}; ${plural(work, 'unit')} of work, ${work - perTick} beyond one tick's ${perTick}: pause ${plural(p, 'tick')}`;
    note(state, 'collect', text);
    return text;
  }
  if (ctx.freed > 0 && state.verbose)
    note(
      state,
      'collect',
      `${c.name}: ${ctx.summary()} after tick ${state.tick - 1}; ${plural(work, 'unit')} of work, no pause`,
    );
  return null;
}

function* outOfMemory(ctx: Ctx, c: Collector, v: number, collected: boolean): StepGen {
  const { state, view, level } = ctx;
  const size = present(level.values[v]).size;
  // A collector that can collect always has by now (firstFitOrCollect): only refcount runs out without collecting.
  const after = collected ? 'even after collecting, ' : `${c.name} frees nothing more on demand, and `;
  const text = outOfMemoryText(idOf(ctx, v), size, c.room(ctx), after);
  note(state, 'oom', text, { value: idOf(ctx, v) });
  state.finished = true;
  state.crash = 'oom';
  note(state, 'end', outOfMemoryCrashText(state.tick));
  view.phase = 'done';
  if (ctx.animate) yield { kind: 'oom', text, value: v };
}
