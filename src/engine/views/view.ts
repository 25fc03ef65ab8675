// Derived facts the screens show, computed from a run's state and never stored in it:
// each value's status (live, reachable only through another, unreachable, freed), its
// next use, the value waiting for a block, the program's upcoming events as pseudo-code,
// the encoder ring for the value at hand, the owners of a window of boxes, and the
// consequences in the log. Pure functions: no I/O, no clock, no mutation.
import {
  decodePrimitive,
  encodePointer,
  encoderRing,
  showPrimitive,
  toBits,
  type PrimitiveType,
} from '../level/encoding.js';
import type { CompiledLevel, CompiledValue } from '../level/compile.js';
import { blockAt, lowerBound } from '../run/memory.js';
import { reachableSet } from '../run/reachability.js';
import { isRoot, liveBlockOf, type LogEntry, type RunState } from '../run/state.js';
import { isConsequence } from '../vocabulary.js';
import { showValue } from '../run/tick.js';
import { hiddenAhead, horizonOf, nextTouch, type Touch } from './horizon.js';

// ---------------------------------------------------------------------------------
// Values and their variables

export type ValueStatus =
  /** Arrives later (within the lookahead) and has no block yet. */
  | 'waiting'
  /** Arrives later and already has a block. */
  | 'reserved'
  /** Arrived, allocated, and its variable is in scope (a root). */
  | 'live'
  /** Arrived, allocated, out of scope, but a live record still points to it. */
  | 'reachable'
  /** Arrived, allocated, and nothing reaches it any more: a leak until freed. */
  | 'unreachable'
  /** Its block was freed (its variable now holds a stale address). */
  | 'freed';

export interface VariableView {
  index: number;
  id: string;
  /** The address its variable holds (stale when freed); null before it ever had a block. */
  addr: number | null;
  /** Boxes of its block, or the size it needs when it has none. */
  size: number;
  status: ValueStatus;
  /** For 'reachable': a record that points to it. */
  via?: string;
  /** The next tick within sight at which the program reads it, or null (none in sight). */
  nextUse: number | null;
  arrive: number;
  drop: number;
  /** Its scope's end is within sight (or past: then it is out of scope). */
  dropInSight: boolean;
  /** The program goes on past the horizon: what it does to the value there is unknown. */
  unknownAhead: boolean;
  /** Freed, and the program in sight still needs its block: that tick is a use after free. */
  danger: boolean;
  /** For danger: what the program does to it, and when. */
  touch?: Touch;
}

