// The write barriers are what keep generational and incremental correct: with the barrier
// switched off (a test-only option), the same property the safety test checks (no
// reachable value is ever lost) fails, and with it on, it holds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { CollectorName } from '../../../src/engine/vocabulary.js';
import { heapProblems, playAnimated, SAFE_STEPS } from './helpers.js';
import { linkedLevelArb } from './levels.js';

/** The first lost value on the level, or null. */
function lostValue(
  json: Parameters<typeof compileLevel>[0],
  name: CollectorName,
  withoutBarrier: boolean,
): string | null {
  const level = compileLevel(json);
  let lost: string | null = null;
  playAnimated(
    level,
    name,
    (rt, step) => {
      if (lost !== null || !SAFE_STEPS.has(step.kind)) return;
      const problems = heapProblems(level, rt.state);
      if (problems.length > 0) lost = `after "${step.text}": ${problems[0]}`;
    },
    { withoutBarrier },
  );
  return lost;
}

describe('the write barrier keeps reachable values', () => {
  for (const name of ['generational', 'incremental'] as const) {
    it(`${name}: without its barrier, the reachability property finds a lost value`, () => {
      const result = fc.check(
        fc.property(linkedLevelArb, (json) => lostValue(json, name, true) === null),
        { numRuns: 300, seed: 11 },
      );
      expect(result.failed).toBe(true);
      const json = result.counterexample![0];
      expect(lostValue(json, name, true)).toMatch(/reachable|holds/);
      // The same level with the barrier on keeps everything.
      expect(lostValue(json, name, false)).toBeNull();
    }, 60_000);
  }
});
