// Mark-compact, Lisp-2 style over the block table: mark from the roots, then
//   1. walk the blocks in address order, giving each live block its new address (the
//      next free box from the bottom) and dropping the dead ones;
//   2. rewrite every pointer box that points to a block that will move;
//   3. slide each live block down to its new address (in address order, so a block never
//      lands on one not moved yet), and update the variables (state.variables) that hold it.
// Afterwards all free memory is one run at the top: no fragmentation.
// Work: marking (see mark.ts) + 1 per block examined in step 1 (a sweep) + 1 per pointer
// box rewritten + 1 per box moved. Blocks that stay put and pointers that keep their
// value cost nothing to move or rewrite.
import { boxes, charge, forget, idOf, plural, step } from './heap.js';
import { mark, type MarkResult } from './mark.js';
import { rewriteForwarded, slideDown } from './slide.js';
import { largestFreeRun, placeFirstFit } from './mark-sweep.js';
import { BLACK, WHITE, type Collector, type Ctx, type StepGen } from './types.js';

export const markCompact: Collector = {
  name: 'mark-compact',
  init() {},
  capacity: (ctx) => ctx.level.usable,
  room: largestFreeRun,
  place: placeFirstFit,
  *collect(ctx: Ctx): StepGen {
    const { state, view } = ctx;
    const fwd = ctx.scratch.fwd;
    const m: MarkResult = { marked: 0, pointersRead: 0 };
    yield* mark(ctx, m);

    // 1. New addresses; the dead are dropped from the block table.
    view.phase = 'compact';
    let free = 1;
    let dead = 0;
    let deadBoxes = 0;
    const live = [];
    const all = state.blocks;
    for (let i = 0; i < all.length; i++) {
      const b = all[i]!;
      charge(ctx, 1);
      if (view.shade[b.owner] === BLACK) {
        fwd[b.owner] = free;
        free += b.size;
        live.push(b);
        if (ctx.animate && fwd[b.owner] !== b.start)
          yield step('forward', `compact: ${idOf(ctx, b.owner)} at ${b.start} will slide down to ${fwd[b.owner]}`, b);
      } else {
        forget(ctx, b);
        dead++;
        deadBoxes += b.size;
        if (ctx.animate) {
          state.blocks = live.concat(all.slice(i + 1));
          yield step(
            'swept',
            `compact: ${idOf(ctx, b.owner)} at ${b.start} is unmarked: dropped (${boxes(b.size)})`,
            b,
          );
        }
      }
    }
    state.blocks = live;

    // 2. Rewrite the pointers, in place, before anything moves.
    const rewritten = yield* rewriteForwarded(ctx, live, live, 'compact');

    // 3. Slide.
    const { moved, movedBoxes } = yield* slideDown(
      ctx,
      live,
      (b, from, to) => `compact: ${idOf(ctx, b.owner)} slides from ${from} to ${to} (${boxes(b.size)} moved)`,
    );
    view.shade.fill(WHITE);
    view.marking = false;
    ctx.summary = () =>
      `${plural(m.marked, 'block')} marked (${plural(m.pointersRead, 'pointer')} read), ${dead} dropped (${boxes(deadBoxes)}), ${moved} slid down (${boxes(movedBoxes)} moved), ${plural(rewritten, 'pointer')} rewritten`;
  },
  leakedAtEnd: () => 0,
};
