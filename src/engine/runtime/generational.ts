// Generational collection, the way JavaScript engines do it: most values die young.
//
// The nursery is the first `gc.nursery` usable boxes, two equal halves; the old space is
// the rest. Young values are bump-allocated in the current half. Each arriving value:
//   1. larger than half the nursery: pretenured, first fit in old space (4);
//   2. else bump-allocated in the current half if it fits;
//   3. else a minor collection (a scavenge, at most one a gap) runs and the bump is tried
//      again in the new current half; if it still does not fit, old space (4);
//   4. old space by first fit; if nothing fits, a major collection (at most one a gap),
//      then first fit again; if it still does not fit: out of memory.
//
// A scavenge (Cheney) copies the nursery blocks that are reachable to the other half: one
// breadth-first queue that starts with the in-scope values' nursery blocks (level order),
// then this gap's nursery blocks, then the nursery targets of the remembered-set entries
// (by address), scanning every copied or promoted block in turn. A block that already
// survived one scavenge is promoted: first fit in old space (with no room there it is
// copied like a young one and tries again next time; the other half always has room, as
// it is as large as the half everything comes from). Pointers to moved blocks are
// rewritten wherever they are, and the halves swap. Work: 1 per in-scope value whose block
// is in the nursery, 1 per remembered-set entry scanned, 1 per box copied or promoted, 1
// per pointer whose value changes.
//
// A major collection marks from the roots through both generations, compacts old space
// and rewrites the pointers to what moved in both; the nursery's unmarked blocks wait for
// the next scavenge. Work: marking's, plus 1 per box moved and 1 per pointer rewritten.
// It rebuilds the remembered set.
//
// The write barrier runs on every pointer the program stores (1 unit each, program time):
// when the block written into is in old space and the pointer leads into the nursery, that
// block joins the remembered set. A promoted block that points into the nursery joins it
// too. After each scavenge, entries that no longer point into the nursery leave the set.
import { firstFit, insertBlock, largestFreeRun, lowerBound, removeBlocks, type Block } from '../run/memory.js';
import { isRoot } from '../run/state.js';
import type { TickReport } from '../run/tick.js';
import { note } from '../run/log.js';
import {
  boxes,
  charge,
  forget,
  hasPointers,
  idOf,
  moveBoxes,
  plural,
  pointerStores,
  readPointer,
  step,
  writePointer,
  written,
} from './heap.js';
import { mark, type MarkResult } from './mark.js';
import { rewriteForwarded, slideDown } from './slide.js';
import { stopTheWorld } from './pause.js';
import { BLACK, WHITE, type Collector, type Ctx, type Placement, type Span, type Step, type StepGen } from './types.js';
import { present } from '../invariant.js';

interface GenerationalData {
  /** Boxes of one nursery half. */
  half: number;
  /** 0: the low half is current; 1: the high half. */
  cur: 0 | 1;
  /** The next free box in the current half. */
  bump: number;
  /** First box of old space. */
  oldStart: number;
  ages: Uint8Array;
  remembered: Uint8Array;
  /** The gap (next tick) of the last scavenge and the last major collection. */
  minorAt: number;
  majorAt: number;
  minors: number;
  majors: number;
}

const data = (ctx: Ctx) => ctx.data as unknown as GenerationalData;

function halfSpan(d: GenerationalData, h: 0 | 1): Span {
  const start = 1 + h * d.half;
  return { start, end: start + d.half };
}

const inSpan = (s: Span, addr: number) => addr >= s.start && addr < s.end;

/** Redraws the generations for the screen (a fresh object: a run ahead must never change the real view). */
function showGenerations(ctx: Ctx): void {
  const d = data(ctx);
  ctx.view.generations = {
    nursery: { start: 1, end: d.oldStart },
    current: halfSpan(d, d.cur),
    other: halfSpan(d, d.cur === 0 ? 1 : 0),
    old: { start: d.oldStart, end: ctx.level.memory },
    ages: d.ages,
    remembered: d.remembered,
    minors: d.minors,
    majors: d.majors,
  };
}

