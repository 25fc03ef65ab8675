// The score explains itself: every run's penalties add up to exactly 1000 minus its score.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { applyMove } from '../../src/engine/run/moves.js';
import { parseCommand } from '../../src/engine/run/commands.js';
import { initialState, totalBugs, type RunState } from '../../src/engine/run/state.js';
import { missingBlocks } from '../../src/engine/run/tick.js';
import { collectorRun, scoreRun } from '../../src/engine/scoring/compare.js';
import type { Metrics } from '../../src/engine/scoring/metrics.js';
import { penaltyLine } from '../../src/engine/scoring/penalties.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { generateLevel } from '../support/generate.js';

function checkAddsUp(m: Metrics): void {
  const lost = m.penalties.reduce((n, p) => n + p.points, 0);
  expect(lost).toBe(1000 - m.score);
  expect(m.penalties.filter((p) => p.cause === 'bug')).toHaveLength(totalBugs(m.bugs));
  expect(m.penalties.filter((p) => p.cause === 'crash')).toHaveLength(m.completed ? 0 : 1);
  for (const p of m.penalties) {
    expect(p.text.length).toBeGreaterThan(0);
    if (p.cause !== 'floor') expect(p.points).toBeGreaterThanOrEqual(0);
  }
}

/** A random run: each number picks the next command among what makes sense now, and some that do not. */
function randomRun(level: CompiledLevel, picks: readonly number[]): RunState {
  const state = initialState(level, false);
  const play = (text: string) => {
    const parsed = parseCommand(text);
    if (parsed.ok) applyMove(level, state, parsed.command);
  };
  for (const n of picks) {
    if (state.finished) break;
    const missing = missingBlocks(level, state);
    const ids = level.values.map((v) => v.id);
    switch (n % 9) {
      case 0:
      case 1:
        for (const v of missing) play(`malloc ${ids[v]}`);
        break;
      case 2:
        if (missing.length > 0) play(`malloc ${ids[missing[0]]} ${1 + (n % 5)} @${1 + (n % (level.memory - 1))}`);
        break;
      case 3:
        if (state.blocks.length > 0) play(`free ${ids[state.blocks[n % state.blocks.length].owner]}`);
        break;
      case 4:
        play(`free ${ids[n % ids.length]}`);
        break;
      case 5:
        play(`free ${n % level.memory}`);
        break;
      case 6:
      case 7:
        play('step');
        break;
      default:
        if (n % 50 === 8) play('end');
        else play(`step ${1 + (n % 3)}`);
    }
  }
  if (!state.finished && state.tick >= level.ticks) play('end');
  return state;
}

const levelArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    values: fc.integer({ min: 2, max: 14 }),
    memory: fc.integer({ min: 16, max: 60 }),
    lifetime: fc.integer({ min: 1, max: 6 }),
    records: fc.double({ min: 0, max: 0.6, noNaN: true }),
  })
  .map((o) => compileLevel(generateLevel(o) as Level));

describe('penalties', () => {
  it('add up to 1000 minus the score for random command sequences', { timeout: 60_000 }, () => {
    let crashed = 0;
    let withPeak = 0;
    fc.assert(
      fc.property(levelArb, fc.array(fc.nat(1000), { minLength: 1, maxLength: 80 }), (level, picks) => {
        const m = scoreRun(level, randomRun(level, picks));
        checkAddsUp(m);
        if (!m.completed) crashed++;
        if (m.penalties.some((p) => p.cause === 'peak')) withPeak++;
      }),
      { numRuns: 300, seed: 14 },
    );
    expect(crashed).toBeGreaterThan(10);
    expect(withPeak).toBeGreaterThan(10);
  });

  it("add up for every collector's run too, pauses included, and collectors get no stars", { timeout: 60_000 }, () => {
    let paused = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const level = compileLevel(generateLevel({ seed, values: 30, memory: 40, records: 0.4 }) as Level);
      for (const c of COLLECTORS) {
        const m = scoreRun(level, collectorRun(level, c), 'collector');
        checkAddsUp(m);
        expect(m.stars).toBe(null);
        if (m.penalties.some((p) => p.cause === 'pause')) paused++;
      }
    }
    expect(paused).toBeGreaterThan(20);
  });

  it('say where each point went, in the words of the run', () => {
    const level = compileLevel({
      id: 'p',
      title: 'P',
      memory: 16,
      ticks: 4,
      values: [
        { id: 'menu', value: 'menu', arrive: 0, uses: [0], drop: 1 },
        { id: 'ok', value: 'ok', arrive: 1, uses: [1, 2] },
        { id: 'item', value: 7, type: 'u8', arrive: 0, uses: [3] },
      ],
    } as Level);
    // menu is never freed (garbage from t1 on, leaked), and ok is placed while menu is still held.
    const run = playCommands(level, ['malloc menu', 'malloc item', 'step', 'malloc ok', 'step 3', 'end']);
    const m = scoreRun(level, run.state);
    checkAddsUp(m);
    const lines = m.penalties.map(penaltyLine);
    expect(lines).toEqual([
      '-5 garbage: 10 box-ticks unreachable but still allocated: menu 10 (t2 to t3)',
      '-15 peak: 9 boxes at t1 against 6 (ok was placed before menu was freed)',
    ]);
    // Twelve double frees lose 1200 points: the floor gives 200 back.
    const frees = Array.from({ length: 13 }, () => 'free menu');
    const bad = scoreRun(level, playCommands(level, ['malloc menu', 'malloc item', 'step', ...frees, 'end']).state);
    checkAddsUp(bad);
    expect(bad.penalties.map(penaltyLine).slice(-3)).toEqual([
      "-100 double free: menu's block at 1 was already freed",
      '-0 gave up at t1: a run that is not finished scores 0',
      '+200 the score stops at 0: 200 points given back',
    ]);
    const gaveUp = scoreRun(level, playCommands(level, ['malloc menu', 'malloc item', 'step', 'end']).state);
    expect(gaveUp.penalties.map(penaltyLine)).toEqual(['-1000 gave up at t1: a run that is not finished scores 0']);
  });
});
