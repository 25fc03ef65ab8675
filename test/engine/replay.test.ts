// Replays: the accepted commands of a game, played headless, reproduce it exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';
import { play } from '../support/play.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { metricsOf } from '../../src/engine/scoring/metrics.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { missingBlocks } from '../../src/engine/run/tick.js';
import type { Level } from '../../src/engine/level/schema.js';
import { generateLevel, rng } from '../support/generate.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const example = compileLevel(fixture('engine-hello-pointers.json') as Level);
const exampleReplay = fixture('engine-hello-pointers.replay.json') as { level: string; commands: string[] };

const NO_BUGS = { useAfterFree: 0, corruptRead: 0, doubleFree: 0, invalidFree: 0, overflow: 0 };
const NO_HOLES = { secretsLeaked: 0, attackerReads: 0 };

/** The run's metrics; its penalties, checked to add up to 1000 minus the score, are left out. */
const metrics = (lv: CompiledLevel, state: Game['state']) => {
  const { penalties, ...m } = metricsOf(lv, state, oracleRun(lv).state.peak, null);
  expect(penalties.reduce((n, p) => n + p.points, 0)).toBe(1000 - m.score);
  return m;
};

/** Replays a game's commands headless and checks it matches the game, state and metrics alike. */
function expectReplayMatches(lv: CompiledLevel, g: Game): void {
  const replay = playCommands(lv, g.commands, true);
  expect(replay.problems).toEqual([]);
  expect(metrics(lv, replay.state)).toEqual(metrics(lv, g.state));
  // the whole state, the log and the boxes included
  expect(replay.state).toEqual(g.state);
  // a quiet run (only consequences logged) reaches the same metrics
  expect(metrics(lv, playCommands(lv, g.commands).state)).toEqual(metrics(lv, g.state));
}

/**
 * A careless player driven by a seed: mallocs each arriving value (sometimes too small),
 * frees values at random (sometimes too early, sometimes twice, sometimes by a wrong
 * address), undoes now and then, steps or runs, and ends when out of memory.
 */
function carelessGame(lv: CompiledLevel, seed: number): Game {
  const r = rng(seed);
  let g = newGame(lv);
  const freed = new Set<number>();
  const attempt = (c: string): boolean => {
    const res = dispatch(g, c);
    if (res.ok) g = res.game;
    return res.ok;
  };
  for (let guard = 0; guard < 2 * lv.ticks && !g.state.finished; guard++) {
    if (g.state.tick >= lv.ticks) {
      attempt('end');
      break;
    }
    for (const v of missingBlocks(lv, g.state)) {
      const val = lv.values[v];
      const size = r() < 0.15 ? Math.max(1, val.size - 1) : val.size;
      if (!attempt(`malloc ${val.id} ${size}`)) break;
    }
    if (missingBlocks(lv, g.state).length > 0) {
      attempt('end');
      break;
    }
    for (const val of lv.values) {
      if (val.arrive >= g.state.tick) break;
      const x = r();
      if (!freed.has(val.index)) {
        // most frees come some time after the drop; a few come too early
        if ((val.drop < g.state.tick && x < 0.5) || x < 0.03) {
          attempt(`free ${val.id}`);
          freed.add(val.index);
        }
      } else if (x < 0.005) attempt(`free ${val.id}`); // again: a double free
    }
    if (r() < 0.05) attempt(`free ${1 + Math.floor(r() * (lv.memory - 1))}`);
    if (r() < 0.05) attempt('undo');
    attempt(r() < 0.2 ? 'run' : 'step');
  }
  if (!g.state.finished) attempt('end');
  return g;
}

