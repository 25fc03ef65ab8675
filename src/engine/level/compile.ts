// A validated level, compiled once into what the engine runs: each value's size and
// layout (which of its boxes hold pointers), and its program tick by tick (program.ts).
import type { Level } from './schema.js';
import type { CollectorName } from '../vocabulary.js';
import { encodePointer, encodePrimitive, pointerWidth, resolvePrimitive, type Primitive } from './encoding.js';
import { nth } from '../invariant.js';
import { programOf, type CompiledSet, type Program } from './program.js';

export type { ByTick, CompiledSet, Program, TickEvents } from './program.js';
export { countAt, itemsAt, tickEvents } from './program.js';

export interface CompiledField {
  name: string;
  offset: number;
  size: number;
  /** Inline primitive, or null for a pointer field. */
  prim: Primitive | null;
  /** Its encoding, computed once (empty for a pointer field). */
  bytes: readonly number[];
  /** Initial pointer target (value index) for a pointer field. */
  ref: number | null;
}

export interface CompiledValue {
  id: string;
  index: number;
  arrive: number;
  uses: readonly number[];
  drop: number;
  size: number;
  /** A password or a key: no other value may read its bytes. */
  secret: boolean;
  /** An attacker's input: a trusted value that reads its bytes is steered by the attacker. */
  untrusted: boolean;
  /** A primitive value; null for a record. */
  prim: Primitive | null;
  /** A primitive's encoding, computed once (empty for a record). */
  bytes: readonly number[];
  /** A record's fields; empty for a primitive. */
  fields: readonly CompiledField[];
  /** Offsets of the boxes that start a pointer: the "object header" a collector reads. */
  pointerOffsets: readonly number[];
  /** Index into `fields` of each pointer field, parallel to pointerOffsets. */
  pointerFields: readonly number[];
  /** The oracle frees it after this tick: its last read, pointer write into it, or pointer to it. */
  lastTouch: number;
}

export interface GcSettings {
  collector: CollectorName;
  trigger: number;
  workPerTick: number;
  /** generational: boxes of the nursery (even, at least 2). */
  nursery: number;
  /** incremental: work units of one slice at most. */
  slice: number;
}

export interface Weights {
  bug: number;
  security: number;
  pauseTick: number;
  garbageBoxTicksPerPoint: number;
  peakBox: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  bug: 100,
  security: 300,
  pauseTick: 20,
  garbageBoxTicksPerPoint: 2,
  peakBox: 5,
};
export const DEFAULT_GC: Omit<GcSettings, 'nursery' | 'slice'> = {
  collector: 'mark-sweep',
  trigger: 1.0,
  workPerTick: 8,
};

/** The nursery's default size: a quarter of usable memory, rounded down to even, at least 2. */
export function defaultNursery(usable: number): number {
  return Math.max(2, Math.floor(usable / 4 / 2) * 2);
}

function gcSettings(level: Level): GcSettings {
  const gc = { ...DEFAULT_GC, ...level.gc };
  return {
    ...gc,
    nursery: level.gc?.nursery ?? defaultNursery(level.memory - 1),
    slice: level.gc?.slice ?? gc.workPerTick,
  };
}

export interface CompiledLevel {
  source: Level;
  id: string;
  title: string;
  memory: number;
  usable: number;
  ticks: number;
  lookahead: number;
  ptrWidth: 1 | 2;
  values: CompiledValue[];
  indexOf: ReadonlyMap<string, number>;
  /** What each tick does, phase by phase (see program.ts). */
  program: Program;
  gc: GcSettings;
  weights: Weights;
  /** Some value is a secret or an attacker's input: only then can a read open a security hole. */
  holesPossible: boolean;
}

/**
 * One empty list shared by every empty part of a compiled level (a primitive's fields, a
 * tick with no set...): a big level has hundreds of thousands, each an allocation otherwise.
 */
const NONE: readonly never[] = Object.freeze([]);

/**
 * A primitive resolved and encoded once for every value or field that holds the same
 * value with the same type (a big level repeats most of its numbers and strings): fewer
 * objects made, and fewer kept for the garbage collector to move. Shared, so never changed.
 */
interface Encoded {
  prim: Primitive;
  bytes: readonly number[];
}
type EncodingCache = Map<string | undefined, Map<unknown, Encoded>>;

function encoded(cache: EncodingCache, value: unknown, type: string | undefined, id: string): Encoded {
  // A Map holds -0 and 0 under one key, but a float's sign is a bit of its own: -0 is never shared.
  const shared = !Object.is(value, -0);
  let byValue = cache.get(type);
  if (!byValue) cache.set(type, (byValue = new Map()));
  const known = shared ? byValue.get(value) : undefined;
  if (known) return known;
  const prim = must(resolvePrimitive(value, type), id);
  const out = { prim, bytes: encodePrimitive(prim) };
  if (shared) byValue.set(value, out);
  return out;
}

