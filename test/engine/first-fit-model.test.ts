// First fit checked against an independent model: a plain list of free runs in address
// order, searched front to back, with coalescing on free. Random malloc/free sequences
// free blocks in the middle, so the free list has interior holes of every size, including
// runs of exactly the requested size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Block, firstFit, freeRuns, insertBlock, removeBlock } from '../../src/engine/run/memory.js';
import { runs } from '../support/runs.js';

interface Run {
  start: number;
  size: number;
}

/** The model's free list, with the searches and merges written the plain way. */
class FreeListModel {
  runs: Run[];
  constructor(readonly memory: number) {
    this.runs = [{ start: 1, size: memory - 1 }];
  }
  /** First run (in address order) with room; its low end. `examined` counts runs looked at. */
  malloc(size: number): { addr: number | null; examined: number } {
    for (let i = 0; i < this.runs.length; i++) {
      const run = this.runs[i] as Run;
      if (run.size >= size) {
        const addr = run.start;
        if (run.size === size) this.runs.splice(i, 1);
        else this.runs[i] = { start: run.start + size, size: run.size - size };
        return { addr, examined: i + 1 };
      }
    }
    return { addr: null, examined: this.runs.length };
  }
  /** Puts the boxes back; returns how many neighbouring free runs they merged with. */
  free(start: number, size: number): number {
    let i = 0;
    while (i < this.runs.length && (this.runs[i] as Run).start < start) i++;
    const before = i > 0 ? (this.runs[i - 1] as Run) : null;
    const after = i < this.runs.length ? (this.runs[i] as Run) : null;
    const joinsBefore = before !== null && before.start + before.size === start;
    const joinsAfter = after !== null && start + size === after.start;
    if (joinsBefore && joinsAfter) {
      before.size += size + after.size;
      this.runs.splice(i, 1);
    } else if (joinsBefore) before.size += size;
    else if (joinsAfter) this.runs[i] = { start, size: size + after.size };
    else this.runs.splice(i, 0, { start, size });
    return (joinsBefore ? 1 : 0) + (joinsAfter ? 1 : 0);
  }
}

type Op = { kind: 'malloc'; size: number } | { kind: 'free'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('malloc' as const), size: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
);

describe('first fit against a plain free-list model', () => {
  it('places every block at the same address, after examining the same number of runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 64 }), fc.array(op, { minLength: 1, maxLength: 80 }), (memory, ops) => {
        const model = new FreeListModel(memory);
        const blocks: Block[] = [];
        let owner = 0;
        for (const o of ops) {
          if (o.kind === 'malloc') {
            const expected = model.malloc(o.size);
            const got = firstFit(blocks, memory, o.size);
            expect(got).toEqual(expected);
            if (got.addr !== null) insertBlock(blocks, { start: got.addr, size: o.size, owner: owner++ });
          } else if (blocks.length > 0) {
            const victim = blocks[o.pick % blocks.length] as Block;
            const merged = model.free(victim.start, victim.size);
            expect(removeBlock(blocks, victim.start, memory)?.coalesced).toBe(merged);
          }
          expect(freeRuns(blocks, memory)).toEqual(model.runs);
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('takes a run of exactly the requested size, and the low end of a larger one', () => {
    // Free runs after the frees below: 3..4 (2 boxes), 7..9 (3 boxes), 12..15 (4 boxes).
    const memory = 16;
    const model = new FreeListModel(memory);
    const blocks: Block[] = [];
    for (const [start, size] of [
      [1, 2],
      [3, 2],
      [5, 2],
      [7, 3],
      [10, 2],
    ] as const) {
      expect(model.malloc(size).addr).toBe(start);
      insertBlock(blocks, { start, size, owner: start });
    }
    for (const start of [3, 7]) {
      const b = blocks.find((x) => x.start === start) as Block;
      model.free(b.start, b.size);
      removeBlock(blocks, b.start, memory);
    }
    expect(firstFit(blocks, memory, 3)).toEqual({ addr: 7, examined: 2 });
    expect(firstFit(blocks, memory, 2)).toEqual({ addr: 3, examined: 1 });
    expect(firstFit(blocks, memory, 4)).toEqual({ addr: 12, examined: 3 });
    expect(firstFit(blocks, memory, 5)).toEqual({ addr: null, examined: 3 });
  });
});