/** The tick at or after `from` at which the program next reads value v, or null. */
export function nextUse(level: CompiledLevel, v: number, from: number): number | null {
  const uses = level.values[v].uses;
  let lo = 0;
  let hi = uses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (uses[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < uses.length ? uses[lo] : null;
}

/** Values that arrive within the lookahead and have no block yet, soonest first (ties: level order). */
export function pendingValues(level: CompiledLevel, state: RunState): number[] {
  const out: number[] = [];
  const end = Math.min(level.ticks, state.tick + level.lookahead);
  for (let t = state.tick; t < end; t++) {
    for (const v of level.events[t].arrive) if (liveBlockOf(state, v) === null) out.push(v);
  }
  return out;
}

/** The value Enter or m would give a block to: the first pending value, or null. */
export function nextPending(level: CompiledLevel, state: RunState): number | null {
  const end = Math.min(level.ticks, state.tick + level.lookahead);
  for (let t = state.tick; t < end; t++) {
    for (const v of level.events[t].arrive) if (liveBlockOf(state, v) === null) return v;
  }
  return null;
}

/** Values whose variable holds a block that is still allocated. */
export function allocatedValues(state: RunState): number[] {
  return state.blocks.map((b) => b.owner).sort((a, b) => a - b);
}

/** What each value's variable holds and what that means now. */
export function reachability(level: CompiledLevel, state: RunState): Uint8Array {
  const roots: number[] = [];
  for (let v = 0; v < level.values.length; v++) if (isRoot(level, v, state.tick)) roots.push(v);
  return reachableSet(level.values.length, roots, (v) => state.targets[v]);
}

/** The status of one value, given the reachability from reachability(). */
export function valueStatus(level: CompiledLevel, state: RunState, v: number, reached: Uint8Array): ValueStatus {
  const val = level.values[v];
  const variable = state.variables[v];
  if (val.arrive >= state.tick) return liveBlockOf(state, v) ? 'reserved' : 'waiting';
  if (variable.freed || variable.addr === 0) return 'freed';
  if (isRoot(level, v, state.tick)) return 'live';
  return reached[v] ? 'reachable' : 'unreachable';
}

/**
 * The variables panel: every value the player can see (arrived, or arriving within the
 * lookahead), with status, address and next use. Order: waiting first, then what needs
 * attention (freed but still reachable, leaks), then live ones, then the rest.
 */
export function variables(level: CompiledLevel, state: RunState): VariableView[] {
  const reached = reachability(level, state);
  const horizon = horizonOf(level, state);
  const unknownAhead = hiddenAhead(level, state);
  const out: VariableView[] = [];
  for (const val of level.values) {
    if (val.arrive >= horizon) continue;
    const v = val.index;
    const variable = state.variables[v];
    const status = valueStatus(level, state, v, reached);
    const read = nextUse(level, v, state.tick);
    const touch = status === 'freed' && val.arrive < state.tick ? nextTouch(level, state, v) : null;
    const view: VariableView = {
      index: v,
      id: val.id,
      addr: variable.addr === 0 ? null : variable.addr,
      size: variable.addr === 0 ? val.size : variable.size,
      status,
      // Only what the player can see: a read past the horizon is not shown.
      nextUse: read !== null && read < horizon ? read : null,
      arrive: val.arrive,
      drop: val.drop,
      dropInSight: val.drop < horizon || (val.drop >= level.ticks && !unknownAhead),
      unknownAhead,
      danger: touch !== null,
    };
    if (touch) view.touch = touch;
    if (status === 'reachable') {
      const via = level.values.find((r) => reached[r.index] && state.targets[r.index].includes(v));
      if (via) view.via = via.id;
    }
    out.push(view);
  }
  const rank = (x: VariableView): number => {
    if (x.status === 'waiting') return 0;
    if (x.danger) return 1;
    if (x.status === 'unreachable') return 2;
    if (x.status === 'reserved') return 3;
    if (x.status === 'live') return 4;
    if (x.status === 'reachable') return 5;
    return 6; // freed and out of reach: done with
  };
  return out.sort((a, b) => rank(a) - rank(b) || a.arrive - b.arrive || a.index - b.index);
}

// ---------------------------------------------------------------------------------
// The program ahead, as pseudo-code

export type EventKind = 'arrive' | 'set' | 'use' | 'drop' | 'end';

export interface UpcomingEvent {
  tick: number;
  kind: EventKind;
  /** Pseudo-code, without the tick: `age = 42 (u8)`, `print(greeting)`, `} // greeting out of scope`. */
  text: string;
  value?: string;
  /** An arrival whose value has no block yet: the tick can't run until it gets one. */
  needsBlock?: boolean;
}

function typeName(v: CompiledValue): string {
  return v.prim ? v.prim.type : 'record';
}

/** A value as its declaration shows it: `42`, `"Hi"`, `{name: &greeting, age: 42}`. */
export function declaredValue(level: CompiledLevel, v: CompiledValue): string {
  if (v.prim) return showPrimitive(v.prim);
  const parts = v.fields.map(
    (f) => `${f.name}: ${f.prim ? showPrimitive(f.prim) : f.ref === null ? 'NULL' : `&${level.values[f.ref].id}`}`,
  );
  return `{${parts.join(', ')}}`;
}

/**
 * The program's events from the next tick to run, within the lookahead, at most `limit`
 * lines. After the last tick comes one `end` line.
 */
export function upcomingEvents(level: CompiledLevel, state: RunState, limit = Infinity): UpcomingEvent[] {
  const out: UpcomingEvent[] = [];
  const end = Math.min(level.ticks, state.tick + level.lookahead);
  for (let t = state.tick; t < end && out.length < limit; t++) {
    const ev = level.events[t];
    for (const a of ev.arrive) {
      const v = level.values[a];
      const e: UpcomingEvent = {
        tick: t,
        kind: 'arrive',
        text: `${v.id} = ${declaredValue(level, v)} (${typeName(v)})`,
        value: v.id,
      };
      if (liveBlockOf(state, a) === null) e.needsBlock = true;
      out.push(e);
    }
    for (const s of ev.sets) {
      const rec = level.values[s.in];
      const field = rec.fields[rec.pointerFields[s.slot]].name;
      out.push({
        tick: t,
        kind: 'set',
        text: `${rec.id}.${field} = ${s.to === null ? 'NULL' : `&${level.values[s.to].id}`}`,
        value: rec.id,
      });
    }
    for (const u of ev.uses)
      out.push({ tick: t, kind: 'use', text: `print(${level.values[u].id})`, value: level.values[u].id });
    for (const d of ev.drops)
      out.push({ tick: t, kind: 'drop', text: `} // ${level.values[d].id} out of scope`, value: level.values[d].id });
  }
  if (end === level.ticks && out.length < limit && state.tick <= level.ticks) {
    out.push({ tick: level.ticks, kind: 'end', text: 'end of program: every value still in scope goes out of scope' });
  }
  return out.slice(0, limit);
}

// ---------------------------------------------------------------------------------
// The encoder ring

export interface RingSegment {
  /** The character, the field name, or `end` for a string's terminator. */
  label: string;
  /** U+0048 for a character. */
  codePoint?: string;
  bytes: number[];
  bits: string[];
}

export interface RingView {
  /** The value's id. */
  id: string;
  /** The value as the program sees it: `"Hi"`, `42`, `{name: →5, age: 42}`. */
  shown: string;
  type: PrimitiveType | 'record';
  /** Encoding, step by step: what each part becomes as bytes and bits. */
  segments: RingSegment[];
  note?: string;
  /** Why this value: it was just written or read, or it is the next to need a block. */
  source: 'written' | 'read' | 'pending';
  /** The tick that wrote or read it (for a pending value: the tick it arrives). */
  tick: number;
  /** On a read: the bytes actually found, decoded back, and whether that is what was written. */
  read?: {
    bytes: number[];
    bits: string[];
    text: string;
    expected: string;
    same: boolean;
    /** Whose bytes these are: each run of boxes with the value that last wrote them. */
    from: ReadSource[];
    /** A secret's bytes read by another value: the secret leaked. */
    leaked: boolean;
    /** A trusted value decoded bytes an attacker wrote. */
    attacked: boolean;
  };
}

/** A run of read boxes that one value wrote (`writer` null: no value ever wrote them). */
export interface ReadSource {
  writer: string | null;
  boxes: number;
  secret: boolean;
  untrusted: boolean;
  /** Written by the value read itself. */
  own: boolean;
}

/** Whose bytes a read found, box by box, folded into runs by writer. */
export function readSources(level: CompiledLevel, v: number, writers: readonly number[]): ReadSource[] {
  const out: ReadSource[] = [];
  let last: number | undefined;
  for (const w of writers) {
    if (w === last) {
      out[out.length - 1].boxes++;
      continue;
    }
    last = w;
    const by = w >= 0 ? level.values[w] : null;
    out.push({
      writer: by ? by.id : null,
      boxes: 1,
      secret: by?.secret === true,
      untrusted: by?.untrusted === true,
      own: w === v,
    });
  }
  return out;
}

function pointerBytes(level: CompiledLevel, state: RunState, target: number | null): number[] {
  return encodePointer(target === null ? 0 : state.variables[target].addr, level.ptrWidth);
}

/** Decodes bytes that were read for value v, the way the program does. */
export function decodeRead(_level: CompiledLevel, v: CompiledValue, bytes: readonly number[]): string {
  if (v.prim) return decodePrimitive(bytes, 0, v.prim.type).text;
  const parts = v.fields.map((f) => {
    if (f.prim) return `${f.name}: ${decodePrimitive(bytes.slice(f.offset), 0, f.prim.type).text}`;
    let p = 0;
    for (let i = 0; i < f.size; i++) p |= (bytes[f.offset + i] ?? 0) << (8 * i);
    return `${f.name}: ${p === 0 ? 'null' : `→${p}`}`;
  });
  return `{${parts.join(', ')}}`;
}

/** The encoder ring for value v as it stands in this state. */
export function ringOf(
  level: CompiledLevel,
  state: RunState,
  v: number,
  source: RingView['source'],
  read?: readonly number[],
  tick = level.values[v].arrive,
  readFrom?: readonly number[],
  readText?: string,
): RingView {
  const val = level.values[v];
  const addrOf = (x: number) => state.variables[x].addr;
  const targets = state.targets[v];
  const shown = showValue(val, targets, addrOf);
  let segments: RingSegment[];
  let note: string | undefined;
  if (val.prim) {
    const ring = encoderRing(val.prim);
    segments = ring.rows.map((r) => ({
      label: r.label,
      ...(r.codePoint ? { codePoint: r.codePoint } : {}),
      bytes: r.bytes,
      bits: r.bits,
    }));
    note = ring.note;
  } else {
    segments = [];
    let slot = 0;
    for (const f of val.fields) {
      if (f.prim) {
        const ring = encoderRing(f.prim);
        ring.rows.forEach((r, i) =>
          segments.push({
            label: i === 0 ? `${f.name}: ${r.label}` : r.label,
            ...(r.codePoint ? { codePoint: r.codePoint } : {}),
            bytes: r.bytes,
            bits: r.bits,
          }),
        );
      } else {
        const t = targets[slot++];
        const bytes = pointerBytes(level, state, t ?? null);
        segments.push({
          label: `${f.name}: ${t === null || t === undefined ? 'NULL' : `&${level.values[t].id}`}`,
          bytes,
          bits: bytes.map(toBits),
        });
      }
    }
    note = `A record: its fields back to back; a pointer is the address of the block it points to (${level.ptrWidth} box${level.ptrWidth === 1 ? '' : 'es'}, 0 is NULL).`;
  }
  const view: RingView = { id: val.id, shown, type: val.prim ? val.prim.type : 'record', segments, source, tick };
  if (note) view.note = note;
  if (read) {
    const text = readText ?? decodeRead(level, val, read);
    const from = readSources(level, v, readFrom ?? []);
    view.read = {
      bytes: [...read],
      bits: read.map(toBits),
      text,
      expected: shown,
      same: text === shown,
      from,
      leaked: from.some((f) => f.secret && !f.own),
      attacked: !val.untrusted && from.some((f) => f.untrusted),
    };
  }
  return view;
}

/** The value at hand: the one last written or read (state.focus), else the next pending one. */
export function ringAtHand(level: CompiledLevel, state: RunState): RingView | null {
  if (state.focus)
    return ringOf(
      level,
      state,
      state.focus.value,
      state.focus.read ? 'read' : 'written',
      state.focus.read,
      state.focus.tick,
      state.focus.readFrom,
      state.focus.readText,
    );
  const p = nextPending(level, state);
  return p === null ? null : ringOf(level, state, p, 'pending');
}

// ---------------------------------------------------------------------------------
// Boxes

export interface BoxesView {
  from: number;
  /** Owner value index of each box in the window, or -1 when free. */
  owner: Int32Array;
  /** For a free box: the value whose freed block held it last (its bytes are stale), or -1. */
  stale: Int32Array;
  /** 1 where a block starts. */
  start: Uint8Array;
}

/**
 * Owners of boxes from..from+count-1 (clamped to memory). Only the blocks and the freed
 * variables' blocks that touch the window are visited, so a 65536-box level costs what its window does.
 */
export function boxesView(level: CompiledLevel, state: RunState, from: number, count: number): BoxesView {
  const lo = Math.max(0, from);
  const hi = Math.min(level.memory, from + count);
  const n = Math.max(0, hi - lo);
  const owner = new Int32Array(n).fill(-1);
  const stale = new Int32Array(n).fill(-1);
  const start = new Uint8Array(n);
  // Stale first: freed variables, latest arrival last so it wins (its bytes were written last).
  for (const v of staleSlots(level, state)) {
    const s = state.variables[v];
    const a = Math.max(lo, s.addr);
    const b = Math.min(hi, s.addr + s.size);
    for (let i = a; i < b; i++) stale[i - lo] = v;
  }
  const first = blockAt(state.blocks, lo) ? lowerBound(state.blocks, lo + 1) - 1 : lowerBound(state.blocks, lo);
  for (let k = Math.max(0, first); k < state.blocks.length && state.blocks[k].start < hi; k++) {
    const b = state.blocks[k];
    const a = Math.max(lo, b.start);
    const e = Math.min(hi, b.start + b.size);
    for (let i = a; i < e; i++) {
      owner[i - lo] = b.owner;
      stale[i - lo] = -1;
    }
    if (b.start >= lo && b.start < hi) start[b.start - lo] = 1;
  }
  return { from: lo, owner, stale, start };
}

const staleCache = new WeakMap<RunState, number[]>();

/** Values whose variable holds a freed block, in arrival order. Cached per state. */
function staleSlots(level: CompiledLevel, state: RunState): number[] {
  const hit = staleCache.get(state);
  if (hit) return hit;
  const out: number[] = [];
  state.variables.forEach((s, v) => {
    if (s.freed && s.addr !== 0) out.push(v);
  });
  out.sort((a, b) => level.values[a].arrive - level.values[b].arrive || a - b);
  staleCache.set(state, out);
  return out;
}

// ---------------------------------------------------------------------------------
// The log

/** What went wrong in a run, in order, each with its tick: the consequences, and a crash. */
export function problems(state: RunState): LogEntry[] {
  return state.log.filter((e) => isConsequence(e.kind) || (e.kind === 'end' && state.crash !== null));
}
