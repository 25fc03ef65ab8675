// What the watch screen draws while a run goes on comes from the runtime's view model
// (rt.view), not from the steps: the phase named in the header, whether the marking
// colours are shown, the pause counter ("PAUSE 2/5"), the floating garbage and the
// number of collections so far. Read at every step of every collector and checked
// against what that step says it did.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel, type CompiledLevel } from '../../../src/engine/level/compile.js';
import {
  floatingGarbage,
  WHITE,
  type PauseKind,
  type Phase,
  type Runtime,
  type Step,
} from '../../../src/engine/runtime/index.js';
import { COLLECTORS, type CollectorName } from '../../../src/engine/vocabulary.js';
import { compile, playAnimated, reachableValues } from './helpers.js';
import { anyLevelArb } from './levels.js';
import { FLOATS } from './hand-levels.js';

/** The phase a step of this collector happens in; undefined for a 'collect' step (the phase before it stays). */
function phaseOf(collector: CollectorName, step: Step, kind: PauseKind | undefined): Phase | undefined {
  switch (step.kind) {
    case 'alloc':
      return 'allocate';
    case 'tick':
    case 'barrier':
      return 'run';
    case 'end':
    case 'oom':
      return 'done';
    case 'grey':
    case 'black':
      return 'mark';
    case 'count':
    case 'free':
      return 'count';
    case 'sweep':
      return 'sweep';
    case 'swept':
      return collector === 'mark-sweep' || collector === 'incremental' ? 'sweep' : 'compact';
    case 'forward':
      return 'compact';
    case 'promote':
      return 'scavenge';
    case 'flip':
      return collector === 'copying' ? 'copy' : 'scavenge';
    case 'rewrite':
    case 'move':
      if (collector === 'copying') return 'copy';
      if (collector === 'generational') return kind === 'minor' ? 'scavenge' : 'compact';
      return 'compact';
    case 'collected':
      // Refcount's paused tick ends in the program's time; a stop-the-world pause hands back to the allocator.
      return collector === 'refcount' ? 'run' : 'allocate';
    default:
      return undefined;
  }
}

/** Steps inside a marking collection (mark-sweep, mark-compact, generational's major), where the colours show. */
const MARKING_STEPS = new Set<Step['kind']>(['grey', 'black', 'sweep', 'swept', 'forward', 'rewrite', 'move']);

/** The kind of pause a collection's closing sentence reports. */
function pauseKindOf(collector: CollectorName, text: string): PauseKind {
  if (collector === 'generational') return text.startsWith('generational: minor collection') ? 'minor' : 'major';
  if (collector === 'incremental') {
    if (text.startsWith('incremental: slice,')) return 'slice';
    if (text.startsWith('incremental: finalization,')) return 'finalization';
    expect(text.startsWith('incremental: full collection,'), text).toBe(true);
    return 'full';
  }
  return 'collection';
}

