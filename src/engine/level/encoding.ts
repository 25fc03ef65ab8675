// Values ↔ bytes. Pure: no I/O, no clock. Every step is explicit on
// purpose, because the encoder ring shows these steps to the player.
import { nth } from '../invariant.js';

export type IntType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32';
export type FloatType = 'f32' | 'f64';
export type NumType = IntType | FloatType;
export type PrimitiveType = NumType | 'bool' | 'char' | 'string';
/** A primitive with its resolved type. */
export interface Primitive {
  type: PrimitiveType;
  value: number | boolean | string;
}

const INT_RANGE: Record<IntType, [min: number, max: number, size: number]> = {
  u8: [0, 0xff, 1],
  i8: [-0x80, 0x7f, 1],
  u16: [0, 0xffff, 2],
  i16: [-0x8000, 0x7fff, 2],
  u32: [0, 0xffffffff, 4],
  i32: [-0x80000000, 0x7fffffff, 4],
};
const FIXED_SIZE: Record<NumType | 'bool', number> = {
  u8: 1,
  i8: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  f32: 4,
  f64: 8,
  bool: 1,
};
const TYPES: readonly string[] = [...Object.keys(FIXED_SIZE), 'char', 'string'];
const MAX_STRING_READ = 4096;

const isInt = (t: string): t is IntType => t in INT_RANGE;

// ---------- resolving level JSON ----------

/** Why a level's value cannot be a primitive of its type, in a sentence. */
export interface PrimitiveProblem {
  problem: string;
}

/**
 * The type a level's value takes (its own \`type\`, or the one its value implies), or why it
 * can take none. Validation asks only this, and a value's size, of many thousands of values:
 * no primitive is made for each.
 */
export function resolveType(value: unknown, type?: string): PrimitiveType | PrimitiveProblem {
  if (type !== undefined && !TYPES.includes(type)) {
    return { problem: `Unknown type "${type}": use one of ${TYPES.join(', ')}.` };
  }
  if (typeof value === 'boolean') {
    if (type === undefined || type === 'bool') return 'bool';
    return { problem: `${value} is a boolean, so its type must be bool, not ${type}.` };
  }
  if (typeof value === 'string') {
    // The string is quoted (JSON.stringify) only for a problem: a level holds many thousands.
    const points = codePoints(value);
    if (points < 0)
      return { problem: `${JSON.stringify(value)} contains half of a surrogate pair, which UTF-8 cannot encode.` };
    if (type === 'char') {
      if (points !== 1)
        return { problem: `A char holds exactly one code point, but ${JSON.stringify(value)} has ${points}.` };
      return 'char';
    }
    if (type === undefined || type === 'string') {
      // A 0 inside would end the C string early: the rest could never be read back.
      if (value.includes('\0'))
        return { problem: `${JSON.stringify(value)} contains the 0 character, which would end the string early.` };
      return 'string';
    }
    return { problem: `${JSON.stringify(value)} is text, so its type must be string or char, not ${type}.` };
  }
  if (typeof value === 'number') {
    if (type === undefined) {
      if (Number.isInteger(value) && value >= 0 && value <= 255) return 'u8';
      if (Number.isInteger(value) && value >= INT_RANGE.i32[0] && value <= INT_RANGE.i32[1]) return 'i32';
      return 'f64';
    }
    if (isInt(type)) {
      // Indexed, not destructured: destructuring runs the array's iterator, for every value of a level.
      const range = INT_RANGE[type];
      const min = range[0];
      const max = range[1];
      if (!Number.isInteger(value)) return { problem: `${value} is not a whole number, so it cannot be ${type}.` };
      if (value < min || value > max) return { problem: `${value} does not fit in ${type} (${min} to ${max}).` };
      return type;
    }
    if (type === 'f32') {
      if (Number.isFinite(value) && !Number.isFinite(Math.fround(value)))
        return { problem: `${value} is too large for f32.` };
      return type;
    }
    if (type === 'f64') return type;
    return { problem: `${value} is a number, so its type cannot be ${type}.` };
  }
  return { problem: 'A value must be a number, true or false, or a string.' };
}

