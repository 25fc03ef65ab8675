// Incremental marking, on hand-built levels: slices within their budget, the colours
// kept between slices, the insertion barrier, allocate-black, floating garbage and the
// finalization when an allocation fails mid-cycle.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { BLACK, GREY, WHITE, floatingGarbage, runCollector } from '../../../src/engine/runtime/index.js';
import { compile, heapProblems, playAnimated } from './helpers.js';
import { anyLevelArb } from './levels.js';
import { runs } from '../../support/runs.js';

// memory 40, 2 work units a tick, slices of 2, a cycle at 30% of the 39 usable boxes.
//   gap 0: ok at 1..3, menu at 4, cache at 5 (cache.slot → ok); ok goes out of scope in tick 1.
//   gap 2: page (8 boxes) takes use past 30%: a cycle starts, greying menu then cache; its
//          first slice blackens menu (1 + 1 pointer read = 2 units).
//   tick 2: menu.item = ok (menu is black, ok white: the barrier greys ok); cache.slot = null.
//   Without the barrier, ok is reachable only from black menu and the sweep frees it.
const BARRIER = {
  memory: 40,
  ticks: 6,
  gc: { workPerTick: 2, slice: 2, trigger: 0.3 },
  values: [
    { id: 'ok', value: 'ok', arrive: 0, drop: 1 },
    { id: 'menu', fields: [{ name: 'item', ref: null }], arrive: 0, uses: [5] },
    { id: 'cache', fields: [{ name: 'slot', ref: 'ok' }], arrive: 0, uses: [5] },
    { id: 'page', value: 'abcdefg', arrive: 2, drop: 3 },
  ],
  sets: [
    { tick: 2, in: 'menu', field: 'item', to: 'ok' },
    { tick: 2, in: 'cache', field: 'slot', to: null },
  ],
};

