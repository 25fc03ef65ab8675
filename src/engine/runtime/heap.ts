// What every collector does to the heap: find the roots, read a block's pointers from
// its boxes (the block's layout is its "object header"), hand a dead block back, and
// count its work.
import { decodePointer, encodePointer } from '../level/encoding.js';
import { blockStartingAt, type Block } from '../run/memory.js';
import { noteFreed } from '../run/garbage.js';
import { isRoot } from '../run/state.js';
import type { TickReport } from '../run/tick.js';
import type { Ctx, Step } from './types.js';
import { present } from '../invariant.js';

/** Collector work: counted in the run's work and in the collection's pause. */
export function charge(ctx: Ctx, units: number): void {
  ctx.state.work += units;
  ctx.cw += units;
}

/** Has the value been written into its block yet? A block handed out for the next tick has not. */
export function written(ctx: Ctx, v: number): boolean {
  return present(ctx.level.values[v]).arrive < ctx.state.tick;
}

/**
 * A root between ticks: the value's variable is in scope, or its block was handed out for
 * the next tick and is not written yet (protected: the program is about to use it).
 */
export function isRootBlock(ctx: Ctx, v: number): boolean {
  return isRoot(ctx.level, v, ctx.state.tick) || !written(ctx, v);
}

/** Does the block's header say it holds pointers (and is it written, so they mean something)? */
export function hasPointers(ctx: Ctx, v: number): boolean {
  return present(ctx.level.values[v]).pointerOffsets.length > 0 && written(ctx, v);
}

/** The pointer held in the box at `at`: an address, 0 for null. */
export function readPointer(ctx: Ctx, at: number): number {
  return decodePointer(ctx.state.bytes, at, ctx.level.ptrWidth);
}

export function writePointer(ctx: Ctx, at: number, addr: number): void {
  const bytes = encodePointer(addr, ctx.level.ptrWidth);
  for (let i = 0; i < bytes.length; i++) ctx.state.bytes[at + i] = bytes[i]!;
}

/**
 * Moves `size` boxes from `from` to `to` (a moving collector's copy or slide; the ranges may
 * overlap): the bytes go along, and keep their writer, so a moved secret is still the
 * secret's and a moved record's pointers still the record's. No work: the caller counts it.
 */
export function moveBoxes(ctx: Ctx, from: number, to: number, size: number): void {
  ctx.state.bytes.copyWithin(to, from, from + size);
  ctx.state.writer.copyWithin(to, from, from + size);
}

/** The block a pointer points to (pointers hold a block's start), if any. */
export function target(blocks: readonly Block[], addr: number): Block | undefined {
  return addr === 0 ? undefined : blockStartingAt(blocks, addr);
}

/** Forgets a block the collector found dead: its boxes are free again (their bytes stay). No work: the caller counts it. */
export function forget(ctx: Ctx, b: Block): void {
  ctx.state.used -= b.size;
  noteFreed(ctx.level, ctx.state, b.owner);
  present(ctx.state.variables[b.owner]).freed = true;
}

export function idOf(ctx: Ctx, v: number): string {
  return present(ctx.level.values[v]).id;
}

export { boxes, plural } from '../words.js';

export function step(kind: Step['kind'], text: string, b?: Block, extra: Partial<Step> = {}): Step {
  return b ? { kind, text, value: b.owner, addr: b.start, size: b.size, ...extra } : { kind, text, ...extra };
}

/** Allocated boxes no root reaches, found by a trace over the bytes (no work: a measurement, not a collection). */
export function unreachableBoxes(ctx: Ctx): number {
  const { state } = ctx;
  const seen = new Uint8Array(ctx.level.values.length);
  const stack: Block[] = [];
  for (const b of state.blocks) {
    if (isRootBlock(ctx, b.owner)) {
      seen[b.owner] = 1;
      stack.push(b);
    }
  }
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (!hasPointers(ctx, b.owner)) continue;
    for (const off of present(ctx.level.values[b.owner]).pointerOffsets) {
      const t = target(state.blocks, readPointer(ctx, b.start + off));
      if (t && !seen[t.owner]) {
        seen[t.owner] = 1;
        stack.push(t);
      }
    }
  }
  let n = 0;
  for (const b of state.blocks) if (!seen[b.owner]) n += b.size;
  return n;
}

const NO_STORES: readonly number[] = Object.freeze([]);

/**
 * The pointers a tick stored, each arrival's refs then each set, as pairs in one list: the
 * record written into, then the value pointed to (-1 for null). What a write barrier
 * checks, every tick of a run: one list (none on a tick that stores nothing), not a
 * generator and a pair for each store.
 */
export function pointerStores(ctx: Ctx, report: TickReport): readonly number[] {
  const vals = ctx.level.values;
  const { start, items } = ctx.level.program.arrivals;
  let out: number[] | null = null;
  for (let k = present(start[report.tick]), end = present(start[report.tick + 1]); k < end; k++) {
    const v = present(items[k]);
    const fields = present(vals[v]).fields;
    for (let i = 0; i < fields.length; i++) {
      const f = present(fields[i]);
      if (f.prim === null) (out ??= []).push(v, f.ref ?? -1);
    }
  }
  for (let k = 0; k < report.writes.length; k++) {
    const w = present(report.writes[k]);
    (out ??= []).push(w.record, w.now ?? -1);
  }
  return out ?? NO_STORES;
}
