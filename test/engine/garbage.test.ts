// The garbage kept count of as the run goes equals a full recount over every block, at every
// step of every collector and of manual runs that free early, late or never.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { garbageNow } from '../../src/engine/run/garbage.js';
import { garbageBlocks } from '../../src/engine/run/tick.js';
import { dispatch, newGame } from '../../src/engine/run/game.js';
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

describe('garbage kept count of', () => {
  it.each(COLLECTORS)('%s: equals a full recount after every step', (name) => {
    for (const level of levels) {
      const rt = createRuntime(level, name);
      let steps = 0;
      let seen = 0;
      while (rt.next() !== null) {
        seen += expectSame(level, rt.state);
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
      let seen = 0;
      for (const command of commands) {
        // Skip a third of the frees (leaks), and free some values a tick early.
        if (command.startsWith('free') && r() < 0.33) continue;
        game = dispatch(game, command).game;
        seen += expectSame(level, game.state);
      }
      expect(game.state.tick).toBeGreaterThan(0);
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
