// Two runs side by side at the same program tick: which boxes have a different owner in
// the two, and each run's key figures at that moment.
import type { CompiledLevel } from '../level/compile.js';
import type { RunState } from '../run/state.js';
import { garbageBlocks } from '../run/tick.js';
import { boxesView } from '../views/boxes.js';

/** 1 for each box of from..from+count-1 whose owner (a value, or free) differs between the two states. */
export function ownerDifferences(
  level: CompiledLevel,
  a: RunState,
  b: RunState,
  from: number,
  count: number,
): Uint8Array {
  const va = boxesView(level, a, from, count);
  const vb = boxesView(level, b, from, count);
  const out = new Uint8Array(va.owner.length);
  for (let i = 0; i < out.length; i++) if (va.owner[i] !== vb.owner[i]) out[i] = 1;
  return out;
}

export interface Figures {
  /** Boxes allocated. */
  used: number;
  /** Of those, boxes of arrived values no root reaches. */
  garbage: number;
  /** Pause ticks so far. */
  pause: number;
}

export function figuresAt(level: CompiledLevel, state: RunState): Figures {
  return { used: state.used, garbage: garbageBlocks(level, state).boxes, pause: state.pauseTicks };
}
