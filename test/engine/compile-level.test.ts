// compileLevel, worked out by hand for one small level with every kind of part: each value's
// bytes, size, layout and ticks, when the oracle last touches it (its last read, a pointer
// written to it at another's arrival, a set into it or to it), the events tick by tick, and
// the settings with their defaults. And what it refuses: an invalid level is a programming error.
import { describe, expect, it } from 'vitest';
import {
  compileLevel,
  countAt,
  defaultNursery,
  expectedBytes,
  holdsExpected,
  tickEvents,
} from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { validateLevelText } from '../../src/engine/level/validate.js';

const LEVEL = {
  id: 'compiled',
  title: 'Compiled',
  memory: 300, // past 256 boxes: 2-box pointers
  ticks: 6,
  values: [
    { id: 's', value: 'Hi', arrive: 0, uses: [1], drop: 4, secret: true },
    { id: 'n', value: -2, type: 'i16', arrive: 1, untrusted: true },
    {
      id: 'r',
      fields: [{ name: 'p', ref: 's' }, { value: 7 }, { name: 'q', ref: null }, { name: 't', value: 'é' }],
      arrive: 2,
      uses: [2],
      drop: 5,
    },
  ],
  sets: [
    { tick: 4, in: 'r', field: 'q', to: 'n' },
    { tick: 3, in: 'r', field: 0, to: null },
  ],
  gc: { collector: 'copying' },
  weights: { bug: 5 },
} as unknown as Level;

