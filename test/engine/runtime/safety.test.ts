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

  it('a run for its metrics only writes no collection line and ends with the same metrics and the same state otherwise', () => {
    let linesLeftOut = 0;
    fc.assert(
      fc.property(levelArb, fc.constantFrom(...COLLECTORS), (json, name) => {
        const level = compileLevel(json);
        const full = runCollector(level, name);
        const lean = runCollector(level, name, { metricsOnly: true });
        const collections = full.log.filter((e) => e.kind === 'collect');
        linesLeftOut += collections.length;
        expect(lean.log).toEqual(full.log.filter((e) => e.kind !== 'collect'));
        expect({ ...lean, log: [] }).toEqual({ ...full, log: [] });
        expect(metricsOf(level, lean, 0, null)).toEqual(metricsOf(level, full, 0, null));
      }),
      { numRuns: runs(60) },
    );
    // Some of the random levels made collections: the lines were there to leave out.
    expect(linesLeftOut).toBeGreaterThan(0);
  });

  it("a run that takes over another finished run's boxes and variables ends exactly as a fresh one", () => {
    fc.assert(
      fc.property(levelArb, fc.constantFrom(...COLLECTORS), fc.constantFrom(...COLLECTORS), (json, first, name) => {
        const level = compileLevel(json);
        const fresh = runCollector(level, name);
        const before = runCollector(level, first);
        // Whatever the finished run left in them, every box and variable is set back.
        before.bytes.fill(0xff);
        before.writer.fill(7);
        for (const s of before.variables) Object.assign(s, { addr: 5, size: 3, freed: true, leakNoted: true });
        for (const t of before.targets) t.fill(0);
        const reused = runCollector(level, name, { reuse: before });
        // The finished run's own arrays, set back and played again, not new ones.
        expect(reused.variables).toBe(before.variables);
        expect(reused.bytes).toBe(before.bytes);
        expect(reused.targets).toBe(before.targets);
        expect({ ...reused, variables: [...reused.variables], targets: [...reused.targets] }).toEqual({
          ...fresh,
          variables: [...fresh.variables],
          targets: [...fresh.targets],
        });
      }),
      { numRuns: runs(40) },
    );
  });
});
