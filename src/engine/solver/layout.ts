// The solver's layout: the free list as maximal free runs [start, end) in address order,
// where each placed value starts, and a running 64-bit hash of the taken runs and when
// each is freed (two 32-bit lanes, a sum over the blocks, so placing or freeing one block
// updates it at once). Which value holds a run does not matter to the rest of the level,
// only its size and its last tick.
import type { CompiledLevel } from '../level/compile.js';
import { nth } from '../invariant.js';

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Where to try next in a search over one value's placements: the free run, and whether its low end was tried already. */
export interface Candidates {
  gap: number;
  high: boolean;
}

export class Layout {
  readonly gapStart: number[];
  readonly gapEnd: number[];
  readonly startOf: Int32Array;
  private h1 = 0;
  private h2 = 0;

  constructor(private readonly level: CompiledLevel) {
    // A valid level has at least 8 boxes: one free run, after box 0.
    this.gapStart = [1];
    this.gapEnd = [level.memory];
    this.startOf = new Int32Array(level.values.length);
  }

  /** The layout's hash, as a key for decision k. */
  key(k: number): string {
    return `${k}:${this.h1}:${this.h2}`;
  }

  /** First free run that starts after `addr`. */
  private gapAfter(addr: number): number {
    const gapStart = this.gapStart;
    let lo = 0;
    let hi = gapStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nth(gapStart, mid) <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private account(v: number, sign: number): void {
    const s = nth(this.startOf, v);
    const { size, lastTouch: until } = nth(this.level.values, v);
    this.h1 = (this.h1 + sign * mix(mix(mix(s, 0x9e3779b9) ^ size, 0x85ebca77) ^ until, 0xc2b2ae3d)) >>> 0;
    this.h2 = (this.h2 + sign * mix(mix(mix(s, 0x27d4eb2f) ^ size, 0x165667b1) ^ until, 0x7f4a7c15)) >>> 0;
  }

  /** Places value v at s: takes boxes [s, s+size) out of the free run that holds them. */
  take(v: number, s: number): void {
    const { gapStart, gapEnd } = this;
    const e = s + nth(this.level.values, v).size;
    const g = this.gapAfter(s) - 1;
    const gs = gapStart[g];
    const ge = nth(gapEnd, g);
    if (gs === s && ge === e) {
      gapStart.splice(g, 1);
      gapEnd.splice(g, 1);
    } else if (gs === s) gapStart[g] = e;
    else if (ge === e) gapEnd[g] = s;
    else {
      gapEnd[g] = s;
      gapStart.splice(g + 1, 0, e);
      gapEnd.splice(g + 1, 0, ge);
    }
    this.startOf[v] = s;
    this.account(v, 1);
  }

  /** Gives value v's boxes back, coalescing with free neighbours. */
  give(v: number): void {
    const { gapStart, gapEnd } = this;
    this.account(v, -1);
    const s = nth(this.startOf, v);
    const e = s + nth(this.level.values, v).size;
    const g = this.gapAfter(s);
    const left = g > 0 && gapEnd[g - 1] === s;
    const right = g < gapStart.length && gapStart[g] === e;
    if (left && right) {
      gapEnd[g - 1] = nth(gapEnd, g);
      gapStart.splice(g, 1);
      gapEnd.splice(g, 1);
    } else if (left) gapEnd[g - 1] = e;
    else if (right) gapStart[g] = s;
    else {
      gapStart.splice(g, 0, s);
      gapEnd.splice(g, 0, e);
    }
  }

  /** Takes back, last first, values given back earlier: they return to where they were. */
  retake(values: readonly number[]): void {
    for (let i = values.length - 1; i >= 0; i--) this.take(nth(values, i), nth(this.startOf, nth(values, i)));
  }

  /** The next place to try for a block of `size`, advancing `c`; -1 when none is left. */
  nextCandidate(c: Candidates, size: number): number {
    const { gapStart, gapEnd } = this;
    while (c.gap < gapStart.length) {
      const gs = nth(gapStart, c.gap);
      const ge = nth(gapEnd, c.gap);
      if (ge - gs >= size) {
        if (!c.high) {
          c.high = true;
          return gs;
        }
        c.high = false;
        c.gap++;
        if (ge - gs > size) return ge - size;
        continue;
      }
      c.gap++;
    }
    return -1;
  }
}
