// Garbage, kept count of as the run goes rather than recounted before every tick.
//
// Garbage is the boxes of arrived values that no root reaches. An arrived value that is not
// a root has gone out of scope, and nothing brings a value back into scope or gives it a
// new block once it has: so the boxes of out-of-scope values still holding a block
// (`state.unrooted`) change only when a value goes out of scope (drop) and when such a
// block is freed (by the player or a collector). Garbage is those boxes less the ones the
// in-scope records still reach through pointer fields, which is a walk over what those
// records reach (usually a handful), not over every block.
import type { CompiledLevel } from '../level/compile.js';
import type { RunState } from './state.js';
import { nth } from '../invariant.js';

/** A value's variable went out of scope (its drop phase): its block, if any, is counted. */
export function noteOutOfScope(state: RunState, v: number): void {
  const s = nth(state.variables, v);
  if (s.addr === 0 || s.freed) return;
  state.unrooted += s.size;
  state.unrootedCount++;
  state.unrootedOwners.push(v);
}

/** Value v's live block is being freed: it leaves the count if it was out of scope. Call before marking it freed. */
export function noteFreed(level: CompiledLevel, state: RunState, v: number): void {
  const s = nth(state.variables, v);
  if (s.freed || s.addr === 0 || nth(level.values, v).drop >= state.tick) return;
  state.unrooted -= s.size;
  state.unrootedCount--;
  // The list is pruned when it has grown to twice what it holds: amortised, no scan a tick.
  if (state.unrootedOwners.length > 2 * state.unrootedCount + 32) pruneOwners(state);
}

function pruneOwners(state: RunState): void {
  state.unrootedOwners = state.unrootedOwners.filter((v) => !nth(state.variables, v).freed);
}

// One mark array and walk stack per level, stamped with a new generation each walk: no
// allocation a tick (this runs before every tick of every run).
const marks = new WeakMap<CompiledLevel, { stamp: Int32Array; gen: number; stack: number[] }>();
const NONE: readonly number[] = Object.freeze([]);
const NO_GARBAGE = Object.freeze({ boxes: 0, owners: NONE });

function markArray(level: CompiledLevel): { stamp: Int32Array; gen: number; stack: number[] } {
  let m = marks.get(level);
  if (!m) {
    m = { stamp: new Int32Array(level.values.length), gen: 0, stack: [] };
    marks.set(level, m);
  }
  if (++m.gen === 0x7fffffff) {
    m.stamp.fill(0);
    m.gen = 1;
  }
  return m;
}

/**
 * Boxes of arrived values no root reaches, just before tick `state.tick`, and (when
 * `withOwners`) whose they are, in the order they went out of scope.
 */
export function garbageNow(
  level: CompiledLevel,
  state: RunState,
  withOwners: boolean,
): { boxes: number; owners: readonly number[] } {
  if (state.unrootedCount === 0) return NO_GARBAGE;
  const m = markArray(level);
  const { stamp, gen } = m;
  const stack = m.stack;
  const roots = state.rootRecords;
  for (let k = 0; k < roots.length; k++) {
    const r = nth(roots, k);
    if (stamp[r] !== gen) {
      stamp[r] = gen;
      stack.push(r);
    }
  }
  let reached = 0;
  const t = state.tick;
  while (stack.length > 0) {
    const v = stack.pop()!;
    const val = nth(level.values, v);
    if (val.drop < t) {
      const s = nth(state.variables, v);
      if (s.addr !== 0 && !s.freed) reached += s.size;
    }
    const targets = nth(state.targets, v);
    for (let k = 0; k < targets.length; k++) {
      const to = targets[k];
      if (to != null && stamp[to] !== gen) {
        stamp[to] = gen;
        stack.push(to);
      }
    }
  }
  if (!withOwners) return { boxes: state.unrooted - reached, owners: NONE };
  pruneOwners(state);
  const owners = state.unrootedOwners.filter((v) => stamp[v] !== gen);
  return { boxes: state.unrooted - reached, owners };
}
