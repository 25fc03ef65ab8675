// The edges of values ↔ bytes that the known vectors in encoding.test.ts step over: each
// range's first and last value, the exact sentences of a refused value, UTF-8 at every
// length boundary and every lead byte (against TextEncoder, and a decoder model built on
// the strict TextDecoder), the encoder ring's notes in full, and the lenses' edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePointer,
  decodePrimitive,
  encodePointer,
  encodePrimitive,
  encoderRing,
  formatByte,
  type Primitive,
  primitiveSize,
  quoted,
  resolvePrimitive,
  showPrimitive,
  toBits,
  toHex,
} from '../../src/engine/level/encoding.js';

function prim(value: unknown, type?: string): Primitive {
  const p = resolvePrimitive(value, type);
  if (typeof p === 'string') throw new Error(p);
  return p;
}

const utf8 = (s: string) => [...new TextEncoder().encode(s)];

describe('resolvePrimitive: a number with no type', () => {
  it.each([
    [0, 'u8'],
    [255, 'u8'],
    [256, 'i32'],
    [-1, 'i32'],
    [2 ** 31 - 1, 'i32'],
    [-(2 ** 31), 'i32'],
    [-(2 ** 31) - 1, 'f64'],
    [2 ** 31, 'f64'],
    [0.5, 'f64'],
    [254.5, 'f64'],
    [Number.NaN, 'f64'],
  ])('%d resolves to %s', (value, type) => {
    expect(resolvePrimitive(value)).toEqual({ type, value });
  });
});

describe('resolvePrimitive: each refusal in full', () => {
  it.each([
    [1, 'u64', 'Unknown type "u64": use one of u8, i8, u16, i16, u32, i32, f32, f64, bool, char, string.'],
    [true, 'u8', 'true is a boolean, so its type must be bool, not u8.'],
    [false, 'char', 'false is a boolean, so its type must be bool, not char.'],
    ['ab', 'char', 'A char holds exactly one code point, but "ab" has 2.'],
    ['', 'char', 'A char holds exactly one code point, but "" has 0.'],
    ['a\0b', undefined, '"a\\u0000b" contains the 0 character, which would end the string early.'],
    ['\0', 'string', '"\\u0000" contains the 0 character, which would end the string early.'],
    ['7', 'u8', '"7" is text, so its type must be string or char, not u8.'],
    ['x', 'bool', '"x" is text, so its type must be string or char, not bool.'],
    [1.5, 'i32', '1.5 is not a whole number, so it cannot be i32.'],
    [256, 'u8', '256 does not fit in u8 (0 to 255).'],
    [-1, 'u8', '-1 does not fit in u8 (0 to 255).'],
    [128, 'i8', '128 does not fit in i8 (-128 to 127).'],
    [-129, 'i8', '-129 does not fit in i8 (-128 to 127).'],
    [65536, 'u16', '65536 does not fit in u16 (0 to 65535).'],
    [-32769, 'i16', '-32769 does not fit in i16 (-32768 to 32767).'],
    [32768, 'i16', '32768 does not fit in i16 (-32768 to 32767).'],
    [2 ** 32, 'u32', '4294967296 does not fit in u32 (0 to 4294967295).'],
    [2 ** 31, 'i32', '2147483648 does not fit in i32 (-2147483648 to 2147483647).'],
    [1e39, 'f32', '1e+39 is too large for f32.'],
    [-1e39, 'f32', '-1e+39 is too large for f32.'],
    [65, 'char', '65 is a number, so its type cannot be char.'],
    [1, 'bool', '1 is a number, so its type cannot be bool.'],
    [1, 'string', '1 is a number, so its type cannot be string.'],
    [null, undefined, 'A value must be a number, true or false, or a string.'],
    [undefined, 'u8', 'A value must be a number, true or false, or a string.'],
  ])('%j as %s', (value, type, sentence) => {
    expect(resolvePrimitive(value, type)).toBe(sentence);
  });

  it('a lone surrogate anywhere is refused, whatever the type; its neighbours are not', () => {
    const sentence = (shown: string) => `${shown} contains half of a surrogate pair, which UTF-8 cannot encode.`;
    expect(resolvePrimitive('\ud800', 'char')).toBe(sentence('"\\ud800"'));
    expect(resolvePrimitive('\udfff', 'char')).toBe(sentence('"\\udfff"'));
    expect(resolvePrimitive('a\udbff')).toBe(sentence('"a\\udbff"'));
    expect(resolvePrimitive('\udc00b', 'string')).toBe(sentence('"\\udc00b"'));
    expect(resolvePrimitive('\ud800', 'u8')).toBe(sentence('"\\ud800"'));
    // A high half followed by a character past the low halves (U+E000) is still alone.
    expect(resolvePrimitive('\ud800\ue000')).toBe(sentence('"\\ud800\ue000"'));
    expect(resolvePrimitive('\ud7ff', 'char')).toEqual({ type: 'char', value: '\ud7ff' });
    expect(resolvePrimitive('\ue000', 'char')).toEqual({ type: 'char', value: '\ue000' });
    // A whole pair is one code point, not two halves.
    expect(resolvePrimitive('\ud83e\udd80', 'char')).toEqual({ type: 'char', value: '🦀' });
  });

  it('every type named accepts its own kind of value', () => {
    expect(resolvePrimitive(true, 'bool')).toEqual({ type: 'bool', value: true });
    expect(resolvePrimitive('é', 'string')).toEqual({ type: 'string', value: 'é' });
    expect(resolvePrimitive(2.5, 'f64')).toEqual({ type: 'f64', value: 2.5 });
    expect(resolvePrimitive(3.4028234663852886e38, 'f32')).toEqual({ type: 'f32', value: 3.4028234663852886e38 });
    // Infinity is no finite number made too large: f32 has an infinity of its own.
    expect(resolvePrimitive(Number.POSITIVE_INFINITY, 'f32')).toEqual({ type: 'f32', value: Infinity });
    expect(resolvePrimitive(Number.NaN, 'f32')).toEqual({ type: 'f32', value: Number.NaN });
    expect(resolvePrimitive(-128, 'i8')).toEqual({ type: 'i8', value: -128 });
    expect(resolvePrimitive(2 ** 32 - 1, 'u32')).toEqual({ type: 'u32', value: 2 ** 32 - 1 });
  });
});