/** A level's value resolved to a primitive, or why it cannot be one. */
export function resolvePrimitive(value: unknown, type?: string): Primitive | string {
  const t = resolveType(value, type);
  return typeof t === 'string' ? { type: t, value: value as Primitive['value'] } : t.problem;
}

// ---------- UTF-8, by hand ----------

/** How many code points a string holds (a surrogate pair is one); -1 if it holds half of a pair. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff || i + 1 >= s.length) return -1;
    const low = s.charCodeAt(i + 1);
    if (low < 0xdc00 || low > 0xdfff) return -1;
    i++;
  }
  return n;
}

/** How many bytes `utf8` makes of a string, without making them (a lone surrogate as U+FFFD's 3). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of one code point. Surrogates can't be encoded: they become U+FFFD, as TextEncoder does. */
function utf8CodePoint(cp: number): number[] {
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}
/** UTF-8 bytes of a string, code point by code point (a lone surrogate as U+FFFD). One array, no array per character: long strings are common. */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    for (const b of utf8CodePoint(cp)) out.push(b);
  }
  return out;
}

/** How many bytes a lead byte announces by its top bits (1 for anything that isn't a lead). */
function announcedLength(lead: number): number {
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 1;
}

/** Decode UTF-8; every byte that doesn't start a valid sequence becomes U+FFFD on its own. */
function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const lead = nth(bytes, i);
    if (lead < 0x80) {
      out += String.fromCodePoint(lead);
      i++;
      continue;
    }
    const n = announcedLength(lead);
    let cp = n === 1 ? -1 : lead & (0xff >> (n + 1));
    for (let k = 1; k < n && cp >= 0; k++) {
      const b = bytes[i + k];
      cp = b !== undefined && (b & 0xc0) === 0x80 ? (cp << 6) | (b & 0x3f) : -1;
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not valid UTF-8.
    const min = nth([0, 0, 0x80, 0x800, 0x10000], n);
    const ok = cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    out += ok ? String.fromCodePoint(cp) : '\ufffd';
    i += ok ? n : 1;
  }
  return out;
}

// ---------- encoding ----------

function numberOf(p: Primitive): number {
  if (typeof p.value !== 'number') throw new TypeError(`${p.type} needs a number, got ${typeof p.value}`);
  return p.value;
}

/** One scratch view for every number encoded: a compiled level encodes each of its values. */
const SCRATCH = new DataView(new ArrayBuffer(8));

/** Bytes of a primitive: little-endian, two's complement, IEEE 754, UTF-8, bool 0/1, C string. */
export function encodePrimitive(p: Primitive): number[] {
  if (p.type === 'bool') return [p.value ? 1 : 0];
  if (p.type === 'char' || p.type === 'string') {
    const bytes = utf8(String(p.value));
    if (p.type === 'string') bytes.push(0);
    return bytes;
  }
  const v = numberOf(p);
  const view = SCRATCH;
  switch (p.type) {
    case 'u8':
      view.setUint8(0, v);
      break;
    case 'i8':
      view.setInt8(0, v);
      break;
    case 'u16':
      view.setUint16(0, v, true);
      break;
    case 'i16':
      view.setInt16(0, v, true);
      break;
    case 'u32':
      view.setUint32(0, v, true);
      break;
    case 'i32':
      view.setInt32(0, v, true);
      break;
    case 'f32':
      view.setFloat32(0, v, true);
      break;
    case 'f64':
      view.setFloat64(0, v, true);
      break;
  }
  const out = new Array<number>(FIXED_SIZE[p.type]);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint8(i);
  return out;
}

/** How many boxes a primitive's encoding takes (`encodePrimitive(p).length`, without encoding it). */
export function primitiveSize(p: Primitive): number {
  return sizeOfType(p.type, p.value);
}

/** How many boxes `value` takes as a `type` (one resolveType gave it). */
export function sizeOfType(type: PrimitiveType, value: unknown): number {
  if (type === 'char') return utf8Length(String(value));
  if (type === 'string') return utf8Length(String(value)) + 1;
  return FIXED_SIZE[type];
}

