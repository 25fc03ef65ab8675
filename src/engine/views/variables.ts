// The variables panel: each value's status (live, reachable only through another,
// unreachable, freed), its next use, and the values waiting for a block. Derived from a
// run's state, never stored in it.
import type { CompiledLevel } from '../level/compile.js';
import { reachableSet } from '../run/reachability.js';
import { hasLiveBlock, isRoot, type RunState } from '../run/state.js';
import { hiddenAhead, horizonOf, nextTouch, type Touch } from './horizon.js';
import { nth } from '../invariant.js';

export type ValueStatus =
  /** Arrives later (within the lookahead) and has no block yet. */
  | 'waiting'
  /** Arrives later and already has a block. */
  | 'reserved'
  /** Arrived, allocated, and its variable is in scope (a root). */
  | 'live'
  /** Arrived, allocated, out of scope, but a live record still points to it. */
  | 'reachable'
  /** Arrived, allocated, and nothing reaches it any more: a leak until freed. */
  | 'unreachable'
  /** Its block was freed (its variable now holds a stale address). */
  | 'freed';

export interface VariableView {
  index: number;
  id: string;
  /** The address its variable holds (stale when freed); null before it ever had a block. */
  addr: number | null;
  /** Boxes of its block, or the size it needs when it has none. */
  size: number;
  status: ValueStatus;
  /** For 'reachable': a record that points to it. */
  via?: string;
  /** The next tick within sight at which the program reads it, or null (none in sight). */
  nextUse: number | null;
  arrive: number;
  drop: number;
  /** Its scope's end is within sight (or past: then it is out of scope). */
  dropInSight: boolean;
  /** The program goes on past the horizon: what it does to the value there is unknown. */
  unknownAhead: boolean;
  /** Freed, and the program in sight still needs its block: that tick is a use after free. */
  danger: boolean;
  /** For danger: what the program does to it, and when. */
  touch?: Touch;
}

/** The tick at or after `from` at which the program next reads value v, or null. */
export function nextUse(level: CompiledLevel, v: number, from: number): number | null {
  const uses = nth(level.values, v).uses;
  let lo = 0;
  let hi = uses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nth(uses, mid) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < uses.length ? nth(uses, lo) : null;
}

/** Values that arrive within the lookahead and have no block yet, soonest first (ties: level order). */
export function pendingValues(level: CompiledLevel, state: RunState): number[] {
  const out: number[] = [];
  const end = Math.min(level.ticks, state.tick + level.lookahead);
  for (let t = state.tick; t < end; t++) {
    const { start, items } = level.program.arrivals;
    for (let k = nth(start, t); k < nth(start, t + 1); k++)
      if (!hasLiveBlock(state, nth(items, k))) out.push(nth(items, k));
  }
  return out;
}

/** The value Enter or m would give a block to: the first pending value, or null. */
export function nextPending(level: CompiledLevel, state: RunState): number | null {
  const end = Math.min(level.ticks, state.tick + level.lookahead);
  for (let t = state.tick; t < end; t++) {
    const { start, items } = level.program.arrivals;
    for (let k = nth(start, t); k < nth(start, t + 1); k++)
      if (!hasLiveBlock(state, nth(items, k))) return nth(items, k);
  }
  return null;
}

/** Values whose variable holds a block that is still allocated. */
export function allocatedValues(state: RunState): number[] {
  return state.blocks.map((b) => b.owner).sort((a, b) => a - b);
}

/** What each value's variable holds and what that means now. */
export function reachability(level: CompiledLevel, state: RunState): Uint8Array {
  const roots: number[] = [];
  for (let v = 0; v < level.values.length; v++) if (isRoot(level, v, state.tick)) roots.push(v);
  return reachableSet(level.values.length, roots, (v) => state.targets[v]);
}

/** The status of one value, given the reachability from reachability(). */
export function valueStatus(level: CompiledLevel, state: RunState, v: number, reached: Uint8Array): ValueStatus {
  const val = nth(level.values, v);
  const variable = nth(state.variables, v);
  if (val.arrive >= state.tick) return hasLiveBlock(state, v) ? 'reserved' : 'waiting';
  if (variable.freed || variable.addr === 0) return 'freed';
  if (isRoot(level, v, state.tick)) return 'live';
  return reached[v] ? 'reachable' : 'unreachable';
}

/** The panel's order: waiting first, then what needs attention (freed but still needed, leaks), then live ones, then the rest. */
function rankOf(status: ValueStatus, danger: boolean): number {
  if (status === 'waiting') return 0;
  if (danger) return 1;
  if (status === 'unreachable') return 2;
  if (status === 'reserved') return 3;
  if (status === 'live') return 4;
  if (status === 'reachable') return 5;
  return 6; // freed and out of reach: done with
}

/**
 * The variables panel: every value the player can see (arrived, or arriving within the
 * lookahead), with status, address and next use. Order: waiting first, then what needs
 * attention (freed but still reachable, leaks), then live ones, then the rest.
 */
export function variables(level: CompiledLevel, state: RunState): VariableView[] {
  return firstVariables(level, state, Infinity).views;
}

interface Row {
  v: number;
  status: ValueStatus;
  touch: Touch | null;
  rank: number;
  arrive: number;
}

/** The panel's order: by rank, then arrival, then level order. */
const before = (rank: number, arrive: number, v: number, b: Row) => (rank - b.rank || arrive - b.arrive || v - b.v) < 0;

/**
 * The first `limit` rows of the panel, and how many rows it has in all. Every value is
 * ranked, but only the rows shown are made: a long level has thousands of values in sight.
 */
export function firstVariables(
  level: CompiledLevel,
  state: RunState,
  limit: number,
): { views: VariableView[]; total: number } {
  const reached = reachability(level, state);
  const horizon = horizonOf(level, state);
  const unknownAhead = hiddenAhead(level, state);
  // The best `limit` rows so far, in order: only they are made, the others only counted
  // (a long level has thousands of values in sight, and this runs on every frame).
  const keep = Math.max(0, limit);
  const rows: Row[] = [];
  let total = 0;
  for (const val of level.values) {
    if (val.arrive >= horizon) continue;
    total++;
    const v = val.index;
    const status = valueStatus(level, state, v, reached);
    const touch = status === 'freed' ? nextTouch(level, state, v) : null;
    const rank = rankOf(status, touch !== null);
    if (rows.length === keep && (keep === 0 || !before(rank, val.arrive, v, nth(rows, keep - 1)))) continue;
    let at = rows.length;
    while (at > 0 && before(rank, val.arrive, v, nth(rows, at - 1))) at--;
    rows.splice(at, 0, { v, status, touch, rank, arrive: val.arrive });
    if (rows.length > keep) rows.pop();
  }
  const views = rows.map(({ v, status, touch }) => {
    const val = nth(level.values, v);
    const variable = nth(state.variables, v);
    const read = nextUse(level, v, state.tick);
    const view: VariableView = {
      index: v,
      id: val.id,
      addr: variable.addr === 0 ? null : variable.addr,
      size: variable.addr === 0 ? val.size : variable.size,
      status,
      // Only what the player can see: a read past the horizon is not shown.
      nextUse: read !== null && read < horizon ? read : null,
      arrive: val.arrive,
      drop: val.drop,
      dropInSight: val.drop < horizon || (val.drop >= level.ticks && !unknownAhead),
      unknownAhead,
      danger: touch !== null,
    };
    if (touch) view.touch = touch;
    if (status === 'reachable') {
      const via = level.values.find((r) => reached[r.index] && nth(state.targets, r.index).includes(v));
      if (via) view.via = via.id;
    }
    return view;
  });
  return { views, total };
}