const BUMPED = 'bump pointer in the nursery';

/** The nursery's bump pointer: the address of `size` boxes in its current half, moved past them; null, unmoved, when they do not fit. */
function bump(ctx: Ctx, size: number): number | null {
  const d = data(ctx);
  if (d.bump + size > halfSpan(d, d.cur).end) return null;
  ctx.state.work += 1;
  const at = d.bump;
  d.bump += size;
  return at;
}

function oldFit(ctx: Ctx, size: number): number | null {
  const fit = firstFit(ctx.state.blocks, ctx.level.memory, size, data(ctx).oldStart);
  ctx.state.work += fit.examined;
  return fit.addr;
}

/** Does any pointer box of the (written) block lead into the nursery? */
function pointsIntoNursery(ctx: Ctx, b: Block): boolean {
  if (!hasPointers(ctx, b.owner)) return false;
  const oldStart = data(ctx).oldStart;
  for (const off of present(ctx.level.values[b.owner]).pointerOffsets) {
    const p = readPointer(ctx, b.start + off);
    if (p !== 0 && p < oldStart) return true;
  }
  return false;
}

function remember(ctx: Ctx, v: number): void {
  data(ctx).remembered[v] = 1;
}

/**
 * One scavenge under way: the from half's blocks as they were (pointers into it are looked
 * up there while the block table changes under the moves), the free pointer in the other
 * half, Cheney's queue of copied and promoted blocks, and what it did.
 */
class Scavenge {
  readonly d: GenerationalData;
  readonly from: Span;
  readonly fromBlocks: Block[];
  readonly epoch: number;
  free: number;
  readonly queue: Block[] = [];
  readonly promotedAt = new Set<number>();
  copied = 0;
  promoted = 0;
  copiedBoxes = 0;
  promotedBoxes = 0;
  rewritten = 0;
  /** Steps are queued and yielded by the loops, so that headless runs make no generator per block or pointer. */
  readonly steps: Step[] = [];

  constructor(readonly ctx: Ctx) {
    const { state } = ctx;
    this.d = data(ctx);
    this.from = halfSpan(this.d, this.d.cur);
    this.free = halfSpan(this.d, this.d.cur === 0 ? 1 : 0).start;
    this.epoch = ++ctx.scratch.epoch;
    this.fromBlocks = state.blocks.slice(
      lowerBound(state.blocks, this.from.start),
      lowerBound(state.blocks, this.from.end),
    );
  }

  moved(v: number): boolean {
    return this.ctx.scratch.seen[v] === this.epoch;
  }

  /** Moves b out of the from half: promoted to old space if it survived before and fits there, else copied to the other half. */
  evacuate(b: Block): void {
    const { ctx, d } = this;
    const { state, level } = ctx;
    const sc = ctx.scratch;
    removeBlocks(state.blocks, lowerBound(state.blocks, b.start));
    let at = present(d.ages[b.owner]) >= 1 ? firstFit(state.blocks, level.memory, b.size, d.oldStart).addr : null;
    const promote = at !== null;
    if (at === null) {
      at = this.free;
      this.free += b.size;
    }
    moveBoxes(ctx, b.start, at, b.size);
    charge(ctx, b.size);
    const nb: Block = { start: at, size: b.size, owner: b.owner };
    insertBlock(state.blocks, nb);
    sc.seen[b.owner] = this.epoch;
    sc.fwd[b.owner] = at;
    present(state.variables[b.owner]).addr = at;
    if (present(d.ages[b.owner]) < 255) d.ages[b.owner]!++;
    this.queue.push(nb);
    if (promote) {
      this.promotedAt.add(at);
      this.promoted++;
      this.promotedBoxes += b.size;
    } else {
      this.copied++;
      this.copiedBoxes += b.size;
    }
    if (ctx.animate)
      this.steps.push(
        step(
          promote ? 'promote' : 'move',
          promote
            ? `scavenge: ${idOf(ctx, b.owner)} survived before: promoted from ${b.start} to old space at ${at} (${boxes(b.size)})`
            : `scavenge: ${idOf(ctx, b.owner)} copied from ${b.start} to ${at} in the other half (${boxes(b.size)}, age ${d.ages[b.owner]})`,
          nb,
        ),
      );
  }

