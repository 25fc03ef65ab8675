// Incremental, how much each slice does and when: worked out by hand on small levels (a
// slice takes grey blocks first in first out while they fit its budget, always at least
// one; a cycle's first slice runs at once unless this gap already had one; a block handed
// out in this gap is blackened without reading its boxes), and on random levels (never
// two slices in one gap; the write barrier's checks cost one unit each, only while marking).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel, itemsAt, type CompiledLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { compile, playAnimated } from './helpers.js';
import { FLOATS } from './hand-levels.js';
import { anyLevelArb } from './levels.js';

/** The run's pauses as "gap kind: text" from their first steps, and the allocations' texts. */
function story(level: CompiledLevel): string[] {
  const out: string[] = [];
  playAnimated(level, 'incremental', (rt, step) => {
    if (step.kind === 'collected') out.push(`${rt.state.tick} ${rt.view.pause!.kind}: ${step.text}`);
    if (step.kind === 'alloc') out.push(`${rt.state.tick} ${step.text}`);
  });
  return out;
}

describe('incremental slices, worked out by hand', () => {
  it('take grey blocks while they fit the budget, a block that fills it exactly included, and always at least one', () => {
    // Slices of 3, 30% of 39 usable. a, b (1 unit each) arrive in tick 0; r {p → a} (2
    // units), d (1) and s {p → a, q → b, t → d} (4) in tick 1. big (12 boxes) starts cycle 1
    // in gap 2: a and b fit the slice (2), r does not (2 + 2). Gap 3: r and d fill it
    // exactly (3). Gap 4: s alone is over budget (4) but a slice does at least one block.
    const level = compile({
      memory: 40,
      ticks: 7,
      gc: { workPerTick: 3, slice: 3, trigger: 0.3 },
      values: [
        { id: 'a', value: 'a', arrive: 0, uses: [6] },
        { id: 'b', value: 'b', arrive: 0, uses: [6] },
        { id: 'r', fields: [{ name: 'p', ref: 'a' }], arrive: 1, uses: [6] },
        { id: 'd', value: 'd', arrive: 1, uses: [6] },
        {
          id: 's',
          fields: [
            { name: 'p', ref: 'a' },
            { name: 'q', ref: 'b' },
            { name: 't', ref: 'd' },
          ],
          arrive: 1,
          uses: [6],
        },
        { id: 'big', value: 'abcdefghijk', arrive: 2, uses: [6] },
      ],
    });
    const slices = story(level).filter((l) => / slice: /.test(l));
    expect(slices).toEqual([
      '2 slice: incremental: slice, 2 blocks blackened (0 pointers read), cycle 1 goes on (3 grey); 2 units of work, pause 1 tick',
      '3 slice: incremental: slice, 2 blocks blackened (1 pointer read), cycle 1 goes on (1 grey); 3 units of work, pause 1 tick',
      '4 slice: incremental: slice, 1 block blackened (3 pointers read), cycle 1 goes on (sweeping); 4 units of work, pause 2 ticks',
      '5 slice: incremental: slice, 3 blocks swept past, 0 freed (0 boxes), cycle 1 goes on (sweeping); 3 units of work, pause 1 tick',
      '6 slice: incremental: slice, 3 blocks swept past, 0 freed (0 boxes), cycle 1 done; 3 units of work, pause 1 tick',
    ]);
  });

  it('blackens a block handed out in this gap without reading its stale boxes', () => {
    // Slices of 1, 50% of 31 usable.
    //   gap 0: D (3 boxes) at 1, in scope to tick 3. gap 1: Q {p → D} at 4, F (11) at 5,
    //          both out of scope in tick 1.
    //   gap 2: B1 starts cycle 1 (D greyed); the slices that follow blacken D and sweep Q
    //          and F away (gaps 4, 5); cycle 1 ends in gap 6. Box 4 still holds Q's 1: D's address.
    //   gap 7: r {p → B1} goes to 4, not written yet. z starts cycle 2: r and B1 are grey, D
    //          (out of scope) white. The slice blackens r reading nothing: D stays white and
    //          the sweep frees it in gap 9.
    const level = compile({
      memory: 32,
      ticks: 12,
      gc: { workPerTick: 10, slice: 1, trigger: 0.5 },
      values: [
        { id: 'D', value: 'dd', arrive: 0, drop: 3 },
        { id: 'Q', fields: [{ name: 'p', ref: 'D' }], arrive: 1, drop: 1 },
        { id: 'F', value: 'ffffffffff', arrive: 1, drop: 1 },
        { id: 'B1', value: 'b', arrive: 2, uses: [11] },
        { id: 'r', fields: [{ name: 'p', ref: 'B1' }], arrive: 7, uses: [11] },
        { id: 'z', value: 'zzzzzzzzzz', arrive: 7, uses: [11] },
      ],
    });
    const lines = story(level);
    expect(lines).toContain('7 allocate: r gets 1 box at 4 (first fit)');
    expect(lines).toContain(
      '7 slice: incremental: slice, 1 block blackened (0 pointers read), cycle 2 goes on (1 grey); 1 unit of work, pause 1 tick',
    );
    expect(lines).toContain(
      '9 slice: incremental: slice, 1 block swept past, 1 freed (3 boxes), cycle 2 goes on (sweeping); 1 unit of work, pause 1 tick',
    );
    const s = runCollector(level, 'incremental');
    expect(s.variables[level.indexOf.get('D')!]!.freed).toBe(true);
    expect(s.used).toBe(14);
  });

  it('tells an allocation during a cycle (black) from one outside it', () => {
    expect(story(compile(FLOATS)).filter((l) => l.includes('allocate:'))).toEqual([
      '0 allocate: a gets 6 boxes at 1 (first fit)',
      '0 allocate: b gets 3 boxes at 7 (first fit)',
      '0 allocate: c gets 3 boxes at 10 (first fit, allocated black during the cycle)',
      '2 allocate: big gets 5 boxes at 1 (first fit)',
    ]);
  });

  it('tells the same story when it all happens a tick later: a first cycle in gap 1 slices at once', () => {
    const later = (l: typeof FLOATS, by: number): Level =>
      ({
        id: 'later',
        title: 'Later',
        ...l,
        ticks: l.ticks + by,
        values: l.values.map((v) => ({
          ...v,
          arrive: v.arrive + by,
          ...(v.drop === undefined ? {} : { drop: v.drop + by }),
          ...(v.uses === undefined ? {} : { uses: v.uses.map((u) => u + by) }),
        })),
      }) as Level;
    const shifted = (lines: string[]) => lines.map((l) => l.replace(/^(\d+)/, (t) => String(Number(t) + 1)));
    expect(story(compileLevel(later(FLOATS, 1)))).toEqual(shifted(story(compile(FLOATS))));
  });

  it('runs a whole fresh cycle in gap 1 when the finalization there frees nothing', () => {
    // FLOATS with a out of scope in tick 0 and big arriving in gap 1: a floats (black) when
    // big finds no room, so only cycle 2, in gap 1, frees it.
    const level = compile({
      ...FLOATS,
      values: FLOATS.values.map((v) => (v.id === 'a' ? { ...v, drop: 0 } : v.id === 'big' ? { ...v, arrive: 1 } : v)),
    });
    const lines = story(level);
    expect(lines.filter((l) => l.startsWith('1 full:'))).toHaveLength(1);
    expect(lines).toContain('1 allocate: big gets 5 boxes at 1 (first fit)');
    expect(runCollector(level, 'incremental').crash).toBeNull();
  });
});

