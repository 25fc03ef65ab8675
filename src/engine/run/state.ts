// The state of one run: memory, the blocks, what each value's variable holds, and the
// tallies every mode reports. Plain data, so immer can draft it (immer cannot draft a
// typed array: the reducer copies the bytes on write, and forks the timeline).
import type { Block } from './memory.js';
import type { CompiledLevel } from '../level/compile.js';
import { BUG_KINDS, SECURITY_KINDS, type BugKind, type Crash, type LogKind, type SecurityKind } from '../vocabulary.js';
import { present } from '../invariant.js';
import { Timeline } from './timeline.js';
export type Bugs = Record<BugKind, number>;
export type Security = Record<SecurityKind, number>;

/** A box no value has written yet. */
export const NO_WRITER = -1;

/** The value that last wrote box `a` (its index), or NO_WRITER. */
export function writerAt(state: RunState, a: number): number {
  return (state.writer[a] ?? 0) - 1;
}

/** What a value's variable holds: the block last returned to it. */
export interface Variable {
  /** Start of the block last returned to it; 0 (NULL) when it never had one. */
  addr: number;
  size: number;
  /** That block has been freed since (addr is now a stale pointer). */
  freed: boolean;
  /** The leak was already reported in the log. */
  leakNoted: boolean;
}

export interface LogEntry {
  /** The tick it happened in, or between ticks: the next tick to run. */
  tick: number;
  kind: LogKind;
  text: string;
  value?: string;
  addr?: number;
  bytes?: readonly number[];
}

export interface RunState {
  /** Ticks run so far, so also the next tick to run. */
  tick: number;
  bytes: Uint8Array;
  /**
   * Provenance: for each box, the value whose write last put its byte there, as its index
   * + 1 (0: no value ever wrote it). Two bytes a box when the values allow, else four.
   * Read it with writerAt.
   */
  writer: Uint16Array | Uint32Array;
  blocks: Block[];
  variables: Variable[];
  /** Where each record's pointer fields point now in the program (value indexes), per value. */
  targets: (number | null)[][];
  /** Records whose variable is in scope, for reachability. */
  rootRecords: number[];
  /** Boxes of the live blocks of values gone out of scope, and how many such values (see garbage.ts). */
  unrooted: number;
  unrootedCount: number;
  /** Those values, in the order they went out of scope (some may have been freed since). */
  unrootedOwners: number[];
  /** Of those boxes, the ones no in-scope record reaches any more: the garbage now, kept by headless runs (see garbage.ts). */
  garbageBoxes: number;
  used: number;
  peak: number;
  work: number;
  bugs: Bugs;
  security: Security;
  garbageBoxTicks: number;
  pauseTicks: number;
  pauses: number;
  longestPause: number;
  /** Pause ticks spent since the last tick ran, to be put on the next tick's timeline point. */
  pendingPause: number;
  timeline: Timeline;
  log: LogEntry[];
  /** Log every event (play, watch), or only consequences (headless runs). */
  verbose: boolean;
  finished: boolean;
  crash: Crash;
  leakedAtEnd: number;
  /**
   * The value at hand for the encoder ring: last written or read, and the tick that did it;
   * on a read, the bytes found, who wrote each, and what the program decoded (a string runs
   * on to its 0 box, past the value's own boxes).
   */
  focus: { value: number; tick: number; read?: number[]; readFrom?: number[]; readText?: string } | null;
  /** When the peak was reached: the next tick to run at that moment. */
  peakAt: number;
  /** The blocks held at the peak (owner and size), to say why it was that high; null when too many to keep. */
  peakHeld: { value: number; size: number }[] | null;
  /** Per value (index) that was ever garbage in a manual run: its box-ticks while unreachable, and the first and last tick counted. */
  garbageSpans: Record<number, GarbageSpan>;
}

/** A value's time as garbage: allocated, arrived, and no root reaching it, just before these ticks ran. */
export interface GarbageSpan {
  boxTicks: number;
  from: number;
  to: number;
}

/** At most this many blocks are remembered at the peak (remembering costs a copy of them each time it rises). */
export const PEAK_HELD_LIMIT = 256;

/**
 * A run's state before its first tick. `reuse`, a finished run of the same level that
 * nothing holds any more, gives its boxes, variables and pointer targets, set back to
 * their start, instead of new ones: a comparison runs a big level many times over, and
 * each run's 100,000 variables, made anew, were garbage the collector copied twice.
 */
