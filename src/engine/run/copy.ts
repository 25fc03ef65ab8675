// A private copy of a run's state, sharing only the log and timeline entries (they are
// never changed once written): what a review hands out, what a checkpoint keeps, and
// what a copied runtime starts from.
// Each part is copied by its own shape, field by field: a review copies a state of
// thousands of variables on a keypress, and one literal per shape is several times
// quicker than a walk that works out each part's shape as it goes. A field added to the
// state or to one of its records fails to compile here until it is copied too.
import type { Block } from './memory.js';
import type { GarbageSpan, RunState, Variable } from './state.js';

const copyVariable = (v: Variable): Variable => ({
  addr: v.addr,
  size: v.size,
  freed: v.freed,
  leakNoted: v.leakNoted,
});
const copyBlock = (b: Block): Block => ({ start: b.start, size: b.size, owner: b.owner });

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

/** A copy of `state` whose log and timeline are the first `logLength` and `timelineLength` entries of the given ones. */
export function copyState(
  state: RunState,
  log = state.log,
  logLength = log.length,
  timeline = state.timeline,
  timelineLength = timeline.length,
): RunState {
  const s = state;
  const copy: { [K in keyof RunState]-?: RunState[K] } = {
    tick: s.tick,
    bytes: s.bytes.slice(),
    writer: s.writer.slice(),
    blocks: s.blocks.map(copyBlock),
    variables: s.variables.map(copyVariable),
    targets: s.targets.map((t) => t.slice()),
    rootRecords: s.rootRecords.slice(),
    unrooted: s.unrooted,
    unrootedCount: s.unrootedCount,
    unrootedOwners: s.unrootedOwners.slice(),
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
    timeline: timeline.slice(0, timelineLength),
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
export function bareState(state: RunState): RunState {
  return copyState(state, [], 0, [], 0);
}
