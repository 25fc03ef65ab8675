// Garbage, kept count of as the run goes rather than recounted before every tick.
//
// Garbage is the boxes of arrived values that no root reaches. An arrived value that is not
// a root has gone out of scope, and nothing brings a value back into scope or gives it a
// new block once it has: so the boxes of out-of-scope values still holding a block
// (`state.unrooted`) change only when a value goes out of scope (drop) and when such a
// block is freed (by the player or a collector).
//
// Which of them no in-scope record reaches any more is a matter of the program alone (its
// roots and pointer writes), the same in every run of the level: and in a valid level a
// value no root reaches is never reached again (every pointer the program writes names a
// reachable value). So for headless runs (comparisons: many runs of one level, off the
// input path) each value's death, the tick before which it is first out of reach, is
// worked out once per level (`deathsOf`), and a run keeps `state.garbageBoxes` as its live
// blocks die and are freed: no walk a tick, which on a long list held from a root cost the
// list's length every tick of every run. A run on a screen (verbose) walks from the
// in-scope records before each tick instead, as does any run of a program that reaches a
// value again (an invalid level, built by hand): the whole program's walk at its first
// tick would be a pause on the input path.
import type { CompiledLevel } from '../level/compile.js';
import { byTickOf, type ByTick } from '../level/by-tick.js';
import { initialTargets, type RunState } from './state.js';
import { present } from '../invariant.js';

/** A value's variable went out of scope (its drop phase): its block, if any, is counted. */
export function noteOutOfScope(state: RunState, v: number): void {
  const s = present(state.variables[v]);
  if (s.addr === 0 || s.freed) return;
  state.unrooted += s.size;
  state.unrootedCount++;
  state.unrootedOwners.push(v);
}

/** Value v's live block is being freed: it leaves the count if it was out of scope. Call before marking it freed. */
export function noteFreed(level: CompiledLevel, state: RunState, v: number): void {
  const s = present(state.variables[v]);
  if (s.freed || s.addr === 0 || present(level.values[v]).drop >= state.tick) return;
  state.unrooted -= s.size;
  state.unrootedCount--;
  const deaths = deathsFor(level, state);
  if (deaths && present(deaths.at[v]) <= state.tick) state.garbageBoxes -= s.size;
  // The list is pruned when it has grown to twice what it holds: amortised, no scan a tick.
  if (state.unrootedOwners.length > 2 * state.unrootedCount + 32) pruneOwners(state);
}

function pruneOwners(state: RunState): void {
  state.unrootedOwners = state.unrootedOwners.filter((v) => !present(state.variables[v]).freed);
}

/**
 * The tick has run and `state.tick` moved on: the live blocks of the values that die now
 * join the garbage.
 */
export function noteTickPassed(level: CompiledLevel, state: RunState): void {
  const deaths = deathsFor(level, state);
  if (!deaths || state.unrootedCount === 0) return;
  const t = state.tick;
  const { start, items } = deaths.byTick;
  const end = present(start[t + 1]);
  for (let k = present(start[t]); k < end; k++) {
    const v = present(items[k]);
    const s = present(state.variables[v]);
    if (s.addr !== 0 && !s.freed) state.garbageBoxes += s.size;
  }
}

/** When values die, for a level whose program never reaches a value again once out of reach. */
interface Deaths {
  /** Per value: the first tick before which it is out of scope and no in-scope record reaches it; ticks + 1 when never. */
  at: Int32Array;
  /** The values by that tick (ticks 0 to ticks). */
  byTick: ByTick;
}

/** Per level: its deaths, or null when its program reaches a value again (then garbage is counted by a walk). */
const deathsByLevel = new WeakMap<CompiledLevel, Deaths | null>();

/** The deaths a run counts its garbage by: none for a verbose run (it walks). */
function deathsFor(level: CompiledLevel, state: RunState): Deaths | null {
  return state.verbose ? null : deathsOf(level);
}

function deathsOf(level: CompiledLevel): Deaths | null {
  let deaths = deathsByLevel.get(level);
  if (deaths === undefined) {
    deaths = findDeaths(level);
    deathsByLevel.set(level, deaths);
  }
  return deaths;
}

