// Incremental mark-sweep: tri-colour marking done a little at a time, in slices between
// the program's ticks, kept correct by a write barrier.
//
// A cycle starts before an allocation when none is running and `used + size` passes the
// trigger times usable memory (the level's trigger when below 1.0, else 0.5: waiting for
// a failed allocation would leave nothing to spread); the in-scope values' blocks (and
// the blocks handed out earlier in the gap) are greyed. While a cycle runs, each gap
// begins with one slice of at most `gc.slice` work units; a cycle that starts in a gap
// where no slice ran yet runs its first slice at once, else it waits for the next gap.
// Grey blocks are blackened one at a time, first in first out (1 per block plus 1 per
// pointer read; a block is never split, and a slice always does at least one); when no
// grey is left the sweep goes through memory in address order (1 per block examined),
// freeing white blocks; then every block turns white again. Blocks allocated during a
// cycle are black. A slice of W units is a pause of ceil(W / workPerTick) ticks.
//
// The write barrier, while marking: a pointer the program stores into a black block,
// leading to a white block, greys the target (Dijkstra's insertion barrier); 1 unit per
// store checked, program time. Without it a black block could hide a white one that the
// grey ones no longer reach, and the sweep would free a value still in use.
//
// When an allocation fails mid-cycle, the rest of the cycle runs at once (a finalization),
// then first fit again; if it still fails, or no cycle was running, a whole fresh cycle
// runs at once. Everything in one gap is one pause, the gap's slice included.
import { garbageBlocks } from '../run/tick.js';
import type { CompiledLevel } from '../level/compile.js';
import type { RunState } from '../run/state.js';
import type { TickReport } from '../run/tick.js';
import { firstFit, lowerBound, removeBlocks, removeBlocksWhere } from '../run/memory.js';
import { note } from '../run/log.js';
import {
  boxes,
  charge,
  forget,
  hasPointers,
  idOf,
  isRootBlock,
  plural,
  pointerStores,
  readPointer,
  step,
  target,
} from './heap.js';
import { largestFreeRun, placeFirstFit } from './mark-sweep.js';
import { stopTheWorld } from './pause.js';
import {
  BLACK,
  GREY,
  WHITE,
  type Collector,
  type Ctx,
  type Placement,
  type RuntimeView,
  type Step,
  type StepGen,
} from './types.js';
import { present } from '../invariant.js';

interface IncrementalData {
  running: boolean;
  sweeping: boolean;
  /** The grey blocks' values, first in first out from `head`. */
  grey: number[];
  head: number;
  /** The next box the sweeper looks at. */
  sweepAt: number;
  /** The gap (next tick) that work units in `gapWork` were paused for. */
  gapAt: number;
  /** Work units paused for so far in that gap: a later pause in it joins them. */
  gapWork: number;
  /** The gap of the last slice, and of the last whole fresh cycle. */
  sliceAt: number;
  fullAt: number;
  cycles: number;
  /** What the work in progress did, for the log line. */
  blackened: number;
  pointersRead: number;
  swept: number;
  sweptBoxes: number;
  examined: number;
}

const data = (ctx: Ctx) => ctx.data as unknown as IncrementalData;

function startCycle(ctx: Ctx): void {
  const { state, view } = ctx;
  const d = data(ctx);
  d.running = true;
  d.sweeping = false;
  d.grey = [];
  d.head = 0;
  d.sweepAt = 1;
  d.cycles++;
  view.shade.fill(WHITE);
  for (const b of state.blocks) {
    if (!isRootBlock(ctx, b.owner)) continue;
    view.shade[b.owner] = GREY;
    d.grey.push(b.owner);
  }
  view.marking = true;
  view.cycle = 'mark';
}

function endCycle(ctx: Ctx): void {
  const d = data(ctx);
  d.running = false;
  d.sweeping = false;
  d.grey = [];
  d.head = 0;
  ctx.view.shade.fill(WHITE);
  ctx.view.marking = false;
  ctx.view.cycle = null;
}

/** Marking then sweeping, up to `budget` work units (at least one block), ending the cycle when the sweep is done. */
function* work(ctx: Ctx, budget: number): StepGen {
  const d = data(ctx);
  d.blackened = d.pointersRead = d.swept = d.sweptBoxes = d.examined = 0;
  let did = 0;
  if (!d.sweeping) {
    did = yield* markSome(ctx, budget);
    if (d.head < d.grey.length) return;
    d.sweeping = true;
    d.grey = [];
    d.head = 0;
    d.sweepAt = 1;
    ctx.view.cycle = 'sweep';
  }
  yield* sweepSome(ctx, budget, did);
}

