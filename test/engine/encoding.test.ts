import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodePointer,
  decodePrimitive,
  encodePointer,
  encodePrimitive,
  encoderRing,
  formatByte,
  pointerWidth,
  primitiveSize,
  resolvePrimitive,
  showPrimitive,
  toBits,
  toHex,
  type IntType,
  type Primitive,
  type PrimitiveType,
} from '../../src/engine/level/encoding.js';

/** Resolve or fail the test: the vectors below are all valid. */
function prim(value: unknown, type?: string): Primitive {
  const p = resolvePrimitive(value, type);
  if (typeof p === 'string') throw new Error(p);
  return p;
}

/** Encode into a fresh memory at `at` and read it back as the same type. */
function roundTrip(p: Primitive, at = 3, memSize = 64) {
  const mem = new Uint8Array(memSize).fill(0xaa);
  const bytes = encodePrimitive(p);
  mem.set(bytes, at);
  return { bytes, read: decodePrimitive(mem, at, p.type) };
}

const VECTORS: [value: unknown, type: string | undefined, resolved: PrimitiveType, bytes: number[]][] = [
  ['H', undefined, 'string', [72, 0]],
  ['H', 'char', 'char', [72]],
  ['é', 'char', 'char', [0xc3, 0xa9]],
  ['🦀', 'char', 'char', [0xf0, 0x9f, 0xa6, 0x80]],
  ['€', 'char', 'char', [0xe2, 0x82, 0xac]],
  [-40, 'i16', 'i16', [0xd8, 0xff]],
  [3.5, 'f32', 'f32', [0, 0, 0x60, 0x40]],
  [70000, 'i32', 'i32', [0x70, 0x11, 0x01, 0x00]],
  [1.5, undefined, 'f64', [0, 0, 0, 0, 0, 0, 0xf8, 0x3f]],
  [42, undefined, 'u8', [42]],
  [-1, undefined, 'i32', [255, 255, 255, 255]],
  [300, undefined, 'i32', [0x2c, 0x01, 0, 0]],
  [2 ** 31, undefined, 'f64', [0, 0, 0, 0, 0, 0, 0xe0, 0x41]],
  ['Hi', undefined, 'string', [72, 105, 0]],
  ['', 'string', 'string', [0]],
  [true, undefined, 'bool', [1]],
  [false, 'bool', 'bool', [0]],
  [65535, 'u16', 'u16', [0xff, 0xff]],
  [-128, 'i8', 'i8', [0x80]],
];

describe('known vectors', () => {
  it.each(VECTORS)('%j as %s → %s %j, and reads back', (value, type, resolved, bytes) => {
    const p = prim(value, type);
    expect(p).toEqual({ type: resolved, value });
    expect(encodePrimitive(p)).toEqual(bytes);
    expect(primitiveSize(p)).toBe(bytes.length);
    const { read } = roundTrip(p);
    expect(read.value).toEqual(value);
    expect(read.bytes).toEqual(bytes);
    expect(read.text).toBe(showPrimitive(p));
  });

  it('pointers: width by memory size, little-endian, round-trip', () => {
    expect(pointerWidth(8)).toBe(1);
    expect(pointerWidth(256)).toBe(1);
    expect(pointerWidth(257)).toBe(2);
    expect(pointerWidth(65536)).toBe(2);
    expect(encodePointer(0x1234, 2)).toEqual([0x34, 0x12]);
    expect(encodePointer(7, 1)).toEqual([7]);
    expect(decodePointer([9, 0x34, 0x12], 1, 2)).toBe(0x1234);
    expect(decodePointer([9, 200], 1, 1)).toBe(200);
    expect(decodePointer([9, 0x34], 1, 2)).toBe(0x34); // high byte past the end reads as 0
    expect(() => encodePointer(256, 1)).toThrow(RangeError);
    expect(() => encodePointer(-1, 2)).toThrow(RangeError);
  });
});

