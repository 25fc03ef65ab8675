// The program of a compiled level, tick by tick: which values arrive, which are read and
// which go out of scope at each tick, and the pointer writes each tick makes.
//
// Arrivals, reads and drops are kept flat, one list each for the whole program with where
// each tick's part starts, not a list per tick and phase: a big level has 50,000 ticks, and
// their 150,000 small lists were a third of its compiled memory, made and kept twice by a
// comparison on two threads (and moved by the garbage collector with every thread's runs).
// A run's loops read a tick's part in place (`start[t]` up to `start[t + 1]`); anything else
// asks for a tick's events as lists (`tickEvents`).
import { byTickOf, type ByTick } from './by-tick.js';
import { nth } from '../invariant.js';

export type { ByTick } from './by-tick.js';

export interface CompiledSet {
  tick: number;
  in: number;
  /** Index of the record's pointer field (position in pointerOffsets). */
  slot: number;
  to: number | null;
}

/** What one tick does, phase by phase, as lists (value indices). */
export interface TickEvents {
  arrive: readonly number[];
  sets: readonly CompiledSet[];
  uses: readonly number[];
  drops: readonly number[];
}

/** The program: its arrivals, reads and drops by tick (value indices), and its pointer writes by tick. */
export interface Program {
  readonly arrivals: ByTick;
  readonly reads: ByTick;
  readonly drops: ByTick;
  /** Each tick's writes; most ticks have none, and share one empty list. */
  readonly sets: readonly (readonly CompiledSet[])[];
}

/** No items: what a tick with none gets, shared. */
const NO_ITEMS: readonly number[] = Object.freeze([]);

/** Tick t's part of `lists`, as a list of its own (the shared empty one when it has none). */
export function itemsAt(lists: ByTick, t: number): readonly number[] {
  const from = lists.start[t] as number;
  const to = lists.start[t + 1] as number;
  if (from === to) return NO_ITEMS;
  const out: number[] = new Array(to - from);
  for (let k = from; k < to; k++) out[k - from] = lists.items[k] as number;
  return out;
}

/** How many items tick t has in `lists`. */
export function countAt(lists: ByTick, t: number): number {
  return (lists.start[t + 1] as number) - (lists.start[t] as number);
}

/** Tick t's events as lists, made on asking (views, the solver, tests; a run reads the program in place). */
export function tickEvents(program: Program, t: number): TickEvents {
  return {
    arrive: itemsAt(program.arrivals, t),
    sets: nth(program.sets, t),
    uses: itemsAt(program.reads, t),
    drops: itemsAt(program.drops, t),
  };
}

/** The values' arrivals, reads and drops by tick; `sets` empty, for the caller to fill. */
export function programOf(
  ticks: number,
  values: readonly { arrive: number; drop: number; uses: readonly number[] }[],
  noSets: readonly CompiledSet[],
): Program {
  const n = values.length;
  const arriveAt = new Int32Array(n);
  const dropAt = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as (typeof values)[number];
    arriveAt[i] = v.arrive;
    // A value dropped at the end is never dropped by a tick (byTickOf leaves out tick `ticks`).
    dropAt[i] = v.drop;
    count += v.uses.length;
  }
  // Each read as the value read, at its tick, in the values' order and each value's.
  const readBy = new Int32Array(count);
  const readAt = new Int32Array(count);
  for (let i = 0, r = 0; i < n; i++) {
    const uses = (values[i] as (typeof values)[number]).uses;
    for (let k = 0; k < uses.length; k++, r++) {
      readBy[r] = i;
      readAt[r] = uses[k] as number;
    }
  }
  const reads = byTickOf(ticks, readAt);
  for (let k = 0; k < reads.items.length; k++) reads.items[k] = readBy[reads.items[k] as number] as number;
  return {
    arrivals: byTickOf(ticks, arriveAt),
    reads,
    drops: byTickOf(ticks, dropAt),
    sets: new Array<readonly CompiledSet[]>(ticks).fill(noSets),
  };
}
