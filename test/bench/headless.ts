// Headless figures: how many whole runs per second the engine plays with no screen
// (the oracle, a replay of its commands, each collector), and the time of a full
// `compare --gc all` including validation, on the campaign and on generated levels.
// Run: npx tsx test/bench/headless.ts
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { runCollector } from '../../src/engine/runtime/index.js';
import { validateLevelText } from '../../src/engine/level/validate.js';
import { compareLevel } from '../../src/engine/scoring/compare.js';
import type { Level } from '../../src/engine/level/schema.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { loadBuiltIns } from '../../src/levels/load.js';
import { generateLevel } from '../support/generate.js';

/** Runs `fn` repeatedly for about `ms` milliseconds; returns runs per second. */
function perSecond(fn: () => void, ms = 300): number {
  fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

function fresh(json: Level): CompiledLevel {
  return compileLevel(json);
}

const rows: string[][] = [['level', 'values', 'boxes', 'oracle/s', 'replay/s', ...COLLECTORS.map((c) => `${c}/s`)]];
const campaign = loadBuiltIns().levels;
for (const l of campaign) {
  const replay = oracleRun(l.level).commands;
  rows.push([
    l.json.id,
    String(l.json.values.length),
    String(l.json.memory),
    perSecond(() => oracleRun(fresh(l.json))).toFixed(0),
    perSecond(() => playCommands(l.level, replay)).toFixed(0),
    ...COLLECTORS.map((c) => perSecond(() => runCollector(l.level, c)).toFixed(0)),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('Headless runs per second, campaign levels');
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

console.log('\ncompare --gc all on generated levels (memory 4096 boxes), including validation and compilation');
for (const values of [1_000, 10_000, 100_000]) {
  const text = JSON.stringify(generateLevel({ seed: 7, values, memory: 4096, lifetime: 20 }));
  const t0 = performance.now();
  const checked = validateLevelText(text);
  if (!checked.ok) throw new Error(`generated level invalid: ${checked.problems[0].message}`);
  const t1 = performance.now();
  const level = compileLevel(checked.level);
  const c = compareLevel(level, { collectors: COLLECTORS });
  const t2 = performance.now();
  const summary = c.runs
    .map((r) => `${r.name} ${r.metrics.completed ? r.metrics.score : (r.metrics.crash ?? 'unfinished')}`)
    .join(', ');
  console.log(
    `${String(values).padStart(7)} values: validate ${(t1 - t0).toFixed(0)} ms, oracle + ${COLLECTORS.length} collectors ${(t2 - t1).toFixed(0)} ms  (${summary})`,
  );
}