describe('compileLevel', () => {
  const level = compileLevel(LEVEL);

  it('the level: sizes, pointer width, lookahead by default the whole program, ids to indexes', () => {
    expect(level.source).toBe(LEVEL);
    expect(level).toMatchObject({
      id: 'compiled',
      title: 'Compiled',
      memory: 300,
      usable: 299,
      ticks: 6,
      lookahead: 6,
      ptrWidth: 2,
    });
    expect([...level.indexOf]).toEqual([
      ['s', 0],
      ['n', 1],
      ['r', 2],
    ]);
    expect(compileLevel({ ...LEVEL, lookahead: 2, memory: 256 }).lookahead).toBe(2);
    // A read can open a hole only in a level with a secret or an attacker's input: either one is enough.
    expect(level.holesPossible).toBe(true);
    const only = (keep: 'secret' | 'untrusted' | null) =>
      compileLevel({
        ...LEVEL,
        values: LEVEL.values.map(({ secret, untrusted, ...v }) => ({
          ...v,
          ...(keep === 'secret' && secret ? { secret } : {}),
          ...(keep === 'untrusted' && untrusted ? { untrusted } : {}),
        })),
      }).holesPossible;
    expect([only('secret'), only('untrusted'), only(null)]).toEqual([true, true, false]);
    expect(compileLevel({ ...LEVEL, memory: 256 }).ptrWidth).toBe(1);
  });

  it('a primitive: its bytes, flags, drop, and last touch raised by a pointer written to it at arrival', () => {
    expect(level.values[0]).toStrictEqual({
      id: 's',
      index: 0,
      arrive: 0,
      uses: [1],
      drop: 4,
      size: 3,
      secret: true,
      untrusted: false,
      prim: { type: 'string', value: 'Hi' },
      bytes: [72, 105, 0],
      fields: [],
      pointerOffsets: [],
      pointerFields: [],
      lastTouch: 2, // its last read is at tick 1, but r arrives at tick 2 pointing to it
    });
    expect(level.values[1]).toStrictEqual({
      id: 'n',
      index: 1,
      arrive: 1,
      uses: [],
      drop: 6, // no drop: the program's end
      size: 2,
      secret: false,
      untrusted: true,
      prim: { type: 'i16', value: -2 },
      bytes: [254, 255],
      fields: [],
      pointerOffsets: [],
      pointerFields: [],
      lastTouch: 4, // never read, but sets[0] points r.q at it at tick 4
    });
  });

  it("a record: each field's offset, size and bytes, its pointers' offsets, last touch raised by a set into it", () => {
    expect(level.values[2]).toStrictEqual({
      id: 'r',
      index: 2,
      arrive: 2,
      uses: [2],
      drop: 5,
      size: 2 + 1 + 2 + 3,
      secret: false,
      untrusted: false,
      prim: null,
      bytes: [],
      fields: [
        { name: 'p', offset: 0, size: 2, prim: null, bytes: [], ref: 0 },
        { name: '1', offset: 2, size: 1, prim: { type: 'u8', value: 7 }, bytes: [7], ref: null },
        { name: 'q', offset: 3, size: 2, prim: null, bytes: [], ref: null },
        { name: 't', offset: 5, size: 3, prim: { type: 'string', value: 'é' }, bytes: [0xc3, 0xa9, 0], ref: null },
      ],
      pointerOffsets: [0, 3],
      pointerFields: [0, 2],
      lastTouch: 4,
    });
  });

  it('events tick by tick; a drop at the end of the program is no event', () => {
    expect(Array.from({ length: level.ticks }, (_, t) => tickEvents(level.program, t))).toStrictEqual([
      { arrive: [0], sets: [], uses: [], drops: [] },
      { arrive: [1], sets: [], uses: [0], drops: [] },
      { arrive: [2], sets: [], uses: [2], drops: [] },
      { arrive: [], sets: [{ tick: 3, in: 2, slot: 0, to: null }], uses: [], drops: [] },
      { arrive: [], sets: [{ tick: 4, in: 2, slot: 1, to: 1 }], uses: [], drops: [0] },
      { arrive: [], sets: [], uses: [], drops: [2] },
    ]);
  });

  it('gc settings and weights over their defaults', () => {
    expect(level.gc).toStrictEqual({
      collector: 'copying',
      trigger: 1,
      workPerTick: 8,
      nursery: 74, // a quarter of 299 is 74.75: 74, even
      slice: 8, // workPerTick
    });
    expect(level.weights).toStrictEqual({
      bug: 5,
      security: 300,
      pauseTick: 20,
      garbageBoxTicksPerPoint: 2,
      peakBox: 5,
    });
    const own = compileLevel({
      ...LEVEL,
      gc: { trigger: 0.5, workPerTick: 3, nursery: 20 },
      weights: undefined,
    } as unknown as Level);
    expect(own.gc).toStrictEqual({ collector: 'mark-sweep', trigger: 0.5, workPerTick: 3, nursery: 20, slice: 3 });
    expect(own.weights).toStrictEqual({
      bug: 100,
      security: 300,
      pauseTick: 20,
      garbageBoxTicksPerPoint: 2,
      peakBox: 5,
    });
    const noGc = compileLevel({ ...LEVEL, gc: undefined, memory: 33 } as unknown as Level);
    expect(noGc.gc).toStrictEqual({ collector: 'mark-sweep', trigger: 1, workPerTick: 8, nursery: 8, slice: 8 });
    expect(compileLevel({ ...LEVEL, gc: { slice: 5 } } as unknown as Level).gc.slice).toBe(5);
  });

  it('the default nursery: a quarter of usable memory, down to even, never under 2', () => {
    expect([1, 7, 8, 15, 16, 23, 24, 299].map(defaultNursery)).toEqual([2, 2, 2, 2, 4, 4, 6, 74]);
  });

  it('a use at its arrival, and no uses: the last touch is the arrival', () => {
    const l = compileLevel({
      id: 'x',
      title: 'X',
      memory: 16,
      ticks: 5,
      values: [
        { id: 'a', value: 1, arrive: 3 },
        { id: 'b', value: 1, arrive: 2, uses: [2] },
        { id: 'c', value: 1, arrive: 1, uses: [2, 4] },
      ],
    } as Level);
    expect(l.values.map((v) => v.lastTouch)).toEqual([3, 2, 4]);
  });

  it('refuses a level the validator would refuse, naming what is wrong', () => {
    expect(() =>
      compileLevel({ ...LEVEL, values: [{ id: 'bad', value: 300, type: 'u8', arrive: 0 }], sets: [] } as Level),
    ).toThrow(new Error('value bad: 300 does not fit in u8 (0 to 255).'));
    expect(() =>
      compileLevel({
        ...LEVEL,
        values: [{ id: 'rec', fields: [{ value: 'ab', type: 'char' }], arrive: 0 }],
        sets: [],
      } as unknown as Level),
    ).toThrow(new Error('value rec: A char holds exactly one code point, but "ab" has 2.'));
    expect(() => compileLevel({ ...LEVEL, sets: [{ tick: 1, in: 'r', field: 't', to: null }] } as Level)).toThrow(
      new Error('set at tick 1: r.t is not a pointer field'),
    );
    expect(() => compileLevel({ ...LEVEL, sets: [{ tick: 1, in: 'r', field: 1, to: null }] } as Level)).toThrow(
      new Error('set at tick 1: r.1 is not a pointer field'),
    );
    expect(() => compileLevel({ ...LEVEL, sets: [{ tick: 1, in: 'r', field: 'zz', to: null }] } as Level)).toThrow(
      new Error('set at tick 1: r.zz is not a pointer field'),
    );
  });
});

