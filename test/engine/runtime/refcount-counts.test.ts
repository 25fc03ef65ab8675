// Refcount's counts: at the start of every gap each count is exactly what the roots and the
// pointer boxes say (one for the variable while in scope, one per pointer box in memory
// that holds the block's address); the order of its count changes in a tick where one
// field is stored to twice and a record is stored into in the tick it arrives, worked out
// by hand; and its count of leaked boxes when the pointers sit past a record's first box.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel, type CompiledLevel } from '../../../src/engine/level/compile.js';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import { blockStartingAt } from '../../../src/engine/run/memory.js';
import { isRoot, type RunState } from '../../../src/engine/run/state.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { compile, playAnimated } from './helpers.js';
import { anyLevelArb } from './levels.js';

/** Every value's count recounted from scratch: its variable while in scope, and each pointer box in an allocated block that holds its block's start. */
function recount(level: CompiledLevel, state: RunState): number[] {
  const counts = level.values.map(() => 0);
  for (const b of state.blocks) {
    if (isRoot(level, b.owner, state.tick)) counts[b.owner]!++;
    for (const off of level.values[b.owner]!.pointerOffsets) {
      const t = blockStartingAt(state.blocks, decodePointer(state.bytes, b.start + off, level.ptrWidth));
      if (t) counts[t.owner]!++;
    }
  }
  return counts;
}

