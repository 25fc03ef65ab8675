// The solver's search: a perfect programmer who also places perfectly. With the timing
// fixed (perfect-timing.ts), the only choice is where each arriving value goes. Depth
// first, for each arrival in turn: the free runs that fit, in address order, the low end
// of each before its high end (so the first path tried is first fit, the oracle's), with
// layouts already seen pruned, within a budget of placements tried. Deterministic.
//
// Layouts seen are kept as their 64-bit hash (layout.ts); a collision would only prune a
// layout wrongly, and at 200,000 layouts its odds are about one in 10^9.
import type { CompiledLevel } from '../level/compile.js';
import { type Candidates, Layout } from './layout.js';
import { perfectPeak, perfectTiming } from './perfect-timing.js';
import { nth } from '../invariant.js';

/** Placements tried before the search gives up. */
export const SOLVER_BUDGET = 200_000;

export type SearchResult =
  /** `placement`: the start address per value index. */
  | { status: 'finished'; nodes: number; placement: number[] }
  /** No placement works: every layout was tried, or the values alive at `tick` need more than all of memory. */
  | { status: 'impossible'; nodes: number; tick?: number; needs?: number }
  | { status: 'exhausted'; nodes: number };

interface Frame extends Candidates {
  /** Blocks freed on entering this decision (value indexes), to take back when leaving it. */
  freed: number[];
  placedAt: number;
}

/** The tick at which perfect timing holds the most boxes. */
function peakTick(level: CompiledLevel): number {
  const delta = new Array<number>(level.ticks + 1).fill(0);
  for (const v of level.values) {
    delta[v.arrive]! += v.size;
    delta[v.lastTouch + 1]! -= v.size;
  }
  let held = 0;
  let most = -1;
  let at = 0;
  for (let t = 0; t < level.ticks; t++) {
    held += nth(delta, t);
    if (held > most) [most, at] = [held, t];
  }
  return at;
}

export function searchPlacements(level: CompiledLevel, budget = SOLVER_BUDGET): SearchResult {
  const peak = perfectPeak(level);
  if (peak > level.usable) return { status: 'impossible', nodes: 0, tick: peakTick(level), needs: peak };
  const { order, frees } = perfectTiming(level);
  const n = order.length;
  const values = level.values;
  const layout = new Layout(level);
  const seen = new Set<string>();
  const frames: Frame[] = [];
  let nodes = 0;

  /** Frees what perfect timing frees before decision k, then opens it; false when this layout was seen already. */
  const enter = (k: number): boolean => {
    const freed = nth(frees, k);
    for (const v of freed) layout.give(v);
    const key = layout.key(k);
    if (seen.has(key)) {
      layout.retake(freed);
      return false;
    }
    seen.add(key);
    frames[k] = { gap: 0, high: false, freed, placedAt: 0 };
    return true;
  };

  enter(0);
  let k = 0;
  for (;;) {
    if (k === n) {
      const placement = values.map(() => 0);
      for (let j = 0; j < n; j++) placement[nth(order, j)] = nth(frames, j).placedAt;
      return { status: 'finished', nodes, placement };
    }
    const f = nth(frames, k);
    const v = nth(order, k);
    const at = layout.nextCandidate(f, nth(values, v).size);
    if (at >= 0) {
      if (nodes >= budget) return { status: 'exhausted', nodes };
      nodes++;
      layout.take(v, at);
      f.placedAt = at;
      if (k + 1 === n || enter(k + 1)) k++;
      else layout.give(v);
      continue;
    }
    layout.retake(f.freed);
    if (k === 0) return { status: 'impossible', nodes };
    k--;
    layout.give(nth(order, k));
  }
}