/**
 * Compiles a level that the validator accepted. Throws on an invalid one (a programming
 * error). `ids`: each value's index by id, when the validator's check gave them (made
 * here otherwise).
 */
export function compileLevel(level: Level, ids?: ReadonlyMap<string, number>): CompiledLevel {
  // Index loops throughout: a big level has hundreds of thousands of values, uses and
  // fields, and this runs once, mostly before V8 has optimised it, where each step of a
  // for-of or forEach makes an object of its own.
  const ptrWidth = pointerWidth(level.memory);
  const source = level.values;
  const indexOf = ids ?? indexOfIds(source);
  const cache: EncodingCache = new Map();
  const values: CompiledValue[] = [];
  for (let i = 0; i < source.length; i++) values.push(compileValue(level, nth(source, i), i, ptrWidth, indexOf, cache));
  const program = programOf(level.ticks, values, NONE);
  // A pointer written to a value at another's arrival, or by a set, touches it too.
  for (let i = 0; i < values.length; i++) {
    const v = nth(values, i);
    for (let k = 0; k < v.fields.length; k++) {
      const ref = nth(v.fields, k).ref;
      if (ref !== null) nth(values, ref).lastTouch = Math.max(nth(values, ref).lastTouch, v.arrive);
    }
  }
  compileSets(level, values, indexOf, program.sets as CompiledSet[][]);
  let holesPossible = false;
  for (let i = 0; i < values.length && !holesPossible; i++)
    holesPossible = nth(values, i).secret || nth(values, i).untrusted;
  return {
    source: level,
    id: level.id,
    title: level.title,
    memory: level.memory,
    usable: level.memory - 1,
    ticks: level.ticks,
    lookahead: level.lookahead ?? level.ticks,
    ptrWidth,
    values,
    indexOf,
    program,
    gc: gcSettings(level),
    weights: { ...DEFAULT_WEIGHTS, ...level.weights },
    holesPossible,
  };
}

function indexOfIds(values: Level['values']): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < values.length; i++) index.set(nth(values, i).id, i);
  return index;
}

/** One value: its bytes (a primitive's) or its fields' layout (a record's), its size and its ticks. */
function compileValue(
  level: Level,
  v: Level['values'][number],
  index: number,
  ptrWidth: 1 | 2,
  indexOf: ReadonlyMap<string, number>,
  cache: EncodingCache,
): CompiledValue {
  const drop = v.drop ?? level.ticks;
  const uses = v.uses ?? NONE;
  let prim: Primitive | null = null;
  let bytes: readonly number[] = NONE;
  // A record's layout; a primitive keeps the shared empty lists.
  let fields: CompiledField[] | typeof NONE = NONE;
  let pointerOffsets: number[] | typeof NONE = NONE;
  let pointerFields: number[] | typeof NONE = NONE;
  let size = 0;
  if (v.fields) {
    // Each list made at its length: a list grown by push from empty keeps room for 16 more
    // items, and copying it to its length made a list of garbage a record.
    const count = v.fields.length;
    let pointers = 0;
    for (let fi = 0; fi < count; fi++) if (isPointer(nth(v.fields, fi))) pointers++;
    const fs: CompiledField[] = new Array(count);
    const offsets = new Array<number>(pointers);
    const slots = new Array<number>(pointers);
    for (let fi = 0, p = 0; fi < count; fi++) {
      const f = nth(v.fields, fi);
      const name = f.name ?? String(fi);
      if (isPointer(f)) {
        offsets[p] = size;
        slots[p++] = fi;
        const ref = f.ref === null ? null : indexOf.get(f.ref as string)!;
        fs[fi] = { name, offset: size, size: ptrWidth, prim: null, bytes: NONE, ref };
        size += ptrWidth;
      } else {
        const e = encoded(cache, f.value, f.type, v.id);
        fs[fi] = { name, offset: size, size: e.bytes.length, prim: e.prim, bytes: e.bytes, ref: null };
        size += e.bytes.length;
      }
    }
    fields = fs;
    pointerOffsets = pointers > 0 ? offsets : NONE;
    pointerFields = pointers > 0 ? slots : NONE;
  } else {
    const e = encoded(cache, v.value, v.type, v.id);
    prim = e.prim;
    bytes = e.bytes;
    size = bytes.length;
  }
  const last = uses.length > 0 ? Math.max(v.arrive, nth(uses, uses.length - 1)) : v.arrive;
  return {
    id: v.id,
    index,
    arrive: v.arrive,
    uses,
    drop,
    size,
    secret: v.secret === true,
    untrusted: v.untrusted === true,
    prim,
    bytes,
    fields,
    pointerOffsets,
    pointerFields,
    lastTouch: last,
  };
}