/**
 * Plays the program's roots and pointer writes alone, and before each tick walks from the
 * in-scope records while some out-of-scope value is not yet known dead: those it does not
 * reach die there. Null when the program writes a pointer to a dead value (only a new
 * pointer into the dead can reach one of them again).
 */
function findDeaths(level: CompiledLevel): Deaths | null {
  const n = level.values.length;
  const never = level.ticks + 1;
  const at = new Int32Array(n).fill(never);
  const targets = level.values.map(initialTargets);
  const roots: number[] = [];
  /** Out of scope, and reached at the last walk. */
  let pending: number[] = [];
  const stamp = new Int32Array(n);
  const stack: number[] = [];
  // A pointer written to a dead value would bring it back: only a walk can count that.
  const dead = (v: number | null) => v !== null && present(at[v]) !== never;
  const { arrivals, drops } = level.program;
  for (let t = 0; t <= level.ticks; t++) {
    if (pending.length > 0) {
      markReached(roots, targets, stamp, t + 1, stack);
      const reached = pending.filter((v) => stamp[v] === t + 1);
      for (const v of pending) if (stamp[v] !== t + 1) at[v] = t;
      pending = reached;
    }
    if (t === level.ticks) break;
    for (let k = present(arrivals.start[t]), end = present(arrivals.start[t + 1]); k < end; k++) {
      const v = present(arrivals.items[k]);
      if (present(targets[v]).some(dead)) return null;
      if (present(level.values[v]).pointerOffsets.length > 0) roots.push(v);
    }
    const sets = present(level.program.sets[t]);
    for (let k = 0; k < sets.length; k++) {
      const s = present(sets[k]);
      if (dead(s.to)) return null;
      present(targets[s.in])[s.slot] = s.to;
    }
    for (let k = present(drops.start[t]), end = present(drops.start[t + 1]); k < end; k++) {
      const v = present(drops.items[k]);
      const i = roots.indexOf(v);
      if (i >= 0) roots.splice(i, 1);
      pending.push(v);
    }
  }
  return { at, byTick: byTickOf(level.ticks + 1, at) };
}

// One mark array and walk stack per level, stamped with a new generation each walk: no
// allocation a tick (this runs before every tick of a run on a screen).
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
  const deaths = deathsFor(level, state);
  if (!deaths) return garbageByWalk(level, state, withOwners);
  if (!withOwners) return { boxes: state.garbageBoxes, owners: NONE };
  pruneOwners(state);
  const t = state.tick;
  const owners = state.unrootedOwners.filter((v) => present(deaths.at[v]) <= t);
  return { boxes: state.garbageBoxes, owners };
}

/** `garbageNow` by a walk from the in-scope records (a verbose run, or a program that reaches a value again). */
function garbageByWalk(
  level: CompiledLevel,
  state: RunState,
  withOwners: boolean,
): { boxes: number; owners: readonly number[] } {
  const { stamp, gen, stack } = markArray(level);
  markReached(state.rootRecords, state.targets, stamp, gen, stack);
  let boxes = 0;
  if (withOwners) {
    pruneOwners(state);
    const owners = state.unrootedOwners.filter((v) => stamp[v] !== gen);
    for (const v of owners) boxes += present(state.variables[v]).size;
    return { boxes, owners };
  }
  // The out-of-scope values still holding a block are all in the list (some freed since).
  for (const v of state.unrootedOwners) {
    const s = present(state.variables[v]);
    if (stamp[v] !== gen && !s.freed) boxes += s.size;
  }
  return { boxes, owners: NONE };
}

/** Stamps `gen` on the in-scope records `roots` and on every value they reach through the pointer fields' `targets`. */
function markReached(
  roots: readonly number[],
  targets: readonly (readonly (number | null)[])[],
  stamp: Int32Array,
  gen: number,
  stack: number[],
): void {
  for (let k = 0; k < roots.length; k++) {
    const r = present(roots[k]);
    if (stamp[r] !== gen) {
      stamp[r] = gen;
      stack.push(r);
    }
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    const out = present(targets[v]);
    for (let k = 0; k < out.length; k++) {
      const to = out[k];
      if (to != null && stamp[to] !== gen) {
        stamp[to] = gen;
        stack.push(to);
      }
    }
  }
}
