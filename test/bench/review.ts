// The review's speed (issue 10):
//  1. keypress to frame, p50 and p95, in the review screen (ink-testing-library to a fake
//     stdout, production React, 120×40) on a 256-box level and on a 10,000-tick level:
//     ← and →, ] and [, Home and End, then the same beside the level's collector (Tab);
//     and, once per partner, the time to build its moments the first time Tab shows it. Beside it, the play
//     screen's cursor move on the same 256-box level, measured in the same run: the ratio
//     says what a review key costs against the cheapest key of play.
//  2. jumping to the last moment of a 10,000-tick run: the state rebuilt from the nearest
//     checkpoint, on a fresh review (nothing cached), for the player's run (the oracle's
//     commands with a few frees left out, so it has leaks to jump between) and for the level's collector; beside it the time of playing
//     the whole run headless, in the same run.
//  3. the memory a 10,000-tick review holds: its checkpoints, against keeping every state.
// Run: npx tsx test/bench/review.ts (npm run bench runs every bench).

import type { Level } from '../../src/engine/level/schema.js';
import { generateLevel } from '../support/generate.js';
import { bundledScreens } from './support/bundled.js';

const {
  createElement,
  render,
  compileLevel,
  oracleRun,
  playCommands,
  runCollector,
  reviewCommands,
  reviewCollector,
  ReviewScreen,
  PlayScreen,
  ThemeProvider,
} = await bundledScreens();

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const settle = () => new Promise<void>((r) => setImmediate(r));

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function row(label: string, xs: number[]): string {
  return `${label.padEnd(26)} p50 ${percentile(xs, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(xs, 95).toFixed(2).padStart(6)} ms   (n=${xs.length})`;
}

const wide: Level = {
  ...generateLevel({ seed: 7, values: 64, memory: 256, ticks: 40, lifetime: 30 }),
  id: 'bench-256',
  title: 'Bench, 256 boxes',
};
const long: Level = {
  ...generateLevel({ seed: 11, values: 2_500, memory: 512, ticks: 10_000, lifetime: 12 }),
  id: 'bench-10000',
  title: 'Bench, 10,000 ticks',
};

type Rendered = ReturnType<typeof render>;

function mount(element: ReturnType<typeof createElement>): Rendered {
  const r = render(createElement(ThemeProvider, { theme: { color: true }, children: element }));
  Object.defineProperty(r.stdout, 'columns', { get: () => 120 });
  Object.defineProperty(r.stdout, 'rows', { get: () => 40 });
  r.stdout.emit('resize');
  return r;
}

/**
 * The process's CPU time (every thread: the garbage collector's helpers too) from each
 * key to its frame, by the list its wall time went to: on a machine others share, a wall
 * time far above its CPU time waited for the processor, not for cubbies.
 */
const cpuOf = new Map<number[], number[]>();
/** The CPU time of the last key pressed. */
let lastCpu = 0;

/** Ms from the key to its frame; null when the key changed nothing (no frame comes). */
async function press(r: Rendered, key: string): Promise<number | null> {
  const before = r.frames.length;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  r.stdin.write(key);
  while (r.frames.length === before) {
    await settle();
    if (performance.now() - t0 > 500) return null;
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1000;
  await settle();
  await sleep(1);
  return ms;
}

const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';
const HOME = '\u001B[H';
const END = '\u001B[F';

/** The oracle's commands with a few frees left out: a run with leaks to jump between. */
function leaky(commands: readonly string[]): string[] {
  let frees = 0;
  return commands.filter((c) => !(c.startsWith('free') && frees++ % 97 === 0));
}

const push = (xs: number[], ms: number | null) => {
  if (ms === null) return;
  xs.push(ms);
  cpuOf.set(xs, [...(cpuOf.get(xs) ?? []), lastCpu]);
};
const cpuRow = (label: string, xs: number[]) =>
  `${label.padEnd(26)} p50 ${percentile(xs, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(xs, 95).toFixed(2).padStart(6)} ms   (process CPU time, all threads)`;

async function reviewKeys(json: Level, rounds: number): Promise<Record<string, number[]>> {
  const level = compileLevel(json);
  const player = leaky(oracleRun(level).commands);
  const r = mount(createElement(ReviewScreen, { level, player, onExit: () => {} }));
  await sleep(3000); // the first partner is built in the background once the screen is up
  const t: Record<string, number[]> = { step: [], event: [], ends: [], besideStep: [], tab: [] };
  for (let i = 0; i < 5; i++) await press(r, RIGHT); // warm up
  const keys = async (step: number[], event: number[], ends: number[] | null) => {
    for (let i = 0; i < rounds; i++) {
      push(step, await press(r, i % 3 === 2 ? LEFT : RIGHT));
      push(event, await press(r, i % 2 === 0 ? ']' : '['));
      if (ends && i % 10 === 5) push(ends, await press(r, i % 20 === 5 ? END : HOME));
    }
  };
  await keys(t.step, t.event, t.ends);
  // Tab: the level's collector beside it (built in the background already), then keys in lockstep.
  push(t.tab, await press(r, '\t'));
  await keys(t.besideStep, t.besideStep, null);
  r.unmount();
  return t;
}

/** Building the moments of a partner the first time Tab shows it: once per partner. */
function partnerBuild(json: Level): number {
  const level = compileLevel(json);
  const t0 = performance.now();
  reviewCollector(level, 'mark-compact');
  return performance.now() - t0;
}

async function playMoves(json: Level, rounds: number): Promise<number[]> {
  const level = compileLevel(json);
  const r = mount(createElement(PlayScreen, { level, showIntro: false, onExit: () => {} }));
  await sleep(100);
  for (let i = 0; i < 5; i++) await press(r, 'l');
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) push(out, await press(r, i % 2 === 0 ? RIGHT : LEFT));
  r.unmount();
  return out;
}

