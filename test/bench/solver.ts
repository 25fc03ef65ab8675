// The solver's figures: placements tried (nodes) and time for each campaign level, and for
// generated puzzles of each difficulty; time also as a ratio to the oracle's run of the
// same level, measured in the same run (a baseline the machine's speed cancels out of).
// Run: npx tsx test/bench/solver.ts
import { compileLevel } from '../../src/engine/level/compile.js';
import { DIFFICULTIES, generateLevel } from '../../src/engine/generate/generate.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { searchPlacements } from '../../src/engine/solver/search.js';
import { perfectTiming } from '../../src/engine/solver/perfect-timing.js';
import type { Level } from '../../src/engine/level/schema.js';
import { loadBuiltIns } from '../../src/levels/load.js';

/** Median milliseconds of `fn` over enough repeats to last about `ms`. */
function medianMs(fn: () => void, ms = 150): number {
  fn();
  const times: number[] = [];
  const t0 = performance.now();
  while (times.length < 5 || (performance.now() - t0 < ms && times.length < 2000)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function table(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

function solverFigures(json: Level) {
  const level = compileLevel(json);
  const search = searchPlacements(level);
  const solver = medianMs(() => searchPlacements(compileLevel(json)));
  const oracle = medianMs(() => oracleRun(compileLevel(json)));
  const arrivals = perfectTiming(level).order.length;
  const by = search.status !== 'finished' ? search.status : search.nodes === arrivals ? 'oracle' : 'solver';
  return { search, solver, oracle, by, arrivals };
}

console.log('Solver on the campaign: placements tried, and time (median) against the oracle run of the same level');
const rows = [['level', 'values', 'boxes', 'par by', 'nodes', 'solver ms', 'oracle ms', 'solver/oracle']];
for (const l of loadBuiltIns().levels) {
  const f = solverFigures(l.json);
  rows.push([
    l.json.id,
    String(l.json.values.length),
    String(l.json.memory),
    f.by,
    String(f.search.nodes),
    f.solver.toFixed(3),
    f.oracle.toFixed(3),
    (f.solver / f.oracle).toFixed(2),
  ]);
}
table(rows);

const SEEDS = Array.from({ length: 30 }, (_, i) => 1000 + i);
console.log(
  `\nGenerated puzzles, ${SEEDS.length} seeds per difficulty: generation (search included), then the solver alone`,
);
const gen = [['difficulty', 'gen ms mean', 'gen ms max', 'nodes mean', 'nodes max', 'solver ms mean', 'solver/oracle']];
for (const difficulty of DIFFICULTIES) {
  const genMs: number[] = [];
  const nodes: number[] = [];
  const solverMs: number[] = [];
  const ratio: number[] = [];
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const json = generateLevel({ seed, difficulty });
    genMs.push(performance.now() - t0);
    const f = solverFigures(json);
    nodes.push(f.search.nodes);
    solverMs.push(f.solver);
    ratio.push(f.solver / f.oracle);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  gen.push([
    difficulty,
    mean(genMs).toFixed(1),
    Math.max(...genMs).toFixed(1),
    mean(nodes).toFixed(0),
    String(Math.max(...nodes)),
    mean(solverMs).toFixed(3),
    mean(ratio).toFixed(2),
  ]);
}
table(gen);