describe('incremental slices, on random levels', () => {
  it('never slices twice in one gap: a cycle that starts after the gap slice waits for the next gap', () => {
    let waited = 0;
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel({ ...json, gc: { ...json.gc, slice: 2, trigger: 0.3 } });
        const sliced = new Set<number>();
        playAnimated(level, 'incremental', (rt, step) => {
          if (step.kind !== 'collect' || rt.view.pause!.kind !== 'slice') return;
          expect(sliced.has(rt.state.tick), `two slices before tick ${rt.state.tick}`).toBe(false);
          sliced.add(rt.state.tick);
        });
        const log = runCollector(level, 'incremental', { verbose: true }).log;
        // Cycles that started in a gap that had sliced already.
        for (let i = 0; i < log.length; i++) {
          const e = log[i]!;
          if (e.kind !== 'collect' || !/ starts: /.test(e.text)) continue;
          if (log.slice(0, i).some((f) => f.tick === e.tick && f.text.startsWith('incremental: slice,'))) waited++;
        }
      }),
      // Full count even in a mutation run: the count below needs a cycle that waits.
      { numRuns: 40 },
    );
    expect(waited).toBeGreaterThan(0);
  });

  it('counts one unit of program time per pointer store the barrier checks, only while marking, and never in a pause', () => {
    let checked = 0;
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel({ ...json, gc: { ...json.gc, slice: 2, trigger: 0.3 } });
        // Pointer stores per tick: each arrival's pointer fields, then each set.
        const stores = (t: number) =>
          itemsAt(level.program.arrivals, t).reduce((n, v) => n + level.values[v]!.pointerOffsets.length, 0) +
          (json.sets ?? []).filter((s) => s.tick === t).length;
        let marking = 0;
        let greyed = false;
        const rt = playAnimated(level, 'incremental', (rt, step) => {
          if (step.kind === 'tick' && rt.view.cycle === 'mark') marking += stores(rt.state.tick - 1);
          if (step.kind === 'barrier') greyed = true;
        });
        // Where the barrier greyed nothing, the run without it is the same run but for the checks.
        if (greyed) return;
        const without = runCollector(level, 'incremental', { withoutBarrier: true });
        expect(rt.state.work - without.work).toBe(marking);
        expect(rt.state.pauseTicks).toBe(without.pauseTicks);
        checked += marking;
      }),
      { numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(0);
  });
});
