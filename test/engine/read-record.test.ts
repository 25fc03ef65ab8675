// What the program reads back for a record, as the log of a played run shows it: each field
// decoded from the boxes where the record's layout puts it, a pointer as the address it
// holds (one box below 256 boxes of memory, two, low byte first, above).
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { LevelValue } from '../../src/engine/level/schema.js';
import { play } from '../support/play.js';

/** `a` (a u8), then `r`, a record with an inline byte before its pointer to `a`, read at tick 1. */
const values: LevelValue[] = [
  { id: 'a', value: 9, arrive: 0 },
  {
    id: 'r',
    fields: [
      { name: 'n', value: 5 },
      { name: 'p', ref: 'a' },
    ],
    arrive: 0,
    uses: [1],
  },
];
const reads = (memory: number, commands: string[]) => {
  const level = compileLevel({ id: 'read', title: 'Read', memory, ticks: 2, values });
  const g = play(level, [...commands, 'step', 'step']);
  return g.state.log.filter((e) => e.kind === 'use' && e.value === 'r').map((e) => e.text);
};

describe('reading a record back', () => {
  it('a one-box pointer after an inline field, read as one box (the next holds a byte of a)', () => {
    expect(reads(16, ['malloc a @4', 'malloc r @2'])).toEqual(['read r at 2: [5 4] → {n: 5, p: →4}']);
  });

  it('a two-box pointer, low byte first, after an inline field', () => {
    // 263 = 0x0107: boxes 7 then 1.
    expect(reads(300, ['malloc a @263', 'malloc r @2'])).toEqual(['read r at 2: [5 7 1] → {n: 5, p: →263}']);
  });
});
