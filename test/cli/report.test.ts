// compare's text report: the chart marks every pause (the one that ended in a crash too),
// refcount's pauses are explained, and stars are shown for the player and the oracle only.
import { describe, expect, it } from 'vitest';
import { formatComparison, memoryChart, metricsTable } from '../../src/cli/report.js';
import type { ComparedRun } from '../../src/engine/scoring/compare.js';
import type { Metrics } from '../../src/engine/scoring/metrics.js';
import type { Penalty } from '../../src/engine/scoring/penalties.js';
import { Timeline } from '../../src/engine/run/timeline.js';

function run(name: string, kind: ComparedRun['kind'], over: Partial<Metrics>): ComparedRun {
  const metrics: Metrics = {
    completed: true,
    crash: null,
    ticks: 4,
    pauseTicks: 0,
    pauses: 0,
    longestPause: 0,
    work: 10,
    peak: 5,
    garbageBoxTicks: 0,
    leakedAtEnd: 0,
    mmu: 1,
    bugs: { useAfterFree: 0, corruptRead: 0, doubleFree: 0, invalidFree: 0, overflow: 0 },
    security: { secretsLeaked: 0, attackerReads: 0 },
    score: 1000,
    stars: 3,
    penalties: [],
    timeline: Timeline.of([0, 1, 2, 3].map((t) => ({ used: t + 1, garbage: 0, pause: 0 }))),
    ...over,
  };
  return { name, kind, metrics };
}

/** The line of ▲ marks under a run's chart, or undefined. */
function marks(chart: string, name: string): string | undefined {
  const lines = chart.split('\n');
  const at = lines.findIndex((l) => l.startsWith(name));
  for (let i = at + 1; i < lines.length && lines[i] !== ''; i++) if (lines[i].includes('▲')) return lines[i];
  return undefined;
}

describe('compare report', () => {
  it('marks the pause that ended in an out-of-memory crash, which no tick follows', () => {
    const crashed = run('mark-sweep', 'collector', {
      completed: false,
      crash: 'oom',
      ticks: 4,
      pauseTicks: 3,
      pauses: 1,
      longestPause: 3,
      score: 0,
      stars: 0,
    });
    const chart = memoryChart([crashed], { width: 40, height: 4, color: false });
    const line = marks(chart, 'mark-sweep (1 pause, 3 ticks');
    expect(line).toBeDefined();
    // One column per tick, and the mark after the last tick that ran: where the run stopped.
    expect(line!.indexOf('▲')).toBe(6 + 4);
  });

  it('marks a pause before a tick under that tick, and explains refcount pauses', () => {
    const tl = Timeline.of([0, 1, 2, 3].map((t) => ({ used: t + 1, garbage: 0, pause: t === 2 ? 1 : 0 })));
    const rc = run('refcount', 'collector', { pauseTicks: 1, pauses: 1, longestPause: 1, timeline: tl });
    const chart = memoryChart([rc], { width: 40, height: 4, color: false });
    expect(chart).toContain("refcount pauses only when a cascade of frees takes more than one tick's work");
    expect(marks(chart, 'refcount')!.indexOf('▲')).toBe(6 + 2);
  });

  it("shows no stars for a collector's run, and says the third star's rule", () => {
    const table = metricsTable([run('you', 'player', {}), run('mark-sweep', 'collector', { stars: 3 })]);
    const stars = table.split('\n').find((l) => l.startsWith('stars'))!;
    expect(stars).toContain('★★★');
    expect(stars.trim().endsWith('-')).toBe(true);
    const text = formatComparison(
      {
        level: 'x',
        defaultCollector: 'mark-sweep',
        runs: [run('you', 'player', {}), run('mark-sweep', 'collector', {})],
        replayProblems: [],
      },
      { color: false, width: 80 },
    );
    expect(text).toContain("★★★ and a score ≥ mark-sweep's · none for collectors");
  });

  it('lists the first eight point lines of a run, printable, and counts the rest with their points', () => {
    // Twelve pauses of 1 to 12 ticks at 20 points a tick; the third line carries an escape from a file.
    const penalties: Penalty[] = Array.from({ length: 12 }, (_, k) => ({
      points: 20 * (k + 1),
      cause: 'pause',
      tick: k,
      value: null,
      text: k === 2 ? 'pause near \u001b[31mred' : `pause ${k + 1}`,
    }));
    const text = formatComparison(
      {
        level: 'x',
        defaultCollector: 'incremental',
        runs: [run('incremental', 'collector', { score: 0, penalties }), run('oracle', 'oracle', {})],
        replayProblems: [],
      },
      { color: false, width: 80 },
    );
    const lines = text.split('\n');
    const at = lines.indexOf('  incremental: 0');
    expect(lines.slice(at + 1, at + 10)).toEqual([
      '    -20 pause 1',
      '    -40 pause 2',
      '    -60 pause near \\u001b[31mred',
      '    -80 pause 4',
      '    -100 pause 5',
      '    -120 pause 6',
      '    -140 pause 7',
      '    -160 pause 8',
      // 9 to 12 ticks: 180 + 200 + 220 + 240 points.
      '    … 4 more lines (840 points)',
    ]);
    expect(lines[at + 10]).toBe('  oracle: 1000, nothing lost');
  });
});
