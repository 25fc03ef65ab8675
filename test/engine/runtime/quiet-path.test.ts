// A collector's quick path (no one watching: whole blocks at once, no steps) must tell the
// same story as the path that shows every step: the same log, line for line, and the
// same figures. Checked for every collector on each random level.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { playAnimated } from './helpers.js';
import { anyLevelArb } from './levels.js';
import { runs } from '../../support/runs.js';

describe("a collector's quiet path", () => {
  it('logs the same lines and ends with the same figures as the path that shows every step', () => {
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel(json);
        for (const collector of COLLECTORS) sameStory(level, collector);
      }),
      { numRuns: runs(40) },
    );
  });
});

function sameStory(level: ReturnType<typeof compileLevel>, collector: (typeof COLLECTORS)[number]): void {
  const quiet = runCollector(level, collector, { verbose: true });
  const shown = playAnimated(level, collector, () => {}, { verbose: true }).state;
  expect(quiet.log.map((e) => `t${e.tick} ${e.kind} ${e.text}`)).toEqual(
    shown.log.map((e) => `t${e.tick} ${e.kind} ${e.text}`),
  );
  for (const k of ['used', 'peak', 'work', 'pauseTicks', 'pauses', 'longestPause', 'garbageBoxTicks'] as const)
    expect(quiet[k], k).toBe(shown[k]);
  expect(quiet.crash).toBe(shown.crash);
  expect(quiet.leakedAtEnd).toBe(shown.leakedAtEnd);
}