describe('UTF-8 encoding at each length boundary', () => {
  it.each(
    (
      [
        [0x7f, [0x7f]],
        [0x80, [0xc2, 0x80]],
        [0x7ff, [0xdf, 0xbf]],
        [0x800, [0xe0, 0xa0, 0x80]],
        [0xd7ff, [0xed, 0x9f, 0xbf]],
        [0xe000, [0xee, 0x80, 0x80]],
        [0xffff, [0xef, 0xbf, 0xbf]],
        [0x10000, [0xf0, 0x90, 0x80, 0x80]],
        [0x10ffff, [0xf4, 0x8f, 0xbf, 0xbf]],
      ] as [number, number[]][]
    ).map(([cp, bytes]) => [cp.toString(16).toUpperCase().padStart(4, '0'), cp, bytes] as const),
  )('U+%s', (_, cp, bytes) => {
    const ch = String.fromCodePoint(cp);
    expect(utf8(ch)).toEqual(bytes); // the hand-worked bytes agree with TextEncoder
    expect(encodePrimitive(prim(ch, 'char'))).toEqual(bytes);
    expect(encodePrimitive(prim(`${ch}${ch}`))).toEqual([...bytes, ...bytes, 0]);
    expect(encoderRing(prim(ch, 'char')).rows[0]?.bytes).toEqual(bytes);
    expect(decodePrimitive([...bytes, 0], 0, 'string')).toMatchObject({ value: ch, bytes: [...bytes, 0] });
    expect(decodePrimitive(bytes, 0, 'char')).toMatchObject({ value: ch, bytes });
  });

  it('a surrogate that is not half of a pair encodes as U+FFFD, as TextEncoder does', () => {
    // resolvePrimitive refuses these; a primitive built by hand still encodes without throwing.
    for (const s of [
      '\ud800',
      '\udbff',
      '\udc00',
      '\udfff',
      'a\ud800',
      '\ud800a',
      '\ud800\ud800',
      '\udc00\udc00',
      '\udc00\ud800',
      '\ud7ff\udc00',
      '\ud800\ue000',
      '\ud800\udbff\udc00',
      '\udbff\udfff',
      '\ud800\udc00',
    ]) {
      expect(encodePrimitive({ type: 'string', value: s })).toEqual([...utf8(s), 0]);
    }
    expect(encodePrimitive({ type: 'string', value: '\udfff' })).toEqual([0xef, 0xbf, 0xbd, 0]);
    const ring = encoderRing({ type: 'char', value: '\ud800' });
    expect(ring.rows).toEqual([
      { label: '\ud800', codePoint: 'U+D800', bytes: [0xef, 0xbf, 0xbd], bits: expect.any(Array) },
    ]);
  });

  it('any UTF-16 code units, paired or not, encode as TextEncoder does', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0xd7f0, max: 0xe00f }),
      fc.constantFrom(0x7f, 0x80, 0x7ff, 0x800, 0xd800, 0xdbff, 0xdc00, 0xdfff),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const s = String.fromCharCode(...units);
        expect(encodePrimitive({ type: 'string', value: s })).toEqual([...utf8(s), 0]);
      }),
    );
  });
});