describe('decodePrimitive', () => {
  it('a C string whose terminator was overwritten reads on into the neighbour', () => {
    const mem = [0, ...encodePrimitive(prim('Hi')), ...encodePrimitive(prim('yo'))];
    expect(decodePrimitive(mem, 1, 'string').value).toBe('Hi');
    mem[3] = 33; // '!' over the 0 box
    const read = decodePrimitive(mem, 1, 'string');
    expect(read.value).toBe('Hi!yo');
    expect(read.bytes).toEqual([72, 105, 33, 121, 111, 0]);
  });

  it('a string with no terminator stops at the end of memory, and after 4096 boxes', () => {
    expect(decodePrimitive([0, 65, 66], 1, 'string')).toMatchObject({ value: 'AB', bytes: [65, 66] });
    const big = new Uint8Array(10000).fill(65);
    const read = decodePrimitive(big, 0, 'string');
    expect(read.bytes.length).toBe(4096);
    expect(read.value).toBe('A'.repeat(4096));
  });

  it('fixed-size reads past the end of memory see zeros', () => {
    expect(decodePrimitive([0, 0x34, 0x12], 1, 'i32')).toMatchObject({ value: 0x1234, bytes: [0x34, 0x12, 0, 0] });
  });

  it('invalid UTF-8 becomes U+FFFD per bad byte and never throws', () => {
    // Stray continuation, overlong "/", truncated €, then a valid "A".
    const mem = [0x80, 0xc0, 0xaf, 0xe2, 0x82, 0x41, 0];
    const read = decodePrimitive(mem, 0, 'string');
    expect(read.value).toBe(`${'\ufffd'.repeat(5)}A`);
    // Encoded surrogate (ED A0 80) and a code point past U+10FFFF (F4 90 80 80) are invalid too.
    expect(decodePrimitive([0xed, 0xa0, 0x80, 0], 0, 'string').value).toBe('\ufffd\ufffd\ufffd');
    expect(decodePrimitive([0xf4, 0x90, 0x80, 0x80], 0, 'char').value).toBe('\ufffd'.repeat(4));
  });

  it('a char reads as many boxes as its lead byte announces', () => {
    const mem = [0xe2, 0x82, 0xac, 0x41];
    expect(decodePrimitive(mem, 0, 'char')).toMatchObject({ value: '€', bytes: [0xe2, 0x82, 0xac], text: '"€"' });
    expect(decodePrimitive(mem, 3, 'char')).toMatchObject({ value: 'A', bytes: [0x41] });
    expect(decodePrimitive(mem, 1, 'char')).toMatchObject({ value: '\ufffd', bytes: [0x82] });
  });

  it('bool reads any nonzero box as true', () => {
    expect(decodePrimitive([7], 0, 'bool')).toMatchObject({ value: true, text: 'true' });
    expect(decodePrimitive([0], 0, 'bool')).toMatchObject({ value: false, text: 'false' });
  });
});

describe('resolvePrimitive errors', () => {
  it.each([
    [300, 'u8', /300 does not fit in u8/],
    [-1, 'u32', /does not fit in u32/],
    [1.5, 'i32', /not a whole number/],
    ['ab', 'char', /exactly one code point.*2/],
    ['', 'char', /exactly one code point/],
    ['e\u0301', 'char', /exactly one code point/], // e + combining accent: two code points
    ['7', 'u8', /text/],
    [65, 'char', /number/],
    [true, 'u8', /boolean/],
    [1, 'bool', /number/],
    [1, 'u64', /Unknown type "u64"/],
    [1e39, 'f32', /too large for f32/],
    ['a\0b', undefined, /0 character/],
    ['\ud800', 'char', /surrogate/],
    [null, undefined, /must be a number/],
    [[1], undefined, /must be a number/],
  ])('%j as %s is an error', (value, type, message) => {
    const r = resolvePrimitive(value, type);
    expect(typeof r).toBe('string');
    expect(r).toMatch(message);
  });
});

describe('showing values', () => {
  it('shows f32 as the nearest float32 with at most 7 significant digits', () => {
    expect(showPrimitive(prim(0.1, 'f32'))).toBe('0.1');
    expect(decodePrimitive(encodePrimitive(prim(0.1, 'f32')), 0, 'f32')).toMatchObject({
      value: Math.fround(0.1),
      text: '0.1',
    });
    expect(showPrimitive(prim(16777217, 'f32'))).toBe('16777220'); // 2^24 + 1 is not a float32
    expect(showPrimitive(prim(0.1, 'f64'))).toBe('0.1');
    expect(showPrimitive(prim(-0, 'f64'))).toBe('-0');
    expect(showPrimitive(prim('a"b'))).toBe('"a\\"b"');
  });

  it('lenses are fixed-width', () => {
    expect(toBits(72)).toBe('01001000');
    expect(toHex(72)).toBe('48');
    expect(toHex(0xac)).toBe('AC');
    expect(formatByte(72, 'binary')).toBe('01001000');
    expect(formatByte(10, 'hex')).toBe('0A');
    expect(formatByte(72, 'decimal')).toBe(' 72');
    expect(formatByte(255, 'decimal')).toBe('255');
    expect(formatByte(72, 'char')).toBe('H');
    expect(formatByte(0, 'char')).toBe('∅');
    expect(formatByte(0x7f, 'char')).toBe('·');
    expect(formatByte(0xc3, 'char')).toBe('·');
  });
});