  /** The pointer in box `at` (inside block `holder`): its target evacuated if it is in the from half, and the box rewritten. */
  fix(holder: Block, at: number): void {
    const { ctx } = this;
    const p = readPointer(ctx, at);
    if (!inSpan(this.from, p)) return;
    const i = lowerBound(this.fromBlocks, p);
    const t = this.fromBlocks[i];
    if (!t || t.start !== p) return;
    if (!this.moved(t.owner)) this.evacuate(t);
    const now = present(ctx.scratch.fwd[t.owner]);
    if (now === p) return;
    writePointer(ctx, at, now);
    charge(ctx, 1);
    this.rewritten++;
    if (ctx.animate)
      this.steps.push(
        step(
          'rewrite',
          `scavenge: the pointer in box ${at} (${idOf(ctx, holder.owner)}) now says ${now}, where ${idOf(ctx, t.owner)} is`,
          holder,
          { addr: at, size: ctx.level.ptrWidth },
        ),
      );
  }

  *flush(): StepGen {
    for (const st of this.steps) yield st;
    this.steps.length = 0;
  }

  /** Evacuates what the roots, this gap's blocks and the remembered set reach, then scans the queue (Cheney). Returns what it scanned. */
  *trace(): Generator<Step, { roots: number; entries: number }, void> {
    const { ctx, d } = this;
    const { state, level } = ctx;
    // The in-scope values' nursery blocks, in level order, then this gap's.
    const byOwner = (a: Block, b: Block) => a.owner - b.owner;
    const roots = this.fromBlocks.filter((b) => isRoot(level, b.owner, state.tick)).sort(byOwner);
    const fresh = this.fromBlocks.filter((b) => !written(ctx, b.owner)).sort(byOwner);
    for (const b of roots) {
      charge(ctx, 1);
      this.evacuate(b);
      if (ctx.animate) yield* this.flush();
    }
    for (const b of fresh) {
      this.evacuate(b);
      if (ctx.animate) yield* this.flush();
    }
    // The remembered set, by address.
    const entries = state.blocks.filter((b) => d.remembered[b.owner] === 1 && b.start >= d.oldStart);
    for (const b of entries) {
      charge(ctx, 1);
      for (const off of present(level.values[b.owner]).pointerOffsets) this.fix(b, b.start + off);
      if (ctx.animate) yield* this.flush();
    }
    // Cheney's scan: every copied or promoted block in turn.
    for (let scan = 0; scan < this.queue.length; scan++) {
      const b = this.queue[scan]!;
      if (!hasPointers(ctx, b.owner)) continue;
      for (const off of present(level.values[b.owner]).pointerOffsets) {
        this.fix(b, b.start + off);
        if (ctx.animate) yield* this.flush();
      }
      if (this.promotedAt.has(b.start) && pointsIntoNursery(ctx, b)) remember(ctx, b.owner);
    }
    return { roots: roots.length, entries: entries.length };
  }

