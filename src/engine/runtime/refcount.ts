// Reference counting. Each block has a count: one for the variable that holds
// it while in scope, one for each pointer box that points to it. After each tick the
// runtime applies what the write barrier saw during it:
//   increments first: +1 for each arrival's variable, +1 for each pointer an arrival was
//   written with, +1 for each pointer the program stored;
//   then decrements: -1 for each pointer overwritten, -1 for each variable going out of scope.
// A block whose count reaches zero is freed at once, and the pointers in its boxes are
// decremented in turn (a cascade). Doing every increment of the tick before its decrements
// means no count ever dips to zero on its way to a positive value. A cycle keeps its own
// counts above zero: it is never freed.
//
// The barrier sees the address a store writes and the address the box held before it;
// since runTick has already written the box when it reports, the collector keeps a shadow
// of every pointer box it last saw. A store that is the last one to its box in the tick is
// read back from the box itself; one overwritten within the same tick is taken from the
// program's write (the address of the value it named).
// Work: 1 per count change + 1 per block freed (the free list is the gaps between blocks,
// so coalescing costs nothing more). Per tick, the work beyond workPerTick is a pause.
import { lowerBound, removeBlocks, type Block } from '../run/memory.js';
import type { TickReport } from '../run/tick.js';
import { charge, forget, idOf, plural, readPointer, step, target, unreachableBoxes, boxes } from './heap.js';
import { largestFreeRun, placeFirstFit } from './mark-sweep.js';
import type { Collector, Ctx, Step, StepGen } from './types.js';
import { present } from '../invariant.js';

interface RefcountData {
  counts: Int32Array;
  /** First shadow slot of each value's pointer boxes. */
  base: Int32Array;
  /** The address each pointer box held when the collector last saw it. */
  shadow: Int32Array;
}

const data = (ctx: Ctx) => ctx.data as unknown as RefcountData;

export const refcount: Collector = {
  name: 'refcount',
  init(ctx) {
    const vals = ctx.level.values;
    const base = new Int32Array(vals.length + 1);
    for (let v = 0; v < vals.length; v++) base[v + 1] = present(base[v]) + vals[v]!.pointerOffsets.length;
    const d: RefcountData = {
      counts: new Int32Array(vals.length),
      base,
      shadow: new Int32Array(present(base[vals.length])),
    };
    Object.assign(ctx.data, d);
    ctx.view.counts = d.counts;
  },
  capacity: (ctx) => ctx.level.usable,
  room: largestFreeRun,
  place: placeFirstFit,
  // One generator a tick, its loops written out here with a plain function for each count
  // change: headless, every tick of a run comes here, and each generator more (and each
  // `yield*` into one) was an object made and a call through the iterator protocol a tick.
  *afterTick(ctx: Ctx, report: TickReport): StepGen {
    const d = data(ctx);
    ctx.view.counts = d.counts;
    const { level, view } = ctx;
    const vals = level.values;
    const { arrivals, drops } = level.program;
    const t = report.tick;
    const tally: Tally = { changes: 0, freed: 0, freedBoxes: 0 };
    /** Decrements to make: value, then who held the pointer (or OUT_OF_SCOPE), flat. */
    const decs: number[] = [];
    // Increments first: arrivals' variables and pointers, then the program's stores (whose old targets queue a decrement).
    const stores = report.writes.length > 0 ? storeOrder(d, report) : NO_STORES;
    // Counting from the first step (a tick with no step leaves it before anyone looks: refcountTicked).
    view.phase = 'count';
    for (let i = present(arrivals.start[t]), end = present(arrivals.start[t + 1]); i < end; i++) {
      const v = present(arrivals.items[i]);
      const s = inc(ctx, d, tally, v, IN_SCOPE);
      if (s) yield s;
      const offs = present(vals[v]).pointerOffsets;
      for (let k = 0; k < offs.length; k++) {
        const to = arrivalPointer(ctx, d, report, stores, v, k);
        const s2 = to < 0 ? null : inc(ctx, d, tally, to, v);
        if (s2) yield s2;
      }
    }
    for (let i = 0; i < report.writes.length; i++) {
      const to = stored(ctx, d, report, stores, i, decs);
      const s = to < 0 ? null : inc(ctx, d, tally, to, present(report.writes[i]).record);
      if (s) yield s;
    }
    // Then the decrements, and the cascade of frees they cause (a freed block's pointers are decremented in turn).
    for (let i = present(drops.start[t]), end = present(drops.start[t + 1]); i < end; i++)
      decs.push(present(drops.items[i]), OUT_OF_SCOPE);
    const fromStores = decs.length;
    for (let next = 0; next < decs.length; next += 2) {
      const v = present(decs[next]);
      view.phase = 'count';
      const s = dec(ctx, d, tally, v, present(decs[next + 1]), next >= fromStores);
      if (s) yield s;
      if (d.counts[v] !== 0) continue;
      const s2 = free(ctx, tally, v, decs);
      if (s2) yield s2;
    }
    ctx.summary = () =>
      `${plural(tally.changes, 'count change')}, ${plural(tally.freed, 'block')} freed (${boxes(tally.freedBoxes)})`;
  },
  leakedAtEnd: (ctx) => unreachableBoxes(ctx),
};