/** How many bytes a lead byte announces, by its value's range. */
const announced = (b: number) =>
  b >= 0xc0 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf7 ? 4 : 1;

/**
 * The decoder the game documents: a sequence the lead byte announces is taken whole when the
 * strict decoder accepts it, and otherwise the lead alone becomes U+FFFD.
 */
function modelDecode(bytes: number[]): string {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const n = announced(bytes[i]!);
    let ch = bytes[i]! < 0x80 ? String.fromCharCode(bytes[i]!) : '\ufffd';
    if (n > 1 && i + n <= bytes.length) {
      try {
        ch = strict.decode(Uint8Array.from(bytes.slice(i, i + n)));
      } catch {
        ch = '\ufffd';
      }
    }
    out += ch;
    i += ch === '\ufffd' ? 1 : n;
  }
  return out;
}

describe('UTF-8 decoding', () => {
  it('a char reads as many boxes as its lead byte announces, for every lead byte', () => {
    for (let lead = 0; lead < 256; lead++) {
      const read = decodePrimitive([lead, 0x80, 0x80, 0x80, 0x80], 0, 'char');
      expect(read.bytes).toEqual([lead, 0x80, 0x80, 0x80, 0x80].slice(0, announced(lead)));
      expect(read.value).toBe(modelDecode(read.bytes));
    }
  });

  it.each([
    ['the first 2-byte code point', [0xc2, 0x80], '\u0080'],
    ['an overlong 2-byte NUL', [0xc0, 0x80], '\ufffd\ufffd'],
    ['an overlong 2-byte U+007F', [0xc1, 0xbf], '\ufffd\ufffd'],
    ['the first 3-byte code point', [0xe0, 0xa0, 0x80], '\u0800'],
    ['an overlong 3-byte U+07FF', [0xe0, 0x9f, 0xbf], '\ufffd\ufffd\ufffd'],
    ['the last code point before the surrogates', [0xed, 0x9f, 0xbf], '\ud7ff'],
    ['the last surrogate', [0xed, 0xbf, 0xbf], '\ufffd\ufffd\ufffd'],
    ['the first code point after the surrogates', [0xee, 0x80, 0x80], '\ue000'],
    ['the first 4-byte code point', [0xf0, 0x90, 0x80, 0x80], '\u{10000}'],
    ['an overlong 4-byte U+FFFF', [0xf0, 0x8f, 0xbf, 0xbf], '\ufffd\ufffd\ufffd\ufffd'],
    ['the last code point', [0xf4, 0x8f, 0xbf, 0xbf], '\u{10ffff}'],
    ['a lead byte F8, which announces nothing', [0xf8, 0x41], '\ufffdA'],
    ['a lead cut short by a new lead', [0xc3, 0xc3, 0xa9], '\ufffdé'],
    ['a 4-byte lead with its last continuation missing', [0xf0, 0x9f, 0xa6, 0x41], '\ufffd\ufffd\ufffdA'],
  ])('%s', (_, bytes, value) => {
    expect(modelDecode(bytes)).toBe(value);
    expect(decodePrimitive([...bytes, 0], 0, 'string')).toMatchObject({ value, bytes: [...bytes, 0] });
  });

  it('any bytes decode as the model does', () => {
    const byte = fc.oneof(
      fc.integer({ min: 1, max: 255 }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xf7, 0xf8, 0x8f, 0x90, 0x9f, 0xa0),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 16 }), (bytes) => {
        expect(decodePrimitive([...bytes, 0], 0, 'string').value).toBe(modelDecode(bytes));
        expect(decodePrimitive(bytes, 0, 'string').value).toBe(modelDecode(bytes));
      }),
    );
  });

  it('a valid text decodes as TextDecoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (s) => {
        const bytes = utf8(s).filter((b) => b !== 0);
        expect(decodePrimitive([...bytes, 0], 0, 'string').value).toBe(
          new TextDecoder().decode(Uint8Array.from(bytes)),
        );
      }),
    );
  });
});

