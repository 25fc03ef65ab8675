// A private copy of a run's state, sharing only the log and timeline entries (they are
// never changed once written): what a review hands out, what a checkpoint keeps, and
// what a copied runtime starts from.
// Each part is copied by its own shape, field by field: a review copies a state of
// thousands of variables on a keypress, and one literal per shape is several times
// quicker than a walk that works out each part's shape as it goes. A field added to the
// state or to one of its records fails to compile here until it is copied too.
import type { Block } from './memory.js';
import type { GarbageSpan, RunState, Variable } from './state.js';
import { Timeline } from './timeline.js';

const copyVariable = (v: Variable): Variable => ({
  addr: v.addr,
  size: v.size,
  freed: v.freed,
  leakNoted: v.leakNoted,
});
const copyBlock = (b: Block): Block => ({ start: b.start, size: b.size, owner: b.owner });
const sameVariable = (a: Variable, b: Variable) =>
  a.addr === b.addr && a.size === b.size && a.freed === b.freed && a.leakNoted === b.leakNoted;
const sameBlock = (a: Block, b: Block) => a.start === b.start && a.size === b.size && a.owner === b.owner;

function sameList<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A copy of each item of `list`, reusing the item of `base` at the same place when it is
 * equal, and `base` itself when every item is: between two nearby moments of a run, most
 * of thousands of variables did not change.
 */
function copyList<T>(
  list: readonly T[],
  base: readonly T[] | undefined,
  same: (a: T, b: T) => boolean,
  copy: (x: T) => T,
): T[] {
  if (!base) return list.map(copy);
  let reused = list.length === base.length;
  const out = list.map((x, i) => {
    const b = base[i];
    if (b !== undefined && same(x, b)) return b;
    reused = false;
    return copy(x);
  });
  return reused ? (base as T[]) : out;
}

const copyTargets = (t: readonly (number | null)[]) => t.slice();

function copySpans(spans: RunState['garbageSpans']): RunState['garbageSpans'] {
  const out: Record<number, GarbageSpan> = {};
  for (const k in spans) {
    const s = spans[k] as GarbageSpan;
    out[k] = { boxTicks: s.boxTicks, from: s.from, to: s.to };
  }
  return out;
}

function copyFocus(f: RunState['focus']): RunState['focus'] {
  if (f === null) return null;
  const out: NonNullable<RunState['focus']> = { value: f.value, tick: f.tick };
  if (f.read !== undefined) out.read = f.read.slice();
  if (f.readFrom !== undefined) out.readFrom = f.readFrom.slice();
  if (f.readText !== undefined) out.readText = f.readText;
  return out;
}

/**
 * A copy of `state` whose log and timeline are the first `logLength` and `timelineLength`
 * entries of the given ones. With `base`, an earlier copy that no one changes either, the
 * parts equal to base's are base's own (shared, not copied): the copy is as private as
 * base is, and a review's kept states cost little more than what changed between them.
 */
export function copyState(
  state: RunState,
  log = state.log,
  logLength = log.length,
  timeline = state.timeline,
  timelineLength = timeline.length,
  base?: RunState,
): RunState {
  const s = state;
  const copy: { [K in keyof RunState]-?: RunState[K] } = {
    tick: s.tick,
    bytes: base && sameList(s.bytes, base.bytes) ? base.bytes : s.bytes.slice(),
    writer: base && sameList(s.writer, base.writer) ? base.writer : s.writer.slice(),
    blocks: copyList(s.blocks, base?.blocks, sameBlock, copyBlock),
    variables: copyList(s.variables, base?.variables, sameVariable, copyVariable),
    targets: copyList(s.targets, base?.targets, sameList, copyTargets),
    rootRecords: s.rootRecords.slice(),
    unrooted: s.unrooted,
    unrootedCount: s.unrootedCount,
    unrootedOwners: s.unrootedOwners.slice(),
    garbageBoxes: s.garbageBoxes,
    used: s.used,
    peak: s.peak,
    work: s.work,
    bugs: { ...s.bugs },
    security: { ...s.security },
    garbageBoxTicks: s.garbageBoxTicks,
    pauseTicks: s.pauseTicks,
    pauses: s.pauses,
    longestPause: s.longestPause,
    pendingPause: s.pendingPause,
    timeline: timeline.fork(timelineLength),
    log: log.slice(0, logLength),
    verbose: s.verbose,
    finished: s.finished,
    crash: s.crash,
    leakedAtEnd: s.leakedAtEnd,
    focus: copyFocus(s.focus),
    peakAt: s.peakAt,
    peakHeld: s.peakHeld === null ? null : s.peakHeld.map((h) => ({ value: h.value, size: h.size })),
    garbageSpans: copySpans(s.garbageSpans),
  };
  return copy;
}

/** The same copy without any log or timeline: what a checkpoint keeps (their lengths tell the rest). */
export function bareState(state: RunState, base?: RunState): RunState {
  return copyState(state, [], 0, new Timeline(0), 0, base);
}