/** What one tick's counting did, for its summary line. */
interface Tally {
  changes: number;
  freed: number;
  freedBoxes: number;
}

// Who a count change comes from, besides a record (its value index).
const IN_SCOPE = -1;
const OUT_OF_SCOPE = -2;

/** Why a count changes (the words are only made when someone watches). */
function why(ctx: Ctx, up: boolean, from: number, holderFreed = false): string {
  if (from === IN_SCOPE) return 'is in scope';
  if (from === OUT_OF_SCOPE) return 'is out of scope';
  return `${up ? 'gets' : 'loses'} the pointer from ${idOf(ctx, from)}${holderFreed ? ' (freed)' : ''}`;
}

function blockOf(ctx: Ctx, v: number): Block {
  const held = present(ctx.state.variables[v]);
  return { start: held.addr, size: held.size, owner: v };
}

function inc(ctx: Ctx, d: RefcountData, tally: Tally, v: number, from: number): Step | null {
  d.counts[v]!++;
  charge(ctx, 1);
  tally.changes++;
  return ctx.animate
    ? step('count', `refcount: ${idOf(ctx, v)} ${why(ctx, true, from)}: count ${d.counts[v]}`, blockOf(ctx, v))
    : null;
}

/** Which pointer boxes the tick stored to, and by which write first and last. */
interface StoreOrder {
  first: Map<number, number>;
  last: Map<number, number>;
}

/** A tick with no store: nothing is ever put in it. */
const NO_STORES: StoreOrder = { first: new Map(), last: new Map() };

function storeOrder(d: RefcountData, report: TickReport): StoreOrder {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (let i = 0; i < report.writes.length; i++) {
    const w = report.writes[i]!;
    const k = present(d.base[w.record]) + w.slot;
    if (!first.has(k)) first.set(k, i);
    last.set(k, i);
  }
  return { first, last };
}

const addrOf = (ctx: Ctx, v: number | null) => (v === null ? 0 : present(ctx.state.variables[v]).addr);

/**
 * Arriving value v's pointer k: the address it was written with (the box as it is now, or,
 * when a store this tick changed it since, what that store overwrote), shadowed; the value
 * it points to, or -1.
 */
function arrivalPointer(
  ctx: Ctx,
  d: RefcountData,
  report: TickReport,
  stores: StoreOrder,
  v: number,
  k: number,
): number {
  const { state } = ctx;
  const key = present(d.base[v]) + k;
  const fw = stores.first.get(key);
  const addr =
    fw !== undefined
      ? addrOf(ctx, present(report.writes[fw]).old)
      : readPointer(ctx, present(state.variables[v]).addr + present(present(ctx.level.values[v]).pointerOffsets[k]));
  d.shadow[key] = addr;
  const t = target(state.blocks, addr);
  return t ? t.owner : -1;
}

/**
 * The program's store i: the address it left in the box (read back from the box when it is
 * the box's last store this tick), shadowed, with a decrement queued for what the box held
 * before; the value it now points to, or -1.
 */
function stored(ctx: Ctx, d: RefcountData, report: TickReport, stores: StoreOrder, i: number, decs: number[]): number {
  const { state } = ctx;
  const w = report.writes[i]!;
  const key = present(d.base[w.record]) + w.slot;
  const before = present(d.shadow[key]);
  const now =
    stores.last.get(key) === i
      ? readPointer(
          ctx,
          present(state.variables[w.record]).addr + present(present(ctx.level.values[w.record]).pointerOffsets[w.slot]),
        )
      : addrOf(ctx, w.now);
  d.shadow[key] = now;
  const o = target(state.blocks, before);
  if (o) decs.push(o.owner, w.record);
  const t = target(state.blocks, now);
  return t ? t.owner : -1;
}

function dec(ctx: Ctx, d: RefcountData, tally: Tally, v: number, from: number, holderFreed: boolean): Step | null {
  d.counts[v]!--;
  charge(ctx, 1);
  tally.changes++;
  return ctx.animate
    ? step(
        'count',
        `refcount: ${idOf(ctx, v)} ${why(ctx, false, from, holderFreed)}: count ${d.counts[v]}`,
        blockOf(ctx, v),
      )
    : null;
}

/** Frees v's block at count zero, queueing a decrement for each pointer in it. */
function free(ctx: Ctx, tally: Tally, v: number, decs: number[]): Step | null {
  const { state, level } = ctx;
  const b = blockOf(ctx, v);
  const offs = present(level.values[v]).pointerOffsets;
  for (let k = 0; k < offs.length; k++) {
    const t = target(state.blocks, readPointer(ctx, b.start + offs[k]!));
    if (t) decs.push(t.owner, v);
  }
  removeBlocks(state.blocks, lowerBound(state.blocks, b.start));
  forget(ctx, b);
  charge(ctx, 1);
  tally.freed++;
  ctx.freed++;
  tally.freedBoxes += b.size;
  return ctx.animate
    ? step('free', `refcount: ${idOf(ctx, v)} at ${b.start} has count 0: freed (${boxes(b.size)})`, b)
    : null;
}
