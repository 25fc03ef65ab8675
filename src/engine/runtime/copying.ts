// Semispace copying, Cheney's algorithm. The usable boxes are split into two
// equal halves; blocks are allocated by a bump pointer in the current half. When it is
// full, the live blocks are copied to the other half: first the roots, then, scanning the
// copies in order (the scan pointer chasing the free pointer, a breadth-first trace with
// no stack), each block a copy points to, rewriting the copy's pointer boxes to the new
// addresses. Then the halves flip. Dead blocks are never touched: the pause is
// proportional to live data, and only half the memory is ever usable.
// Work: 1 per box copied + 1 per pointer box rewritten. Bump allocation examines one
// free run (the room left in the half): 1 per allocation, allocator work.
import type { Block } from '../run/memory.js';
import {
  boxes,
  charge,
  forget,
  hasPointers,
  idOf,
  moveBoxes,
  isRootBlock,
  plural,
  readPointer,
  step,
  target,
  writePointer,
} from './heap.js';
import type { Collector, Ctx, StepGen } from './types.js';
import { present } from '../invariant.js';

interface CopyingData {
  /** 0: the low half is current; 1: the high half. */
  half: 0 | 1;
  /** The next free box in the current half. */
  bump: number;
  halfSize: number;
}

const data = (ctx: Ctx) => ctx.data as unknown as CopyingData;

export function halfBounds(ctx: Ctx, half: 0 | 1): { start: number; end: number } {
  const h = data(ctx).halfSize;
  const start = 1 + half * h;
  return { start, end: start + h };
}

export const copying: Collector = {
  name: 'copying',
  init(ctx) {
    const d: CopyingData = { half: 0, bump: 1, halfSize: Math.floor(ctx.level.usable / 2) };
    Object.assign(ctx.data, d);
    ctx.view.half = halfBounds(ctx, 0);
  },
  capacity: (ctx) => data(ctx).halfSize,
  room: (ctx) => halfBounds(ctx, data(ctx).half).end - data(ctx).bump,
  place(ctx, size) {
    const d = data(ctx);
    ctx.state.work += 1;
    const { end } = halfBounds(ctx, d.half);
    if (d.bump + size > end) return null;
    const at = d.bump;
    d.bump += size;
    return at;
  },
  *collect(ctx: Ctx): StepGen {
    const d = data(ctx);
    ctx.view.phase = 'copy';
    const to = halfBounds(ctx, d.half === 0 ? 1 : 0);
    const e: Evacuation = {
      ctx,
      old: ctx.state.blocks,
      copies: [],
      free: to.start,
      epoch: ++ctx.scratch.epoch,
      rewritten: 0,
    };
    ctx.view.copies = e.copies;
    yield* copyRoots(e);
    yield* scanCopies(e);
    yield* flip(e, to);
  },
  leakedAtEnd: () => 0,
};

/** One collection under way: the old half's blocks, the copies made so far and the free pointer in the other half. */
interface Evacuation {
  ctx: Ctx;
  old: Block[];
  copies: Block[];
  free: number;
  epoch: number;
  rewritten: number;
}

const isCopied = (e: Evacuation, v: number) => e.ctx.scratch.seen[v] === e.epoch;

/** Copies block b to the free pointer and remembers where it went. */
function copyBlock(e: Evacuation, b: Block): Block {
  const { ctx } = e;
  const sc = ctx.scratch;
  const at = e.free;
  moveBoxes(ctx, b.start, at, b.size);
  charge(ctx, b.size);
  e.free += b.size;
  const nb: Block = { start: at, size: b.size, owner: b.owner };
  e.copies.push(nb);
  sc.seen[b.owner] = e.epoch;
  sc.fwd[b.owner] = at;
  present(ctx.state.variables[b.owner]).addr = at;
  return nb;
}

/** The roots first, in address order. */
function* copyRoots(e: Evacuation): StepGen {
  const { ctx } = e;
  for (const b of e.old) {
    if (!isRootBlock(ctx, b.owner)) continue;
    const nb = copyBlock(e, b);
    if (ctx.animate)
      yield step(
        'move',
        `copy: root ${idOf(ctx, b.owner)} copied from ${b.start} to ${nb.start} (${boxes(b.size)})`,
        nb,
      );
  }
}

/** The scan pointer chases the free pointer: each copy's pointers are followed (copying what they reach) and rewritten. */
function* scanCopies(e: Evacuation): StepGen {
  const { ctx, copies } = e;
  const { level } = ctx;
  const fwd = ctx.scratch.fwd;
  for (let scan = 0; scan < copies.length; scan++) {
    const nb = copies[scan]!;
    if (!hasPointers(ctx, nb.owner)) continue;
    for (const off of present(level.values[nb.owner]).pointerOffsets) {
      const at = nb.start + off;
      const t = target(e.old, readPointer(ctx, at));
      if (!t) continue;
      if (!isCopied(e, t.owner)) {
        const tc = copyBlock(e, t);
        if (ctx.animate)
          yield step(
            'move',
            `copy: ${idOf(ctx, t.owner)} (pointed to from box ${at}) copied from ${t.start} to ${tc.start} (${boxes(t.size)})`,
            tc,
          );
      }
      writePointer(ctx, at, present(fwd[t.owner]));
      charge(ctx, 1);
      e.rewritten++;
      if (ctx.animate)
        yield step('rewrite', `copy: the pointer in box ${at} (${idOf(ctx, nb.owner)}) now says ${fwd[t.owner]}`, nb, {
          addr: at,
          size: level.ptrWidth,
        });
    }
  }
}

/** The halves flip: the copies are the heap, and the old half's dead are free without being looked at. */
function* flip(e: Evacuation, to: { start: number; end: number }): StepGen {
  const { ctx, copies } = e;
  const { state, view } = ctx;
  const d = data(ctx);
  let dead = 0;
  let deadBoxes = 0;
  for (const b of e.old) {
    if (isCopied(e, b.owner)) continue;
    forget(ctx, b);
    dead++;
    deadBoxes += b.size;
  }
  const live = e.free - to.start;
  state.blocks = copies;
  state.used = live;
  view.copies = null;
  d.half = d.half === 0 ? 1 : 0;
  d.bump = e.free;
  view.half = to;
  if (ctx.animate)
    yield step(
      'flip',
      `copy: the halves flip; ${boxes(live)} live from ${to.start}, the rest of the old half (${plural(dead, 'dead block')}, ${boxes(deadBoxes)}) is free without being looked at`,
    );
  const rewritten = e.rewritten;
  ctx.summary = () =>
    `${plural(copies.length, 'block')} copied (${boxes(live)}), ${plural(rewritten, 'pointer')} rewritten, ${plural(dead, 'dead block')} left behind (${boxes(deadBoxes)})`;
}
