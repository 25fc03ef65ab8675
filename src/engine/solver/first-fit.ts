// The oracle's placements straight from the level's JSON, without compiling it: first fit
// in level order with perfect timing (each value freed in the gap after the last tick that
// touches it). It is the search's first path (search.ts), so when it finishes, the oracle
// finishes; validation asks only that, and compiling a 100,000-value level (every byte of
// every value) costs more than the whole check.
import { pointerWidth, resolveType, sizeOfType } from '../level/encoding.js';
import type { Level } from '../level/schema.js';
import type { LevelFacts } from '../level/validate-program.js';
import { FreeIndex } from '../run/free-index.js';
import { byTick, byTickOf } from '../level/by-tick.js';
import { nth } from '../invariant.js';

/** Each value's boxes: a primitive's encoding, or a record's fields (a pointer is `ptrWidth` boxes). */
export function valueSizes(level: Level): Int32Array {
  const ptrWidth = pointerWidth(level.memory);
  const sizes = new Int32Array(level.values.length);
  const sizeOf = (value: unknown, type: string | undefined) => {
    const t = resolveType(value, type);
    if (typeof t !== 'string') throw new Error(`not a valid primitive: ${t.problem}`);
    return sizeOfType(t, value);
  };
  level.values.forEach((v, i) => {
    let size = 0;
    if (v.fields) for (const f of v.fields) size += f.ref !== undefined ? ptrWidth : sizeOf(f.value, f.type);
    else size = sizeOf(v.value, v.type);
    sizes[i] = size;
  });
  return sizes;
}

/** The last tick that touches each value: its arrival, its last read, a pointer written into it or to it. */
export function lastTouches(level: Level, known?: ReadonlyMap<string, number>): Int32Array {
  const index = known ?? idIndex(level);
  const last = new Int32Array(level.values.length);
  level.values.forEach((v, i) => {
    const uses = v.uses ?? [];
    last[i] = uses.length > 0 ? Math.max(v.arrive, nth(uses, uses.length - 1)) : v.arrive;
  });
  const touch = (id: string, t: number) => {
    const j = index.get(id);
    if (j !== undefined && nth(last, j) < t) last[j] = t;
  };
  for (const v of level.values) for (const f of v.fields ?? []) if (typeof f.ref === 'string') touch(f.ref, v.arrive);
  for (const s of level.sets ?? []) {
    touch(s.in, s.tick);
    if (typeof s.to === 'string') touch(s.to, s.tick);
  }
  return last;
}

function idIndex(level: Level): Map<string, number> {
  const index = new Map<string, number>();
  level.values.forEach((v, i) => index.set(v.id, i));
  return index;
}

/**
 * The oracle's start address per value, or null when first fit runs out of memory. The
 * level must be valid; `facts`, when validation has them, spare working them out again.
 */
export function firstFitPlacement(level: Level, facts?: LevelFacts): number[] | null {
  const n = level.values.length;
  const sizes = facts?.sizes ?? valueSizes(level);
  const last = facts?.last ?? lastTouches(level, facts?.index);
  // Values by arrival tick and by the gap they are freed in, each in level order.
  const arriving = facts?.arrivals ?? byTick(level.ticks, n, (i) => nth(level.values, i).arrive);
  const freedAt = new Int32Array(n);
  for (let i = 0; i < n; i++) freedAt[i] = (last[i] as number) + 1;
  const freed = byTickOf(level.ticks, freedAt);
  const heap = new PlacementHeap(level.memory);
  const placement = new Array<number>(n).fill(0);
  // Typed arrays read within their lengths (start has ticks + 1 entries; items are value indexes).
  for (let t = 0; t < level.ticks; t++) {
    for (let k = freed.start[t] as number; k < (freed.start[t + 1] as number); k++) {
      const v = freed.items[k] as number;
      heap.give(placement[v] as number, sizes[v] as number);
    }
    for (let k = arriving.start[t] as number; k < (arriving.start[t + 1] as number); k++) {
      const v = arriving.items[k] as number;
      const addr = heap.take(sizes[v] as number);
      if (addr < 0) return null;
      placement[v] = addr;
    }
  }
  return placement;
}

/** Up to this many live blocks, first fit scans a table of them; past it, the table becomes an index of free runs. */
const TABLE_MOST = 128;

/**
 * The boxes first fit places values in. With perfect timing few blocks are live at once in
 * most levels (a few dozen), and then a scan of the gaps of a short table is about three
 * times quicker than keeping the index of free runs, whose every change walks up its whole
 * tree; a level that keeps thousands of blocks live gets the index, where a table would
 * move thousands of entries on every change. The table is two typed arrays (each live
 * block's first box and the box after it, by address): this runs once per value of a
 * level, cold, and a block object each was garbage.
 */
class PlacementHeap {
  private readonly starts = new Int32Array(TABLE_MOST + 1);
  private readonly ends = new Int32Array(TABLE_MOST + 1);
  private count = 0;
  private index: FreeIndex | null = null;
  constructor(private readonly memory: number) {}

  /** Places a block of `size` boxes (every value has one at least) by first fit: its address, or -1 when no free run holds it. */
  take(size: number): number {
    const index = this.index;
    if (index !== null) {
      const addr = index.firstFree(size);
      if (addr >= 0) index.set(addr, size, false);
      return addr;
    }
    const { starts, ends, count } = this;
    // The first gap that holds it, from box 1 (box 0 is NULL); i is where it goes in the table.
    // Stopped before a block, the gap holds it and the memory's end is farther: only the last gap can fail.
    let at = 1;
    let i = 0;
    while (i < count && (starts[i] as number) - at < size) at = ends[i++] as number;
    if (this.memory - at < size) return -1;
    starts.copyWithin(i + 1, i, count);
    ends.copyWithin(i + 1, i, count);
    starts[i] = at;
    ends[i] = at + size;
    this.count = count + 1;
    if (this.count > TABLE_MOST) {
      const taken: { start: number; size: number }[] = [];
      for (let k = 0; k < this.count; k++)
        taken.push({ start: starts[k] as number, size: (ends[k] as number) - (starts[k] as number) });
      this.index = new FreeIndex(this.memory, taken);
    }
    return at;
  }

  /** Frees the block of `size` boxes at `addr` (one `take` gave: a value is freed only once placed). */
  give(addr: number, size: number): void {
    if (this.index !== null) {
      this.index.set(addr, size, true);
      return;
    }
    const { starts, ends, count } = this;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) < addr) lo = mid + 1;
      else hi = mid;
    }
    starts.copyWithin(lo, lo + 1, count);
    ends.copyWithin(lo, lo + 1, count);
    this.count = count - 1;
  }
}
