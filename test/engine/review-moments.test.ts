// A review's moments say what happened at each, in the run's words; its events sit on the
// moment and cell they happened at; and however long the run, the checkpoints kept stay
// within their cap, thinned to every other one with the spacing doubled.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { reviewCollector, reviewCommands } from '../../src/engine/review/index.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { generateLevel } from '../support/generate.js';

const level = compileLevel({
  id: 'moments',
  title: 'Moments',
  memory: 16,
  ticks: 3,
  values: [
    { id: 'a', value: 'hi', arrive: 0, uses: [0] },
    { id: 'b', value: 7, type: 'u8', arrive: 1, uses: [2] },
  ],
} as Level);

describe("a review's moments", () => {
  it('name each step: a block and its size, the block a free gave back, the tick that ran, the end', () => {
    const r = reviewCommands(level, ['malloc a', 'step', 'free a', 'free a', 'malloc b', 'step', 'step', 'end']);
    expect(r.moments.map((m) => [m.kind, m.tick, m.cell, m.label])).toEqual([
      ['start', 0, 0, 'the start'],
      ['malloc', 0, 0, 'malloc a: 3 boxes at 1'],
      ['tick', 1, 0, 'tick 0 ran'],
      ['free', 1, 1, "free a (a's block at 1)"],
      ['free', 1, 1, 'free a'], // a double free gives nothing back
      ['malloc', 1, 1, 'malloc b: 1 box at 1'],
      ['tick', 2, 1, 'tick 1 ran'],
      ['tick', 3, 2, 'tick 2 ran'],
      ['end', 3, 2, 'end: the program finished'],
    ]);
    expect(r.events).toEqual([
      { kind: 'bug', moment: 4, cell: 1, text: "double free: a's block at 1 was already freed", logIndex: 4 },
    ]);
  });

  it('giving up is the crash: its moment, its cell and the log line that says so', () => {
    const r = reviewCommands(level, ['malloc a', 'end']);
    expect(r.moments.map((m) => m.label)).toEqual(['the start', 'malloc a: 3 boxes at 1', 'gave up at tick 0']);
    expect(r.events).toEqual([{ kind: 'crash', moment: 2, cell: 0, text: 'Gave up at tick 0.', logIndex: 1 }]);
  });
});

describe("a collector's review", () => {
  // Each value dies a tick after it arrives; e needs more than the 11 usable boxes can give in a row.
  const level = compileLevel({
    id: 'pauses',
    title: 'Pauses',
    memory: 12,
    ticks: 6,
    values: [
      { id: 'a', value: 'abc', arrive: 0, uses: [0], drop: 1 },
      { id: 'b', value: 'def', arrive: 1, uses: [1], drop: 2 },
      { id: 'c', value: 'ghi', arrive: 2, uses: [2], drop: 3 },
      { id: 'd', value: 'jkl', arrive: 3, uses: [3], drop: 4 },
      { id: 'e', value: 'mnopqrstu', arrive: 4, uses: [4] },
    ],
    gc: { collector: 'mark-sweep' },
  } as Level);

  it("puts each pause on its collection's first moment, in the collection's own words, and the crash on the end", () => {
    const r = reviewCollector(level, 'mark-sweep');
    const collects = r.moments.filter((m) => m.kind === 'collect').map((m) => m.index);
    expect(collects).toEqual([5, 9, 13]);
    const log = r.final.log;
    expect(r.events.map((e) => [e.kind, e.moment, e.cell, e.length ?? null])).toEqual([
      ['pause', 5, 2, 1],
      ['pause', 9, 3, 1],
      ['pause', 13, 4, 1],
      ['crash', 15, 4, null],
    ]);
    for (const e of r.events) {
      // Each names the log line it comes from: the collection's summary, the crash's last word.
      expect(e.logIndex).toBeDefined();
      expect(e.text).toBe(log[e.logIndex!]!.text);
      expect(log[e.logIndex!]!.kind).toBe(e.kind === 'pause' ? 'collect' : 'end');
    }
    expect(r.events.map((e) => e.logIndex)).toEqual([7, 12, 17, 19]);
    expect(r.events.at(-1)!.text).toBe('Out of memory at tick 4: the run crashed.');
  });
});

describe("a review's checkpoints", () => {
  const big = compileLevel(generateLevel({ seed: 5, values: 40, memory: 64, lifetime: 4 }));
  const commands = oracleRun(big).commands;

  for (const [spacing, max] of [
    [2, 4],
    [3, 5],
    [4, 64],
  ] as const) {
    it(`start every ${spacing} moments, at most ${max}: thinned to every other one, the spacing doubled`, () => {
      const r = reviewCommands(big, commands, 'oracle', 'oracle', { spacing, maxCheckpoints: max });
      const n = r.moments.length;
      expect(n).toBeGreaterThan(100);
      expect(r.checkpoints).toBeLessThanOrEqual(max);
      // The spacing is the first one doubled some number of times, as few as keep the cap.
      const doublings = Math.log2(r.spacing / spacing);
      expect(Number.isInteger(doublings)).toBe(true);
      expect(Math.ceil(n / r.spacing)).toBeLessThanOrEqual(max + 1);
      if (doublings > 0) expect(Math.ceil(n / (r.spacing / 2))).toBeGreaterThan(max / 2);
      // Thinning keeps every other one: never fewer than half the cap once it has bitten.
      expect(r.checkpoints).toBeGreaterThanOrEqual(doublings > 0 ? max / 2 : Math.floor((n - 1) / spacing));
      // However few, every moment rebuilds to the state the run had there (spot checks).
      const whole = reviewCommands(big, commands, 'oracle', 'oracle', { spacing: 1, maxCheckpoints: 100_000 });
      for (const i of [0, 1, Math.floor(n / 3), n - 2, n - 1])
        expect(JSON.stringify(r.stateAt(i))).toBe(JSON.stringify(whole.stateAt(i)));
    });
  }
});