describe('expectedBytes and holdsExpected', () => {
  const level = compileLevel(LEVEL);
  const rec = level.values[2]!;
  const addrOf = (v: number) => [0x0102, 0x0304, 0x0506][v]!;

  it("a record's bytes: its inline fields' bytes and each pointer's target address, low byte first, 0 for none", () => {
    expect(expectedBytes(rec, [0, 1], addrOf, 2)).toEqual([0x02, 0x01, 7, 0x04, 0x03, 0xc3, 0xa9, 0]);
    expect(expectedBytes(rec, [null, 1], addrOf, 2)).toEqual([0, 0, 7, 0x04, 0x03, 0xc3, 0xa9, 0]);
    // A slot with no target given at all is a null pointer too.
    expect(expectedBytes(rec, [0], addrOf, 2)).toEqual([0x02, 0x01, 7, 0, 0, 0xc3, 0xa9, 0]);
    expect(expectedBytes(level.values[1]!, [], addrOf, 2)).toEqual([254, 255]);
  });

  it("holds exactly those bytes: any box changed, or a pointer's high byte, is not it", () => {
    const want = [0x02, 0x01, 7, 0x04, 0x03, 0xc3, 0xa9, 0];
    const mem = [9, 9, ...want, 9];
    expect(holdsExpected(rec, [0, 1], addrOf, 2, mem, 2)).toBe(true);
    expect(holdsExpected(rec, [0, 1], addrOf, 2, mem, 1)).toBe(false);
    for (let i = 0; i < want.length; i++) {
      const changed = [...mem];
      changed[2 + i]! ^= 0x10;
      expect(holdsExpected(rec, [0, 1], addrOf, 2, changed, 2)).toBe(false);
    }
    const nullMem = [0, 0, 7, 0, 0, 0xc3, 0xa9, 0];
    expect(holdsExpected(rec, [null], addrOf, 2, nullMem, 0)).toBe(true);
    expect(holdsExpected(rec, [null, undefined as unknown as null], addrOf, 2, nullMem, 0)).toBe(true);
    expect(holdsExpected(level.values[1]!, [], addrOf, 2, [0, 254, 255], 1)).toBe(true);
    expect(holdsExpected(level.values[1]!, [], addrOf, 2, [0, 254, 254], 1)).toBe(false);
  });

  it('1-box pointers', () => {
    const small = compileLevel({ ...LEVEL, memory: 64 });
    const r = small.values[2]!;
    expect(r.size).toBe(1 + 1 + 1 + 3);
    expect(r.fields.map((f) => f.offset)).toEqual([0, 1, 2, 3]);
    expect(r.pointerOffsets).toEqual([0, 2]);
    const at = (v: number) => [10, 20, 30][v]!;
    expect(expectedBytes(r, [2, 0], at, 1)).toEqual([30, 7, 10, 0xc3, 0xa9, 0]);
    expect(holdsExpected(r, [2, 0], at, 1, [30, 7, 10, 0xc3, 0xa9, 0], 0)).toBe(true);
    expect(holdsExpected(r, [2, 0], at, 1, [30, 7, 11, 0xc3, 0xa9, 0], 0)).toBe(false);
  });
});

