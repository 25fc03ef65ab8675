// A block handed out in this gap is not written yet: its boxes still hold whatever the
// block that was there before left in them. A moving collector must not take them for
// pointers: rewriting them is work for nothing, and following them would keep a dead block.
// Levels worked out by hand where the stale bytes hold the address of a block that moves.
import { describe, expect, it } from 'vitest';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import type { CollectorName } from '../../../src/engine/vocabulary.js';
import { compile, heapProblems, playAnimated, SAFE_STEPS } from './helpers.js';
import { STALE_COMPACT, STALE_COPY, STALE_NURSERY } from './hand-levels.js';

/** The stale pointer box of r seen at the start of the last collection, the collections' log lines, and the steps that rewrote a pointer. */
function staleRun(json: typeof STALE_COMPACT | typeof STALE_COPY | typeof STALE_NURSERY, collector: CollectorName) {
  const level = compile(json);
  const r = level.indexOf.get('r')!;
  let stale: { box: number; says: number } | null = null;
  const rewrites: string[] = [];
  const rt = playAnimated(level, collector, (rt, step) => {
    if (step.kind === 'collect' && rt.state.tick === level.values[r]!.arrive) {
      const box = rt.state.variables[r]!.addr;
      stale = { box, says: decodePointer(rt.state.bytes, box, level.ptrWidth) };
    }
    if (step.kind === 'rewrite') rewrites.push(step.text);
    if (SAFE_STEPS.has(step.kind)) expect(heapProblems(level, rt.state)).toEqual([]);
  });
  const collections = runCollector(level, collector, { verbose: true })
    .log.filter((e) => e.kind === 'collect')
    .map((e) => `${e.tick}: ${e.text}`);
  return { level, rt, stale: stale as { box: number; says: number } | null, collections, rewrites };
}

describe('stale bytes in a block handed out in this gap', () => {
  it('mark-compact neither rewrites nor counts them, though they hold the address of a block that slides', () => {
    const { level, rt, stale, collections, rewrites } = staleRun(STALE_COMPACT, 'mark-compact');
    // The premise: r's box holds 9, L's address, when the collection starts; L then slides to 1.
    expect(stale).toEqual({ box: 14, says: 9 });
    expect(rt.state.variables[level.indexOf.get('L')!]!.addr).toBe(1);
    expect(collections).toEqual([
      '2: mark-compact: 2 blocks marked (0 pointers read), 2 dropped (3 boxes), 0 slid down (0 boxes moved), 0 pointers rewritten; 6 units of work, pause 1 tick',
      '4: mark-compact: 3 blocks marked (0 pointers read), 1 dropped (8 boxes), 3 slid down (6 boxes moved), 0 pointers rewritten; 13 units of work, pause 2 ticks',
    ]);
    expect(rewrites).toEqual([]);
    // Written in tick 4, r's pointer says where L is now.
    expect(rt.state.bytes[rt.state.variables[level.indexOf.get('r')!]!.addr]).toBe(1);
    expect(rt.state.crash).toBeNull();
  });

  it('copying neither follows nor rewrites them, though they hold the address of a block it evacuates', () => {
    const { level, rt, stale, collections, rewrites } = staleRun(STALE_COPY, 'copying');
    // The premise: r's box holds 1, A's address in the half being evacuated.
    expect(stale).toEqual({ box: 5, says: 1 });
    expect(collections).toEqual([
      '2: copying: 1 block copied (2 boxes), 0 pointers rewritten, 2 dead blocks left behind (3 boxes); 2 units of work, pause 1 tick',
      '4: copying: 1 block copied (2 boxes), 0 pointers rewritten, 1 dead block left behind (3 boxes); 2 units of work, pause 1 tick',
      '5: copying: 3 blocks copied (5 boxes), 0 pointers rewritten, 0 dead blocks left behind (0 boxes); 5 units of work, pause 1 tick',
    ]);
    expect(rewrites).toEqual([]);
    expect(rt.state.bytes[rt.state.variables[level.indexOf.get('r')!]!.addr]).toBe(9);
    expect(rt.state.crash).toBeNull();
  });

  it("generational's scavenge neither follows nor rewrites them, though they hold the address of a block it evacuates", () => {
    const { level, rt, stale, collections, rewrites } = staleRun(STALE_NURSERY, 'generational');
    // The premise: r's box holds 1, T's address in the half being evacuated; T is promoted to 24.
    expect(stale).toEqual({ box: 3, says: 1 });
    expect(rt.state.variables[level.indexOf.get('T')!]!.addr).toBe(24);
    expect(collections).toEqual([
      '1: generational: minor collection: 0 roots and 0 remembered blocks scanned, 0 copied (0 boxes), 0 promoted (0 boxes), 0 pointers rewritten, 3 dead left behind (8 boxes); 0 units of work, pause 0 ticks',
      '2: generational: minor collection: 1 root and 0 remembered blocks scanned, 1 copied (2 boxes), 0 promoted (0 boxes), 0 pointers rewritten, 0 dead left behind (0 boxes); 3 units of work, pause 1 tick',
      '3: generational: minor collection: 1 root and 0 remembered blocks scanned, 1 copied (1 box), 1 promoted (2 boxes), 0 pointers rewritten, 0 dead left behind (0 boxes); 4 units of work, pause 1 tick',
    ]);
    expect(rewrites).toEqual([]);
    expect(rt.state.bytes[rt.state.variables[level.indexOf.get('r')!]!.addr]).toBe(24);
    expect(rt.state.crash).toBeNull();
  });
});