const PAUSE_LINE =
  /(\d+) units? of work, (?:\d+ beyond one tick's \d+: )?pause (\d+) ticks?(?: \(one pause with the (\d+) units? before it in this gap\))?$/;

interface Shown {
  /** Collector work done since the pause began (state.work counts nothing else meanwhile). */
  work: number;
  elapsed: number;
  total: number;
  kind: PauseKind;
}

/**
 * Checks rt.view after each step of one run, counting in `seen` what it met.
 * The pause counter is checked at the pause's end, when its sentence says how much work it
 * took and which earlier work in the gap it joins.
 */
function watchView(level: CompiledLevel, collector: CollectorName, seen: Record<string, number>): void {
  const perTick = level.gc.workPerTick;
  const tracing = (w: number) => Math.ceil(w / perTick);
  const beyond = (w: number) => (w > perTick ? Math.ceil((w - perTick) / perTick) : 0);
  // The pause under way: the work at its start and the counter at each of its steps.
  let pause: { start: number; shown: Shown[] } | null = null;
  const record = (rt: Runtime) => {
    const p = rt.view.pause!;
    pause!.shown.push({ work: rt.state.work - pause!.start, elapsed: p.elapsed, total: p.total, kind: p.kind });
  };
  // Collections so far: each stop-the-world pause from its first step; for refcount, each tick that paused.
  let collections = 0;
  playAnimated(level, collector, (rt, step) => {
    const { view } = rt;
    if (step.kind === 'collect' || (collector === 'refcount' && step.kind === 'collected')) collections++;
    expect(view.collections).toBe(collections);
    const kind = view.pause?.kind;
    // The phase.
    const phase = phaseOf(collector, step, kind);
    if (phase !== undefined) expect(view.phase, `${collector} ${step.kind}: ${step.text}`).toBe(phase);
    // The marking colours.
    if (collector === 'incremental') {
      expect(view.marking, step.text).toBe(view.cycle !== null);
      if (step.kind === 'grey' || step.kind === 'black') expect(view.cycle).toBe('mark');
      if (step.kind === 'sweep' || step.kind === 'swept') expect(view.cycle).toBe('sweep');
      if (view.marking) seen.cycle++;
    } else {
      const marking =
        MARKING_STEPS.has(step.kind) &&
        (collector === 'mark-sweep' ||
          collector === 'mark-compact' ||
          (collector === 'generational' && kind === 'major'));
      expect(view.marking, `${collector} ${step.kind}: ${step.text}`).toBe(marking);
      if (marking) seen.marking++;
      else if (step.kind === 'collected') seen.unmarked++;
    }
    // Floating garbage: only while an incremental cycle runs, the dead values it already shaded.
    const reached = new Set(reachableValues(level, rt.state));
    const garbage = rt.state.blocks
      .map((b) => b.owner)
      .filter((v) => level.values[v]!.arrive < rt.state.tick && !reached.has(v));
    const floating = collector === 'incremental' && view.marking ? garbage.filter((v) => view.shade[v] !== WHITE) : [];
    expect([...floatingGarbage(level, rt.state, view)].sort((a, b) => a - b)).toEqual(floating.sort((a, b) => a - b));
    if (floating.length > 0) seen.floating++;
    if (collector === 'incremental' && view.marking && garbage.length > floating.length) seen.whiteGarbage++;
    // The pause counter.
    if (step.kind === 'collect') {
      pause = { start: rt.state.work, shown: [] };
      record(rt);
    } else if (collector === 'refcount' && (step.kind === 'tick' || step.kind === 'end')) {
      // Refcount counts after the tick; its counter appears with the first count, if the counting will cost a pause.
      expect(view.pause).toBeNull();
      expect(pause?.shown ?? [], 'a counter shown for a tick that did not pause').toEqual([]);
      pause = { start: rt.state.work, shown: [] };
    } else if (step.kind === 'collected') {
      const m = PAUSE_LINE.exec(step.text);
      expect(m, step.text).not.toBeNull();
      const [work, ticks, joins] = [Number(m![1]), Number(m![2]), Number(m![3] ?? 0)];
      expect(rt.state.work - pause!.start).toBe(work);
      const pauseOf = collector === 'refcount' ? beyond : (w: number) => tracing(joins + w);
      expect(pauseOf(work)).toBe(ticks);
      // Shown from its first step with its full length; at each step, the work done so far.
      expect(view.pause).toEqual({ elapsed: ticks, total: ticks, kind: pauseKindOf(collector, step.text) });
      expect(pause!.shown.length).toBeGreaterThan(0);
      for (const s of pause!.shown) {
        expect(s.total).toBe(ticks);
        expect(s.kind).toBe(view.pause!.kind);
        expect(s.elapsed, `${s.work} units done of ${work}`).toBe(Math.min(ticks, pauseOf(s.work)));
      }
      if (pause!.shown.some((s) => s.elapsed < ticks)) seen.partway++;
      if (joins > 0) seen.joined++;
      seen.pauses++;
      pause = null;
    } else if (pause && collector !== 'refcount') {
      expect(view.pause, `${collector} ${step.kind}: ${step.text}`).not.toBeNull();
      record(rt);
    } else if (pause && view.pause) record(rt);
    else expect(view.pause, `${collector} ${step.kind}: ${step.text}`).toBeNull();
  });
  seen.runs++;
}

describe("the runtime's view model, step by step", () => {
  it('names the phase, shows the colours, counts the pause and finds the floating garbage each step says', () => {
    const seen = {
      runs: 0,
      marking: 0,
      unmarked: 0,
      cycle: 0,
      floating: 0,
      whiteGarbage: 0,
      pauses: 0,
      partway: 0,
      joined: 0,
    };
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel(json);
        for (const collector of COLLECTORS) watchView(level, collector, seen);
      }),
      // Full count even in a mutation run: the counts below need collections of every kind.
      { numRuns: 30 },
    );
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('finds no floating garbage outside an incremental cycle, whatever colours the grid still holds', () => {
    // a is blackened in scope, dies in tick 1, and floats (black) in gap 2 while the cycle sweeps.
    const level = compile(FLOATS);
    const a = level.indexOf.get('a')!;
    let checked = 0;
    playAnimated(level, 'incremental', (rt) => {
      if (floatingGarbage(level, rt.state, rt.view).length === 0) return;
      expect(floatingGarbage(level, rt.state, rt.view)).toEqual([a]);
      expect(floatingGarbage(level, rt.state, { ...rt.view, marking: false })).toEqual([]);
      expect(floatingGarbage(level, rt.state, { ...rt.view, collector: 'mark-sweep' })).toEqual([]);
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
  });
});
