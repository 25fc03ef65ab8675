// How `compare` prints a comparison: a table of the §7 metrics with the best of each
// row marked, then a chart of memory used over time per run with pauses marked
// (asciichart), and --json for machines.
import asciichart from 'asciichart';
import type { Comparison, ComparedRun } from '../engine/compare.js';
import type { Metrics } from '../engine/metrics.js';
import { totalBugs, type BugKind } from '../engine/state.js';

type Better = 'low' | 'high' | null;
interface Row {
  label: string;
  value: (m: Metrics) => number | string | null;
  better: Better;
}

const BUG_KINDS: BugKind[] = ['useAfterFree', 'corruptRead', 'doubleFree', 'invalidFree', 'overflow'];

const ROWS: Row[] = [
  { label: 'completed', value: (m) => (m.completed ? 'yes' : 'no'), better: null },
  { label: 'crash', value: (m) => m.crash ?? '-', better: null },
  { label: 'ticks', value: (m) => m.ticks, better: null },
  { label: 'pauseTicks', value: (m) => m.pauseTicks, better: 'low' },
  { label: 'pauses', value: (m) => m.pauses, better: 'low' },
  { label: 'longestPause', value: (m) => m.longestPause, better: 'low' },
  { label: 'work', value: (m) => m.work, better: 'low' },
  { label: 'peak', value: (m) => m.peak, better: 'low' },
  { label: 'garbageBoxTicks', value: (m) => m.garbageBoxTicks, better: 'low' },
  { label: 'leakedAtEnd', value: (m) => m.leakedAtEnd, better: 'low' },
  { label: 'mmu', value: (m) => m.mmu, better: 'high' },
  { label: 'bugs', value: (m) => totalBugs(m.bugs), better: 'low' },
  ...BUG_KINDS.map((k): Row => ({ label: `  ${k}`, value: (m) => m.bugs[k], better: 'low' })),
  { label: 'score', value: (m) => m.score, better: 'high' },
  { label: 'stars', value: (m) => '★'.repeat(m.stars) + '☆'.repeat(3 - m.stars), better: null },
];

/** JSON for machines: every run with the §7 metrics under their contract names. */
export function comparisonJson(c: Comparison): object {
  return {
    level: c.level,
    defaultCollector: c.defaultCollector,
    runs: c.runs.map((r) => ({ name: r.name, kind: r.kind, ...r.metrics })),
    ...(c.replayProblems.length > 0 ? { replayProblems: c.replayProblems } : {}),
  };
}

/** The metrics table; the best value of each row (among runs that finished) gets a `*`. */
export function metricsTable(runs: readonly ComparedRun[]): string {
  const header = ['metric', ...runs.map((r) => r.name)];
  const lines: string[][] = [header];
  for (const row of ROWS) {
    const values = runs.map((r) => row.value(r.metrics));
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

const COLORS = [asciichart.blue, asciichart.green, asciichart.magenta, asciichart.yellow, asciichart.cyan, asciichart.red];

/** Memory used over time, one line per run, squeezed to `width` columns; pauses marked under it. */
export function memoryChart(runs: readonly ComparedRun[], opts: { width: number; height: number; color: boolean }): string {
  const length = Math.max(1, ...runs.map((r) => r.metrics.timeline.length));
  const bucket = Math.max(1, Math.ceil(length / opts.width));
  const squeeze = (r: ComparedRun) => {
    const used: number[] = [];
    const paused: boolean[] = [];
    const tl = r.metrics.timeline;
    for (let i = 0; i < tl.length; i += bucket) {
      let u = 0;
      let p = false;
      for (let j = i; j < Math.min(tl.length, i + bucket); j++) {
        u = Math.max(u, tl[j].used);
        p ||= tl[j].pause > 0;
      }
      used.push(u);
      paused.push(p);
    }
    return { used: used.length > 0 ? used : [0], paused };
  };
  const squeezed = runs.map(squeeze);
  const labelWidth = 6;
  const chart = asciichart.plot(
    squeezed.map((s) => s.used),
    {
      height: opts.height,
      min: 0,
      format: (x) => String(Math.round(x)).padStart(labelWidth - 1),
      ...(opts.color ? { colors: runs.map((_, i) => COLORS[i % COLORS.length]) } : {}),
    },
  );
  const nameWidth = Math.max(...runs.map((r) => r.name.length));
  const legend = runs.map((r, i) => {
    const s = squeezed[i];
    const marks = s.paused.map((p) => (p ? '▲' : ' ')).join('').trimEnd();
    const key = opts.color ? `${COLORS[i % COLORS.length]}──${asciichart.reset}` : `(${i + 1})`;
    const end = r.metrics.crash === 'oom' ? `  ✗ out of memory at tick ${r.metrics.ticks}` : r.metrics.crash === 'abort' ? `  ✗ gave up at tick ${r.metrics.ticks}` : '';
    const pauses = r.metrics.pauses > 0 ? `  ${r.metrics.pauses} pauses, ${r.metrics.pauseTicks} ticks` : '';
    return `${' '.repeat(labelWidth)}${marks.padEnd(s.used.length)}  ${key} ${r.name.padEnd(nameWidth)}${pauses}${end}`;
  });
  const axis = `${' '.repeat(labelWidth)}tick 0${' '.repeat(Math.max(1, Math.ceil(length / bucket) - 12))}${length}${bucket > 1 ? ` (${bucket} ticks per column)` : ''}`;
  const title = 'boxes used over time (▲ = a collector pause)';
  return [title, chart, axis, ...legend].join('\n');
}

export function formatComparison(c: Comparison, opts: { color: boolean; width: number }): string {
  const parts = [`${c.level}: the default collector is ${c.defaultCollector}`, '', metricsTable(c.runs), '* best of the row', ''];
  if (c.replayProblems.length > 0) {
    parts.push('The replay had commands the engine refused:', ...c.replayProblems.map((p) => `  #${p.index + 1} ${p.command}: ${p.error}`), '');
  }
  const width = Math.max(20, Math.min(100, opts.width - 12));
  parts.push(memoryChart(c.runs, { width, height: 10, color: opts.color }));
  return parts.join('\n') + '\n';
}