describe('encoder ring', () => {
  it('"H" → U+0048 → 72 → 01001000', () => {
    const ring = encoderRing(prim('H', 'char'));
    expect(ring.value).toBe('"H"');
    expect(ring.rows).toEqual([{ label: 'H', codePoint: 'U+0048', bytes: [72], bits: ['01001000'] }]);
  });

  it('a string has one row per character, then the terminator', () => {
    const ring = encoderRing(prim('é\n'));
    expect(ring.rows.map((r) => [r.label, r.codePoint, r.bytes])).toEqual([
      ['é', 'U+00E9', [0xc3, 0xa9]],
      ['\\n', 'U+000A', [10]],
      ['end', undefined, [0]],
    ]);
    expect(ring.rows[0].bits).toEqual(['11000011', '10101001']);
  });

  it("numbers explain two's complement and float fields", () => {
    const neg = encoderRing(prim(-40, 'i16'));
    expect(neg.rows).toEqual([{ label: '-40', bytes: [0xd8, 0xff], bits: ['11011000', '11111111'] }]);
    expect(neg.note).toMatch(/2\^16 − 40 = 65496/);
    expect(neg.note).toMatch(/0xFFD8/);
    const f = encoderRing(prim(3.5, 'f32'));
    expect(f.note).toMatch(/sign 0.*exponent 128.*1\.75 × 2\^1/);
    expect(encoderRing(prim(-2, 'f64')).note).toMatch(/sign 1.*exponent 1024.*−1 × 2\^1/);
    expect(encoderRing(prim(0.1, 'f32')).note).toMatch(/0\.1 is not exact, the nearest f32 is 0\.100000001.*; sign 0/);
  });
});

describe('properties', () => {
  const INT_TYPES: [IntType, number, number][] = [
    ['u8', 0, 255],
    ['i8', -128, 127],
    ['u16', 0, 65535],
    ['i16', -32768, 32767],
    ['u32', 0, 2 ** 32 - 1],
    ['i32', -(2 ** 31), 2 ** 31 - 1],
  ];
  it.each(INT_TYPES)('every %s round-trips', (type, min, max) => {
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.nat(40), (v, at) => {
        const { bytes, read } = roundTrip(prim(v, type), at);
        expect(read.value).toBe(v);
        expect(read.bytes).toEqual(bytes);
      }),
    );
    expect(typeof resolvePrimitive(min - 1, type)).toBe('string');
    expect(typeof resolvePrimitive(max + 1, type)).toBe('string');
  });

  it('every f64 round-trips (NaN aside)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (v) => {
        expect(roundTrip(prim(v, 'f64')).read.value).toBe(v); // toBe is Object.is: keeps -0 apart
      }),
    );
  });

  it('every f32 round-trips', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (v) => {
        expect(roundTrip(prim(v, 'f32')).read.value).toBe(v);
      }),
    );
  });

  const noZero = (s: string) => !s.includes('\0');
  it.each(['grapheme', 'binary'] as const)('every string of %s units round-trips, matching TextEncoder', (unit) => {
    fc.assert(
      fc.property(fc.string({ unit }).filter(noZero), (s) => {
        const { bytes, read } = roundTrip(prim(s), 0, 4 * s.length + 8);
        expect(bytes).toEqual([...new TextEncoder().encode(s), 0]);
        expect(read.value).toBe(s);
        expect(read.bytes).toEqual(bytes);
      }),
    );
  });

  it('every single code point round-trips as a char', () => {
    const cp = fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff);
    fc.assert(
      fc.property(cp, (c) => {
        const ch = String.fromCodePoint(c);
        const { bytes, read } = roundTrip(prim(ch, 'char'));
        expect(read).toMatchObject({ value: ch, bytes });
      }),
    );
  });

  const ALL: PrimitiveType[] = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'f64', 'bool', 'char', 'string'];
  it('decodePrimitive never throws on random bytes, for every type and address', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(255), { maxLength: 40 }),
        fc.integer({ min: -2, max: 45 }),
        fc.constantFrom(...ALL),
        (bytes, at, type) => {
          const read = decodePrimitive(bytes, at, type);
          expect(typeof read.text).toBe('string');
          expect(read.bytes.every((b) => b >= 0 && b <= 255)).toBe(true);
          expect(() => encoderRing({ type, value: read.value })).not.toThrow();
        },
      ),
    );
  });
});
