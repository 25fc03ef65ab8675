// Perfect timing, whatever the placement: each value is freed in the gap right after the
// last tick that touches it (its last read, a pointer written into it or to it; a value
// never used, right after the tick it arrives), and in each gap the frees come before the
// mallocs. The oracle and the par both keep this timing; only where blocks go differs.
import { itemsAt, type CompiledLevel } from '../level/compile.js';
import { nth } from '../invariant.js';

/** The arrivals in the order they are placed (tick by tick, in level order), and what is freed just before each. */
export interface PerfectTiming {
  /** Value indexes in placement order. */
  order: number[];
  /** frees[k]: the values freed in the gaps since the previous placement, just before placement k. */
  frees: number[][];
  /** byTick[t]: the values freed in the gap before tick t (t = ticks: after the last tick). */
  freeBefore: number[][];
}

const timings = new WeakMap<CompiledLevel, PerfectTiming>();

export function perfectTiming(level: CompiledLevel): PerfectTiming {
  const known = timings.get(level);
  if (known) return known;
  const freeBefore: number[][] = Array.from({ length: level.ticks + 1 }, () => []);
  for (const v of level.values) nth(freeBefore, v.lastTouch + 1).push(v.index);
  const order: number[] = [];
  const frees: number[][] = [];
  let pending: number[] = [];
  for (let t = 0; t < level.ticks; t++) {
    pending.push(...nth(freeBefore, t));
    for (const v of itemsAt(level.program.arrivals, t)) {
      order.push(v);
      frees.push(pending);
      pending = [];
    }
  }
  const timing = { order, frees, freeBefore };
  timings.set(level, timing);
  return timing;
}

const peaks = new WeakMap<CompiledLevel, number>();

/** The most boxes perfect timing holds at once, whatever the placement: over ticks t, the
 * largest sum of the sizes of the values that have arrived by t and are still touched at t or later. */
export function perfectPeak(level: CompiledLevel): number {
  // Asked by every run of a comparison and every score: a walk over all values each time.
  const known = peaks.get(level);
  if (known !== undefined) return known;
  const delta = new Array<number>(level.ticks + 1).fill(0);
  for (const v of level.values) {
    delta[v.arrive]! += v.size;
    delta[v.lastTouch + 1]! -= v.size;
  }
  let held = 0;
  let most = 0;
  for (let t = 0; t < level.ticks; t++) {
    held += nth(delta, t);
    if (held > most) most = held;
  }
  peaks.set(level, most);
  return most;
}
