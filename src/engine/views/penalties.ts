// Where a run's points went, as the end screen lists them: one line each, the points
// adding up to exactly 1000 minus the score.
import type { CompiledLevel } from '../level/compile.js';
import type { Metrics } from '../scoring/metrics.js';
import { totalBugs } from '../run/state.js';

export interface PenaltyLine {
  /** Points lost (negative: points given back by the floor at 0). */
  points: number;
  text: string;
}

/** The penalty lines of a run's metrics: the run's own penalties when its metrics carry them. */
export function penaltyLinesOf(level: CompiledLevel, m: Metrics): PenaltyLine[] {
  const given = (m as Metrics & { penalties?: PenaltyLine[] }).penalties;
  if (Array.isArray(given)) return given.map((p) => ({ points: p.points, text: p.text }));
  const w = level.weights;
  if (!m.completed)
    return [
      {
        points: 1000,
        text:
          m.crash === 'oom'
            ? 'crashed: out of memory, a crash scores 0'
            : 'gave up: a run that did not finish scores 0',
      },
    ];
  const out: PenaltyLine[] = [];
  const bugs = totalBugs(m.bugs);
  if (bugs > 0) out.push({ points: w.bug * bugs, text: `${bugs} bug${bugs === 1 ? '' : 's'}` });
  if (m.pauseTicks > 0) out.push({ points: w.pauseTick * m.pauseTicks, text: `${m.pauseTicks} pause ticks` });
  const g = Math.floor(m.garbageBoxTicks / w.garbageBoxTicksPerPoint);
  if (g > 0) out.push({ points: g, text: `garbage: ${m.garbageBoxTicks} box-ticks` });
  const lost = out.reduce((n, p) => n + p.points, 0);
  const rest = 1000 - m.score - lost;
  if (rest > 0) out.push({ points: rest, text: 'peak: boxes held at once above perfect timing' });
  if (rest < 0) out.push({ points: rest, text: 'the score never goes below 0' });
  return out;
}
