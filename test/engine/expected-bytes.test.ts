// Every read checks the value's boxes against what it should hold. holdsExpected does that in
// place; it must agree with expectedBytes (the bytes themselves) on any memory contents. Every
// arrival writes them: putExpected in place, the very bytes of expectedBytes and no other box.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLevel, expectedBytes, holdsExpected, putExpected } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { runs } from '../support/runs.js';

/** A record of a string, a pointer to `target`, a u16 and a null pointer, in a memory of `memory` boxes. */
function record(memory: number) {
  const level = compileLevel({
    id: 'expected-bytes',
    title: 'Expected bytes',
    memory,
    ticks: 2,
    values: [
      { id: 'target', value: 7, arrive: 0 },
      {
        id: 'rec',
        arrive: 0,
        fields: [{ value: 'hi' }, { ref: 'target' }, { value: 513, type: 'u16' }, { ref: null }],
      },
    ],
  } as Level);
  return { level, rec: level.values[1]!, prim: level.values[0]! };
}

describe('holdsExpected', () => {
  it.each([64, 4096])('agrees with expectedBytes on random memory, for %i boxes (1- and 2-box pointers)', (memory) => {
    const { level, rec, prim } = record(memory);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: memory - 1 }),
        fc.uint8Array({ minLength: memory, maxLength: memory }),
        fc.boolean(),
        fc.integer({ min: 0, max: 40 }),
        (targetAddr, noise, plant, at) => {
          const addrOf = () => targetAddr;
          for (const v of [rec, prim]) {
            const targets = v === rec ? [0, null] : [];
            const want = expectedBytes(v, targets, addrOf, level.ptrWidth);
            const mem = Array.from(noise);
            // Half the time the right bytes are there, perhaps with one changed.
            if (plant) want.forEach((b, i) => (mem[at + i] = b));
            if (plant && noise[0]! % 2 === 1) mem[at + (noise[1]! % want.length)] ^= 1 << (noise[2]! % 8);
            const actual = want.every((b, i) => mem[at + i] === b);
            expect(holdsExpected(v, targets, addrOf, level.ptrWidth, mem, at)).toBe(actual);
          }
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('reads a 2-box pointer low byte first', () => {
    const { level, rec } = record(4096);
    const mem = new Array<number>(64).fill(0);
    const want = expectedBytes(rec, [0, null], () => 0x0102, level.ptrWidth);
    expect(want.slice(3, 5)).toEqual([0x02, 0x01]);
    want.forEach((b, i) => (mem[10 + i] = b));
    expect(holdsExpected(rec, [0, null], () => 0x0102, level.ptrWidth, mem, 10)).toBe(true);
    expect(holdsExpected(rec, [0, null], () => 0x0201, level.ptrWidth, mem, 10)).toBe(false);
  });
});

describe('putExpected', () => {
  it.each([64, 4096])(
    'writes exactly expectedBytes at the address and leaves every other box, for %i boxes',
    (memory) => {
      const { level, rec, prim } = record(memory);
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: memory - 1 }),
          fc.uint8Array({ minLength: memory, maxLength: memory }),
          fc.integer({ min: 0, max: 40 }),
          (targetAddr, noise, at) => {
            const addrOf = () => targetAddr;
            for (const v of [rec, prim]) {
              const targets = v === rec ? [0, null] : [];
              const want = Array.from(noise);
              expectedBytes(v, targets, addrOf, level.ptrWidth).forEach((b, i) => (want[at + i] = b));
              const mem = Uint8Array.from(noise);
              putExpected(v, targets, addrOf, level.ptrWidth, mem, at);
              expect(Array.from(mem)).toEqual(want);
            }
          },
        ),
        { numRuns: runs(200) },
      );
    },
  );
});
