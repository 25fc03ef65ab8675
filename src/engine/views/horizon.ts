// What the player can see of the program: the next tick to run and the `lookahead`
// ticks after it, no more. Every screen that speaks of the future asks here, so nothing
// past the horizon is ever shown: beyond it, a value's future is unknown (`?`).
import type { CompiledLevel } from '../level/compile.js';
import type { RunState } from '../run/state.js';

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

/**
 * The first tick in sight at which the program needs value v's block: it reads v, writes
 * a pointer into v, or stores a pointer to v (a set, or a record arriving with a ref to
 * it). Each of them is a use after free once v is freed. null when nothing in sight does.
 */
export function nextTouch(level: CompiledLevel, state: RunState, v: number): Touch | null {
  const end = horizonOf(level, state);
  for (let t = state.tick; t < end; t++) {
    const ev = level.events[t];
    // A read first: of all that the tick does to v, it is the plainest to tell.
    if (ev.uses.includes(v)) return { tick: t, kind: 'read' };
    for (const a of ev.arrive) {
      if (level.values[a].fields.some((f) => f.prim === null && f.ref === v))
        return { tick: t, kind: 'pointer', via: level.values[a].id };
    }
    for (const s of ev.sets) {
      if (s.in === v) {
        const rec = level.values[s.in];
        return { tick: t, kind: 'write', via: rec.fields[rec.pointerFields[s.slot]].name };
      }
      if (s.to === v) return { tick: t, kind: 'pointer', via: level.values[s.in].id };
    }
  }
  return null;
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
