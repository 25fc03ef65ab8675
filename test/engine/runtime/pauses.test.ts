// Every collection stops the program for ceil(W / workPerTick) ticks, W being the work that
// collection logged (refcount: only the work beyond one tick's budget), and the run's pause
// tallies are exactly the sum of those pauses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import type { RunState } from '../../../src/engine/run/state.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { generateLevel } from '../../support/generate.js';
import { compile } from './helpers.js';
import { HOLE } from '../../support/hole-level.js';
import { runs } from '../../support/runs.js';

interface LoggedPause {
  work: number;
  pause: number;
  /** refcount: the work beyond one tick's budget, as the line says it. */
  beyond?: number;
  /** incremental: the work of the earlier pause in the same gap that this one joins. */
  joins?: number;
}

const PAUSE_LINE =
  /(\d+) units? of work, (?:(\d+) beyond one tick's \d+: )?pause (\d+) ticks?(?: \(one pause with the (\d+) units? before it in this gap\))?/;

/**
 * Each collection's work and pause, read back from its log line. A pause that joins the
 * one before it in the same gap takes that one's place: together they are one pause.
 */
function loggedPauses(state: RunState): LoggedPause[] {
  const out: LoggedPause[] = [];
  for (const e of state.log) {
    if (e.kind !== 'collect') continue;
    const m = PAUSE_LINE.exec(e.text);
    if (!m) continue;
    const p: LoggedPause = { work: Number(m[1]), pause: Number(m[3]) };
    if (m[2]) p.beyond = Number(m[2]);
    if (m[4]) {
      p.joins = Number(m[4]);
      const joined = out.pop();
      // the pause joined is the one just before it, with whatever that one had joined itself
      expect(joined && joined.work + (joined.joins ?? 0)).toBe(p.joins);
    }
    out.push(p);
  }
  return out;
}

describe('pause arithmetic', () => {
  it('each pause is ceil(W / workPerTick) of the work its collection logged, for every collector', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 13 }),
        fc.constantFrom(...COLLECTORS),
        (seed, workPerTick, collector) => {
          const json = generateLevel({ seed, values: 24, memory: 48, lifetime: 6, records: 0.4 });
          const level = compile({ ...json, gc: { workPerTick, trigger: 0.6 } });
          const state = runCollector(level, collector, { verbose: true });
          const pauses = loggedPauses(state);
          for (const p of pauses) {
            const charged = collector === 'refcount' ? p.work - workPerTick : p.work + (p.joins ?? 0);
            if (p.beyond !== undefined) expect(p.beyond).toBe(charged);
            expect(p.pause, `${collector}: ${p.work} units at ${workPerTick} per tick`).toBe(
              Math.ceil(charged / workPerTick),
            );
          }
          const real = pauses.filter((p) => p.pause > 0);
          expect(state.pauseTicks).toBe(real.reduce((a, p) => a + p.pause, 0));
          expect(state.pauses).toBe(real.length);
          expect(state.longestPause).toBe(Math.max(0, ...real.map((p) => p.pause)));
          expect(state.timeline.points().reduce((a, t) => a + t.pause, 0) + state.pendingPause).toBe(state.pauseTicks);
        },
      ),
      { numRuns: runs(120) },
    );
  });

  // Work whose share of a tick has a fractional part below one half: rounding would give one
  // tick less than ceil. The level leaves a hole that only a collection can reuse.

  it('mark-sweep: W = 6 at 5 per tick (1.2) pauses 2 ticks, not 1', () => {
    // mark 2 blocks + 1 pointer read, sweep 3 blocks examined
    const s = runCollector(compile({ ...HOLE, gc: { workPerTick: 5 } }), 'mark-sweep', { verbose: true });
    expect(loggedPauses(s)).toEqual([{ work: 6, pause: 2 }]);
    expect([s.pauses, s.pauseTicks, s.longestPause]).toEqual([1, 2, 2]);
  });

  it('mark-compact: W = 11 at 5 per tick (2.2) pauses 3 ticks, not 2', () => {
    // mark 3, examine 3 blocks, rewrite 1 pointer, move 4 boxes
    const s = runCollector(compile({ ...HOLE, gc: { workPerTick: 5 } }), 'mark-compact', { verbose: true });
    expect(loggedPauses(s)).toEqual([{ work: 11, pause: 3 }]);
    expect(s.timeline.points().map((p) => p.pause)).toEqual([0, 0, 3, 0, 0]);
  });
});
