// No collector ever frees (or loses, or corrupts) a block the program can still reach,
// on random valid levels (see keeps-reachable.ts for what is checked, and when).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { metricsOf } from '../../../src/engine/scoring/metrics.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { keepsReachable } from './keeps-reachable.js';
import { anyLevelArb as levelArb } from './levels.js';
import { runs } from '../../support/runs.js';

describe('every collector keeps what the program can reach', () => {
  for (const name of COLLECTORS) {
    it(`${name}: reachable values keep their block and bytes after every step`, () => {
      fc.assert(
        fc.property(levelArb, (json) => keepsReachable(json, name)),
        { numRuns: runs(50) },
      );
    }, 60_000);
  }

  it('the same level and collector always give the same metrics', () => {
    fc.assert(
      fc.property(levelArb, fc.constantFrom(...COLLECTORS), (json, name) => {
        const a = metricsOf(compileLevel(json), runCollector(compileLevel(json), name), 0, null);
        const b = metricsOf(compileLevel(json), runCollector(compileLevel(json), name), 0, null);
        expect(b).toEqual(a);
      }),
      { numRuns: runs(40) },
    );
  });
});
