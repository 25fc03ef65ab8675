// The random levels the runtime's property tests play are valid levels.
import { it } from 'vitest';
import fc from 'fast-check';
import { formatProblems, validateLevel } from '../../../src/engine/level/validate.js';
import { linkedLevelArb } from './levels.js';
import { runs } from '../../support/runs.js';

it('the linked-level generator makes only valid levels', () => {
  fc.assert(
    fc.property(linkedLevelArb, (json) => {
      const r = validateLevel(json);
      if (!r.ok) throw new Error(formatProblems(json.id, r.problems));
    }),
    { numRuns: runs(200) },
  );
});
