// No collector ever frees (or loses, or corrupts) a block the program can still reach,
// on random valid levels: checked after every step of the animated runtime (after every
// whole allocation, collection and tick for the moving collectors, whose heap is only
// half-rewritten in between), and the headless run is the same run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateLevel } from '../../support/generate.js';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { metricsOf } from '../../../src/engine/scoring/metrics.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { totalBugs } from '../../../src/engine/run/state.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { heapProblems, playAnimated, SAFE_STEPS } from './helpers.js';

const levelArb = fc
  .record({
    seed: fc.nat(),
    values: fc.integer({ min: 10, max: 150 }),
    // Small memories, so that most runs collect (and some run out of memory); above 256 boxes, 2-box pointers.
    memory: fc.oneof(fc.integer({ min: 24, max: 96 }), fc.integer({ min: 257, max: 330 })),
    lifetime: fc.integer({ min: 1, max: 14 }),
    records: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
    sets: fc.integer({ min: 0, max: 60 }),
    trigger: fc.constantFrom(1, 0.9, 0.6, 0.3),
    workPerTick: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ trigger, workPerTick, ...o }): Level => ({ ...generateLevel(o), gc: { trigger, workPerTick } }));

const nonMoving = new Set(['mark-sweep', 'refcount']);

describe('every collector keeps what the program can reach', () => {
  for (const name of COLLECTORS) {
    it(`${name}: reachable values keep their block and bytes after every step`, () => {
      fc.assert(
        fc.property(levelArb, (json) => {
          const level = compileLevel(json);
          const halfSize = Math.floor(level.usable / 2);
          const rt = playAnimated(level, name, (rt, step) => {
            if (name === 'copying') {
              // Only its current half is ever allocated.
              const { start, end } = rt.view.half!;
              expect(end - start).toBe(halfSize);
              for (const b of rt.state.blocks)
                if (b.start < start || b.start + b.size > end)
                  throw new Error(`block at ${b.start} outside the half ${start}..${end - 1}`);
              expect(rt.state.used).toBeLessThanOrEqual(halfSize);
            }
            if (!nonMoving.has(name) && !SAFE_STEPS.has(step.kind)) return;
            const problems = heapProblems(level, rt.state);
            if (problems.length > 0) throw new Error(`after "${step.text}": ${problems.join('; ')}`);
          });
          expect(rt.state.finished).toBe(true);
          expect(totalBugs(rt.state.bugs)).toBe(0);
          if (rt.state.crash === null) expect(rt.state.tick).toBe(level.ticks);
          else expect(rt.state.crash).toBe('oom');
          if (name !== 'refcount') expect(rt.state.leakedAtEnd).toBe(0);
          // Headless is the same code with the frames ignored.
          const headless = runCollector(level, name);
          expect(metricsOf(level, headless, 0, null)).toEqual(metricsOf(level, rt.state, 0, null));
        }),
        { numRuns: 50 },
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
      { numRuns: 40 },
    );
  });
});