describe('compileLevel: one encoding for each value and type repeated', () => {
  const level = compileLevel(
    JSON.parse(
      JSON.stringify({
        id: 'repeats',
        title: 'Repeats',
        memory: 64,
        ticks: 2,
        values: [
          { id: 'a', value: 7, arrive: 0 },
          { id: 'b', value: 7, type: 'u8', arrive: 0 },
          { id: 'c', value: 7, arrive: 1 },
          { id: 'd', value: 7, type: 'i16', arrive: 1 },
          { id: 'e', fields: [{ value: 7 }, { value: 'x', type: 'char' }, { value: 'x' }], arrive: 1 },
          { id: 'z', value: 0, type: 'f64', arrive: 0 },
        ],
      }),
    ) as Level,
  );
  const [a, b, c, d, e, z] = level.values;

  it('values alike share their bytes, whichever holds them', () => {
    expect(c?.bytes).toBe(a?.bytes);
    expect(e?.fields[0]?.bytes).toBe(a?.bytes);
    expect(c?.prim).toBe(a?.prim);
    // The same number written with its type: the same encoding, kept apart (the key is the type as written).
    expect(b?.bytes).toEqual(a?.bytes);
  });

  it('a type or a value apart is an encoding apart', () => {
    expect(d?.bytes).toEqual([7, 0]);
    expect(d?.prim).toEqual({ type: 'i16', value: 7 });
    expect(e?.fields[1]?.bytes).toEqual([0x78]);
    expect(e?.fields[2]?.bytes).toEqual([0x78, 0]);
    expect(z?.bytes).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('one entry of events a tick, compiled here (the level above is compiled as the tests are collected)', () => {
    const compiled = compileLevel(LEVEL);
    // Each phase's lists start at tick 0 and end after the last tick; the sets have a list a tick.
    for (const lists of [compiled.program.arrivals, compiled.program.reads, compiled.program.drops]) {
      expect(lists.start).toHaveLength(LEVEL.ticks + 1);
      expect(lists.start[LEVEL.ticks]).toBe(lists.items.length);
    }
    expect(compiled.program.sets).toHaveLength(LEVEL.ticks);
    expect(countAt(compiled.program.arrivals, 0)).toBe(1);
    expect(compiled.values).toHaveLength(LEVEL.values.length);
    expect(compiled.values[2]?.fields).toHaveLength(4);
  });

  it('-0 keeps its sign bit, though a Map takes -0 and 0 for one key', () => {
    const source = JSON.parse(
      '{"id":"zeros","title":"Zeros","memory":64,"ticks":1,"values":[' +
        '{"id":"m","value":-0,"type":"f64","arrive":0},' +
        '{"id":"p","value":0,"type":"f64","arrive":0},{"id":"n","value":-0,"type":"f64","arrive":0},' +
        '{"id":"q","value":0,"type":"f64","arrive":0}]}',
    ) as Level;
    const [m, p, n, q] = compileLevel(source).values;
    expect(m?.bytes).toEqual([0, 0, 0, 0, 0, 0, 0, 0x80]);
    expect(n?.bytes).toEqual([0, 0, 0, 0, 0, 0, 0, 0x80]);
    expect(Object.is(n?.prim?.value, -0)).toBe(true);
    expect(p?.bytes).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(q?.bytes).toBe(p?.bytes);
  });
});

describe('compileLevel: the ids validation found', () => {
  it('a valid file hands its id index over, and compiling with it compiles the same level', () => {
    const checked = validateLevelText(JSON.stringify(LEVEL));
    if (!checked.ok) throw new Error('the level above is valid');
    expect(checked.ids).toBeDefined();
    const ids = checked.ids!;
    expect([...ids]).toStrictEqual(LEVEL.values.map((v, i) => [v.id, i]));
    const withIds = compileLevel(checked.level, ids);
    expect(withIds.indexOf).toBe(ids);
    const { indexOf, ...rest } = compileLevel(checked.level);
    expect([...indexOf]).toStrictEqual([...ids]);
    expect({ ...withIds, indexOf: undefined }).toStrictEqual({ ...rest, indexOf: undefined });
  });
});
