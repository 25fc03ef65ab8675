// The solver's search: a perfect programmer who also places perfectly. With the timing
// fixed (perfect-timing.ts), the only choice is where each arriving value goes. Depth
// first, for each arrival in turn: the free runs that fit, in address order, the low end
// of each before its high end (so the first path tried is first fit, the oracle's), with
// layouts already seen pruned, within a budget of placements tried. Deterministic.
//
// Layouts are the taken runs and when each is freed (which value holds a run does not
// matter to the rest of the level, only its size and its last tick). They are kept as a
// running 64-bit hash (two 32-bit lanes, a sum over the blocks, so placing or freeing one
// block updates it at once); a collision would only prune a layout wrongly, and at 200,000
// layouts its odds are about one in 10^9.
import type { CompiledLevel } from '../level/compile.js';
import { perfectPeak, perfectTiming } from './perfect-timing.js';

/** Placements tried before the search gives up. */
export const SOLVER_BUDGET = 200_000;

export type SearchResult =
  /** `placement`: the start address per value index. */
  | { status: 'finished'; nodes: number; placement: number[] }
  /** No placement works: every layout was tried, or the values alive at `tick` need more than all of memory. */
  | { status: 'impossible'; nodes: number; tick?: number; needs?: number }
  | { status: 'exhausted'; nodes: number };

interface Frame {
  /** The free run to try next, and whether its low end was tried already. */
  gap: number;
  high: boolean;
  /** Blocks freed on entering this decision (value indexes), to take back when leaving it. */
  freed: number[];
  placedAt: number;
}

/** The tick at which perfect timing holds the most boxes. */
function peakTick(level: CompiledLevel): number {
  const delta = new Array<number>(level.ticks + 1).fill(0);
  for (const v of level.values) {
    delta[v.arrive] += v.size;
    delta[v.lastTouch + 1] -= v.size;
  }
  let held = 0;
  let most = -1;
  let at = 0;
  for (let t = 0; t < level.ticks; t++) {
    held += delta[t];
    if (held > most) [most, at] = [held, t];
  }
  return at;
}

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function searchPlacements(level: CompiledLevel, budget = SOLVER_BUDGET): SearchResult {
  const peak = perfectPeak(level);
  if (peak > level.usable) return { status: 'impossible', nodes: 0, tick: peakTick(level), needs: peak };
  const { order, frees } = perfectTiming(level);
  const n = order.length;
  const values = level.values;
  // The free list: maximal free runs [start, end), in address order.
  const gapStart: number[] = level.memory > 1 ? [1] : [];
  const gapEnd: number[] = level.memory > 1 ? [level.memory] : [];
  const startOf = new Int32Array(values.length);
  let h1 = 0;
  let h2 = 0;
  const seen = new Set<string>();
  const frames: Frame[] = [];
  let nodes = 0;

  /** First free run that starts after `addr`. */
  const gapAfter = (addr: number): number => {
    let lo = 0;
    let hi = gapStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gapStart[mid] <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const account = (v: number, sign: number) => {
    const s = startOf[v];
    const size = values[v].size;
    const until = values[v].lastTouch;
    h1 = (h1 + sign * mix(mix(mix(s, 0x9e3779b9) ^ size, 0x85ebca77) ^ until, 0xc2b2ae3d)) >>> 0;
    h2 = (h2 + sign * mix(mix(mix(s, 0x27d4eb2f) ^ size, 0x165667b1) ^ until, 0x7f4a7c15)) >>> 0;
  };
  /** Takes boxes [s, s+size) out of the free run that holds them. */
  const take = (v: number, s: number) => {
    const e = s + values[v].size;
    const g = gapAfter(s) - 1;
    const gs = gapStart[g];
    const ge = gapEnd[g];
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
    startOf[v] = s;
    account(v, 1);
  };
  /** Gives value v's boxes back, coalescing with free neighbours. */
  const give = (v: number) => {
    account(v, -1);
    const s = startOf[v];
    const e = s + values[v].size;
    const g = gapAfter(s);
    const left = g > 0 && gapEnd[g - 1] === s;
    const right = g < gapStart.length && gapStart[g] === e;
    if (left && right) {
      gapEnd[g - 1] = gapEnd[g];
      gapStart.splice(g, 1);
      gapEnd.splice(g, 1);
    } else if (left) gapEnd[g - 1] = e;
    else if (right) gapStart[g] = s;
    else {
      gapStart.splice(g, 0, s);
      gapEnd.splice(g, 0, e);
    }
  };
  /** Frees what perfect timing frees before decision k, then opens it; false when this layout was seen already. */
  const enter = (k: number): boolean => {
    const freed = frees[k];
    for (const v of freed) give(v);
    const key = `${k}:${h1}:${h2}`;
    if (seen.has(key)) {
      for (let i = freed.length - 1; i >= 0; i--) take(freed[i], startOf[freed[i]]);
      return false;
    }
    seen.add(key);
    frames[k] = { gap: 0, high: false, freed, placedAt: 0 };
    return true;
  };
  /** The next place to try for decision k's value, or -1 when none is left. */
  const nextCandidate = (f: Frame, size: number): number => {
    while (f.gap < gapStart.length) {
      const gs = gapStart[f.gap];
      const ge = gapEnd[f.gap];
      if (ge - gs >= size) {
        if (!f.high) {
          f.high = true;
          return gs;
        }
        f.high = false;
        f.gap++;
        if (ge - gs > size) return ge - size;
        continue;
      }
      f.gap++;
    }
    return -1;
  };

  if (n === 0) return { status: 'finished', nodes, placement: [] };
  enter(0);
  let k = 0;
  for (;;) {
    if (k === n) {
      const placement = values.map(() => 0);
      for (let j = 0; j < n; j++) placement[order[j]] = frames[j].placedAt;
      return { status: 'finished', nodes, placement };
    }
    const f = frames[k];
    const v = order[k];
    const at = nextCandidate(f, values[v].size);
    if (at >= 0) {
      if (nodes >= budget) return { status: 'exhausted', nodes };
      nodes++;
      take(v, at);
      f.placedAt = at;
      if (k + 1 === n || enter(k + 1)) k++;
      else give(v);
      continue;
    }
    for (let i = f.freed.length - 1; i >= 0; i--) take(f.freed[i], startOf[f.freed[i]]);
    if (k === 0) return { status: 'impossible', nodes };
    k--;
    give(order[k]);
  }
}
