// The write barriers are what keep generational and incremental correct: with the barrier
// switched off (a test-only option), the very property the safety test checks (no
// reachable value is ever lost) fails, and with it on, the same level passes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keepsReachable } from './keeps-reachable.js';
import { linkedLevelArb } from './levels.js';

describe('the write barrier keeps reachable values', () => {
  for (const name of ['generational', 'incremental'] as const) {
    it(`${name}: without its barrier, the reachability property finds a lost value`, () => {
      const result = fc.check(
        fc.property(linkedLevelArb, (json) => keepsReachable(json, name, { withoutBarrier: true })),
        { numRuns: 300, seed: 11 },
      );
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(/is reachable but|holds \[/);
      // The same level with the barrier on keeps everything.
      expect(() => keepsReachable(result.counterexample![0], name)).not.toThrow();
    }, 60_000);
  }
});
