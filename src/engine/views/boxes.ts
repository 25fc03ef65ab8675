// The owners of a window of boxes: which value holds each box, and which freed block's
// stale bytes a free box still shows.
import type { CompiledLevel } from '../level/compile.js';
import { blockAt, lowerBound } from '../run/memory.js';
import type { RunState } from '../run/state.js';
import { nth } from '../invariant.js';

export interface BoxesView {
  from: number;
  /** Owner value index of each box in the window, or -1 when free. */
  owner: Int32Array;
  /** For a free box: the value whose freed block held it last (its bytes are stale), or -1. */
  stale: Int32Array;
  /** 1 where a block starts. */
  start: Uint8Array;
}

/**
 * Owners of boxes from..from+count-1 (clamped to memory). Only the blocks and the freed
 * variables' blocks that touch the window are visited, so a 65536-box level costs what its window does.
 */
export function boxesView(level: CompiledLevel, state: RunState, from: number, count: number): BoxesView {
  const lo = Math.max(0, from);
  const hi = Math.min(level.memory, from + count);
  const n = Math.max(0, hi - lo);
  const owner = new Int32Array(n).fill(-1);
  const stale = new Int32Array(n).fill(-1);
  const start = new Uint8Array(n);
  // Stale first: freed variables, latest arrival last so it wins (its bytes were written last).
  for (const v of staleSlots(level, state)) {
    const s = nth(state.variables, v);
    const a = Math.max(lo, s.addr);
    const b = Math.min(hi, s.addr + s.size);
    for (let i = a; i < b; i++) stale[i - lo] = v;
  }
  const first = blockAt(state.blocks, lo) ? lowerBound(state.blocks, lo + 1) - 1 : lowerBound(state.blocks, lo);
  for (let k = first; k < state.blocks.length && nth(state.blocks, k).start < hi; k++) {
    const b = nth(state.blocks, k);
    const a = Math.max(lo, b.start);
    const e = Math.min(hi, b.start + b.size);
    for (let i = a; i < e; i++) {
      owner[i - lo] = b.owner;
      stale[i - lo] = -1;
    }
    if (b.start >= lo && b.start < hi) start[b.start - lo] = 1;
  }
  return { from: lo, owner, stale, start };
}

const staleCache = new WeakMap<RunState, number[]>();

/** Values whose variable holds a freed block, in arrival order. Cached per state. */
function staleSlots(level: CompiledLevel, state: RunState): number[] {
  const hit = staleCache.get(state);
  if (hit) return hit;
  const out: number[] = [];
  state.variables.forEach((s, v) => {
    if (s.freed && s.addr !== 0) out.push(v);
  });
  // A stable sort of values in index order: equal arrivals stay in index order.
  out.sort((a, b) => nth(level.values, a).arrive - nth(level.values, b).arrive);
  staleCache.set(state, out);
  return out;
}
