import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocatedBoxes,
  blockAt,
  blockStartingAt,
  firstFit,
  freeRuns,
  insertBlock,
  largestFreeRun,
  rangeProblem,
  removeBlock,
  scanFirstFit,
  type Block,
} from '../../src/engine/run/memory.js';
import { runs } from '../support/runs.js';

/** Blocks from [start, size] pairs (owner = position), sorted as the engine keeps them. */
function blocks(...spans: [number, number][]): Block[] {
  const out: Block[] = [];
  spans.forEach(([start, size], owner) => insertBlock(out, { start, size, owner }));
  return out;
}

// A 16-box memory (boxes 1..15 usable) used below:
//   box:   1 2 3 | 4 5 | 6 | 7 8 9 | 10 | 11 12 13 14 15
//          A A A | . . | B | . . . | C  | .  .  .  .  .
// free runs: 4..5 (2), 7..9 (3), 11..15 (5)
const MEM = 16;
const layout = () => blocks([1, 3], [6, 1], [10, 1]);

describe('free list', () => {
  it('is the maximal free runs in address order, box 0 never in it', () => {
    expect(freeRuns([], MEM)).toEqual([{ start: 1, size: 15 }]);
    expect(freeRuns(layout(), MEM)).toEqual([
      { start: 4, size: 2 },
      { start: 7, size: 3 },
      { start: 11, size: 5 },
    ]);
    // a block touching the last box leaves no run after it; a full memory has no runs
    expect(freeRuns(blocks([1, 3], [12, 4]), MEM)).toEqual([{ start: 4, size: 8 }]);
    expect(freeRuns(blocks([1, 15]), MEM)).toEqual([]);
    // adjacent blocks leave no empty run between them
    expect(freeRuns(blocks([1, 2], [3, 2], [7, 9]), MEM)).toEqual([{ start: 5, size: 2 }]);
  });

  it('insertBlock keeps blocks sorted by start, whatever the insertion order', () => {
    const b = blocks([10, 1], [1, 3], [6, 1]);
    expect(b.map((x) => x.start)).toEqual([1, 6, 10]);
    expect(allocatedBoxes(b)).toBe(5);
  });
});