// ---------- pointers ----------

export function pointerWidth(memorySize: number): 1 | 2 {
  return memorySize <= 256 ? 1 : 2;
}

export function encodePointer(addr: number, width: 1 | 2): number[] {
  if (!Number.isInteger(addr) || addr < 0 || addr >= 256 ** width) {
    throw new RangeError(`address ${addr} does not fit in a ${width}-box pointer`);
  }
  return width === 1 ? [addr] : [addr & 0xff, addr >> 8];
}

export function decodePointer(bytes: ArrayLike<number>, at: number, width: 1 | 2): number {
  return width === 1 ? byteAt(bytes, at) : byteAt(bytes, at) | (byteAt(bytes, at + 1) << 8);
}

// ---------- decoding what a program reads ----------

export interface Decoded {
  value: number | boolean | string;
  bytes: number[];
  text: string;
}

/** A box's byte; outside memory reads as 0 rather than throwing. */
function byteAt(mem: ArrayLike<number>, i: number): number {
  return i >= 0 && i < mem.length ? (mem[i] ?? 0) & 0xff : 0;
}

export function decodePrimitive(mem: ArrayLike<number>, at: number, type: PrimitiveType): Decoded {
  let bytes: number[];
  let value: number | boolean | string;
  if (type === 'string') {
    // A C string knows no length: read until a 0 box, whoever owns the boxes.
    bytes = [];
    for (let i = at; i < mem.length && bytes.length < MAX_STRING_READ; i++) {
      const b = byteAt(mem, i);
      bytes.push(b);
      if (b === 0) break;
    }
    value = utf8Decode(bytes.at(-1) === 0 ? bytes.slice(0, -1) : bytes);
  } else {
    const size = type === 'char' ? announcedLength(byteAt(mem, at)) : FIXED_SIZE[type];
    bytes = Array.from({ length: size }, (_, k) => byteAt(mem, at + k));
    value = type === 'char' ? utf8Decode(bytes) : type === 'bool' ? bytes[0] !== 0 : readNumber(bytes, type);
  }
  return { value, bytes, text: showPrimitive({ type, value }) };
}

function readNumber(bytes: number[], type: NumType): number {
  const view = new DataView(Uint8Array.from(bytes).buffer);
  switch (type) {
    case 'u8':
      return view.getUint8(0);
    case 'i8':
      return view.getInt8(0);
    case 'u16':
      return view.getUint16(0, true);
    case 'i16':
      return view.getInt16(0, true);
    case 'u32':
      return view.getUint32(0, true);
    case 'i32':
      return view.getInt32(0, true);
    case 'f32':
      return view.getFloat32(0, true);
    case 'f64':
      return view.getFloat64(0, true);
  }
}

/**
 * A string in quotes as the game shows it: JSON's escapes, and also the C1 controls and the
 * bidirectional controls (which JSON leaves raw), so no byte of a value acts on a terminal.
 */
