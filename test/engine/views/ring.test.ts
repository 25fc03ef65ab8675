// The encoder ring of a record and of a read, composed from the primitives' own rings:
// each field's rows under its name, each pointer as the address it holds (NULL as 0),
// the note in the right number, and a read's sources, leak and attack.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { encoderRing, encodePointer, toBits } from '../../../src/engine/level/encoding.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { playCommands } from '../../../src/engine/run/headless.js';
import { initialState } from '../../../src/engine/run/state.js';
import { decodeRead, ringAtHand, ringOf } from '../../../src/engine/views/ring.js';

const json = (memory: number): Level =>
  ({
    id: 'ring',
    title: 'Ring',
    memory,
    ticks: 2,
    values: [
      { id: 'a', value: 5, type: 'u8', arrive: 0, uses: [1] },
      { id: 'b', value: 6, type: 'u8', arrive: 0, uses: [1] },
      {
        id: 'rec',
        fields: [
          { name: 's', value: 'hi' },
          { name: 'first', ref: 'b' },
          { name: 'none', ref: null },
          { name: 'second', ref: 'a' },
        ],
        arrive: 1,
        uses: [1],
      },
    ],
  }) as unknown as Level;

describe('ringOf a record', () => {
  it("shows each field's rows under its name and each pointer as the address it holds", () => {
    const level = compileLevel(json(32));
    const state = playCommands(level, ['malloc a', 'malloc b', 'step', 'malloc rec']).state;
    const rec = level.values[2]!;
    const ring = ringOf(level, state, 2, 'written', undefined, 1);
    const s = encoderRing(rec.fields[0]!.prim!);
    const pointer = (label: string, addr: number) => {
      const bytes = encodePointer(addr, 1);
      return { label, bytes, bits: bytes.map(toBits) };
    };
    expect(ring.segments).toEqual([
      // "s: h", then the rest of the string's rows as they are, code points and all.
      ...s.rows.map((r, i) => ({
        label: i === 0 ? `s: ${r.label}` : r.label,
        ...(r.codePoint ? { codePoint: r.codePoint } : {}),
        bytes: r.bytes,
        bits: r.bits,
      })),
      pointer('first: &b', 2),
      pointer('none: NULL', 0),
      pointer('second: &a', 1),
    ]);
    expect(ring.segments.slice(0, 3).map((r) => r.label)).toEqual(['s: h', 'i', 'end']);
    expect(ring.segments[0]!.codePoint).toBe('U+0068');
    expect(ring).toMatchObject({ id: 'rec', type: 'record', source: 'written', tick: 1 });
    expect(ring.note).toBe(
      'A record: its fields back to back; a pointer is the address of the block it points to (1 box, 0 is NULL).',
    );
    expect('read' in ring).toBe(false);
  });

  it('past 256 boxes a pointer takes two boxes, and the note says so', () => {
    const level = compileLevel(json(300));
    const ring = ringOf(level, initialState(level, false), 2, 'pending');
    expect(ring.note).toBe(
      'A record: its fields back to back; a pointer is the address of the block it points to (2 boxes, 0 is NULL).',
    );
    // Not placed yet: every pointer is 0 in two boxes.
    expect(ring.segments.slice(-3).map((r) => r.bytes)).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(ring.tick).toBe(1); // a pending value: the tick it arrives
  });

  it("a primitive's ring is its encoding's, with its note", () => {
    const level = compileLevel(json(32));
    const ring = ringOf(level, initialState(level, false), 0, 'pending');
    const own = encoderRing(level.values[0]!.prim!);
    expect(ring.segments).toEqual(own.rows.map((r) => ({ label: r.label, bytes: r.bytes, bits: r.bits })));
    expect(ring.note).toBe(own.note);
    expect(ring.type).toBe('u8');
  });
});

describe('a read in the ring', () => {
  const level = compileLevel({
    id: 'read',
    title: 'Read',
    memory: 16,
    ticks: 1,
    values: [
      { id: 'key', value: 'kk', arrive: 0, secret: true },
      { id: 'input', value: 'ii', arrive: 0, untrusted: true },
      { id: 'mine', value: 'mm', arrive: 0 },
    ],
  } as Level);
  const state = initialState(level, false);

  it('some of its bytes a secret wrote: leaked; some an attacker wrote: attacked', () => {
    const r = ringOf(level, state, 2, 'read', [109, 107, 0], 0, [2, 0, 1]);
    expect(r.read).toMatchObject({ text: '"mk"', expected: '"mm"', same: false, leaked: true, attacked: true });
    expect(r.read!.from.map((f) => f.writer)).toEqual(['mine', 'key', 'input']);
    expect(r.read!.bits).toEqual([109, 107, 0].map(toBits));
  });

  it('its own bytes: the same, nothing leaked; an untrusted value reading its own bytes is no attack', () => {
    const own = ringOf(level, state, 2, 'read', [109, 109, 0], 0, [2, 2, 2]);
    expect(own.read).toMatchObject({ text: '"mm"', same: true, leaked: false, attacked: false });
    const secretOwn = ringOf(level, state, 0, 'read', [107, 107, 0], 0, [0, 0, 0]);
    expect(secretOwn.read!.leaked).toBe(false);
    const untrusted = ringOf(level, state, 1, 'read', [105, 105, 0], 0, [1, 1, 1]);
    expect(untrusted.read!.attacked).toBe(false);
    // The text the program decoded, when the run kept it, is what the ring shows.
    expect(ringOf(level, state, 2, 'read', [109, 109, 0], 0, [2, 2, 2], '"m…"').read!.text).toBe('"m…"');
  });

  it('a read with no writers kept has no sources', () => {
    expect(ringOf(level, state, 2, 'read', [109, 109, 0], 0).read!.from).toEqual([]);
  });

  it('decodes a primitive as its type does', () => {
    expect(decodeRead(level, level.values[2]!, [104, 105, 0])).toBe('"hi"');
  });
});

describe('ringAtHand', () => {
  const level = compileLevel(json(32));

  it('the next value to need a block, until something is written or read', () => {
    expect(ringAtHand(level, initialState(level, false))).toMatchObject({ id: 'a', source: 'pending', tick: 0 });
    // A block alone writes nothing: the next without a block is at hand.
    expect(ringAtHand(level, playCommands(level, ['malloc a']).state)).toMatchObject({ id: 'b', source: 'pending' });
    const written = playCommands(level, ['malloc a', 'malloc b', 'step']).state;
    expect(ringAtHand(level, written)).toMatchObject({ id: 'b', source: 'written', tick: 0 });
    // The last thing done was a read: the ring shows it, with the bytes found and their writers.
    const read = playCommands(level, ['malloc a', 'malloc b', 'step']).state;
    read.focus = { value: 0, tick: 1, read: [5], readFrom: [0], readText: '5' };
    expect(ringAtHand(level, read)).toMatchObject({
      id: 'a',
      source: 'read',
      tick: 1,
      read: { bytes: [5], text: '5', same: true, from: [{ writer: 'a', boxes: 1, own: true }] },
    });
  });

  it('nothing at hand and nothing pending: none', () => {
    const state = initialState(level, false);
    state.tick = 2;
    expect(ringAtHand(level, state)).toBeNull();
  });
});