/** The program's pointer writes, each at its tick (into `byTick`, whose lists are all NONE); a set touches both the record and its target. */
function compileSets(
  level: Level,
  values: CompiledValue[],
  indexOf: ReadonlyMap<string, number>,
  byTick: CompiledSet[][],
): void {
  for (const s of level.sets ?? []) {
    const rec = nth(values, indexOf.get(s.in)!);
    const fi = typeof s.field === 'number' ? s.field : rec.fields.findIndex((f) => f.name === s.field);
    const slot = rec.pointerFields.indexOf(fi);
    if (slot < 0) throw new Error(`set at tick ${s.tick}: ${s.in}.${s.field} is not a pointer field`);
    const to = s.to === null ? null : indexOf.get(s.to)!;
    const set: CompiledSet = { tick: s.tick, in: rec.index, slot, to };
    // A new list in place of the shared empty one, else the same list, grown.
    if ((byTick[s.tick] as readonly CompiledSet[]) === NONE) byTick[s.tick] = [set];
    else nth(byTick, s.tick).push(set);
    rec.lastTouch = Math.max(rec.lastTouch, s.tick);
    if (to !== null) nth(values, to).lastTouch = Math.max(nth(values, to).lastTouch, s.tick);
  }
}

/** A pointer field: one with a `ref` (an id, or null). */
const isPointer = (f: NonNullable<Level['values'][number]['fields']>[number]): boolean =>
  'ref' in f && f.ref !== undefined;

function must(p: Primitive | string, id: string): Primitive {
  if (typeof p === 'string') throw new Error(`value ${id}: ${p}`);
  return p;
}

/** The bytes a value should hold now (shared for a primitive: don't mutate), given where each pointer field points (value index) and where each value lives. */
export function expectedBytes(
  v: CompiledValue,
  targets: ReadonlyArray<number | null>,
  addrOf: (value: number) => number,
  ptrWidth: 1 | 2,
): readonly number[] {
  if (v.prim) return v.bytes;
  const out: number[] = [];
  let slot = 0;
  for (const f of v.fields) {
    if (f.prim) for (const b of f.bytes) out.push(b);
    else {
      const t = targets[slot++];
      const addr = t === null || t === undefined ? 0 : addrOf(t);
      for (const b of encodePointer(addr, ptrWidth)) out.push(b);
    }
  }
  return out;
}

/** Whether `mem` holds v's expected bytes (expectedBytes) from box `at`: compared in place, nothing made, as every read checks it. */
export function holdsExpected(
  v: CompiledValue,
  targets: ReadonlyArray<number | null>,
  addrOf: (value: number) => number,
  ptrWidth: 1 | 2,
  mem: ArrayLike<number>,
  at: number,
): boolean {
  if (v.prim) return sameAt(mem, at, v.bytes);
  let o = at;
  let slot = 0;
  for (const f of v.fields) {
    if (f.prim) {
      if (!sameAt(mem, o, f.bytes)) return false;
      o += f.bytes.length;
      continue;
    }
    const t = targets[slot++];
    const addr = t === null || t === undefined ? 0 : addrOf(t);
    if (mem[o++] !== (ptrWidth === 1 ? addr : addr & 0xff)) return false;
    if (ptrWidth === 2 && mem[o++] !== addr >> 8) return false;
  }
  return true;
}

/**
 * Writes v's expected bytes (expectedBytes) into `mem` from box `at`, nothing made, as
 * every arrival of a value that fits its block does; the caller has checked they fit.
 */
export function putExpected(
  v: CompiledValue,
  targets: ReadonlyArray<number | null>,
  addrOf: (value: number) => number,
  ptrWidth: 1 | 2,
  mem: Uint8Array,
  at: number,
): void {
  if (v.prim) {
    putAt(mem, at, v.bytes);
    return;
  }
  let o = at;
  let slot = 0;
  for (let k = 0; k < v.fields.length; k++) {
    const f = v.fields[k] as CompiledField;
    if (f.prim) {
      putAt(mem, o, f.bytes);
      o += f.bytes.length;
      continue;
    }
    const t = targets[slot++];
    const addr = t === null || t === undefined ? 0 : addrOf(t);
    mem[o++] = ptrWidth === 1 ? addr : addr & 0xff;
    if (ptrWidth === 2) mem[o++] = addr >> 8;
  }
}

/** Writes `bytes` into `mem` from box `at` (an index loop: a value's bytes are few). */
function putAt(mem: Uint8Array, at: number, bytes: readonly number[]): void {
  for (let i = 0; i < bytes.length; i++) mem[at + i] = bytes[i] as number;
}

/** Whether `mem` holds `bytes` from box `at` (an index loop: this runs on every read). */
function sameAt(mem: ArrayLike<number>, at: number, bytes: readonly number[]): boolean {
  for (let i = 0; i < bytes.length; i++) if (mem[at + i] !== bytes[i]) return false;
  return true;
}
