// The views the screens draw from, checked headless: the owners of any window of boxes
// against a box-by-box model on random runs; where a block of a size fits next; what the
// program does in sight, line by line; whose bytes a read found; the par as a solution.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { playCommands } from '../../../src/engine/run/headless.js';
import { freeRuns } from '../../../src/engine/run/memory.js';
import { initialState, type RunState } from '../../../src/engine/run/state.js';
import { boxesView } from '../../../src/engine/views/boxes.js';
import { nextFittingRun } from '../../../src/engine/views/fitting-run.js';
import { hiddenAhead, nextTouch, touchText } from '../../../src/engine/views/horizon.js';
import { parSolution } from '../../../src/engine/views/par-solution.js';
import { upcomingEvents } from '../../../src/engine/views/program.js';
import { readSources } from '../../../src/engine/views/ring.js';
import { scoreRun } from '../../../src/engine/scoring/compare.js';
import { parOf, parRun } from '../../../src/engine/solver/par.js';
import { generateLevel } from '../../support/generate.js';
import { runs } from '../../support/runs.js';

/** A random run: mallocs (some at an address, some too big), frees, steps. */
function randomRun(level: CompiledLevel, picks: readonly number[]): RunState {
  const ids = level.values.map((v) => v.id);
  const commands = picks.map((n) => {
    const id = ids[Math.floor(n / 5) % ids.length];
    switch (n % 5) {
      case 0:
      case 1:
        return `malloc ${id}`;
      case 2:
        return `malloc ${id} ${1 + (n % 4)} @${1 + (n % (level.memory - 1))}`;
      case 3:
        return `free ${id}`;
      default:
        return 'step';
    }
  });
  return playCommands(level, commands).state;
}

const runArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    values: fc.integer({ min: 2, max: 12 }),
    memory: fc.integer({ min: 12, max: 40 }),
  })
  .chain(({ seed, values, memory }) => {
    const level = compileLevel(generateLevel({ seed, values, memory, lifetime: 3 }) as Level);
    return fc.record({
      level: fc.constant(level),
      picks: fc.array(fc.nat(10_000), { maxLength: 40 }),
      from: fc.integer({ min: -3, max: memory + 3 }),
      count: fc.integer({ min: 0, max: memory + 6 }),
      size: fc.integer({ min: 1, max: 8 }),
    });
  });

