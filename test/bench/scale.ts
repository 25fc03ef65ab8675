// Scale figures for the real binary (dist/cubbies.js), as ratios against the floor any run
// must pay: reading and JSON.parse-ing the same file in a bare `node` process, measured in
// the same run, in turns with the command it is the floor of. Four ratios: `validate` on
// the generated 100,000-value level (4,096 boxes); `compare --gc all` on it; the growth of
// `compare --gc all` from 10,000 to 100,000 values (time above a bare `node -e 0`); and
// `compare --gc all --json` on a 24 MB level of 100,000 values in 65,536 boxes, with its
// peak memory. Each ratio is the best run over the best floor, and beside it the median of
// each turn's own ratio. A big level's compare shares its runs between two threads, so its
// CPU time (every thread's) is printed beside the wall time.
// Run: npm run bench scale   (or: node src/build.mjs && npx tsx test/bench/scale.ts)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Level } from '../../src/engine/level/schema.js';
import { generateLevel } from '../support/generate.js';

// CUBBIES_BIN: another build to measure (say, main's, for a before-and-after).
const bin = process.env.CUBBIES_BIN ?? fileURLToPath(new URL('../../dist/cubbies.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cubbies-scale-'));
const timeout = Number(process.env.SCALE_TIMEOUT_MS ?? 300_000);

/** A 24 MB level within the limits: 100,000 values in 65,536 boxes, long strings and names. */
function bigLevel(): Level {
  const l = generateLevel({ seed: 7, values: 100_000, memory: 65_536, lifetime: 20 });
  for (const v of l.values) {
    if (typeof v.value === 'string' && v.type !== 'char') v.value = 'x'.repeat(60);
    if (v.fields) for (const f of v.fields) if (f.name) f.name = `${f.name}_${'n'.repeat(40)}`;
    v.id = `${v.id}_${'i'.repeat(24)}`;
  }
  const rename = (id: string) => `${id}_${'i'.repeat(24)}`;
  for (const v of l.values) for (const f of v.fields ?? []) if (typeof f.ref === 'string') f.ref = rename(f.ref);
  for (const s of l.sets ?? []) {
    s.in = rename(s.in);
    if (typeof s.to === 'string') s.to = rename(s.to);
  }
  return l;
}

function write(name: string, level: Level, pad = 0): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(level, null, pad));
  return path;
}

interface Timed {
  ms: number;
  /** CPU time, user and system, of every thread: above `ms` when the run used both cores. */
  cpuMs: number;
  rssMb: number;
  code: number | null;
}

/** Wall time, CPU time and peak memory of one process, via /usr/bin/time. */
function timed(args: string[]): Timed {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], {
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 30,
    env: { ...process.env, CUBBIES_HOME: join(dir, 'home') },
  });
  const ms = performance.now() - t0;
  const [user, sys, kb] = (/([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '') ?? []).slice(1).map(Number);
  return {
    ms,
    cpuMs: ((user ?? Number.NaN) + (sys ?? Number.NaN)) * 1000,
    rssMb: (kb ?? Number.NaN) / 1024,
    code: r.status,
  };
}

/** Best of `n` runs (the steadiest figure on a busy machine). */
function best(args: string[], n: number): Timed {
  let out: Timed | undefined;
  for (let i = 0; i < n; i++) {
    const t = timed(args);
    if (!out || t.ms < out.ms) out = t;
  }
  return out!;
}

const floorArgs = (path: string) => ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(path)}, 'utf8'))`];

/**
 * Best of `n` runs of a command and of its floor, taken in turns (floor, command, floor,
 * command...): this machine's load comes and goes, and a floor measured a minute before
 * its command can be measured on a quieter or busier moment than the command was. Also
 * the median of each turn's own ratio (command over the floor just before it): the two
 * bests can come from different moments, a turn's two runs come from one.
 */
function againstFloor(args: string[], floorPath: string, n: number): { run: Timed; floor: Timed; turns: number } {
  let run: Timed | undefined;
  let floor: Timed | undefined;
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = timed(floorArgs(floorPath));
    if (!floor || f.ms < floor.ms) floor = f;
    const t = timed(args);
    if (!run || t.ms < run.ms) run = t;
    ratios.push(t.ms / f.ms);
  }
  ratios.sort((a, b) => a - b);
  return { run: run!, floor: floor!, turns: ratios[Math.floor(ratios.length / 2)]! };
}

const small = write('gen-10k.json', generateLevel({ seed: 7, values: 10_000, memory: 4096, lifetime: 20 }));
const gen = write('gen-100k.json', generateLevel({ seed: 7, values: 100_000, memory: 4096, lifetime: 20 }));
const big = write('big-24mb.json', bigLevel(), 2);
const mb = (p: string) => (statSync(p).size / 1e6).toFixed(1);
console.log(
  `levels: 10k ${mb(small)} MB, 100k ${mb(gen)} MB, big ${mb(big)} MB (checked ${readFileSync(big).length} bytes)`,
);

const bare = best(['-e', '0'], 5);
// The best of several turns: this machine's load comes and goes within seconds, and a ratio of
// two bests settles only after a few more turns than the runs' count would suggest.
const { run: validate, floor, turns: validateTurns } = againstFloor([bin, 'validate', gen], gen, 9);
const { run: all, floor: allFloor, turns: allTurns } = againstFloor([bin, 'compare', gen, '--gc', 'all'], gen, 5);
const all10k = best([bin, 'compare', small, '--gc', 'all'], 3);
const {
  run: bigRun,
  floor: bigFloor,
  turns: bigTurns,
} = againstFloor([bin, 'compare', big, '--gc', 'all', '--json'], big, 2);

const r = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const median = (x: number) => `median of the turns ${x.toFixed(1)}×`;
const status = (t: Timed) => (t.code === null ? ' (timed out)' : t.code !== 0 ? ` (exit ${t.code})` : '');
console.log(
  `bare node -e 0: ${bare.ms.toFixed(0)} ms; floor (read + JSON.parse, 100k): ${floor.ms.toFixed(0)} ms beside validate, ${allFloor.ms.toFixed(0)} ms beside compare`,
);
console.log(
  `validate 100k:           ${validate.ms.toFixed(0)} ms = ${r(validate.ms, floor.ms)} the floor (${median(validateTurns)})${status(validate)}`,
);
const cpu = (t: Timed) => `CPU ${t.cpuMs.toFixed(0)} ms: ${(t.cpuMs / t.ms).toFixed(1)} cores busy`;
console.log(
  `compare --gc all 100k:   ${all.ms.toFixed(0)} ms = ${r(all.ms, allFloor.ms)} the floor (${median(allTurns)}; ${cpu(all)})${status(all)}`,
);
console.log(
  `growth 10k -> 100k:      ${all10k.ms.toFixed(0)} ms -> ${all.ms.toFixed(0)} ms = ${r(all.ms - bare.ms, all10k.ms - bare.ms)} (above node -e 0)`,
);
console.log(
  `big 24 MB --gc all --json: ${bigRun.ms.toFixed(0)} ms = ${r(bigRun.ms, bigFloor.ms)} the floor (${bigFloor.ms.toFixed(0)} ms; ${median(bigTurns)}; ${cpu(bigRun)}), ${bigRun.rssMb.toFixed(0)} MB peak${status(bigRun)}`,
);
rmSync(dir, { recursive: true, force: true });