describe('a replay file', () => {
  it('plays the example level with its consequences, worked out by hand', () => {
    // greeting @10..12; age by first fit @1; user (2 boxes) given 1 box @13;
    //  t2: user = [→10, 42] at 13, 14: box 14 (free) takes the spill: overflow
    //  greeting freed before its read at 5: use after free (its stale bytes are still there)
    //  free 0x0d frees user, then free user is a double free
    // work: 1 (@10) + 1 (first fit) + 1 (@13) + 2 (free greeting: free on its left)
    //       + 2 (free age: free on its right) + 3 (free 13: free on both sides) + 1 (double free) = 11
    // Oracle peak 6 (see consequences.test.ts); the player's peak is 5. Score 1000 - 3·100 = 700.
    expect(exampleReplay.level).toBe(example.id);
    const { state, problems } = playCommands(example, exampleReplay.commands);
    expect(problems).toEqual([]);
    expect(metrics(example, state)).toEqual({
      completed: true,
      crash: null,
      ticks: 12,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 11,
      peak: 5,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, useAfterFree: 1, doubleFree: 1, overflow: 1 },
      security: NO_HOLES,
      score: 700,
      stars: 1,
      timeline: [3, 4, 5, 2, 1, 1, 1, 1, 1, 0, 0, 0].map((used) => ({ used, garbage: 0, pause: 0 })),
    });
    expect(state.log.map((e) => e.kind)).toEqual(['overflow', 'useAfterFree', 'doubleFree', 'end']);
    expect(state.log[1].text).toBe(
      'use after free: the program reads greeting at 10, freed; expected "Hi", read "Hi" (stale bytes)',
    );
  });

  it('typed through the game it gives the same run, and the game stores canonical text', () => {
    const g = play(example, exampleReplay.commands);
    expect(g.commands).toEqual(exampleReplay.commands.map((c) => (c === 'free 0x0d' ? 'free 13' : c)));
    expect(metrics(example, g.state)).toEqual(metrics(example, playCommands(example, exampleReplay.commands).state));
    expectReplayMatches(example, g);
  });

  it('is identical from run to run', () => {
    const a = playCommands(example, exampleReplay.commands, true);
    const b = playCommands(example, exampleReplay.commands, true);
    expect(JSON.stringify(metrics(example, a.state))).toBe(JSON.stringify(metrics(example, b.state)));
    expect(JSON.stringify(a.state.log)).toBe(JSON.stringify(b.state.log));
    expect(Buffer.from(a.state.bytes).equals(Buffer.from(b.state.bytes))).toBe(true);
  });

  it('reports a command it cannot play and goes on: malformed, refused, or undo', () => {
    const commands = ['malloc greeting', 'fly away', 'undo', 'step', 'malloc greeting', 'step'];
    const { state, problems } = playCommands(example, commands);
    expect(problems).toEqual([
      { index: 1, command: 'fly away', error: '"fly" is not a command. Commands: malloc, free, step, run, undo, end.' },
      { index: 2, command: 'undo', error: 'A replay does not store undo.' },
      {
        index: 4,
        command: 'malloc greeting',
        error: 'greeting already arrived at tick 0; a block is reserved before a value arrives.',
      },
      { index: 5, command: 'step', error: 'Tick 1 needs a block for age: malloc it first.' },
    ]);
    // the accepted commands ran: greeting arrived at tick 0
    expect(state.tick).toBe(1);
    expect(Array.from(state.bytes.slice(1, 4))).toEqual([72, 105, 0]);
  });
});

describe('the game and its replay agree', () => {
  const pw = compileLevel({
    id: 'pw',
    title: 'pw',
    memory: 16,
    ticks: 3,
    values: [
      { id: 'pw', value: 'pw', arrive: 0, uses: [2] },
      { id: 'ok', value: 'ok', arrive: 1 },
    ],
  });
  const games: [string, CompiledLevel, string[]][] = [
    ['use after free', pw, ['malloc pw', 'step', 'free pw', 'malloc ok', 'step', 'step', 'free ok', 'end']],
    ['leak', pw, ['malloc pw', 'malloc ok', 'run', 'end']],
    ['abort', pw, ['malloc pw', 'step', 'end']],
    [
      'double and invalid free',
      pw,
      ['malloc pw @4', 'free 5', 'step', 'free pw', 'free pw', 'free 4', 'malloc ok @2', 'step 2', 'end'],
    ],
    ['the example replay', example, exampleReplay.commands],
  ];
  it.each(games)('%s', (_, lv, commands) => {
    expectReplayMatches(lv, play(lv, commands));
  });

  it('with undos along the way: the replay holds only what was kept', () => {
    let g = newGame(pw);
    for (const c of [
      'malloc pw',
      'malloc ok @9',
      'undo',
      'step',
      'free pw',
      'undo',
      'malloc ok',
      'undo',
      'malloc ok @7',
      'run',
      'free pw',
      'free ok',
      'end',
    ]) {
      const r = dispatch(g, c);
      expect(r.ok).toBe(true);
      g = r.game;
    }
    expect(g.commands).toEqual(['malloc pw', 'step', 'malloc ok @7', 'run', 'free pw', 'free ok', 'end']);
    expectReplayMatches(pw, g);
    expect(metrics(pw, g.state)).toMatchObject({ completed: true, bugs: NO_BUGS, leakedAtEnd: 0 });
  });

  it("the oracle's own commands reproduce the oracle's run", () => {
    for (const lv of [example, pw]) {
      const o = oracleRun(lv);
      const replay = playCommands(lv, o.commands);
      expect(replay.problems).toEqual([]);
      expect(metrics(lv, replay.state)).toEqual(metrics(lv, o.state));
      expect(replay.state.bytes).toEqual(o.state.bytes);
    }
  });

  it('careless players on generated levels: every game replays exactly', () => {
    const totals = { ...NO_BUGS };
    let crashed = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const lv = compileLevel(generateLevel({ seed, values: 40, memory: seed % 3 === 0 ? 48 : 96, lifetime: 6 }));
      const g = carelessGame(lv, seed * 7919);
      expect(g.state.finished).toBe(true);
      expectReplayMatches(lv, g);
      const m = metrics(lv, g.state);
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += m.bugs[k];
      if (m.crash) crashed++;
      // and so do the oracle's
      const o = oracleRun(lv);
      expect(metrics(lv, playCommands(lv, o.commands).state)).toEqual(metrics(lv, o.state));
    }
    // the careless players made every kind of mistake, so the replays above covered them all
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) expect(totals[k], k).toBeGreaterThan(0);
    expect(crashed).toBeGreaterThan(0);
  });
});
