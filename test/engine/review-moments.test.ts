// A review's moments say what happened at each, in the run's words; its events sit on the
// moment and cell they happened at; and however long the run, the checkpoints kept stay
// within their cap, thinned to every other one with the spacing doubled.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import {
  eventMoment,
  figuresAt,
  momentOfLogEntry,
  openingMoment,
  reviewCollector,
  reviewCommands,
  reviewRun,
  type ReviewEvent,
  watchCursor,
} from '../../src/engine/review/index.js';
import { garbageBlocks } from '../../src/engine/run/tick.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { generateLevel } from '../support/generate.js';
import { MOMENTS } from '../support/moments-level.js';

const level = compileLevel(MOMENTS);

// x goes out of scope after tick 0; y after tick 1.
const dropped = compileLevel({
  id: 'dropped',
  title: 'Dropped',
  memory: 16,
  ticks: 3,
  values: [
    { id: 'x', value: 'abc', arrive: 0, uses: [0], drop: 1 },
    { id: 'y', value: 1, type: 'u8', arrive: 1, uses: [1], drop: 2 },
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

describe('finding moments', () => {
  const ev = (kind: ReviewEvent['kind'], moment: number): ReviewEvent => ({ kind, moment, cell: 0, text: kind });
  const events = [ev('pause', 2), ev('bug', 5), ev('leak', 7), ev('bug', 9)];

  it('the next or previous event, of any kind or only some', () => {
    expect(eventMoment(events, 2, 1)).toBe(5);
    expect(eventMoment(events, 5, -1)).toBe(2);
    const bugs = new Set<ReviewEvent['kind']>(['bug']);
    expect(eventMoment(events, 5, 1, bugs)).toBe(9);
    expect(eventMoment(events, 9, -1, bugs)).toBe(5);
    expect(eventMoment(events, 2, -1, bugs)).toBeNull();
    expect(eventMoment(events, 9, 1)).toBeNull();
  });

  it('a run opens on its first bug, else the start', () => {
    expect(openingMoment(events)).toBe(5);
    expect(openingMoment([ev('pause', 3), ev('leak', 4)])).toBe(0);
    expect(openingMoment([])).toBe(0);
  });

  it("a log line's moment is the first whose log holds it; past the log, the last moment", () => {
    const r = reviewCommands(level, ['malloc a', 'step', 'free a', 'free a', 'end']);
    const last = r.moments.length - 1;
    expect(momentOfLogEntry(r.moments, 0)).toBe(1);
    expect(momentOfLogEntry(r.moments, r.final.log.length + 5)).toBe(last);
    // A moment past either end is the nearest end.
    expect(r.stateAt(last + 10)).toEqual(r.stateAt(last));
    expect(r.stateAt(-3)).toEqual(r.stateAt(0));
  });

  it("a review is named for its run: yours by default, the collector's own", () => {
    expect(reviewCommands(level, ['end']).name).toBe('you');
    const mine = reviewRun(level, 'you', ['end']);
    expect(mine.ok && mine.review.name).toBe('you');
    const c = reviewCollector(level, 'mark-sweep');
    expect([c.name, c.kind, c.problems]).toEqual(['mark-sweep', 'collector', []]);
    expect(c.cursorAt(c.moments.length + 3).state).toEqual(c.cursorAt(c.moments.length - 1).state);
  });

  it('the figures beside a grid: boxes used, of them garbage, pause ticks so far', () => {
    const c = reviewCollector(level, 'mark-sweep');
    const state = c.final;
    expect(figuresAt(level, state)).toEqual({
      used: state.used,
      garbage: garbageBlocks(level, state).boxes,
      pause: state.pauseTicks,
    });
    // x goes out of scope after tick 0 and is never freed: its 4 boxes are garbage at tick 2.
    const kept = reviewCommands(dropped, ['malloc x', 'step', 'malloc y', 'step']).final;
    expect(figuresAt(dropped, kept)).toEqual({ used: 5, garbage: 4, pause: 0 });
  });
});

describe("a collector's review rebuilt from close checkpoints", () => {
  it('gives every moment the state a plain run had there, and a cursor there counts it', () => {
    const big = compileLevel(generateLevel({ seed: 9, values: 30, memory: 40, lifetime: 3, records: 0.4 }));
    for (const name of ['mark-sweep', 'generational'] as const) {
      const r = reviewCollector(big, name, { spacing: 2, maxCheckpoints: 6 });
      expect(r.checkpoints).toBeGreaterThan(2);
      // The plain run: one cursor from the start, every state kept.
      const plain = watchCursor(big, name, false);
      const states = [JSON.stringify(plain.state)];
      const labels = ['the start'];
      for (let step = plain.advance(); step; step = plain.advance()) {
        states.push(JSON.stringify(plain.state));
        labels.push(step.label);
      }
      expect(r.moments.map((m) => m.label)).toEqual(labels);
      for (let i = r.moments.length - 1; i >= 0; i -= 3) expect(JSON.stringify(r.stateAt(i))).toBe(states[i]);
      for (const i of [1, Math.floor(r.moments.length / 2), r.moments.length - 1]) {
        const c = r.cursorAt(i);
        expect(c.moment).toBe(i);
        expect(JSON.stringify(c.state)).toBe(states[i]);
      }
      // Resumed from a checkpoint, a cursor takes every small step, as watch from the start does.
      const steps = (c: ReturnType<typeof watchCursor>) => {
        let n = 0;
        while (c.step()) n++;
        return n;
      };
      const mid = Math.floor(r.moments.length / 2);
      const fromStart = watchCursor(big, name);
      while (fromStart.moment < mid) fromStart.step();
      expect(steps(r.cursorAt(mid))).toBe(steps(fromStart));
      const ticks = r.moments.filter((m) => m.kind === 'tick');
      expect(ticks.length).toBeGreaterThan(5);
      for (const m of ticks) expect(m.label).toBe(`tick ${m.tick - 1} ran`);
    }
  });
});

describe('a watch cursor', () => {
  it('takes every small step by default, and reaches the same moments as one that takes only moments', () => {
    const level = compileLevel(generateLevel({ seed: 4, values: 12, memory: 24, lifetime: 3, records: 0.5 }));
    const walk = (c: ReturnType<typeof watchCursor>) => {
      let steps = 0;
      const moments: string[] = [];
      for (let s = c.step(); s; s = c.step()) {
        steps++;
        if (s.moment) moments.push(s.moment.label);
      }
      return { steps, moments, reached: c.moment };
    };
    const fine = walk(watchCursor(level, 'mark-compact'));
    const coarse = walk(watchCursor(level, 'mark-compact', false));
    expect(fine.moments).toEqual(coarse.moments);
    expect(fine.reached).toBe(fine.moments.length);
    expect(fine.steps).toBeGreaterThan(coarse.steps);
  });
});

describe("a replay's commands as moments", () => {
  it('splits step n and run into ticks, and sets aside what was refused or changed nothing, saying why', () => {
    const r = reviewCommands(level, ['flurb', 'undo', 'malloc a', 'step 5', 'run', 'malloc b', 'run', 'end']);
    expect(r.problems.map((p) => [p.index, p.command])).toEqual([
      [0, 'flurb'],
      [1, 'undo'],
      [4, 'run'],
    ]);
    expect(r.problems[1]!.error).toBe('A replay does not store undo.');
    // At tick 1 b has no block: run is refused, in the game's words.
    expect(r.problems[2]!.error).toBe('Tick 1 needs a block for b: malloc it first.');
    expect(r.moments.map((m) => m.label)).toEqual([
      'the start',
      'malloc a: 3 boxes at 1',
      'tick 0 ran', // step 5 stops where b needs a block
      'malloc b: 1 box at 4',
      'tick 1 ran',
      'tick 2 ran',
      'end: the program finished',
    ]);
  });
});

describe('a leak and a free among several blocks', () => {
  it('the leak is an event on the tick that found it; a free names the block it gave back, not the first', () => {
    const r = reviewCommands(dropped, ['malloc x', 'step', 'malloc y', 'step', 'free y', 'step', 'end']);
    expect(r.moments.map((m) => m.label)[5]).toBe("free y (y's block at 5)");
    expect(r.events).toEqual([
      {
        kind: 'leak',
        moment: 6,
        cell: 2,
        text: 'leak: x is out of reach, but its block at 1 (4 boxes) is still allocated',
        logIndex: 8,
      },
    ]);
    expect(r.final.log[8]!.kind).toBe('leak');
  });
});
