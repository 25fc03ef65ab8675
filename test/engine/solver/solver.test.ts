import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { validateLevel } from '../../../src/engine/level/validate.js';
import { playCommands } from '../../../src/engine/run/headless.js';
import { totalBugs } from '../../../src/engine/run/state.js';
import { oracleRun } from '../../../src/engine/scoring/oracle.js';
import { certifyLevel, certifyLevelJson, parOf, parRun, solveLevel } from '../../../src/engine/solver/par.js';
import { firstFitPlacement, lastTouches, valueSizes } from '../../../src/engine/solver/first-fit.js';
import { perfectPeak } from '../../../src/engine/solver/perfect-timing.js';
import { searchPlacements } from '../../../src/engine/solver/search.js';
import { generateLevel, rng } from '../../support/generate.js';

const level = (json: Partial<Level>): CompiledLevel =>
  compileLevel({ id: 'solver-test', title: 'Solver test', ...json } as Level);

/** First fit puts b right after a; a's hole is then too small for c. b at the high end leaves room. */
const puzzle = (): Partial<Level> => ({
  memory: 8,
  ticks: 3,
  values: [
    { id: 'a', value: 1000, type: 'u16', arrive: 0, uses: [0], drop: 1 },
    { id: 'b', value: 1000, type: 'u16', arrive: 0, uses: [2] },
    { id: 'c', value: 'abcd', arrive: 1, uses: [1], drop: 2 },
  ],
});

/** The puzzle with c one box longer: 8 boxes at tick 1, 7 usable. */
const tooBig = (): Partial<Level> => {
  const p = puzzle();
  p.values![2] = { ...p.values![2], value: 'abcde' };
  return p;
};

describe('the solver', () => {
  it('finishes a puzzle first fit cannot, and its replay is a clean run at the perfect peak', () => {
    const l = level(puzzle());
    expect(oracleRun(l).state.crash).toBe('oom');
    const { search, commands } = solveLevel(l);
    expect(search.status).toBe('finished');
    expect(commands).toContain('malloc b @6');
    const run = playCommands(l, commands!);
    expect(run.problems).toEqual([]);
    expect(run.state.finished && run.state.crash === null && run.state.tick === l.ticks).toBe(true);
    expect(totalBugs(run.state.bugs)).toBe(0);
    expect(run.state.used).toBe(0);
    expect(run.state.peak).toBe(perfectPeak(l));
    expect(perfectPeak(l)).toBe(7);
  });

  it('tries first fit first: low end of each run before its high end, in address order', () => {
    const l = level(puzzle());
    // a@1 b@3 fails for c; b@6 works: a, b (low), c fails, b (high), c = 4 placements.
    const s = searchPlacements(l);
    expect(s).toEqual({ status: 'finished', nodes: 4, placement: [1, 6, 1] });
  });

  it('gives up past its budget, and proves a level impossible when every layout fails', () => {
    const l = level(puzzle());
    expect(searchPlacements(l, 2).status).toBe('exhausted');
    const tight = level(tooBig());
    expect(searchPlacements(tight)).toMatchObject({ status: 'impossible', tick: 1, needs: 8 });
  });

  it('is deterministic', () => {
    const json = generateLevel({ seed: 7, values: 40, memory: 40 });
    const a = searchPlacements(compileLevel(json));
    const b = searchPlacements(compileLevel(structuredClone(json)));
    expect(a).toEqual(b);
  });

  it("its first path is the oracle's: the oracle finishes exactly when the search never steps back", () => {
    let both = 0;
    let solverOnly = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const json = generateLevel({ seed, values: 8 + Math.floor(r() * 30), memory: 12 + Math.floor(r() * 30) });
      const l = compileLevel(json);
      const cert = certifyLevel(l);
      const oracle = oracleRun(l).state;
      const oracleFinished = oracle.crash === null && oracle.finished;
      expect(cert.ok && cert.by === 'oracle').toBe(oracleFinished);
      if (oracleFinished) both++;
      if (cert.ok && cert.by === 'solver') {
        solverOnly++;
        const par = parOf(l);
        expect(par.ok && par.by).toBe('solver');
        const state = parRun(l)!;
        expect(state.crash).toBe(null);
        expect(state.tick).toBe(l.ticks);
        expect(totalBugs(state.bugs)).toBe(0);
        expect(state.leakedAtEnd).toBe(0);
        expect(state.peak).toBe(perfectPeak(l));
      }
    }
    expect(both).toBeGreaterThan(10);
    expect(solverOnly).toBeGreaterThan(3);
  });
});

describe('first fit straight from the JSON (what validation runs)', () => {
  it("places every value where the search's first path does, and fails exactly when the oracle runs out of memory", () => {
    let finished = 0;
    let failed = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const json = generateLevel({
        seed,
        values: 8 + Math.floor(r() * 30),
        memory: 12 + Math.floor(r() * 30),
        sets: Math.floor(r() * 40),
      });
      const l = compileLevel(json);
      const quick = firstFitPlacement(json);
      // The search's first path, alone: a budget of one placement per arrival.
      const first = searchPlacements(l, l.values.length);
      const oracle = oracleRun(l).state;
      expect(quick !== null).toBe(oracle.crash === null && oracle.finished);
      if (quick) {
        finished++;
        expect(first.status).toBe('finished');
        expect(first.status === 'finished' && first.placement).toEqual(quick);
        expect(Array.from(valueSizes(json))).toEqual(l.values.map((v) => v.size));
        expect(Array.from(lastTouches(json))).toEqual(l.values.map((v) => v.lastTouch));
      } else failed++;
      expect(certifyLevelJson(structuredClone(json))).toEqual(certifyLevel(compileLevel(structuredClone(json))));
    }
    expect(finished).toBeGreaterThan(10);
    expect(failed).toBeGreaterThan(10);
  });
});

describe('validation asks for a par', () => {
  it('refuses a level whose search runs out of budget, saying so', () => {
    // Found by scanning seeds: first fit fails, and 200,000 placements find no way through.
    const json = generateLevel({ seed: 21, values: 120, memory: 48, records: 0, lifetime: 12 });
    const r = validateLevel(json);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        {
          path: '',
          message: expect.stringContaining(
            'First fit runs out of memory, and the solver tried 200,000 placements without finishing the level',
          ),
        },
      ]);
  });

  it('accepts a puzzle the solver finishes, refuses one no placement finishes, with a sentence', () => {
    expect(validateLevel({ id: 'p', title: 'P', ...puzzle() }).ok).toBe(true);
    const r = validateLevel({ id: 'p', title: 'P', ...tooBig() });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        {
          path: '',
          message: expect.stringMatching(
            /^No placement finishes this level: .* at tick 1 hold 8 boxes, more than the 7 usable/,
          ),
        },
      ]);
  });
});