describe('boxesView: the owners of a window of boxes', () => {
  it('equals a box-by-box model for any window of random runs', () => {
    fc.assert(
      fc.property(runArb, ({ level, picks, from, count }) => {
        const state = randomRun(level, picks);
        const view = boxesView(level, state, from, count);
        const lo = Math.max(0, from);
        const hi = Math.min(level.memory, from + count);
        const owner: number[] = [];
        const stale: number[] = [];
        const start: number[] = [];
        // The freed variable that last held a box: the latest arrival, then the higher index.
        const freed = state.variables
          .map((s, v) => ({ ...s, v, arrive: level.values[v]!.arrive }))
          .filter((s) => s.freed && s.addr !== 0);
        for (let a = lo; a < hi; a++) {
          const b = state.blocks.find((x) => x.start <= a && a < x.start + x.size);
          owner.push(b ? b.owner : -1);
          start.push(b && b.start === a ? 1 : 0);
          const over = freed.filter((s) => s.addr <= a && a < s.addr + s.size);
          over.sort((x, y) => x.arrive - y.arrive || x.v - y.v);
          stale.push(b || over.length === 0 ? -1 : over.at(-1)!.v);
        }
        expect(view.from).toBe(lo);
        expect(Array.from(view.owner)).toEqual(owner);
        expect(Array.from(view.start)).toEqual(start);
        expect(Array.from(view.stale)).toEqual(stale);
      }),
      { numRuns: runs(300) },
    );
  });

  it('a window that starts inside a block: the block owns its boxes there, with no start mark', () => {
    const level = compileLevel({
      id: 'w',
      title: 'W',
      memory: 16,
      ticks: 2,
      values: [
        { id: 'a', value: 'abcdef', arrive: 0, uses: [0] },
        { id: 'b', value: 'xy', arrive: 0, uses: [1] },
      ],
    } as Level);
    const state = playCommands(level, ['malloc a', 'malloc b']).state;
    // a at 1..7, b at 8..10.
    const view = boxesView(level, state, 3, 7);
    expect(Array.from(view.owner)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(Array.from(view.start)).toEqual([0, 0, 0, 0, 0, 1, 0]);
  });

  it('a freed value held in its variable leaves stale bytes; the later arrival wins a box both held', () => {
    const level = compileLevel({
      id: 's',
      title: 'S',
      memory: 16,
      ticks: 3,
      // Listed later-first: arrival order, not level order, decides whose bytes a box shows.
      values: [
        { id: 'new', value: 'xy', arrive: 1, uses: [1] },
        { id: 'old', value: 'abc', arrive: 0, uses: [0] },
      ],
    } as Level);
    const state = playCommands(level, ['malloc old', 'step', 'free old', 'malloc new', 'step', 'free new']).state;
    // old held 1..4, new then took 1..3: box 4 is old's, 1..3 new's.
    const view = boxesView(level, state, 0, 6);
    expect(Array.from(view.owner)).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(Array.from(view.stale)).toEqual([-1, 0, 0, 0, 1, -1]);
  });
});

describe('nextFittingRun: where a block of a size goes next', () => {
  it('equals a scan of the free runs, from the box on, else the first that fits from the start', () => {
    fc.assert(
      fc.property(runArb, ({ level, picks, from, size }) => {
        const state = randomRun(level, picks);
        const at = Math.max(0, Math.min(level.memory - 1, from));
        const fits = freeRuns(state.blocks, level.memory).filter((r) => r.size >= size);
        let expected: ReturnType<typeof nextFittingRun> = null;
        for (const r of fits) {
          const s = Math.max(r.start, at);
          const room = r.start + r.size - s;
          if (room >= size) {
            expected = { run: { start: s, size: room }, wrapped: false };
            break;
          }
        }
        if (!expected && fits.length > 0) expected = { run: fits[0]!, wrapped: true };
        expect(nextFittingRun(level, state, at, size)).toEqual(expected);
      }),
      { numRuns: runs(300) },
    );
  });

  it('skips a run whose part past the box is too short, and wraps when nothing after it fits', () => {
    const level = compileLevel({
      id: 'f',
      title: 'F',
      memory: 16,
      ticks: 2,
      values: [
        { id: 'a', value: 1, type: 'u8', arrive: 0, uses: [1] },
        { id: 'b', value: 1, type: 'u8', arrive: 0, uses: [1] },
      ],
    } as Level);
    // Free runs: 1..4 and 6..15 (b at 5).
    const state = playCommands(level, ['malloc a 1 @9', 'malloc b 1 @5', 'free a']).state;
    expect(freeRuns(state.blocks, level.memory)).toEqual([
      { start: 1, size: 4 },
      { start: 6, size: 10 },
    ]);
    expect(nextFittingRun(level, state, 3, 3)).toEqual({ run: { start: 6, size: 10 }, wrapped: false });
    expect(nextFittingRun(level, state, 3, 2)).toEqual({ run: { start: 3, size: 2 }, wrapped: false });
    expect(nextFittingRun(level, state, 14, 4)).toEqual({ run: { start: 1, size: 4 }, wrapped: true });
    expect(nextFittingRun(level, state, 0, 11)).toBeNull();
  });
});

/** A record that gets a pointer set, a null field, and values in and out of sight. */
const program: Level = {
  id: 'prog',
  title: 'Prog',
  memory: 32,
  ticks: 5,
  lookahead: 3,
  values: [
    { id: 'name', value: 'Hi', arrive: 0, uses: [1, 4], drop: 5 },
    { id: 'age', value: 42, type: 'u8', arrive: 0, uses: [0], drop: 1 },
    {
      id: 'user',
      fields: [
        { name: 'who', ref: 'name' },
        { name: 'n', value: 7, type: 'u8' },
        { name: 'next', ref: null },
      ],
      arrive: 1,
      uses: [3],
      drop: 4,
    },
  ],
  sets: [
    { tick: 2, in: 'user', field: 'next', to: 'name' },
    { tick: 3, in: 'user', field: 'who', to: null },
  ],
} as unknown as Level;

describe('upcomingEvents: the program in sight, as pseudo-code', () => {
  const level = compileLevel(program);

  it('shows each event of the ticks in sight, with its tick, in the order a tick runs them', () => {
    const state = initialState(level, false);
    expect(upcomingEvents(level, state).map((e) => [e.tick, e.kind, e.text, e.value, e.needsBlock ?? false])).toEqual([
      [0, 'arrive', 'name = "Hi" (string)', 'name', true],
      [0, 'arrive', 'age = 42 (u8)', 'age', true],
      [0, 'use', 'print(age)', 'age', false],
      [1, 'arrive', 'user = {who: &name, n: 7, next: NULL} (record)', 'user', true],
      [1, 'use', 'print(name)', 'name', false],
      [1, 'drop', '} // age out of scope', 'age', false],
      [2, 'set', 'user.next = &name', 'user', false],
    ]);
  });

  it('an arrival whose value has a block does not need one', () => {
    const state = playCommands(level, ['malloc name']).state;
    const arrivals = upcomingEvents(level, state).filter((e) => e.kind === 'arrive');
    expect(arrivals.map((e) => [e.value, e.needsBlock ?? false])).toEqual([
      ['name', false],
      ['age', true],
      ['user', true],
    ]);
  });

  it('stops at the limit, and ends with the end line once the last tick is in sight', () => {
    const state = playCommands(level, ['malloc name', 'malloc age', 'step', 'malloc user', 'step']).state;
    expect(state.tick).toBe(2);
    const all = upcomingEvents(level, state);
    expect(all.map((e) => `${e.tick} ${e.text}`)).toEqual([
      '2 user.next = &name',
      '3 user.who = NULL',
      '3 print(user)',
      '4 print(name)',
      '4 } // user out of scope',
      '5 end of program: every value still in scope goes out of scope',
    ]);
    expect(upcomingEvents(level, state, 2).map((e) => e.text)).toEqual(['user.next = &name', 'user.who = NULL']);
    // The limit reached exactly at the end: no end line past it.
    expect(upcomingEvents(level, state, 5)).toEqual(all.slice(0, 5));
    expect(upcomingEvents(level, state, 0)).toEqual([]);
  });

  it('no end line while the last tick is out of sight, and after the end nothing but it', () => {
    const state = initialState(level, false);
    expect(upcomingEvents(level, state).some((e) => e.kind === 'end')).toBe(false);
    expect(hiddenAhead(level, state)).toBe(true);
    const done = playCommands(level, ['malloc name', 'malloc age', 'step', 'malloc user', 'step 4']).state;
    expect(done.tick).toBe(5);
    expect(upcomingEvents(level, done).map((e) => e.kind)).toEqual(['end']);
  });

  it('the horizon at the last tick exactly: nothing is hidden ahead', () => {
    const state = playCommands(level, ['malloc name', 'malloc age', 'step', 'malloc user', 'step']).state;
    // Tick 2 with 3 ticks of lookahead: 2, 3, 4 are in sight, and 5 is the program's end.
    expect(hiddenAhead(level, state)).toBe(false);
    const before = playCommands(level, ['malloc name', 'malloc age', 'step']).state;
    expect(hiddenAhead(level, before)).toBe(true);
  });
});

describe('nextTouch: the first tick in sight that needs a block', () => {
  const level = compileLevel(program);
  const at = (commands: string[]) => playCommands(level, commands).state;

  it('a read, a pointer from an arriving record, a pointer set, a field written', () => {
    const start = initialState(level, false);
    // name: read at t1 (the record's pointer to it at t1 comes after the read).
    expect(nextTouch(level, start, 0)).toEqual({ tick: 1, kind: 'read' });
    const t2 = at(['malloc name', 'malloc age', 'step', 'malloc user', 'step']);
    // At t2 name gets a pointer set into user; user is written at t2.
    expect(nextTouch(level, t2, 0)).toEqual({ tick: 2, kind: 'pointer', via: 'user' });
    expect(nextTouch(level, t2, 2)).toEqual({ tick: 2, kind: 'write', via: 'next' });
    expect(touchText(nextTouch(level, t2, 2)!)).toBe('written t2');
    const t1 = at(['malloc name', 'malloc age', 'step']);
    expect(nextTouch(level, t1, 0)).toEqual({ tick: 1, kind: 'read' });
    expect(nextTouch(level, t1, 2)).toEqual({ tick: 2, kind: 'write', via: 'next' });
  });

  it('nothing past the horizon: a touch at the horizon is out of sight', () => {
    const horizonLevel = compileLevel({ ...program, lookahead: 1 } as Level);
    const start = initialState(horizonLevel, false);
    // age is read at t0 (in sight); name's first read is t1, the horizon.
    expect(nextTouch(horizonLevel, start, 1)).toEqual({ tick: 0, kind: 'read' });
    expect(nextTouch(horizonLevel, start, 0)).toBeNull();
    // After its last touch, a value has none.
    const late = playCommands(horizonLevel, ['malloc name', 'malloc age', 'step']).state;
    expect(nextTouch(horizonLevel, late, 1)).toBeNull();
  });
});

describe('readSources: whose bytes a read found', () => {
  const level = compileLevel({
    id: 'r',
    title: 'R',
    memory: 16,
    ticks: 1,
    values: [
      { id: 'key', value: 'k', arrive: 0, secret: true },
      { id: 'input', value: 'i', arrive: 0, untrusted: true },
      { id: 'mine', value: 'm', arrive: 0 },
    ],
  } as Level);

  it('folds boxes into runs by writer, and names a box nobody wrote as no one', () => {
    expect(readSources(level, 2, [2, 2, -1, -1, 0, 1, 1, 2])).toEqual([
      { writer: 'mine', boxes: 2, secret: false, untrusted: false, own: true },
      { writer: null, boxes: 2, secret: false, untrusted: false, own: false },
      { writer: 'key', boxes: 1, secret: true, untrusted: false, own: false },
      { writer: 'input', boxes: 2, secret: false, untrusted: true, own: false },
      { writer: 'mine', boxes: 1, secret: false, untrusted: false, own: true },
    ]);
    expect(readSources(level, 0, [])).toEqual([]);
  });
});

describe('parSolution: the par as the end screen shows it', () => {
  it("the par's commands, who found it and its score", () => {
    const level = compileLevel(program);
    const par = parOf(level);
    expect(par.ok).toBe(true);
    expect(parSolution(level)).toEqual({
      commands: par.ok ? par.commands : [],
      by: 'oracle',
      score: scoreRun(level, parRun(level)!).score,
    });
  });

  it('none for a level no placement finishes', () => {
    const level = compileLevel({
      id: 'none',
      title: 'None',
      memory: 8,
      ticks: 1,
      values: [{ id: 'big', value: 'abcdefgh', arrive: 0 }],
    } as Level);
    expect(parSolution(level)).toBeNull();
  });
});
