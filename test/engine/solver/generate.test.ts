import { describe, expect, it } from 'vitest';
import { generateLevel, levelFileText, DIFFICULTIES } from '../../../src/engine/generate/generate.js';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { validateLevel } from '../../../src/engine/level/validate.js';
import { totalBugs } from '../../../src/engine/run/state.js';
import { oracleRun } from '../../../src/engine/scoring/oracle.js';
import { parOf, parRun } from '../../../src/engine/solver/par.js';
import { runs } from '../../support/runs.js';

const SEEDS = Array.from({ length: runs(40) }, (_, i) => i * 7919 + 1);

describe('generated puzzles', () => {
  for (const difficulty of DIFFICULTIES) {
    it(`${difficulty}: every seed gives a valid level the solver finishes${difficulty === 'hard' ? ', and first fit does not' : ', as first fit does'}`, () => {
      for (const seed of SEEDS) {
        const json = generateLevel({ seed, difficulty });
        expect(validateLevel(json).ok).toBe(true);
        const level = compileLevel(json);
        const par = parOf(level);
        expect(par.ok && par.by).toBe(difficulty === 'hard' ? 'solver' : 'oracle');
        const run = parRun(level)!;
        expect(run.crash).toBe(null);
        expect(run.tick).toBe(level.ticks);
        expect(totalBugs(run.bugs)).toBe(0);
        // First fit with perfect timing, replayed by the ordinary moves.
        expect(oracleRun(level).state.crash).toBe(difficulty === 'hard' ? 'oom' : null);
      }
    });
  }

  it('the same seed gives the same bytes; another seed another level', () => {
    const a = levelFileText(generateLevel({ seed: 20261201, difficulty: 'hard' }));
    const b = levelFileText(generateLevel({ seed: 20261201, difficulty: 'hard' }));
    expect(a).toBe(b);
    expect(levelFileText(generateLevel({ seed: 20261202, difficulty: 'hard' }))).not.toBe(a);
    expect(levelFileText(generateLevel({ seed: 20261201, difficulty: 'easy' }))).not.toBe(a);
  });
});