  /** What is left in the from half is dead; the halves swap and the remembered set drops what no longer points into the nursery. */
  *flip(scanned: { roots: number; entries: number }): StepGen {
    const { ctx, d } = this;
    const { state } = ctx;
    let dead = 0;
    let deadBoxes = 0;
    const lo = lowerBound(state.blocks, this.from.start);
    const hi = lowerBound(state.blocks, this.from.end);
    for (let i = lo; i < hi; i++) {
      forget(ctx, present(state.blocks[i]));
      dead++;
      deadBoxes += present(state.blocks[i]).size;
    }
    removeBlocks(state.blocks, lo, hi);
    d.cur = d.cur === 0 ? 1 : 0;
    d.bump = this.free;
    d.minors++;
    let left = 0;
    for (const b of state.blocks) {
      if (d.remembered[b.owner] === 1 && !pointsIntoNursery(ctx, b)) {
        d.remembered[b.owner] = 0;
        left++;
      }
    }
    showGenerations(ctx);
    if (ctx.animate)
      yield step(
        'flip',
        `scavenge: the halves swap; young values now go from ${d.bump}; the dead (${plural(dead, 'block')}, ${boxes(deadBoxes)}) are free without being looked at`,
      );
    const { copied, copiedBoxes, promoted, promotedBoxes, rewritten } = this;
    ctx.summary = () =>
      `minor collection: ${plural(scanned.roots, 'root')} and ${plural(scanned.entries, 'remembered block')} scanned, ${copied} copied (${boxes(copiedBoxes)}), ${promoted} promoted (${boxes(promotedBoxes)}), ${plural(rewritten, 'pointer')} rewritten, ${dead} dead left behind (${boxes(deadBoxes)})${left > 0 ? `, ${left} left the remembered set` : ''}`;
  }
}

function* scavenge(ctx: Ctx): StepGen {
  ctx.view.phase = 'scavenge';
  const s = new Scavenge(ctx);
  const scanned = yield* s.trace();
  yield* s.flip(scanned);
}

function* major(ctx: Ctx): StepGen {
  const { state, view } = ctx;
  const d = data(ctx);
  const fwd = ctx.scratch.fwd;
  const m: MarkResult = { marked: 0, pointersRead: 0 };
  yield* mark(ctx, m);
  view.phase = 'compact';
  // New addresses for old space's marked blocks, from its bottom; its dead are dropped.
  let free = d.oldStart;
  let dead = 0;
  let deadBoxes = 0;
  const kept: Block[] = [];
  const oldLive: Block[] = [];
  for (const b of state.blocks) {
    if (b.start < d.oldStart) kept.push(b);
    else if (view.shade[b.owner] === BLACK) {
      fwd[b.owner] = free;
      free += b.size;
      kept.push(b);
      oldLive.push(b);
    } else {
      forget(ctx, b);
      d.remembered[b.owner] = 0;
      dead++;
      deadBoxes += b.size;
    }
  }
  state.blocks = kept;
  if (ctx.animate && dead > 0)
    yield step('swept', `major: ${plural(dead, 'unmarked block')} in old space dropped (${boxes(deadBoxes)})`);
  // Rewrite the pointers to old blocks that will move, in every marked block of both generations.
  const marked = kept.filter((b) => view.shade[b.owner] === BLACK);
  const rewritten = yield* rewriteForwarded(ctx, marked, oldLive, 'major');
  // Slide old space down.
  const { movedBoxes } = yield* slideDown(
    ctx,
    oldLive,
    (b, from, to) => `major: ${idOf(ctx, b.owner)} slides from ${from} to ${to} in old space`,
  );
  // The remembered set, rebuilt: the old blocks that point into the nursery.
  d.remembered.fill(0);
  for (const b of oldLive) if (pointsIntoNursery(ctx, b)) remember(ctx, b.owner);
  d.majors++;
  view.shade.fill(WHITE);
  view.marking = false;
  showGenerations(ctx);
  ctx.summary = () =>
    `major collection: ${plural(m.marked, 'block')} marked (${plural(m.pointersRead, 'pointer')} read), ${dead} dropped from old space (${boxes(deadBoxes)}), ${boxes(movedBoxes)} slid down, ${plural(rewritten, 'pointer')} rewritten`;
}

