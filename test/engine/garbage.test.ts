// The garbage kept count of as the run goes equals a full recount over every block, at every
// step of every collector and of manual runs that free early, late or never.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { garbageNow } from '../../src/engine/run/garbage.js';
import { garbageBlocks } from '../../src/engine/run/tick.js';
import { dispatch, newGame } from '../../src/engine/run/game.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { applyMove } from '../../src/engine/run/moves.js';
import { parseCommand } from '../../src/engine/run/commands.js';
import { initialState } from '../../src/engine/run/state.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { createRuntime } from '../../src/engine/runtime/index.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { generateLevel, rng } from '../support/generate.js';

const levels = [1, 2, 3, 4, 5].map((seed) =>
  compileLevel(generateLevel({ seed, values: 120, memory: 96 + seed * 16, lifetime: 6, records: 0.5, sets: 30 })),
);

function expectSame(level: (typeof levels)[number], state: Parameters<typeof garbageBlocks>[1]): number {
  const full = garbageBlocks(level, state);
  const kept = garbageNow(level, state, true);
  expect(kept.boxes).toBe(full.boxes);
  expect(garbageNow(level, state, false)).toEqual({ boxes: full.boxes, owners: [] });
  expect([...kept.owners].sort((a, b) => a - b)).toEqual([...full.owners].sort((a, b) => a - b));
  return full.boxes;
}

// A verbose run (on a screen) walks from the roots before each tick; a headless one looks
// up when each value dies, worked out once per level. Both are checked against the recount.
const eachCollector = COLLECTORS.flatMap((name) => [
  { name, verbose: true },
  { name, verbose: false },
]);

describe('garbage kept count of', () => {
  it.each(eachCollector)('$name (verbose: $verbose): equals a full recount after every step', ({ name, verbose }) => {
    for (const level of levels) {
      const rt = createRuntime(level, name, { verbose });
      let steps = 0;
      let seen = 0;
      while (rt.next() !== null) {
        seen += expectSame(level, rt.state);
        // A headless run of a valid level keeps the count itself, looked up, never walked.
        if (!verbose) expect(rt.state.garbageBoxes).toBe(garbageBlocks(level, rt.state).boxes);
        steps++;
      }
      expect(steps).toBeGreaterThan(level.ticks);
      expect(seen).toBeGreaterThan(0);
    }
  });

  it('manual runs that free early, late or never: equals a full recount after every command', () => {
    for (const [i, level] of levels.entries()) {
      const r = rng(100 + i);
      const commands = oracleRun(level).commands;
      let game = newGame(level);
      const headless = initialState(level, false);
      let seen = 0;
      for (const command of commands) {
        // Skip a third of the frees (leaks), and free some values a tick early.
        if (command.startsWith('free') && r() < 0.33) continue;
        game = dispatch(game, command).game;
        seen += expectSame(level, game.state);
        const parsed = parseCommand(command);
        if (parsed.ok) applyMove(level, headless, parsed.command);
        expect(expectSame(level, headless)).toBe(garbageNow(level, game.state, false).boxes);
      }
      expect(game.state.tick).toBeGreaterThan(0);
      expect(headless.tick).toBe(game.state.tick);
      expect(seen).toBeGreaterThan(0);
    }
  });
});

describe('garbage by hand', () => {
  it('a freed value a live record still points to is no garbage, and does not hide the garbage there is', () => {
    // r (in scope) points to p; p and w go out of scope at 1; p is freed, w leaks.
    const level = compileLevel({
      id: 'dangling',
      title: 'Dangling',
      memory: 16,
      ticks: 3,
      values: [
        { id: 'p', value: 'abc', arrive: 0, drop: 1 },
        { id: 'w', value: 'wxyz', arrive: 0, drop: 1 },
        { id: 'r', arrive: 0, fields: [{ name: 'to', ref: 'p' }], uses: [2] },
      ],
    });
    let g = newGame(level);
    for (const c of ['malloc p', 'malloc w', 'malloc r', 'step', 'step', 'free p']) {
      const r = dispatch(g, c);
      if (!r.ok) throw new Error(r.error);
      g = r.game;
    }
    // Before tick 2: w's 5 boxes are garbage; p is freed (its stale pointer reaches nothing held).
    expect(garbageNow(level, g.state, true)).toEqual({ boxes: 5, owners: [1] });
    expect(garbageNow(level, g.state, false)).toEqual({ boxes: 5, owners: [] });
    expect(garbageBlocks(level, g.state).boxes).toBe(5);
  });
});

/** A headless run of `commands` (each must be accepted): its garbage after each, checked against a full recount. */
function headlessGarbage(level: (typeof levels)[number], commands: readonly string[]): number[] {
  const state = initialState(level, false);
  return commands.map((c) => {
    const parsed = parseCommand(c);
    if (!parsed.ok || !applyMove(level, state, parsed.command).ok) throw new Error(c);
    return expectSame(level, state);
  });
}

describe('garbage, once per level', () => {
  // Not valid levels (validation refuses a pointer to an unreachable value): p goes out of
  // scope at 1 and nothing reaches it before tick 2; at tick 3 the program points at it again,
  // by a set into r or by q arriving with the pointer in it. A headless run would otherwise
  // look up when p died, and never see it come back.
  it.each([
    {
      how: 'writes a pointer to it',
      holder: { id: 'r', arrive: 0, fields: [{ name: 'to', ref: null }], uses: [5] },
      sets: [{ tick: 3, in: 'r', field: 'to', to: 'p' }],
    },
    {
      how: 'brings a record pointing to it',
      holder: { id: 'r', arrive: 3, fields: [{ name: 'to', ref: 'p' }], uses: [5] },
      sets: [],
    },
  ])(
    'a program that $how after it went out of reach is counted by a walk, and still equals a full recount',
    ({ holder, sets }) => {
      const level = compileLevel({
        id: 'back',
        title: 'Back',
        memory: 16,
        ticks: 6,
        values: [{ id: 'p', value: 'abc', arrive: 0, drop: 1 }, holder],
        sets,
      });
      // Before ticks 2 and 3 p's 4 boxes are garbage; from tick 4 r reaches it again.
      expect(headlessGarbage(level, ['malloc p', 'malloc r', 'step', 'step', 'step', 'step', 'step'])).toEqual([
        0, 0, 0, 4, 4, 0, 0,
      ]);
    },
  );

  it('a free refused halfway leaves the garbage as it was, in a replay too', () => {
    // w leaks: out of scope at 1, garbage before tick 2. `free w nosuch` frees w, then refuses.
    const level = compileLevel({
      id: 'halfway',
      title: 'Halfway',
      memory: 16,
      ticks: 4,
      values: [
        { id: 'w', value: 'wxyz', arrive: 0, drop: 1 },
        { id: 'k', value: 1, arrive: 0 },
      ],
    });
    const { state, problems } = playCommands(level, ['malloc w', 'malloc k', 'step 2', 'free w nosuch', 'step']);
    expect(problems.map((p) => p.command)).toEqual(['free w nosuch']);
    expect(state.variables[0]?.freed).toBe(false);
    expect(expectSame(level, state)).toBe(5);
    expect(state.garbageBoxTicks).toBe(5);
  });
});
