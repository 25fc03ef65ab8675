// How `compare` prints a comparison: a table of the metrics every run reports, with the best of each
// row marked, then a chart of memory used over time per run with pauses marked
// (asciichart), and --json for machines.
import asciichart from 'asciichart';
import type { Comparison, ComparedRun } from '../engine/index.js';
import type { Metrics } from '../engine/index.js';
import {
  BUG_KINDS,
  betterOf,
  isExploitable,
  METRICS,
  penaltyLine,
  plural,
  REFCOUNT_PAUSE,
  SECURITY_KINDS,
  starRuleForRuns,
  starsShown,
  stars,
  totalBugs,
  totalSecurity,
  type Better,
  type MetricName,
} from '../engine/index.js';
import { sanitise } from '../ui/sanitise.js';

interface Row {
  label: string;
  value: (m: Metrics, r: ComparedRun) => number | string | null;
  better: Better;
}

/** Stars are the player's: a collector's run shows none. */
function starsCell(r: ComparedRun): string {
  const n = starsShown(r);
  return n === null ? '-' : stars(n);
}

/** How the table prints a metric's value (the numbers print as they are). */
function cellOf(name: MetricName, m: Metrics, r: ComparedRun): number | string | null {
  switch (name) {
    case 'completed':
      return m.completed ? 'yes' : 'no';
    case 'crash':
      return m.crash ?? '-';
    case 'bugs':
      return totalBugs(m.bugs);
    case 'security':
      return totalSecurity(m.security);
    case 'stars':
      return starsCell(r);
    case 'penalties':
      return m.penalties.reduce((n, p) => n + p.points, 0);
    default:
      return m[name];
  }
}

/** Whether an attacker got anything from the run: a secret leaked or a read they steered. */
const EXPLOITABLE: Row = {
  label: 'exploitable',
  value: (m) => (isExploitable(m.security) ? 'yes' : 'no'),
  better: null,
};

/**
 * One row per metric, under its --json name; the bug kinds each get a row under the bugs,
 * and the security kinds under the security holes, after the row saying whether the run
 * was exploitable.
 */
const ROWS: Row[] = METRICS.flatMap(({ name, better }): Row[] => [
  ...(name === 'security' ? [EXPLOITABLE] : []),
  { label: name, value: (m, r) => cellOf(name, m, r), better },
  ...(name === 'bugs'
    ? BUG_KINDS.map((k): Row => ({ label: `  ${k}`, value: (m) => m.bugs[k], better: betterOf(k) }))
    : []),
  ...(name === 'security'
    ? SECURITY_KINDS.map((k): Row => ({ label: `  ${k}`, value: (m) => m.security[k], better: betterOf(k) }))
    : []),
]);

/** JSON for machines: every run with its metrics under the names `--json` promises (`pauseTicks`, `garbageBoxTicks`, ...). */
export function comparisonJson(c: Comparison): object {
  return {
    level: c.level,
    defaultCollector: c.defaultCollector,
    runs: c.runs.map((r) => ({ name: r.name, kind: r.kind, ...r.metrics })),
    ...(c.replayProblems.length > 0
      ? {
          replayProblems: c.replayProblems.slice(0, SHOWN_REPLAY_PROBLEMS),
          refusedCommands: c.replayProblems.length,
        }
      : {}),
  };
}

/** The metrics table; the best value of each row (among runs that finished) gets a `*`. */
export function metricsTable(runs: readonly ComparedRun[]): string {
  const header = ['metric', ...runs.map((r) => r.name)];
  const lines: string[][] = [header];
  for (const row of ROWS) {
    const values = runs.map((r) => row.value(r.metrics, r));
    const best = bestOf(values, runs, row.better);
    lines.push([row.label, ...values.map((v, i) => `${v ?? '-'}${best.has(i) ? '*' : ' '}`)]);
  }
  const widths = header.map((_, col) => Math.max(...lines.map((l) => l[col].length)));
  return lines
    .map((l, i) => {
      const text = l.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
      return i === 0 ? `${text}\n${'─'.repeat(text.length)}` : text;
    })
    .join('\n');
}

function bestOf(values: (number | string | null)[], runs: readonly ComparedRun[], better: Better): Set<number> {
  const out = new Set<number>();
  if (!better) return out;
  const nums = values.map((v, i) => (typeof v === 'number' && runs[i].metrics.completed ? v : null));
  const candidates = nums.filter((v): v is number => v !== null);
  if (candidates.length < 2 || candidates.every((v) => v === candidates[0])) return out;
  const target = better === 'low' ? Math.min(...candidates) : Math.max(...candidates);
  nums.forEach((v, i) => v === target && out.add(i));
  return out;
}

const COLORS = [
  asciichart.blue,
  asciichart.green,
  asciichart.magenta,
  asciichart.yellow,
  asciichart.cyan,
  asciichart.red,
];
const LABEL_WIDTH = 6;

/**
 * A run's timeline squeezed to one column per `bucket` ticks: the most boxes used, and
 * whether it paused. A pause that ended in a crash has no tick after it on the timeline:
 * it is marked where the run stopped.
 */
