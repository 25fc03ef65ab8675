// The one promise every collector makes, as a check over one level: nothing the program
// can still reach is ever lost. Checked after every step of the animated runtime (after
// every whole allocation, collection and tick for the moving collectors, whose heap is
// only half-rewritten in between); the headless run is the same run. Throws on a broken
// promise, so fast-check can use it as a property.
import { expect } from 'vitest';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { metricsOf } from '../../../src/engine/scoring/metrics.js';
import { totalBugs } from '../../../src/engine/run/state.js';
import { runCollector, type RuntimeOptions } from '../../../src/engine/runtime/index.js';
import type { CollectorName } from '../../../src/engine/vocabulary.js';
import { heapProblems, playAnimated, SAFE_STEPS } from './helpers.js';

const nonMoving = new Set<CollectorName>(['mark-sweep', 'refcount', 'incremental']);

export function keepsReachable(json: Level, name: CollectorName, options: RuntimeOptions = {}): void {
  const level = compileLevel(json);
  const halfSize = Math.floor(level.usable / 2);
  const rt = playAnimated(
    level,
    name,
    (rt, step) => {
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
    },
    options,
  );
  expect(rt.state.finished).toBe(true);
  expect(totalBugs(rt.state.bugs)).toBe(0);
  if (rt.state.crash === null) expect(rt.state.tick).toBe(level.ticks);
  else expect(rt.state.crash).toBe('oom');
  if (name !== 'refcount') expect(rt.state.leakedAtEnd).toBe(0);
  // Headless is the same code with the frames ignored.
  const headless = runCollector(level, name, options);
  expect(metricsOf(level, headless, 0, null)).toEqual(metricsOf(level, rt.state, 0, null));
}