/** Blackens grey blocks in first-in first-out order while the budget lasts; returns the work done. */
function* markSome(ctx: Ctx, budget: number): Generator<Step, number, void> {
  const { state, level, view } = ctx;
  const d = data(ctx);
  const shade = view.shade;
  let did = 0;
  view.phase = 'mark';
  while (d.head < d.grey.length) {
    const v = present(d.grey[d.head]);
    const reads = hasPointers(ctx, v) ? present(level.values[v]).pointerOffsets.length : 0;
    if (did > 0 && did + 1 + reads > budget) return did;
    d.head++;
    charge(ctx, 1 + reads);
    did += 1 + reads;
    d.blackened++;
    d.pointersRead += reads;
    const at = present(state.variables[v]).addr;
    if (reads > 0) {
      for (const off of present(level.values[v]).pointerOffsets) {
        const t = target(state.blocks, readPointer(ctx, at + off));
        if (t && shade[t.owner] === WHITE) {
          shade[t.owner] = GREY;
          d.grey.push(t.owner);
          if (ctx.animate)
            yield step('grey', `mark: the pointer in box ${at + off} leads to ${idOf(ctx, t.owner)}: grey`, t);
        }
      }
    }
    shade[v] = BLACK;
    if (ctx.animate)
      yield step('black', `mark: ${idOf(ctx, v)} at ${at} is black (${plural(reads, 'pointer')} read)`, {
        start: at,
        size: present(state.variables[v]).size,
        owner: v,
      });
  }
  return did;
}

/** Sweeps in address order from where the last slice stopped, 1 a block, freeing the white ones, while the budget lasts. */
function* sweepSome(ctx: Ctx, budget: number, did: number): StepGen {
  const { state, view } = ctx;
  const d = data(ctx);
  view.phase = 'sweep';
  if (!ctx.animate) {
    // Headless: the same sweep, with the slice's white blocks taken out of the table at once.
    const i = lowerBound(state.blocks, d.sweepAt);
    let j = i;
    for (;;) {
      const done = j >= state.blocks.length;
      if (done || (did > 0 && did + 1 > budget)) {
        removeBlocksWhere(state.blocks, i, j, (b) => view.shade[b.owner] === WHITE);
        if (done) endCycle(ctx);
        return;
      }
      const b = present(state.blocks[j]);
      j++;
      charge(ctx, 1);
      did++;
      d.examined++;
      d.sweepAt = b.start + b.size;
      if (view.shade[b.owner] === WHITE) {
        forget(ctx, b);
        d.swept++;
        d.sweptBoxes += b.size;
      }
    }
  }
  for (;;) {
    const i = lowerBound(state.blocks, d.sweepAt);
    if (i >= state.blocks.length) {
      endCycle(ctx);
      return;
    }
    if (did > 0 && did + 1 > budget) return;
    const b = present(state.blocks[i]);
    charge(ctx, 1);
    did++;
    d.examined++;
    d.sweepAt = b.start + b.size;
    if (view.shade[b.owner] === WHITE) {
      removeBlocks(state.blocks, i);
      forget(ctx, b);
      d.swept++;
      d.sweptBoxes += b.size;
      if (ctx.animate)
        yield step('swept', `sweep: ${idOf(ctx, b.owner)} at ${b.start} is white: freed (${boxes(b.size)})`, b);
    } else if (ctx.animate) yield step('sweep', `sweep: ${idOf(ctx, b.owner)} at ${b.start} is marked: kept`, b);
  }
}

/** The slice's summary, made only when its log line is written (as every collector's is). */
function summary(ctx: Ctx, what: string): () => string {
  return () => summaryText(data(ctx), what);
}

function summaryText(d: IncrementalData, what: string): string {
  const parts = [what];
  if (d.blackened > 0)
    parts.push(`${plural(d.blackened, 'block')} blackened (${plural(d.pointersRead, 'pointer')} read)`);
  if (d.examined > 0)
    parts.push(`${plural(d.examined, 'block')} swept past, ${d.swept} freed (${boxes(d.sweptBoxes)})`);
  parts.push(
    d.running
      ? `cycle ${d.cycles} goes on (${d.sweeping ? 'sweeping' : `${d.grey.length - d.head} grey`})`
      : `cycle ${d.cycles} done`,
  );
  return parts.join(', ');
}

/** The share of usable memory in use past which a cycle starts: the level's trigger when below 1.0, else half. */
const cycleTrigger = (level: CompiledLevel): number => (level.gc.trigger < 1 ? level.gc.trigger : 0.5);

/** Does placing `size` boxes start a cycle (none running, and the boxes in use would pass the trigger)? */
function cycleDue(ctx: Ctx, size: number): boolean {
  return !data(ctx).running && ctx.state.used + size > cycleTrigger(ctx.level) * ctx.level.usable;
}

/** Value v placed by first fit at `at`: black while a cycle runs (it is about to arrive: reachable). */
function placedFirstFit(ctx: Ctx, v: number, at: number): Placement {
  const running = data(ctx).running;
  if (running) ctx.view.shade[v] = BLACK;
  return { at, how: running ? 'first fit, allocated black during the cycle' : 'first fit' };
}

/** One pause in the gap: it joins whatever this gap already paused for. */
function* pause(ctx: Ctx, what: string, why: string, kind: 'slice' | 'finalization' | 'full', budget: number): StepGen {
  const d = data(ctx);
  const tick = ctx.state.tick;
  if (d.gapAt !== tick) {
    d.gapAt = tick;
    d.gapWork = 0;
  }
  const run = function* (c: Ctx): StepGen {
    if (kind === 'full') startCycle(c);
    yield* work(c, budget);
    c.summary = summary(c, what);
  };
  const w = yield* stopTheWorld(ctx, 'incremental', why, run, { kind, joins: d.gapWork, keepShade: true });
  d.gapWork += w;
  if (ctx.view.phase !== 'done') ctx.view.phase = 'allocate';
}

