// Headless time of each collector on generated levels of 1,000, 10,000 and 100,000 values
// (memory 4096, ticks = values / 2), in CPU milliseconds, and as a ratio to mark-sweep's
// time on the same level in the same run. Run: npx tsx test/bench/collectors.ts [sizes...]
import { compileLevel } from '../../src/engine/level/compile.js';
import { metricsOf } from '../../src/engine/scoring/metrics.js';
import { runCollector } from '../../src/engine/runtime/index.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { generateLevel } from '../support/generate.js';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const rows: string[][] = [
  [
    'values',
    'collector',
    'cpu ms',
    '× mark-sweep',
    'completed',
    'collections',
    'pauseTicks',
    'longest',
    'work',
    'peak',
  ],
];
for (const values of sizes.length > 0 ? sizes : [1_000, 10_000, 100_000]) {
  const level = compileLevel(generateLevel({ seed: 1, values, memory: 4096, ticks: values / 2 }));
  const repeat = values >= 100_000 ? 1 : 3;
  let baseline = 0;
  for (const name of COLLECTORS) {
    // CPU time of this process (user + system), best of `repeat`: steadier than the wall
    // clock on a busy machine.
    let ms = Infinity;
    let state = runCollector(level, name);
    for (let i = 0; i < repeat; i++) {
      const c0 = process.cpuUsage();
      state = runCollector(level, name);
      const c = process.cpuUsage(c0);
      ms = Math.min(ms, (c.user + c.system) / 1000);
    }
    const m = metricsOf(level, state, 0, null);
    if (name === 'mark-sweep') baseline = ms;
    const collections = state.log.filter((e) => e.kind === 'collect').length;
    rows.push([
      String(values),
      name,
      ms.toFixed(0),
      baseline > 0 ? (ms / baseline).toFixed(2) : '-',
      String(m.completed),
      String(collections),
      String(m.pauseTicks),
      String(m.longestPause),
      String(m.work),
      String(m.peak),
    ]);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