export function quoted(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** How the game shows a value. */
export function showPrimitive(p: Primitive): string {
  if (p.type === 'char' || p.type === 'string') return quoted(String(p.value));
  if (typeof p.value !== 'number') return String(p.value);
  if (Object.is(p.value, -0) && (p.type === 'f32' || p.type === 'f64')) return '-0'; // its sign bit is set, so say so
  if (p.type === 'f32') return String(Number(Math.fround(p.value).toPrecision(7)));
  return String(p.value);
}

// ---------- the encoder ring ----------

export interface RingRow {
  label: string;
  codePoint?: string;
  bytes: number[];
  bits: string[];
}
export interface EncoderRing {
  value: string;
  type: PrimitiveType;
  rows: RingRow[];
  note?: string;
}

const row = (label: string, bytes: number[], codePoint?: string): RingRow => ({
  label,
  ...(codePoint ? { codePoint } : {}),
  bytes,
  bits: bytes.map(toBits),
});
const uPlus = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
/** Control characters would be invisible as labels, so show their escape instead. */
const visible = (c: string) =>
  /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(c) ? quoted(c).slice(1, -1) : c;

export function encoderRing(p: Primitive): EncoderRing {
  const value = showPrimitive(p);
  if (p.type === 'char' || p.type === 'string') {
    const rows = [...String(p.value)].map((c) => {
      const cp = c.codePointAt(0)!;
      return row(visible(c), utf8CodePoint(cp), uPlus(cp));
    });
    if (p.type === 'char') {
      return {
        value,
        type: p.type,
        rows,
        note: 'UTF-8 uses 1 byte up to U+007F, 2 up to U+07FF, 3 up to U+FFFF, else 4. A char has no terminator.',
      };
    }
    rows.push(row('end', [0]));
    return {
      value,
      type: p.type,
      rows,
      note: 'A C string: the UTF-8 bytes of each character, then one 0 box to mark the end.',
    };
  }
  const bytes = encodePrimitive(p);
  const ring = { value, type: p.type, rows: [row(value, bytes)] };
  if (p.type === 'bool') return { ...ring, note: 'true is stored as 1, false as 0.' };
  const order = bytes.length > 1 ? ', lowest byte first' : '';
  if (isInt(p.type)) {
    const v = numberOf(p);
    const bits = bytes.length * 8;
    const unsigned = v < 0 ? v + 2 ** bits : v;
    const hex =
      '0x' +
      unsigned
        .toString(16)
        .toUpperCase()
        .padStart(bytes.length * 2, '0');
    const how =
      v < 0 ? `${v} is negative, so it is stored as 2^${bits} − ${-v} = ${unsigned} (two's complement)` : `${v}`;
    return { ...ring, note: `${p.type}: ${how} = ${hex}${order}.` };
  }
  return { ...ring, note: `${floatNote(p.type as FloatType, numberOf(p), bytes) + order}.` };
}

/** Sign, exponent and mantissa of an IEEE 754 float, read back from its bytes. */
function floatNote(type: FloatType, v: number, bytes: number[]): string {
  const view = new DataView(Uint8Array.from(bytes).buffer);
  const [expBits, fracBits, bias] = type === 'f32' ? [8, 23, 127] : [11, 52, 1023];
  const hi = view.getUint32(bytes.length - 4, true);
  const sign = hi >>> 31;
  const exp = (hi >>> (31 - expBits)) & ((1 << expBits) - 1);
  const frac = type === 'f32' ? hi & 0x7fffff : (hi & 0xfffff) * 2 ** 32 + view.getUint32(0, true); // < 2^52, so exact
  const rounded =
    type === 'f32' && Math.fround(v) !== v && !Number.isNaN(v)
      ? ` ${v} is not exact, the nearest f32 is ${Math.fround(v)};`
      : '';
  const head = `${type}:${rounded} sign ${sign} (${sign ? '−' : '+'}), exponent ${exp}, mantissa ${frac}/2^${fracBits}`;
  const s = sign ? '−' : '';
  const m = `${s}${1 + frac / 2 ** fracBits}`;
  let meaning: string;
  if (exp === (1 << expBits) - 1) meaning = frac === 0 ? `${s}infinity` : 'not a number (NaN)';
  else if (exp === 0) meaning = frac === 0 ? `${s}zero` : `subnormal: ${s}(${frac}/2^${fracBits}) × 2^${1 - bias}`;
  else meaning = `${m} × 2^(${exp} − ${bias}) = ${m} × 2^${exp - bias}`;
  return `${head} → ${meaning}`;
}

// ---------- lenses for one box ----------

export type Lens = 'binary' | 'hex' | 'decimal' | 'char';

export function toBits(b: number): string {
  return (b & 0xff).toString(2).padStart(8, '0');
}
export function toHex(b: number): string {
  return (b & 0xff).toString(16).toUpperCase().padStart(2, '0');
}

export function formatByte(b: number, lens: Lens): string {
  b &= 0xff;
  switch (lens) {
    case 'binary':
      return toBits(b);
    case 'hex':
      return toHex(b);
    case 'decimal':
      return String(b).padStart(3);
    case 'char':
      return b === 0 ? '∅' : b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '·';
  }
}