console.log('Keypress to frame (review screen, 120×40, Ink to a fake stdout, production React):');
const baseline = await playMoves(wide, 60);
console.log(`  baseline: ${row('play screen cursor move', baseline)}`);
console.log(`            ${cpuRow('  CPU', cpuOf.get(baseline) ?? [])}`);
for (const [name, json] of [
  ['256-box level', wide],
  ['10,000-tick level', long],
] as const) {
  const t = await reviewKeys(json, 60);
  const all = Object.values(t).flat();
  console.log(`  ${name}`);
  console.log(`    ${row('← / → one moment', t.step)}`);
  console.log(`    ${row('[ / ] an event', t.event)}`);
  console.log(`    ${row('Home / End', t.ends)}`);
  console.log(`    ${row('Tab (partner built)', t.tab)}`);
  console.log(`    ${row('keys beside a collector', t.besideStep)}`);
  const p95 = percentile(all, 95);
  console.log(
    `    ${row('all keys', all)}   ×${(p95 / percentile(baseline, 95)).toFixed(2)} the baseline's p95   target p95 ≤ 16 ms: ${p95 <= 16 ? 'met' : 'MISSED'}`,
  );
  console.log(`    ${cpuRow('  CPU, beside a collector', cpuOf.get(t.besideStep) ?? [])}`);
  console.log(
    `    ${cpuRow(
      '  CPU, all keys',
      Object.values(t).flatMap((xs) => cpuOf.get(xs) ?? []),
    )}`,
  );
  console.log(`    a partner's moments, built the first time Tab shows it (once): ${partnerBuild(json).toFixed(0)} ms`);
}

console.log('\nJump to the last moment of a 10,000-tick run (fresh review, nothing cached):');
const level = compileLevel(long);
const commands = leaky(oracleRun(level).commands);
{
  const t0 = performance.now();
  playCommands(level, commands);
  const whole = performance.now() - t0;
  const t1 = performance.now();
  const review = reviewCommands(level, commands);
  const recorded = performance.now() - t1;
  const t2 = performance.now();
  review.stateAt(review.moments.length - 1);
  const jump = performance.now() - t2;
  console.log(
    `  player's run (oracle's commands): ${review.moments.length} moments, ${review.checkpoints} checkpoints every ${review.spacing}; record ${recorded.toFixed(0)} ms; jump to the last ${jump.toFixed(2)} ms (whole headless run ${whole.toFixed(1)} ms, ×${(jump / whole).toFixed(2)})   target ≤ 100 ms: ${jump <= 100 ? 'met' : 'MISSED'}`,
  );
}
{
  const t0 = performance.now();
  runCollector(level, level.gc.collector);
  const whole = performance.now() - t0;
  const t1 = performance.now();
  const review = reviewCollector(level, level.gc.collector);
  const recorded = performance.now() - t1;
  const t2 = performance.now();
  review.stateAt(review.moments.length - 1);
  const jump = performance.now() - t2;
  console.log(
    `  ${level.gc.collector}: ${review.moments.length} moments, ${review.checkpoints} checkpoints every ${review.spacing}; record ${recorded.toFixed(0)} ms; jump to the last ${jump.toFixed(2)} ms (whole headless run ${whole.toFixed(1)} ms, ×${(jump / whole).toFixed(2)})   target ≤ 100 ms: ${jump <= 100 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  memory held: ${review.checkpoints} checkpoint states instead of ${review.moments.length} (one state is ${level.memory} boxes, ${level.values.length} variables)`,
  );
}