export function initialState(level: CompiledLevel, verbose: boolean, reuse?: RunState): RunState {
  const { bytes, writer, variables, targets } = reuse ? resetBoxes(level, reuse) : freshBoxes(level);
  return {
    tick: 0,
    bytes,
    writer,
    blocks: [],
    variables,
    targets,
    rootRecords: [],
    unrooted: 0,
    unrootedCount: 0,
    unrootedOwners: [],
    garbageBoxes: 0,
    used: 0,
    peak: 0,
    work: 0,
    bugs: noBugs(),
    security: noHoles(),
    garbageBoxTicks: 0,
    pauseTicks: 0,
    pauses: 0,
    longestPause: 0,
    pendingPause: 0,
    timeline: new Timeline(),
    log: [],
    verbose,
    finished: false,
    crash: null,
    leakedAtEnd: 0,
    focus: null,
    peakAt: 0,
    peakHeld: [],
    garbageSpans: {},
  };
}

/** The parts of a state that hold something for every box or every value, new. */
function freshBoxes(level: CompiledLevel): Pick<RunState, 'bytes' | 'writer' | 'variables' | 'targets'> {
  return {
    bytes: new Uint8Array(level.memory),
    writer: level.values.length < 0xffff ? new Uint16Array(level.memory) : new Uint32Array(level.memory),
    variables: level.values.map(() => ({ addr: 0, size: 0, freed: false, leakNoted: false })),
    targets: level.values.map(initialTargets),
  };
}

/** Those parts of a finished run of the same level, set back to their start. */
function resetBoxes(level: CompiledLevel, old: RunState): Pick<RunState, 'bytes' | 'writer' | 'variables' | 'targets'> {
  old.bytes.fill(0);
  old.writer.fill(0);
  for (let v = 0; v < level.values.length; v++) {
    const s = present(old.variables[v]);
    s.addr = 0;
    s.size = 0;
    s.freed = false;
    s.leakNoted = false;
    setInitialTargets(present(level.values[v]), present(old.targets[v]));
  }
  return { bytes: old.bytes, writer: old.writer, variables: old.variables, targets: old.targets };
}

/** No pointer fields: one shared list, never written (only a record's pointer fields are set), so a run of many primitives makes no list per value. */
const NO_TARGETS: (number | null)[] = [];

/** Where a value's pointer fields point before the program writes any (a list of its own, since sets write into it). */
export function initialTargets(v: CompiledLevel['values'][number]): (number | null)[] {
  if (v.pointerFields.length === 0) return NO_TARGETS;
  return setInitialTargets(v, new Array(v.pointerFields.length));
}

/** Points each of `out`'s slots (one a pointer field of v) where the level starts it. */
function setInitialTargets(v: CompiledLevel['values'][number], out: (number | null)[]): (number | null)[] {
  for (let k = 0; k < out.length; k++) out[k] = present(v.fields[present(v.pointerFields[k])]).ref;
  return out;
}

/** A zero count for every bug kind. */
export function noBugs(): Bugs {
  return Object.fromEntries(BUG_KINDS.map((k) => [k, 0])) as Bugs;
}

export function totalBugs(b: Bugs): number {
  let n = 0;
  for (const k of BUG_KINDS) n += b[k];
  return n;
}

/** A zero count for every security kind. */
export function noHoles(): Security {
  return Object.fromEntries(SECURITY_KINDS.map((k) => [k, 0])) as Security;
}

/** Security events of a run: secrets leaked plus attacker-controlled reads. */
export function totalSecurity(s: Security): number {
  let n = 0;
  for (const k of SECURITY_KINDS) n += s[k];
  return n;
}

/** A run is exploitable when an attacker got something: a secret leaked or a read they steered. */
export function isExploitable(s: Security): boolean {
  return totalSecurity(s) > 0;
}

/** Is the value's variable in scope between ticks (state.tick = next tick)? */
export function isRoot(level: CompiledLevel, v: number, tick: number): boolean {
  const val = present(level.values[v]);
  return val.arrive < tick && val.drop >= tick;
}

/** Does the value's variable hold a block that is still allocated (not freed)? */
export function hasLiveBlock(state: RunState, v: number): boolean {
  const s = present(state.variables[v]);
  return s.addr !== 0 && !s.freed;
}