export const generational: Collector = {
  name: 'generational',
  init(ctx) {
    const n = ctx.level.values.length;
    const nursery = ctx.level.gc.nursery;
    const d: GenerationalData = {
      half: nursery / 2,
      cur: 0,
      bump: 1,
      oldStart: 1 + nursery,
      ages: new Uint8Array(n),
      remembered: new Uint8Array(n),
      minorAt: -1,
      majorAt: -1,
      minors: 0,
      majors: 0,
    };
    Object.assign(ctx.data, d);
    showGenerations(ctx);
  },
  capacity: (ctx) => ctx.level.usable,
  // Old space's room only: the nursery, however free, is no room for an old block.
  room: (ctx) => largestFreeRun(ctx.state.blocks, ctx.level.memory, data(ctx).oldStart),
  place: (ctx, size) => bump(ctx, size) ?? oldFit(ctx, size),
  placeAtOnce(ctx: Ctx, v: number): Placement | null {
    const d = data(ctx);
    const size = present(ctx.level.values[v]).size;
    // A young value the nursery's half still holds: no side effect when it does not.
    const at = size <= d.half ? bump(ctx, size) : null;
    if (at === null) return null;
    d.ages[v] = 0;
    d.remembered[v] = 0;
    return { at, how: BUMPED };
  },
  *allocate(ctx: Ctx, v: number): Generator<Step, Placement | null, void> {
    const { state, level } = ctx;
    const d = data(ctx);
    const size = present(level.values[v]).size;
    d.ages[v] = 0;
    d.remembered[v] = 0;
    const young = size <= d.half;
    if (young) {
      let at = bump(ctx, size);
      if (at === null && d.minorAt !== state.tick) {
        d.minorAt = state.tick;
        const half = halfSpan(d, d.cur);
        const why = `no room for ${idOf(ctx, v)} (${boxes(size)}) in the nursery's half ${half.start}–${half.end - 1} (${boxes(half.end - d.bump)} left)`;
        yield* stopTheWorld(ctx, 'generational', why, scavenge, { kind: 'minor' });
        at = bump(ctx, size);
      }
      if (at !== null) return { at, how: BUMPED };
    }
    let at = oldFit(ctx, size);
    if (at === null && d.majorAt !== state.tick) {
      d.majorAt = state.tick;
      const why = `no room in old space for ${idOf(ctx, v)} (${boxes(size)} in a row)`;
      yield* stopTheWorld(ctx, 'generational', why, major, { kind: 'major' });
      at = oldFit(ctx, size);
    }
    if (at === null) return null;
    return {
      at,
      how: young
        ? 'first fit in old space: no room in the nursery'
        : 'pretenured: too big for the nursery, first fit in old space',
    };
  },
  barrier(ctx: Ctx, report: TickReport): StepGen | null {
    const stores = pointerStores(ctx, report);
    return stores.length > 0 ? rememberStored(ctx, stores) : null;
  },
  leakedAtEnd: () => 0,
};

/** Each pointer stored (1 unit each): an old block that now points into the nursery joins the remembered set. */
function* rememberStored(ctx: Ctx, stores: readonly number[]): StepGen {
  const { state } = ctx;
  const d = data(ctx);
  for (let i = 0; i < stores.length; i += 2) {
    const rec = stores[i] as number;
    const to = stores[i + 1] as number;
    state.work += 1;
    if (to < 0 || d.remembered[rec] === 1) continue;
    if (present(state.variables[rec]).addr < d.oldStart || present(state.variables[to]).addr >= d.oldStart) continue;
    remember(ctx, rec);
    const text = `barrier: ${idOf(ctx, to)} (young) stored into old ${idOf(ctx, rec)}: ${idOf(ctx, rec)} joins the remembered set`;
    if (state.verbose)
      note(state, 'barrier', text, { value: idOf(ctx, rec), addr: present(state.variables[rec]).addr });
    if (ctx.animate) {
      showGenerations(ctx);
      yield step('barrier', text, {
        start: present(state.variables[rec]).addr,
        size: present(state.variables[rec]).size,
        owner: rec,
      });
    }
  }
}
