// The encoder ring for the value at hand: its encoding step by step, and on a read the
// bytes actually found, decoded back.
import { decodePrimitive, encodePointer, encoderRing, toBits, type PrimitiveType } from '../level/encoding.js';
import type { CompiledLevel, CompiledValue } from '../level/compile.js';
import type { RunState } from '../run/state.js';
import { recordText, showValue } from '../run/tick.js';
import { nextPending } from './variables.js';
import { nth } from '../invariant.js';

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
      nth(out, out.length - 1).boxes++;
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
  return encodePointer(target === null ? 0 : nth(state.variables, target).addr, level.ptrWidth);
}

/** Decodes bytes that were read for value v, the way the program does. */
export function decodeRead(_level: CompiledLevel, v: CompiledValue, bytes: readonly number[]): string {
  return v.prim ? decodePrimitive(bytes, 0, v.prim.type).text : recordText(v, bytes, 0);
}

/** The encoder ring for value v as it stands in this state. */
export function ringOf(
  level: CompiledLevel,
  state: RunState,
  v: number,
  source: RingView['source'],
  read?: readonly number[],
  tick = nth(level.values, v).arrive,
  readFrom?: readonly number[],
  readText?: string,
): RingView {
  const val = nth(level.values, v);
  const addrOf = (x: number) => nth(state.variables, x).addr;
  const targets = nth(state.targets, v);
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
          label: `${f.name}: ${t === null || t === undefined ? 'NULL' : `&${nth(level.values, t).id}`}`,
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