function squeeze(r: ComparedRun, bucket: number): { used: number[]; paused: boolean[] } {
  const used: number[] = [];
  const paused: boolean[] = [];
  const tl = r.metrics.timeline;
  // Index loops: this runs once, cold, over every tick of every run (350,000 points on a big level).
  let onTimeline = 0;
  for (let i = 0; i < tl.length; i += bucket) {
    let u = 0;
    let p = false;
    const end = Math.min(tl.length, i + bucket);
    for (let j = i; j < end; j++) {
      if (tl.usedAt(j) > u) u = tl.usedAt(j);
      if (tl.pauseAt(j) > 0) {
        p = true;
        onTimeline += tl.pauseAt(j);
      }
    }
    used.push(u);
    paused.push(p);
  }
  if (r.metrics.pauseTicks > onTimeline) {
    const col = Math.floor(tl.length / bucket);
    if (col >= used.length) {
      used.push(tl.length > 0 ? tl.usedAt(tl.length - 1) : 0);
      paused.push(true);
    } else paused[col] = true;
  }
  return { used: used.length > 0 ? used : [0], paused };
}

/** Memory used over time: one small chart per run on the same scale, pauses marked under it with ▲. */
export function memoryChart(
  runs: readonly ComparedRun[],
  opts: { width: number; height: number; color: boolean },
): string {
  // Loops, not Math.max(...list): a spread of a 100,000-tick timeline overflows the stack.
  let length = 1;
  let max = 1;
  for (const r of runs) {
    const tl = r.metrics.timeline;
    length = Math.max(length, tl.length);
    for (let i = 0; i < tl.length; i++) if (tl.usedAt(i) > max) max = tl.usedAt(i);
  }
  const bucket = Math.max(1, Math.ceil(length / opts.width));
  const height = Math.min(opts.height, max);
  const out = [
    `boxes used over time, tick 0 to ${length}${bucket > 1 ? ` (${bucket} ticks a column)` : ''}; ▲ marks a collector pause`,
  ];
  runs.forEach((r, i) => {
    const s = squeeze(r, bucket);
    const m = r.metrics;
    const notes = [
      m.pauses > 0 ? `${plural(m.pauses, 'pause')}, ${plural(m.pauseTicks, 'tick')}` : '',
      r.name === 'refcount' && m.pauses > 0 ? REFCOUNT_PAUSE : '',
      m.crash === 'oom'
        ? `✗ out of memory at tick ${m.ticks}`
        : m.crash === 'abort'
          ? `✗ gave up at tick ${m.ticks}`
          : '',
    ].filter(Boolean);
    out.push('', `${r.name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
    out.push(
      asciichart.plot(s.used, {
        height,
        min: 0,
        max,
        format: (x) => String(Math.round(x)).padStart(LABEL_WIDTH - 1),
        ...(opts.color ? { colors: [COLORS[i % COLORS.length]] } : {}),
      }),
    );
    if (s.paused.some(Boolean))
      out.push(
        ' '.repeat(LABEL_WIDTH) +
          s.paused
            .map((p) => (p ? '▲' : ' '))
            .join('')
            .trimEnd(),
      );
  });
  return out.join('\n');
}

/** Lines shown per run under "where the points went"; the rest are counted. */
const PENALTY_LINES = 8;

/** Where each run's points went: every point lost, adding up to 1000 minus its score. */
function pointsLost(runs: readonly ComparedRun[]): string[] {
  const out = ['Where the points went:'];
  for (const r of runs) {
    const { penalties } = r.metrics;
    out.push(`  ${r.name}: ${r.metrics.score}${penalties.length === 0 ? ', nothing lost' : ''}`);
    // A line names values and quotes bytes from the level file: printable text only. Only
    // the lines shown are written (a collector on a big level loses points in thousands of pauses).
    for (const p of penalties.slice(0, PENALTY_LINES)) out.push(`    ${sanitise(penaltyLine(p))}`);
    if (penalties.length > PENALTY_LINES) {
      let rest = 0;
      for (let i = PENALTY_LINES; i < penalties.length; i++) rest += penalties[i].points;
      out.push(`    … ${plural(penalties.length - PENALTY_LINES, 'more line')} (${rest} points)`);
    }
  }
  return out;
}

/** How many refused replay commands are listed before the rest are counted. */
export const SHOWN_REPLAY_PROBLEMS = 20;

export function formatComparison(c: Comparison, opts: { color: boolean; width: number }): string {
  const parts = [
    `${c.level}: the default collector is ${c.defaultCollector}`,
    '',
    metricsTable(c.runs),
    '* best of the row',
    starRuleForRuns(c.defaultCollector),
    '',
  ];
  if (c.replayProblems.length > 0) {
    // The first few, then a count: a replay may hold a million refused commands.
    const shown = c.replayProblems.slice(0, SHOWN_REPLAY_PROBLEMS);
    parts.push('The replay had commands the engine refused:');
    for (const p of shown) parts.push(`  #${p.index + 1} ${sanitise(p.command)}: ${sanitise(p.error)}`);
    const more = c.replayProblems.length - shown.length;
    if (more > 0) parts.push(`  and ${more} more refused command${more === 1 ? '' : 's'}`);
    parts.push('');
  }
  parts.push(...pointsLost(c.runs), '');
  const width = Math.max(20, Math.min(100, opts.width - 12));
  parts.push(memoryChart(c.runs, { width, height: 4, color: opts.color }));
  return `${parts.join('\n')}\n`;
}