describe('first fit', () => {
  it('takes the first run that holds the size and counts each run it examined', () => {
    // size 1 or 2: the first run (4..5) holds it; 1 run examined
    expect(firstFit(layout(), MEM, 1)).toEqual({ addr: 4, examined: 1 });
    expect(firstFit(layout(), MEM, 2)).toEqual({ addr: 4, examined: 1 });
    // size 3: 4..5 is too small, 7..9 holds it; 2 examined
    expect(firstFit(layout(), MEM, 3)).toEqual({ addr: 7, examined: 2 });
    // size 4 or 5: only 11..15; 3 examined
    expect(firstFit(layout(), MEM, 4)).toEqual({ addr: 11, examined: 3 });
    expect(firstFit(layout(), MEM, 5)).toEqual({ addr: 11, examined: 3 });
    // size 6: no run holds it, after examining all 3 (10 boxes are free, but not in a row)
    expect(firstFit(layout(), MEM, 6)).toEqual({ addr: null, examined: 3 });
  });

  it('empty memory: one run from box 1; full memory: nothing examined', () => {
    expect(firstFit([], MEM, 15)).toEqual({ addr: 1, examined: 1 });
    expect(firstFit([], MEM, 16)).toEqual({ addr: null, examined: 1 });
    expect(firstFit(blocks([1, 15]), MEM, 1)).toEqual({ addr: null, examined: 0 });
  });

  it('can search a window [from, limit) only (a semispace half)', () => {
    // window 5..11 of the layout: runs 5 (1 box, B at 6 ends it), 7..9 (3), 11 (1, the limit ends it)
    expect(firstFit(layout(), MEM, 1, 5, 12)).toEqual({ addr: 5, examined: 1 });
    expect(firstFit(layout(), MEM, 2, 5, 12)).toEqual({ addr: 7, examined: 2 });
    expect(firstFit(layout(), MEM, 2, 11, 12)).toEqual({ addr: null, examined: 1 });
    expect(firstFit(layout(), MEM, 4, 5, 12)).toEqual({ addr: null, examined: 3 });
  });

  it('never returns box 0 and always returns a free range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        (sizes, want) => {
          const b: Block[] = [];
          sizes.forEach((s, owner) => {
            const f = firstFit(b, 40, s);
            if (f.addr !== null) insertBlock(b, { start: f.addr, size: s, owner });
          });
          const f = firstFit(b, 40, want);
          const runs = freeRuns(b, 40);
          const first = runs.findIndex((r) => r.size >= want);
          if (first < 0) expect(f).toEqual({ addr: null, examined: runs.length });
          else expect(f).toEqual({ addr: runs[first].start, examined: first + 1 });
          if (f.addr !== null) expect(rangeProblem(b, 40, f.addr, want)).toBeNull();
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe('first fit on a big table keeps its index honest', () => {
  /** 80 one-box blocks at every other box from 1: free runs of one box between them, then the rest. */
  const table = () => Array.from({ length: 80 }, (_, k) => ({ start: 1 + 2 * k, size: 1, owner: k }));

  it('a table changed without the memory functions is searched again, not by a stale index', () => {
    const blocks = table();
    const memory = 400;
    // The second first fit builds the index; both agree with a scan.
    for (let k = 0; k < 2; k++) expect(firstFit(blocks, memory, 3)).toEqual(scanFirstFit(blocks, 3, 1, memory));
    // Filled in by hand (no insertBlock): the first run of 3 is now past the new block.
    const at = firstFit(blocks, memory, 3).addr!;
    blocks.push({ start: at, size: 5, owner: 99 });
    const after = firstFit(blocks, memory, 3);
    expect(after).toEqual(scanFirstFit(blocks, 3, 1, memory));
    expect(after.addr).toBe(at + 5);
    // Changed by hand again, then through insertBlock: the index that missed the first change is dropped.
    for (let k = 0; k < 2; k++) firstFit(blocks, memory, 3);
    blocks.push({ start: at + 5, size: 3, owner: 100 });
    insertBlock(blocks, { start: at + 10, size: 1, owner: 101 });
    expect(firstFit(blocks, memory, 3)).toEqual(scanFirstFit(blocks, 3, 1, memory));
    expect(firstFit(blocks, memory, 3).addr).toBe(at + 11);
  });

  it("the same table in a memory of another size is not searched with the first one's index", () => {
    const blocks = table();
    for (let k = 0; k < 2; k++) firstFit(blocks, 400, 3); // an index for 400 boxes
    // In 162 boxes (the last block is box 159) the longest free run is 160..161.
    expect(firstFit(blocks, 162, 3)).toEqual(scanFirstFit(blocks, 3, 1, 162));
    expect(firstFit(blocks, 162, 3).addr).toBe(null);
    expect(largestFreeRun(blocks, 162)).toBe(2);
  });

  it('the largest free run from a box past the first is counted from there, however big the table', () => {
    // 80 one-box blocks with one-box gaps from box 1, then a 20-box gap, then 80 more: the
    // table is big enough for an index, whose largest run is the whole memory's.
    const blocks = [
      ...table(),
      ...Array.from({ length: 80 }, (_, k) => ({ start: 180 + 2 * k, size: 1, owner: 80 + k })),
    ];
    const memory = 340;
    // Asked twice: the index is made at a table's second search.
    for (let k = 0; k < 2; k++) {
      expect(largestFreeRun(blocks, memory)).toBe(20);
      expect(largestFreeRun(blocks, memory, 180)).toBe(1);
    }
  });
});

describe('freeing a block coalesces with its free neighbours', () => {
  // Each case frees the middle block X and counts the free runs it merges with.
  it('none: both neighbours allocated', () => {
    // A A X B, X at 3
    const b = blocks([1, 2], [3, 1], [4, 12]);
    expect(removeBlock(b, 3, MEM)).toEqual({ block: { start: 3, size: 1, owner: 1 }, coalesced: 0 });
    expect(freeRuns(b, MEM)).toEqual([{ start: 3, size: 1 }]);
  });

  it('left: a free run before it', () => {
    // A . X B: box 3 free, X at 4
    const b = blocks([1, 2], [4, 1], [5, 11]);
    expect(removeBlock(b, 4, MEM)?.coalesced).toBe(1);
    expect(freeRuns(b, MEM)).toEqual([{ start: 3, size: 2 }]);
  });

  it('right: a free run after it', () => {
    const b = blocks([1, 2], [3, 1], [5, 11]);
    expect(removeBlock(b, 3, MEM)?.coalesced).toBe(1);
    expect(freeRuns(b, MEM)).toEqual([{ start: 3, size: 2 }]);
  });

  it('both: free runs on each side become one', () => {
    const b = blocks([1, 2], [4, 1], [6, 10]);
    expect(removeBlock(b, 4, MEM)?.coalesced).toBe(2);
    expect(freeRuns(b, MEM)).toEqual([{ start: 3, size: 3 }]);
  });

  it('at the edges: box 1 has no left neighbour to merge, the last box no right one', () => {
    // X at 1 with the rest free: only the right run
    expect(removeBlock(blocks([1, 2]), 1, MEM)?.coalesced).toBe(1);
    // X at 1, B right after: nothing
    expect(removeBlock(blocks([1, 2], [3, 13]), 1, MEM)?.coalesced).toBe(0);
    // X ends at box 15 with free boxes before it: only the left run
    expect(removeBlock(blocks([14, 2]), 14, MEM)?.coalesced).toBe(1);
    // the only block, filling memory: nothing
    expect(removeBlock(blocks([1, 15]), 1, MEM)?.coalesced).toBe(0);
  });

  it('no block starts there: nothing is removed', () => {
    const b = layout();
    expect(removeBlock(b, 2, MEM)).toBeNull(); // the middle of A
    expect(removeBlock(b, 4, MEM)).toBeNull(); // a free box
    expect(b).toHaveLength(3);
  });
});

describe('finding blocks', () => {
  it('blockAt finds the block holding a box; blockStartingAt only the block starting there', () => {
    const b = layout();
    expect(blockAt(b, 0)).toBeUndefined();
    expect(blockAt(b, 1)?.start).toBe(1);
    expect(blockAt(b, 3)?.start).toBe(1);
    expect(blockAt(b, 4)).toBeUndefined();
    expect(blockAt(b, 6)?.start).toBe(6);
    expect(blockAt(b, 10)?.start).toBe(10);
    expect(blockAt(b, 15)).toBeUndefined();
    expect(blockStartingAt(b, 1)?.owner).toBe(0);
    expect(blockStartingAt(b, 2)).toBeUndefined();
    expect(blockStartingAt(b, 10)?.owner).toBe(2);
    expect(blockStartingAt(b, 11)).toBeUndefined();
  });
});

describe('rangeProblem says why a block cannot go there', () => {
  it('the NULL box', () => {
    expect(rangeProblem([], MEM, 0, 1)).toBe('box 0 is NULL and can never be allocated');
  });
  it('a box that does not exist', () => {
    expect(rangeProblem([], MEM, 16, 1)).toBe('box 16 does not exist (memory is boxes 0 to 15)');
    // A typed command (not parsed from text) can carry an address below 0.
    expect(rangeProblem([], MEM, -1, 1)).toBe('box -1 does not exist (memory is boxes 0 to 15)');
  });
  it('past the end', () => {
    // 3 boxes from 14 would be 14, 15, 16: box 16 is past the last box
    expect(rangeProblem([], MEM, 14, 3)).toBe('3 boxes from 14 run past the last box (15)');
    expect(rangeProblem([], MEM, 14, 2)).toBeNull();
  });
  it('overlap names the first box already in use', () => {
    const b = layout(); // A 1..3, B 6, C 10
    // starting inside A
    expect(rangeProblem(b, MEM, 2, 1)).toBe('box 2 is already in use');
    // starting in the free run 4..5 and running into B at 6
    expect(rangeProblem(b, MEM, 4, 3)).toBe('box 6 is already in use');
    // starting free at 7, running over C at 10
    expect(rangeProblem(b, MEM, 7, 5)).toBe('box 10 is already in use');
    // exactly filling a free run is fine
    expect(rangeProblem(b, MEM, 7, 3)).toBeNull();
    expect(rangeProblem(b, MEM, 4, 2)).toBeNull();
    expect(rangeProblem(b, MEM, 11, 5)).toBeNull();
  });
  it('agrees with the free list on every range', () => {
    const b = layout();
    const free = new Set<number>();
    for (const r of freeRuns(b, MEM)) for (let i = 0; i < r.size; i++) free.add(r.start + i);
    for (let start = 1; start < MEM; start++) {
      for (let size = 1; start + size <= MEM; size++) {
        let allFree = true;
        for (let i = 0; i < size; i++) if (!free.has(start + i)) allFree = false;
        expect(rangeProblem(b, MEM, start, size) === null).toBe(allFree);
      }
    }
  });
});
