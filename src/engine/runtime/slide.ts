// The two halves of compaction every compacting collector shares, once each block to keep
// has its new address in ctx.scratch.fwd: rewrite the pointers to blocks that will move
// (before anything moves), then slide the blocks down. Work: 1 per pointer rewritten, 1 per
// box moved; a pointer that keeps its value and a block that stays put cost nothing.
import type { Block } from '../run/memory.js';
import { charge, hasPointers, idOf, moveBoxes, readPointer, step, target, writePointer } from './heap.js';
import type { Step } from './types.js';
import type { Ctx } from './types.js';
import { present } from '../invariant.js';

/**
 * Rewrites, in every block of `scan`, each pointer to a block of `moving` (address order)
 * to that block's new address. Returns how many pointers changed. `phase` starts each step's line.
 */
export function* rewriteForwarded(
  ctx: Ctx,
  scan: readonly Block[],
  moving: readonly Block[],
  phase: string,
): Generator<Step, number, void> {
  const { level } = ctx;
  const fwd = ctx.scratch.fwd;
  let rewritten = 0;
  for (const b of scan) {
    if (!hasPointers(ctx, b.owner)) continue;
    for (const off of present(level.values[b.owner]).pointerOffsets) {
      const at = b.start + off;
      const p = readPointer(ctx, at);
      const t = target(moving, p);
      if (!t || fwd[t.owner] === p) continue;
      writePointer(ctx, at, present(fwd[t.owner]));
      charge(ctx, 1);
      rewritten++;
      if (ctx.animate)
        yield step(
          'rewrite',
          `${phase}: the pointer in box ${at} (${idOf(ctx, b.owner)}) now says ${fwd[t.owner]}, where ${idOf(ctx, t.owner)} will be`,
          b,
          { addr: at, size: level.ptrWidth },
        );
    }
  }
  return rewritten;
}

export interface Slid {
  moved: number;
  movedBoxes: number;
}

/**
 * Slides each block (address order, so none lands on one not moved yet) to its new address
 * and points its variable there. `says` words each move's step.
 */
export function* slideDown(
  ctx: Ctx,
  blocks: readonly Block[],
  says: (b: Block, from: number, to: number) => string,
): Generator<Step, Slid, void> {
  const fwd = ctx.scratch.fwd;
  const slid: Slid = { moved: 0, movedBoxes: 0 };
  for (const b of blocks) {
    const to = present(fwd[b.owner]);
    if (to === b.start) continue;
    const from = b.start;
    moveBoxes(ctx, from, to, b.size);
    charge(ctx, b.size);
    b.start = to;
    present(ctx.state.variables[b.owner]).addr = to;
    slid.moved++;
    slid.movedBoxes += b.size;
    if (ctx.animate) yield step('move', says(b, from, to), b);
  }
  return slid;
}