describe('incremental', () => {
  it('greys a white value stored into a black block, and says so', () => {
    const level = compile(BARRIER);
    const ix = (id: string) => level.indexOf.get(id)!;
    const kinds: string[] = [];
    const rt = playAnimated(
      level,
      'incremental',
      (rt, step) => {
        kinds.push(step.kind);
        if (step.kind === 'barrier') {
          expect(step.text).toBe('barrier: ok stored into black menu: ok greyed');
          expect(rt.view.shade[ix('ok')]).toBe(GREY);
          expect(rt.view.shade[ix('menu')]).toBe(BLACK);
        }
        // page is allocated during the cycle: black.
        if (step.kind === 'alloc' && step.value === ix('page')) expect(rt.view.shade[ix('page')]).toBe(BLACK);
        expect(heapProblems(level, rt.state)).toEqual([]);
      },
      { verbose: true },
    );
    expect(kinds.filter((k) => k === 'barrier')).toHaveLength(1);
    expect(rt.state.log.some((e) => e.kind === 'barrier' && e.text.includes('ok greyed'))).toBe(true);
    expect(rt.state.crash).toBeNull();
  });

  it('without the barrier, the sweep frees ok while menu still points to it', () => {
    const level = compile(BARRIER);
    const lost: string[] = [];
    playAnimated(level, 'incremental', (rt) => lost.push(...heapProblems(level, rt.state)), { withoutBarrier: true });
    expect(lost[0]).toBe('ok is reachable but its block was freed');
  });

  it('without the barrier, a secret given the wrongly freed block leaks through the stale pointer, and the end line says so', () => {
    // BARRIER, with ok read at tick 8 through menu.item, and a secret pin of ok's size
    // arriving at tick 7, after the first cycle's sweep: first fit gives it ok's boxes.
    const level = compile({
      ...BARRIER,
      ticks: 9,
      values: [
        { id: 'ok', value: 'ok', arrive: 0, drop: 1, uses: [8] },
        { id: 'menu', fields: [{ name: 'item', ref: null }], arrive: 0, uses: [8] },
        { id: 'cache', fields: [{ name: 'slot', ref: 'ok' }], arrive: 0, uses: [5] },
        { id: 'page', value: 'abcdefg', arrive: 2, drop: 3 },
        { id: 'pin', value: 'pw', secret: true, arrive: 7 },
      ],
    });
    const end = (s: ReturnType<typeof runCollector>) => s.log.filter((e) => e.kind === 'end').map((e) => e.text);
    const without = runCollector(level, 'incremental', { withoutBarrier: true });
    expect(without.security.secretsLeaked).toBe(1);
    expect(without.bugs.useAfterFree).toBe(1);
    expect(end(without)).toEqual([
      'Program finished under incremental: 1 bug; 13 boxes still allocated at the end, none of them out of its reach; exploitable: 1 security hole.',
    ]);
    const withBarrier = runCollector(level, 'incremental');
    expect(withBarrier.security.secretsLeaked).toBe(0);
    expect(end(withBarrier)).toEqual([
      'Program finished under incremental: 0 bugs; 16 boxes still allocated at the end, none of them out of its reach.',
    ]);
  });

  it('keeps the colours between slices, and each slice is one pause of ceil(work / workPerTick)', () => {
    const level = compile(BARRIER);
    let between = 0;
    playAnimated(level, 'incremental', (rt, step) => {
      if (step.kind === 'tick' && rt.view.cycle === 'mark') {
        between++;
        expect(rt.view.marking).toBe(true);
        expect(rt.view.shade[level.indexOf.get('menu')!]).toBe(BLACK);
      }
    });
    expect(between).toBeGreaterThan(0);
    const s = runCollector(level, 'incremental', { verbose: true });
    const slices = s.log.filter((e) => e.kind === 'collect' && e.text.startsWith('incremental: slice'));
    expect(slices.length).toBe(4);
    for (const e of slices) {
      const [, work, pause] = e.text.match(/(\d+) units? of work, pause (\d+) ticks?/)!;
      expect(Number(work)).toBeLessThanOrEqual(level.gc.slice);
      expect(Number(pause)).toBe(Math.ceil(Number(work) / level.gc.workPerTick));
    }
    expect(s.longestPause).toBe(1);
    expect(s.pauseTicks).toBe(4);
    // The barrier's check is program time: in the work, not in the pauses.
    const sliceWork = slices.reduce((n, e) => n + Number(e.text.match(/(\d+) units? of work/)![1]), 0);
    expect(s.work).toBeGreaterThan(sliceWork);
  });

  it('leaves a value that dies grey or black for the next cycle: floating garbage', () => {
    // keep and tmp are in scope when the cycle starts (grey); tmp goes out of scope in
    // tick 3, while the cycle is still marking, and the sweep keeps it.
    const level = compile({
      memory: 40,
      ticks: 8,
      gc: { workPerTick: 1, slice: 1, trigger: 0.3 },
      values: [
        { id: 'keep', value: 'abcdef', arrive: 0, uses: [7] },
        { id: 'tmp', value: 'ghijk', arrive: 0, drop: 3 },
        { id: 'more', value: 'lm', arrive: 2, uses: [7] },
      ],
    });
    let seen = false;
    const rt = playAnimated(level, 'incremental', (rt) => {
      const floating = floatingGarbage(level, rt.state, rt.view);
      if (floating.includes(level.indexOf.get('tmp')!)) seen = true;
    });
    expect(seen).toBe(true);
    // The cycle ended without freeing tmp: still allocated at the end.
    expect(rt.state.variables[level.indexOf.get('tmp')!].freed).toBe(false);
    expect(rt.view.shade[level.indexOf.get('tmp')!]).toBe(WHITE);
  });

  it('finishes the cycle at once when an allocation fails mid-cycle, in one pause with the slice', () => {
    // 15 usable boxes, a cycle at 90%: it starts when big (9 boxes) arrives, greying c (a
    // and b are out of scope: white); the slice blackens c; big fits nowhere, so the rest
    // of the cycle runs at once: the sweep frees a and b, and big takes their boxes.
    const level = compile({
      memory: 16,
      ticks: 5,
      gc: { workPerTick: 1, slice: 1, trigger: 0.9 },
      values: [
        { id: 'a', value: 'abcd', arrive: 0, drop: 1 },
        { id: 'b', value: 'efgh', arrive: 1, drop: 2 },
        { id: 'c', value: 'ij', arrive: 2, uses: [4] },
        { id: 'big', value: 'klmnopqr', arrive: 3, uses: [4] },
      ],
    });
    const s = runCollector(level, 'incremental', { verbose: true });
    expect(s.crash).toBeNull();
    const fin = s.log.find((e) => e.text.startsWith('incremental: finalization'))!;
    expect(fin).toBeDefined();
    expect(fin.text).toMatch(/one pause with the 1 unit before it in this gap/);
    const [, work] = fin.text.match(/(\d+) units? of work/)!;
    const [, ticks] = fin.text.match(/pause (\d+) ticks?/)!;
    expect(Number(work)).toBe(3);
    expect(Number(ticks)).toBe(4);
    expect(s.log.some((e) => e.text.includes('full collection'))).toBe(false);
    expect(s.longestPause).toBe(4);
    expect(s.variables[level.indexOf.get('big')!].addr).toBe(1);
  });

  it('never pauses for longer than a slice when the heap has headroom', () => {
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel({ ...json, gc: { ...json.gc, trigger: 0.3, slice: 4, workPerTick: 4 } });
        const s = runCollector(level, 'incremental', { verbose: true });
        const fullOrFinal = s.log.some((e) => /finalization|full collection/.test(e.text));
        if (!fullOrFinal) expect(s.longestPause).toBeLessThanOrEqual(Math.ceil(sliceMost(level) / 4));
      }),
      { numRuns: runs(60) },
    );
  });
});

/** The most work one slice of 4 units can do: 4, or one block that costs more to blacken (1 plus its pointers). */
function sliceMost(level: ReturnType<typeof compile>): number {
  return Math.max(4, ...level.values.map((v) => 1 + v.pointerOffsets.length));
}
