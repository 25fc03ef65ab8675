// Mark-sweep: when an allocation fails or the trigger is reached, mark from
// the roots, then sweep every unmarked block into the free list. Blocks never move, so
// fragmentation stays. Allocation is first fit over the free list.
// Work: marking (see mark.ts) + 1 per block the sweeper examines (freeing a swept block
// is part of examining it; the free list is the gaps between blocks, so it coalesces by itself).
import { firstFit, largestFreeRun as largestFreeRunIn, removeBlocks } from '../run/memory.js';
import { boxes, charge, forget, idOf, plural, step } from './heap.js';
import { mark, type MarkResult } from './mark.js';
import { BLACK, WHITE, type Collector, type Ctx, type StepGen } from './types.js';
import { present } from '../invariant.js';

export function placeFirstFit(ctx: Ctx, size: number): number | null {
  const fit = firstFit(ctx.state.blocks, ctx.level.memory, size);
  ctx.state.work += fit.examined;
  return fit.addr;
}

export function largestFreeRun(ctx: Ctx): number {
  return largestFreeRunIn(ctx.state.blocks, ctx.level.memory);
}

export const markSweep: Collector = {
  name: 'mark-sweep',
  init() {},
  capacity: (ctx) => ctx.level.usable,
  room: largestFreeRun,
  place: placeFirstFit,
  *collect(ctx: Ctx): StepGen {
    const { state, view } = ctx;
    const m: MarkResult = { marked: 0, pointersRead: 0 };
    yield* mark(ctx, m);
    view.phase = 'sweep';
    let swept = 0;
    let sweptBoxes = 0;
    if (ctx.animate) {
      // One block per step, so the screen sees each one go.
      let i = 0;
      while (i < state.blocks.length) {
        const b = present(state.blocks[i]);
        charge(ctx, 1);
        if (view.shade[b.owner] === BLACK) {
          i++;
          yield step('sweep', `sweep: ${idOf(ctx, b.owner)} at ${b.start} is marked: kept`, b);
        } else {
          removeBlocks(state.blocks, i);
          forget(ctx, b);
          swept++;
          sweptBoxes += b.size;
          yield step(
            'swept',
            `sweep: ${idOf(ctx, b.owner)} at ${b.start} is unmarked: its ${boxes(b.size)} ${b.size === 1 ? 'goes' : 'go'} back to the free list`,
            b,
          );
        }
      }
    } else {
      const kept = [];
      for (const b of state.blocks) {
        if (view.shade[b.owner] === BLACK) kept.push(b);
        else {
          forget(ctx, b);
          swept++;
          sweptBoxes += b.size;
        }
      }
      charge(ctx, state.blocks.length);
      state.blocks = kept;
    }
    view.shade.fill(WHITE);
    view.marking = false;
    ctx.summary = () =>
      `${plural(m.marked, 'block')} marked (${plural(m.pointersRead, 'pointer')} read), ${swept} swept (${boxes(sweptBoxes)})`;
  },
  leakedAtEnd: () => 0,
};
