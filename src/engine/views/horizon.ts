// What the player can see of the program: the next tick to run and the `lookahead`
// ticks after it, no more. Every screen that speaks of the future asks here, so nothing
// past the horizon is ever shown: beyond it, a value's future is unknown (`?`).
import { tickEvents, type CompiledLevel } from '../level/compile.js';
import type { RunState } from '../run/state.js';
import { nth } from '../invariant.js';

/** The first tick the player cannot see (the program's length when all of it is in sight). */
export function horizonOf(level: CompiledLevel, state: RunState): number {
  return Math.min(level.ticks, state.tick + level.lookahead);
}

/** Is tick t within sight (at or after the next tick to run, before the horizon)? */
export function inSight(level: CompiledLevel, state: RunState, t: number): boolean {
  return t >= state.tick && t < horizonOf(level, state);
}

/** Does the program go on past what the player can see? */
export function hiddenAhead(level: CompiledLevel, state: RunState): boolean {
  return horizonOf(level, state) < level.ticks;
}

/** What the program does to a value at a tick in sight that needs its block to be there. */
export type TouchKind = 'read' | 'write' | 'pointer';

export interface Touch {
  tick: number;
  kind: TouchKind;
  /** For a pointer: the record that gets it. For a write: the field written. */
  via?: string;
}

const touchCache = new WeakMap<CompiledLevel, Touch[][]>();

/**
 * Every tick at which the program needs each value's block, in tick order (within a tick,
 * a read first: of all that the tick does to it, the plainest to tell). Made once per level.
 */
function touchesOf(level: CompiledLevel): Touch[][] {
  const known = touchCache.get(level);
  if (known) return known;
  const all: Touch[][] = level.values.map(() => []);
  for (let t = 0; t < level.ticks; t++) {
    const ev = tickEvents(level.program, t);
    for (const u of ev.uses) nth(all, u).push({ tick: t, kind: 'read' });
    for (const a of ev.arrive) {
      const rec = nth(level.values, a);
      // An inline field's ref is always null: only pointer fields point.
      for (const f of rec.fields) if (f.ref !== null) nth(all, f.ref).push({ tick: t, kind: 'pointer', via: rec.id });
    }
    for (const s of ev.sets) {
      const rec = nth(level.values, s.in);
      nth(all, s.in).push({ tick: t, kind: 'write', via: nth(rec.fields, nth(rec.pointerFields, s.slot)).name });
      if (s.to !== null) nth(all, s.to).push({ tick: t, kind: 'pointer', via: rec.id });
    }
  }
  touchCache.set(level, all);
  return all;
}

/**
 * The first tick in sight at which the program needs value v's block: it reads v, writes
 * a pointer into v, or stores a pointer to v (a set, or a record arriving with a ref to
 * it). Each of them is a use after free once v is freed. null when nothing in sight does.
 */
export function nextTouch(level: CompiledLevel, state: RunState, v: number): Touch | null {
  const list = nth(touchesOf(level), v);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nth(list, mid).tick < state.tick) lo = mid + 1;
    else hi = mid;
  }
  const next = list[lo];
  return next !== undefined && next.tick < horizonOf(level, state) ? next : null;
}

/** A touch in a few words: `read t6`, `written t6`, `pointed to t6`. */
export function touchText(t: Touch): string {
  switch (t.kind) {
    case 'read':
      return `read t${t.tick}`;
    case 'write':
      return `written t${t.tick}`;
    case 'pointer':
      return `pointed to t${t.tick}`;
  }
}