describe('refcount, its counts', () => {
  it('at the start of each gap, every count is what the roots and the pointer boxes say', () => {
    let gaps = 0;
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel(json);
        playAnimated(
          level,
          'refcount',
          (rt, step) => {
            if (step.kind !== 'gap' || rt.state.finished) return;
            expect(Array.from(rt.view.counts!), `gap before tick ${rt.state.tick}`).toEqual(recount(level, rt.state));
            gaps++;
          },
          { gaps: true },
        );
      }),
      { numRuns: 40 },
    );
    expect(gaps).toBeGreaterThan(0);
  });

  // memory 40, 4 work units a tick. A, B, C stay in scope to the end; X goes out of scope
  // in tick 1. R {p → A, q → B, r → X} arrives in tick 1, and in that same tick R.q is
  // stored to twice (C, then A). In tick 2, R.p is stored to twice (B, then C) and R.r set
  // to null: X's last pointer, so X is freed.
  const TWICE = {
    memory: 40,
    ticks: 5,
    gc: { workPerTick: 4 },
    values: [
      { id: 'A', value: 'a', arrive: 0, uses: [4] },
      { id: 'B', value: 'b', arrive: 0, uses: [4] },
      { id: 'C', value: 'c', arrive: 0, uses: [4] },
      { id: 'X', value: 'x', arrive: 0, drop: 1 },
      {
        id: 'R',
        fields: [
          { name: 'p', ref: 'A' },
          { name: 'q', ref: 'B' },
          { name: 'r', ref: 'X' },
        ],
        arrive: 1,
        uses: [4],
      },
    ],
    sets: [
      { tick: 1, in: 'R', field: 'q', to: 'C' },
      { tick: 1, in: 'R', field: 'q', to: 'A' },
      { tick: 2, in: 'R', field: 'p', to: 'B' },
      { tick: 2, in: 'R', field: 'p', to: 'C' },
      { tick: 2, in: 'R', field: 'r', to: null },
    ],
  };

  it('counts what an arrival was written with, then each store, then each overwritten pointer, in order', () => {
    const level = compile(TWICE);
    const steps: string[] = [];
    playAnimated(level, 'refcount', (_rt, step) => {
      if (step.kind === 'count' || step.kind === 'free' || step.kind === 'tick') steps.push(step.text);
    });
    const r = 'refcount:';
    expect(steps).toEqual([
      'tick 0: A, B, C, X arrive',
      `${r} A is in scope: count 1`,
      `${r} B is in scope: count 1`,
      `${r} C is in scope: count 1`,
      `${r} X is in scope: count 1`,
      'tick 1: R arrives; 2 pointer writes; X goes out of scope',
      // R's fields as it arrived, before this tick's stores: p → A, q → B, r → X.
      `${r} R is in scope: count 1`,
      `${r} A gets the pointer from R: count 2`,
      `${r} B gets the pointer from R: count 2`,
      `${r} X gets the pointer from R: count 2`,
      // The two stores to R.q, in order; then what each overwrote (B, then C).
      `${r} C gets the pointer from R: count 2`,
      `${r} A gets the pointer from R: count 3`,
      `${r} B loses the pointer from R: count 1`,
      `${r} C loses the pointer from R: count 1`,
      `${r} X is out of scope: count 1`,
      'tick 2: 3 pointer writes',
      `${r} B gets the pointer from R: count 2`,
      `${r} C gets the pointer from R: count 2`,
      `${r} A loses the pointer from R: count 2`,
      `${r} B loses the pointer from R: count 1`,
      `${r} X loses the pointer from R: count 0`,
      `${r} X at 7 has count 0: freed (2 boxes)`,
      'tick 3: nothing happens',
      'tick 4: 4 reads',
    ]);
  });

  it('logs a tick that frees without a pause in a verbose run only, and a tick that frees nothing not at all', () => {
    // 20 units a tick: no tick pauses. Ticks 0 and 1 only count (4 and 9 changes); tick 2
    // frees X: 5 count changes and 1 block freed, 6 units.
    const level = compile({ ...TWICE, gc: { workPerTick: 20 } });
    const lines = (verbose: boolean) =>
      runCollector(level, 'refcount', { verbose })
        .log.filter((e) => e.kind === 'collect')
        .map((e) => e.text);
    expect(lines(true)).toEqual([
      'refcount: 5 count changes, 1 block freed (2 boxes) after tick 2; 6 units of work, no pause',
    ]);
    expect(lines(false)).toEqual([]);
  });

  it('finds reached, not leaked, what a root reaches through a pointer past its first box', () => {
    // Each record's pointer is its second box. a ⇄ b (2 boxes each) go out of scope after
    // tick 1: a cycle, never freed, leaked. holder stays in scope and points to w (3
    // boxes), out of scope after tick 1: kept, reached, not leaked.
    const level = compile({
      memory: 64,
      ticks: 4,
      values: [
        {
          id: 'a',
          fields: [
            { name: 'n', value: 1 },
            { name: 'next', ref: null },
          ],
          arrive: 0,
          drop: 1,
        },
        {
          id: 'b',
          fields: [
            { name: 'n', value: 2 },
            { name: 'next', ref: 'a' },
          ],
          arrive: 0,
          drop: 1,
        },
        {
          id: 'holder',
          fields: [
            { name: 'tag', value: 9 },
            { name: 'keep', ref: 'w' },
          ],
          arrive: 0,
        },
        { id: 'w', value: 'ab', arrive: 0, drop: 1 },
      ],
      sets: [{ tick: 0, in: 'a', field: 'next', to: 'b' }],
    });
    const s = runCollector(level, 'refcount', { verbose: true });
    expect(s.variables[level.indexOf.get('w')!]!.freed).toBe(false);
    expect(s.leakedAtEnd).toBe(4);
    expect(s.log.at(-1)!.text).toBe(
      'Program finished under refcount: 0 bugs; 9 boxes still allocated at the end, 4 boxes of them in cycles it could never free.',
    );
  });
});

describe('refcount, a run for its metrics only', () => {
  // Three values arrive in one tick with one unit of work a tick: their three count changes
  // are two units beyond it, a pause of two ticks, which a full run writes a line about.
  const level = compile({
    memory: 16,
    ticks: 3,
    values: [
      { id: 'a', value: 1, arrive: 0, uses: [0], drop: 1 },
      { id: 'b', value: 2, arrive: 0, uses: [0], drop: 1 },
      { id: 'c', value: 3, arrive: 0, uses: [0], drop: 2 },
    ],
    gc: { collector: 'refcount', workPerTick: 1 },
  });

  it('pauses as a full run does, and writes none of its pauses’ lines', () => {
    const full = runCollector(level, 'refcount');
    const lean = runCollector(level, 'refcount', { metricsOnly: true });
    const lines = full.log.filter((e) => e.kind === 'collect');
    expect(lines.map((e) => e.text)).toContain(
      "refcount: 3 count changes, 0 blocks freed (0 boxes) after tick 0; 3 units of work, 2 beyond one tick's 1: pause 2 ticks",
    );
    expect(lean.log.filter((e) => e.kind === 'collect')).toEqual([]);
    expect(lean.pauseTicks).toBe(full.pauseTicks);
    expect(lean.pauses).toBe(full.pauses);
  });
});
