// Marking, shared by mark-sweep and mark-compact: tri-colour, from the roots, reading
// each pointer from the boxes at the offsets the block's header names.
// Work: 1 per block marked (turned black) + 1 per pointer box read.
import type { Block } from '../run/memory.js';
import { charge, hasPointers, idOf, isRootBlock, plural, readPointer, step, target } from './heap.js';
import { BLACK, GREY, WHITE, type Ctx, type StepGen } from './types.js';
import { present } from '../invariant.js';

export interface MarkResult {
  marked: number;
  pointersRead: number;
}

export function* mark(ctx: Ctx, result: MarkResult): StepGen {
  const { state, view, level } = ctx;
  const shade = view.shade;
  shade.fill(WHITE);
  view.marking = true;
  view.phase = 'mark';
  const grey: Block[] = [];
  const blocks = state.blocks;
  for (let k = 0; k < blocks.length; k++) {
    const b = present(blocks[k]);
    if (!isRootBlock(ctx, b.owner)) continue;
    shade[b.owner] = GREY;
    grey.push(b);
    if (ctx.animate) yield step('grey', `mark: ${idOf(ctx, b.owner)} at ${b.start} is a root: grey`, b);
  }
  while (grey.length > 0) {
    const b = grey.pop()!;
    charge(ctx, 1);
    result.marked++;
    let read = 0;
    if (hasPointers(ctx, b.owner)) {
      const offsets = present(level.values[b.owner]).pointerOffsets;
      for (let k = 0; k < offsets.length; k++) {
        const off = present(offsets[k]);
        charge(ctx, 1);
        read++;
        const t = target(state.blocks, readPointer(ctx, b.start + off));
        if (t && shade[t.owner] === WHITE) {
          shade[t.owner] = GREY;
          grey.push(t);
          if (ctx.animate)
            yield step(
              'grey',
              `mark: the pointer in box ${b.start + off} leads to ${idOf(ctx, t.owner)} at ${t.start}: grey`,
              t,
            );
        }
      }
    }
    result.pointersRead += read;
    shade[b.owner] = BLACK;
    if (ctx.animate)
      yield step('black', `mark: ${idOf(ctx, b.owner)} at ${b.start} is black (${plural(read, 'pointer')} read)`, b);
  }
}