function slice(ctx: Ctx, why: string): StepGen {
  const d = data(ctx);
  d.sliceAt = ctx.state.tick;
  return pause(ctx, 'slice', why, 'slice', ctx.level.gc.slice);
}

export const incremental: Collector = {
  name: 'incremental',
  init(ctx) {
    const d: IncrementalData = {
      running: false,
      sweeping: false,
      grey: [],
      head: 0,
      sweepAt: 1,
      gapAt: -1,
      gapWork: 0,
      sliceAt: -1,
      fullAt: -1,
      cycles: 0,
      blackened: 0,
      pointersRead: 0,
      swept: 0,
      sweptBoxes: 0,
      examined: 0,
    };
    Object.assign(ctx.data, d);
  },
  capacity: (ctx) => ctx.level.usable,
  room: largestFreeRun,
  place: placeFirstFit,
  beforeGap(ctx: Ctx): StepGen | null {
    return data(ctx).running ? slice(ctx, `cycle ${data(ctx).cycles} goes on`) : null;
  },
  placeAtOnce(ctx: Ctx, v: number): Placement | null {
    const size = present(ctx.level.values[v]).size;
    if (cycleDue(ctx, size)) return null;
    // Charged only when it fits: else `allocate` tries it again, and charges it then.
    const fit = firstFit(ctx.state.blocks, ctx.level.memory, size);
    if (fit.addr === null) return null;
    ctx.state.work += fit.examined;
    return placedFirstFit(ctx, v, fit.addr);
  },
  *allocate(ctx: Ctx, v: number): Generator<Step, Placement | null, void> {
    const { state, level } = ctx;
    const d = data(ctx);
    const size = present(level.values[v]).size;
    if (cycleDue(ctx, size)) {
      startCycle(ctx);
      const why = `cycle ${d.cycles} starts: ${idOf(ctx, v)} needs ${boxes(size)} and ${state.used} of ${level.usable} are in use, past ${Math.round(cycleTrigger(level) * 100)}%`;
      if (state.verbose) note(state, 'collect', `incremental: ${why}; the roots are grey`);
      if (d.sliceAt !== state.tick) yield* slice(ctx, why);
    }
    let at = placeFirstFit(ctx, size);
    if (at === null && d.running) {
      yield* pause(
        ctx,
        'finalization',
        `no room for ${idOf(ctx, v)} (${boxes(size)} in a row): the rest of cycle ${d.cycles} runs at once`,
        'finalization',
        Infinity,
      );
      at = placeFirstFit(ctx, size);
    }
    if (at === null && d.fullAt !== state.tick) {
      d.fullAt = state.tick;
      yield* pause(
        ctx,
        'full collection',
        `still no room for ${idOf(ctx, v)} (${boxes(size)} in a row): a whole fresh cycle runs at once`,
        'full',
        Infinity,
      );
      at = placeFirstFit(ctx, size);
    }
    return at === null ? null : placedFirstFit(ctx, v, at);
  },
  barrier(ctx: Ctx, report: TickReport): StepGen | null {
    const d = data(ctx);
    if (!d.running || d.sweeping) return null;
    const stores = pointerStores(ctx, report);
    return stores.length > 0 ? greyStored(ctx, stores) : null;
  },
  leakedAtEnd: () => 0,
};

/** While marking: each pointer stored into a black block that leads to a white one greys it (1 unit a store). */
function* greyStored(ctx: Ctx, stores: readonly number[]): StepGen {
  const d = data(ctx);
  const { state, view } = ctx;
  const shade = view.shade;
  for (let i = 0; i < stores.length; i += 2) {
    const rec = stores[i] as number;
    const to = stores[i + 1] as number;
    state.work += 1;
    if (to < 0 || shade[rec] !== BLACK || shade[to] !== WHITE) continue;
    shade[to] = GREY;
    d.grey.push(to);
    const text = `barrier: ${idOf(ctx, to)} stored into black ${idOf(ctx, rec)}: ${idOf(ctx, to)} greyed`;
    if (state.verbose) note(state, 'barrier', text, { value: idOf(ctx, to), addr: present(state.variables[to]).addr });
    if (ctx.animate)
      yield step('barrier', text, {
        start: present(state.variables[to]).addr,
        size: present(state.variables[to]).size,
        owner: to,
      });
  }
}

/**
 * Floating garbage now: values no root reaches any more whose blocks are already grey or
 * black in the cycle under way, so they wait for the next cycle.
 */
export function floatingGarbage(level: CompiledLevel, state: RunState, view: RuntimeView): number[] {
  if (!view.marking || view.collector !== 'incremental') return [];
  return garbageBlocks(level, state).owners.filter((v) => view.shade[v] !== WHITE);
}