describe('sizes and code points, counted without encoding', () => {
  // Halves in every order, whole pairs, and plain text, so that two halves side by side are common.
  const unit = fc.oneof(
    fc.constantFrom('a', 'é', '€', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83e\udd80'),
    fc.string({ unit: 'binary', maxLength: 2 }),
  );
  const text = fc.array(unit, { maxLength: 4 }).map((parts) => parts.join(''));

  it("a text's size is its encoding's length, lone surrogates and all, as a string and as a char", () => {
    for (const s of ['\ud800', '\udc00x', '\ud83e\udd80', 'é€'])
      expect(primitiveSize({ type: 'string', value: s })).toBe(encodePrimitive({ type: 'string', value: s }).length);
    // Each length's first and last code unit, and a lone low half after a unit that is no
    // high half: counted against TextEncoder's bytes (lone halves as U+FFFD), plus the NUL.
    for (const s of ['\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', '\u0800\udc00', '\udc00\udc00', '\uffff\udc00'])
      expect(primitiveSize({ type: 'string', value: s }), JSON.stringify(s)).toBe(utf8(s).length + 1);
    fc.assert(
      fc.property(text, fc.constantFrom('string', 'char'), (s, type) => {
        const p = { type, value: s } as const;
        expect(primitiveSize(p)).toBe(encodePrimitive(p).length);
      }),
    );
  });

  it('a text is refused for half a surrogate pair, and a char for more or fewer than one code point, as counted by the string iterator', () => {
    const check = (s: string) => {
      const points = [...s];
      const lone = points.some((c) => {
        const cp = c.codePointAt(0) as number;
        return cp >= 0xd800 && cp <= 0xdfff;
      });
      const shown = JSON.stringify(s);
      const asChar = resolvePrimitive(s, 'char');
      if (lone) expect(asChar).toBe(`${shown} contains half of a surrogate pair, which UTF-8 cannot encode.`);
      else if (points.length !== 1)
        expect(asChar).toBe(`A char holds exactly one code point, but ${shown} has ${points.length}.`);
      else expect(asChar).toEqual({ type: 'char', value: s });
      expect(typeof resolvePrimitive(s, 'string') === 'string').toBe(lone || s.includes('\0'));
    };
    for (const s of ['\udc00\udc00', '\ud800\ud800', '\udc00\ud800', '\ud83e\udd80', 'a\udc00', '\ud800']) check(s);
    fc.assert(fc.property(text, check));
  });
});

describe('encoding what resolvePrimitive never makes', () => {
  it('a number type with a value that is not a number is a TypeError, never bytes', () => {
    expect(() => encodePrimitive({ type: 'u8', value: 'x' })).toThrow(new TypeError('u8 needs a number, got string'));
    expect(() => encodePrimitive({ type: 'f64', value: true })).toThrow(
      new TypeError('f64 needs a number, got boolean'),
    );
    expect(() => encoderRing({ type: 'i16', value: 'x' })).toThrow(TypeError);
  });

  it('a size is the number of bytes, terminator and all', () => {
    expect(primitiveSize(prim('é'))).toBe(3);
    expect(primitiveSize(prim('🦀', 'char'))).toBe(4);
    expect(primitiveSize(prim(1, 'f64'))).toBe(8);
    expect(primitiveSize(prim(1, 'u32'))).toBe(4);
    expect(primitiveSize(prim(true))).toBe(1);
  });
});

describe('pointers', () => {
  it('each width holds exactly its range of whole addresses', () => {
    expect(encodePointer(0, 1)).toEqual([0]);
    expect(encodePointer(255, 1)).toEqual([255]);
    expect(encodePointer(256, 2)).toEqual([0, 1]);
    expect(encodePointer(65535, 2)).toEqual([255, 255]);
    expect(() => encodePointer(65536, 2)).toThrow(new RangeError('address 65536 does not fit in a 2-box pointer'));
    expect(() => encodePointer(256, 1)).toThrow(new RangeError('address 256 does not fit in a 1-box pointer'));
    expect(() => encodePointer(-1, 1)).toThrow(new RangeError('address -1 does not fit in a 1-box pointer'));
    expect(() => encodePointer(1.5, 2)).toThrow(new RangeError('address 1.5 does not fit in a 2-box pointer'));
  });

  it('a box outside memory reads as 0, on either side', () => {
    expect(decodePointer([5, 6], -1, 2)).toBe(5 << 8);
    expect(decodePointer([5, 6], 0, 2)).toBe(5 + (6 << 8));
    expect(decodePointer([5, 6], 2, 1)).toBe(0);
    expect(decodePointer([5, 6], -1, 1)).toBe(0);
  });

  it('a box holds a byte: a larger number in an array reads as its low 8 bits, a hole as 0', () => {
    expect(decodePointer([0x1ff], 0, 1)).toBe(0xff);
    expect(decodePrimitive([300], 0, 'u8')).toMatchObject({ value: 44, bytes: [44] });
    const holed: ArrayLike<number> = { length: 2, 1: 7 };
    expect(decodePrimitive(holed, 0, 'u16')).toMatchObject({ value: 7 << 8, bytes: [0, 7] });
  });

  it('a string starting outside memory reads as empty', () => {
    expect(decodePrimitive([65, 0], -1, 'string')).toMatchObject({ value: '', bytes: [0] });
    expect(decodePrimitive([65, 66], 2, 'string')).toMatchObject({ value: '', bytes: [] });
  });
});

describe('quoted and shown', () => {
  it('escapes the C1 and bidirectional controls, and only those beyond JSON', () => {
    const escaped = [0x7f, 0x80, 0x9f, 0x61c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069];
    for (const cp of escaped) {
      expect(quoted(String.fromCharCode(cp))).toBe(`"\\u${cp.toString(16).padStart(4, '0')}"`);
    }
    for (const cp of [0x7e, 0xa0, 0x61b, 0x61d, 0x200d, 0x2010, 0x2027, 0x202f, 0x2065, 0x206a]) {
      expect(quoted(String.fromCharCode(cp))).toBe(`"${String.fromCharCode(cp)}"`);
    }
    expect(quoted('a\u202eb\u2066c')).toBe('"a\\u202eb\\u2066c"');
    expect(quoted('\n"')).toBe('"\\n\\""');
  });

  it('an integer never shows a sign for zero; a float does, as its sign bit is set', () => {
    expect(showPrimitive(prim(-0, 'i32'))).toBe('0');
    expect(showPrimitive(prim(-0))).toBe('0');
    expect(showPrimitive(prim(-0, 'f64'))).toBe('-0');
    expect(showPrimitive(prim(-0, 'f32'))).toBe('-0');
    expect(showPrimitive(prim(0, 'f64'))).toBe('0');
    expect(showPrimitive(prim(0, 'f32'))).toBe('0');
    expect(showPrimitive(prim(true))).toBe('true');
    expect(showPrimitive(prim(-3, 'i8'))).toBe('-3');
    expect(showPrimitive(prim(1 / 3, 'f32'))).toBe('0.3333333');
  });
});

describe('the encoder ring, note by note', () => {
  it('a char and a string', () => {
    expect(encoderRing(prim('é', 'char'))).toStrictEqual({
      value: '"é"',
      type: 'char',
      rows: [{ label: 'é', codePoint: 'U+00E9', bytes: [0xc3, 0xa9], bits: ['11000011', '10101001'] }],
      note: 'UTF-8 uses 1 byte up to U+007F, 2 up to U+07FF, 3 up to U+FFFF, else 4. A char has no terminator.',
    });
    expect(encoderRing(prim('a🦀'))).toStrictEqual({
      value: '"a🦀"',
      type: 'string',
      rows: [
        { label: 'a', codePoint: 'U+0061', bytes: [0x61], bits: ['01100001'] },
        {
          label: '🦀',
          codePoint: 'U+1F980',
          bytes: [0xf0, 0x9f, 0xa6, 0x80],
          bits: ['11110000', '10011111', '10100110', '10000000'],
        },
        { label: 'end', bytes: [0], bits: ['00000000'] },
      ],
      note: 'A C string: the UTF-8 bytes of each character, then one 0 box to mark the end.',
    });
  });

  it('an invisible character is labelled by its escape', () => {
    const labels = (s: string) => encoderRing(prim(s)).rows.map((r) => r.label);
    expect(labels('\t\u0085\u200e\u2028\u202a\u2069 x')).toEqual([
      '\\t',
      '\\u0085',
      '\\u200e',
      '\\u2028',
      '\\u202a',
      '\\u2069',
      ' ',
      'x',
      'end',
    ]);
    expect(labels('\u00a0\u200d')).toEqual(['\u00a0', '\u200d', 'end']);
  });

  it('a bool', () => {
    expect(encoderRing(prim(false))).toStrictEqual({
      value: 'false',
      type: 'bool',
      rows: [{ label: 'false', bytes: [0], bits: ['00000000'] }],
      note: 'true is stored as 1, false as 0.',
    });
  });

  it.each([
    [42, 'u8', 'u8: 42 = 0x2A.'],
    [0, 'i8', 'i8: 0 = 0x00.'],
    [-1, 'i8', "i8: -1 is negative, so it is stored as 2^8 − 1 = 255 (two's complement) = 0xFF."],
    [-128, 'i8', "i8: -128 is negative, so it is stored as 2^8 − 128 = 128 (two's complement) = 0x80."],
    [1, 'u16', 'u16: 1 = 0x0001, lowest byte first.'],
    [
      -2,
      'i16',
      "i16: -2 is negative, so it is stored as 2^16 − 2 = 65534 (two's complement) = 0xFFFE, lowest byte first.",
    ],
    [0xabcdef, 'u32', 'u32: 11259375 = 0x00ABCDEF, lowest byte first.'],
    [
      -(2 ** 31),
      'i32',
      "i32: -2147483648 is negative, so it is stored as 2^32 − 2147483648 = 2147483648 (two's complement) = 0x80000000, lowest byte first.",
    ],
  ])('%d as %s', (value, type, note) => {
    const ring = encoderRing(prim(value, type));
    expect(ring.note).toBe(note);
    expect(ring.rows).toStrictEqual([
      { label: String(value), bytes: encodePrimitive(prim(value, type)), bits: expect.any(Array) },
    ]);
  });

  it.each([
    // 3.5 = 1.75 × 2^1: exponent 1 + 127, mantissa 0.75 × 2^23.
    [3.5, 'f32', 'f32: sign 0 (+), exponent 128, mantissa 6291456/2^23 → 1.75 × 2^(128 − 127) = 1.75 × 2^1'],
    // 1.5 = 1.5 × 2^0: mantissa 0.5 × 2^52, all in the high word.
    [1.5, 'f64', 'f64: sign 0 (+), exponent 1023, mantissa 2251799813685248/2^52 → 1.5 × 2^(1023 − 1023) = 1.5 × 2^0'],
    // 1 + 2^-52: the last bit of the low word.
    [
      1 + 2 ** -52,
      'f64',
      'f64: sign 0 (+), exponent 1023, mantissa 1/2^52 → 1.0000000000000002 × 2^(1023 − 1023) = 1.0000000000000002 × 2^0',
    ],
    [-0.75, 'f32', 'f32: sign 1 (−), exponent 126, mantissa 4194304/2^23 → −1.5 × 2^(126 − 127) = −1.5 × 2^-1'],
    [0, 'f32', 'f32: sign 0 (+), exponent 0, mantissa 0/2^23 → zero'],
    [-0, 'f64', 'f64: sign 1 (−), exponent 0, mantissa 0/2^52 → −zero'],
    [Infinity, 'f32', 'f32: sign 0 (+), exponent 255, mantissa 0/2^23 → infinity'],
    [-Infinity, 'f64', 'f64: sign 1 (−), exponent 2047, mantissa 0/2^52 → −infinity'],
    [Number.NaN, 'f32', 'f32: sign 0 (+), exponent 255, mantissa 4194304/2^23 → not a number (NaN)'],
    [Number.NaN, 'f64', 'f64: sign 0 (+), exponent 2047, mantissa 2251799813685248/2^52 → not a number (NaN)'],
    [2 ** -149, 'f32', 'f32: sign 0 (+), exponent 0, mantissa 1/2^23 → subnormal: (1/2^23) × 2^-126'],
    [-(2 ** -1074), 'f64', 'f64: sign 1 (−), exponent 0, mantissa 1/2^52 → subnormal: −(1/2^52) × 2^-1022'],
    [
      0.1,
      'f32',
      'f32: 0.1 is not exact, the nearest f32 is 0.10000000149011612; sign 0 (+), exponent 123, mantissa 5033165/2^23 → 1.600000023841858 × 2^(123 − 127) = 1.600000023841858 × 2^-4',
    ],
  ])('%d as %s', (value, type, note) => {
    expect(encoderRing(prim(value, type)).note).toBe(`${note}, lowest byte first.`);
  });

  it('f64 0.1 is exact as f64: no rounding is mentioned', () => {
    expect(encoderRing(prim(0.1, 'f64')).note).toMatch(
      /^f64: sign 0 \(\+\), exponent 1019, mantissa 2702159776422298\/2\^52 → /,
    );
  });
});

describe('lenses', () => {
  it('only the low byte is shown', () => {
    expect(toBits(-1)).toBe('11111111');
    expect(toBits(0x100)).toBe('00000000');
    expect(toHex(0x1ab)).toBe('AB');
    expect(formatByte(0x148, 'char')).toBe('H');
    expect(formatByte(300, 'decimal')).toBe(' 44');
    expect(formatByte(0x100, 'char')).toBe('∅');
    expect(formatByte(0x1ff, 'hex')).toBe('FF');
    expect(formatByte(-1, 'binary')).toBe('11111111');
  });

  it('the char lens shows printable ASCII from space to tilde, and a dot otherwise', () => {
    expect(formatByte(0x1f, 'char')).toBe('·');
    expect(formatByte(0x20, 'char')).toBe(' ');
    expect(formatByte(0x7e, 'char')).toBe('~');
    expect(formatByte(0x7f, 'char')).toBe('·');
    expect(formatByte(1, 'char')).toBe('·');
    expect(formatByte(0, 'decimal')).toBe('  0');
  });
});
