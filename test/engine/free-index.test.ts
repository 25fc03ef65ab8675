// The index of free runs answers first fit exactly as a scan of the block table does:
// the same address and the same work (runs examined), on tables big enough to get an
// index, through random mallocs, frees and sweeps, with and without a start and a limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeIndex } from '../../src/engine/run/free-index.js';
import {
  type Block,
  firstFit,
  freeRuns,
  insertBlock,
  largestFreeRun,
  removeBlock,
  removeBlocks,
  removeBlocksWhere,
  scanFirstFit,
} from '../../src/engine/run/memory.js';

type Op =
  | { kind: 'malloc'; size: number; from: number; limit: number }
  | { kind: 'free'; pick: number }
  | { kind: 'sweep'; pick: number; count: number };

// Mostly mallocs, so that the table grows past the size at which it gets an index.
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('malloc' as const),
      size: fc.integer({ min: 1, max: 12 }),
      from: fc.integer({ min: 1, max: 600 }),
      limit: fc.integer({ min: 1, max: 600 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sweep' as const),
      pick: fc.nat(),
      count: fc.integer({ min: 1, max: 5 }),
    }),
  },
);

describe('free-run index', () => {
  it('gives first fit the same address and work as a scan, and the same largest run', () => {
    let indexed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 600 }),
        fc.array(op, { minLength: 200, maxLength: 600 }),
        (memory, ops) => {
          const blocks: Block[] = [];
          let owner = 0;
          for (const o of ops) {
            if (o.kind === 'malloc') {
              const from = Math.min(o.from, memory - 1);
              const limit = Math.max(from, Math.min(o.limit, memory));
              expect(firstFit(blocks, memory, o.size, from, limit)).toEqual(scanFirstFit(blocks, o.size, from, limit));
              const fit = firstFit(blocks, memory, o.size);
              expect(fit).toEqual(scanFirstFit(blocks, o.size, 1, memory));
              if (blocks.length >= 64) indexed++;
              if (fit.addr !== null) insertBlock(blocks, { start: fit.addr, size: o.size, owner: owner++ });
            } else if (blocks.length > 0 && o.kind === 'free') {
              const b = blocks[o.pick % blocks.length] as Block;
              removeBlock(blocks, b.start, memory);
            } else if (blocks.length > 0 && o.kind === 'sweep') {
              const i = o.pick % blocks.length;
              const j = Math.min(blocks.length, i + o.count);
              if (o.pick % 2 === 0) removeBlocks(blocks, i, j);
              else removeBlocksWhere(blocks, i, Math.min(blocks.length, j + 3), (b) => b.owner % 3 !== 0);
            }
            const scanned = Math.max(0, ...freeRuns(blocks, memory).map((r) => r.size));
            expect(largestFreeRun(blocks, memory)).toBe(scanned);
          }
        },
      ),
      { numRuns: 40, endOnFailure: true },
    );
    // The property is about big tables: many first fits were made on tables with an index.
    // (Random inputs make this count vary, from about 700 to 1,600 first fits in 40 runs.)
    expect(indexed).toBeGreaterThan(200);
  });

  it('built on empty memory, then changed far from the start: the run from box 1 still counts whole', () => {
    // Boxes 1 to 63 free; taking 40 leaves 1..39 and 41..63. Every node of the tree, the
    // leftmost of each level too, must be built right for the run across the middle to count.
    const index = new FreeIndex(64, []);
    expect(index.largest()).toBe(63);
    index.set(40, 1, false);
    expect(index.largest()).toBe(39);
    expect(index.firstFit(39, 1, 64)).toEqual({ addr: 1, examined: 1 });
    expect(index.firstFit(30, 20, 64)).toEqual({ addr: null, examined: 2 });
  });

  it('counts the free runs of any range and finds the first run that holds n boxes', () => {
    const memory = 40;
    // Taken: 1-3, 7, 10-19, 25-26. Free runs: 4-6, 8-9, 20-24, 27-39.
    const taken = [
      { start: 1, size: 3 },
      { start: 7, size: 1 },
      { start: 10, size: 10 },
      { start: 25, size: 2 },
    ];
    const index = new FreeIndex(memory, taken);
    // No run holds it: every run of the window was examined.
    expect(index.firstFit(50, 1, memory)).toEqual({ addr: null, examined: 4 });
    expect(index.firstFit(50, 5, 9)).toEqual({ addr: null, examined: 2 });
    expect(index.firstFit(3, 1, memory)).toEqual({ addr: 4, examined: 1 });
    expect(index.firstFit(4, 1, memory)).toEqual({ addr: 20, examined: 3 });
    expect(index.firstFit(2, 5, memory)).toEqual({ addr: 5, examined: 1 });
    expect(index.firstFit(6, 1, memory)).toEqual({ addr: 27, examined: 4 });
    expect(index.firstFit(14, 1, memory)).toEqual({ addr: null, examined: 4 });
    expect(index.firstFit(5, 1, 30)).toEqual({ addr: 20, examined: 3 });
    index.set(10, 10, true);
    expect(index.firstFit(14, 1, memory)).toEqual({ addr: 8, examined: 2 });
    expect(index.largest()).toBe(17);
  });

  it("finds, without counting, the run first fit over all memory finds (the par check's first fit)", () => {
    const index = new FreeIndex(40, [
      { start: 1, size: 3 },
      { start: 7, size: 1 },
      { start: 10, size: 10 },
      { start: 25, size: 2 },
    ]);
    // Free runs: 4-6, 8-9, 20-24, 27-39: a fit in a left half, across a middle, in a right half.
    expect([1, 3, 4, 5, 6, 13, 14, 0].map((n) => index.firstFree(n))).toEqual([4, 4, 20, 20, 27, 27, -1, -1]);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.array(fc.record({ start: fc.nat(), size: fc.integer({ min: 1, max: 40 }), free: fc.boolean() })),
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 20 }),
        (memory, changes, sizes) => {
          const index = new FreeIndex(memory, []);
          for (const c of changes) {
            const start = 1 + (c.start % (memory - 1));
            index.set(start, Math.min(c.size, memory - start), c.free);
          }
          for (const n of sizes) expect(index.firstFree(n)).toBe(index.firstFit(n, 1, memory).addr ?? -1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
