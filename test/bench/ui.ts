// The play screen's speed (issue 3):
//  1. keypress to frame, p50 and p95, on a 64- and a 256-box level: the play screen is
//     rendered by Ink to a fake stdout (ink-testing-library), a key is written to its
//     stdin, and the clock stops when the new frame has been written. Keys: cursor moves,
//     malloc at the cursor (then undo), a step (then undo).
//  2. time to the first frame of the built binary in a pseudo-terminal (tmux): from
//     launching `node dist/cubbies.js play <level>` until capture-pane shows the screen,
//     beside `node -e 0` launched the same way, in the same run.
// Run: npx tsx test/bench/ui.ts (npm run bench builds dist first and runs every bench).
//
// The screens are bundled as the game ships them (support/bundled.ts): production React,
// and Ink with the build's patches.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Level } from '../../src/engine/level/schema.js';
import { generateLevel } from '../support/generate.js';
import { bundledScreens } from './support/bundled.js';

const { createElement, render, compileLevel, PlayScreen, ThemeProvider } = await bundledScreens();

const root = fileURLToPath(new URL('../../', import.meta.url));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const settle = () => new Promise<void>((r) => setImmediate(r));

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** A level of `memory` boxes with enough values arriving early to fill a good part of it. */
function benchLevel(memory: number): Level {
  const level = generateLevel({ seed: 7, values: Math.round(memory / 4), memory, ticks: 40, lifetime: 30 });
  return { ...level, id: `bench-${memory}`, title: `Bench, ${memory} boxes` };
}

interface KeyTimes {
  move: number[];
  malloc: number[];
  step: number[];
}

async function keypressToFrame(memory: number, rounds: number): Promise<KeyTimes> {
  const level = compileLevel(benchLevel(memory));
  const r = render(
    createElement(ThemeProvider, {
      theme: { color: true },
      children: createElement(PlayScreen, { level, showIntro: false, onExit: () => {} }),
    }),
  );
  // A larger terminal than the library's default 100 columns: 120×40, so more boxes show.
  Object.defineProperty(r.stdout, 'columns', { get: () => 120 });
  Object.defineProperty(r.stdout, 'rows', { get: () => 40 });
  r.stdout.emit('resize');
  await sleep(50);

  const press = async (key: string): Promise<number> => {
    const before = r.frames.length;
    const t0 = performance.now();
    r.stdin.write(key);
    // The frame is written synchronously by the commit in Ink's debug mode; poll in case it isn't.
    while (r.frames.length === before) {
      await settle();
      if (performance.now() - t0 > 2000) throw new Error(`no frame after ${JSON.stringify(key)}`);
    }
    const ms = performance.now() - t0;
    await settle(); // let effects run before the next key, as a human's next key would
    return ms;
  };

  // Put the cursor on a free box past box 0, and warm up.
  for (let i = 0; i < 5; i++) await press('l');
  const times: KeyTimes = { move: [], malloc: [], step: [] };
  const right = '\u001B[C';
  const left = '\u001B[D';
  for (let i = 0; i < rounds; i++) {
    times.move.push(await press(i % 2 === 0 ? right : left));
    times.move.push(await press(i % 2 === 0 ? 'j' : 'k'));
    times.malloc.push(await press('m'));
    await press('u');
    times.step.push(await press(' '));
    await press('u');
  }
  r.unmount();
  return times;
}

function row(label: string, xs: number[]): string {
  return `${label.padEnd(22)} p50 ${percentile(xs, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(xs, 95).toFixed(2).padStart(6)} ms   (n=${xs.length})`;
}

console.log('Keypress to frame (play screen, 120×40, Ink to a fake stdout, production React):');
for (const memory of [64, 256]) {
  const t = await keypressToFrame(memory, 60);
  const all = [...t.move, ...t.malloc, ...t.step];
  console.log(`  ${memory}-box level`);
  console.log(`    ${row('cursor move', t.move)}`);
  console.log(`    ${row('malloc at cursor (m)', t.malloc)}`);
  console.log(`    ${row('step (Space)', t.step)}`);
  console.log(
    '    ' +
      row('all keys', all) +
      (memory === 256 ? `   target p95 ≤ 16 ms: ${percentile(all, 95) <= 16 ? 'met' : 'MISSED'}` : ''),
  );
}

// ---------------------------------------------------------------------------------
// First frame in a pseudo-terminal.

function hasTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

/** Launches `command` in a fresh tmux pane; resolves with ms until the screen contains `marker`. */
async function timeToScreen(
  command: string,
  marker: string,
  cwd: string,
  env: Record<string, string>,
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cubbies-bench-tmux-'));
  const socket = join(dir, 's');
  const config = join(dir, 'tmux.conf');
  writeFileSync(config, 'set -g remain-on-exit on\nset -g status off\nset -g escape-time 0\n');
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, '-f', config, ...args], { encoding: 'utf8' });
  const envWords = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  try {
    tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', '-c', cwd, 'sleep 60');
    const t0 = performance.now();
    tmux(
      'respawn-pane',
      '-k',
      '-t',
      'b:0.0',
      ['env', '-u', 'CI', ...envWords, 'sh', '-c', `${command}; echo __EXITED__; sleep 60`]
        .map((w) => (/^[\w./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
        .join(' '),
    );
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', 'b:0.0');
      if (screen.includes(marker)) return performance.now() - t0;
      if (performance.now() - t0 > 20_000) throw new Error(`timed out waiting for ${marker}; screen:\n${screen}`);
      await sleep(2);
    }
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const bin = join(root, 'dist', 'cubbies.js');
if (!hasTmux()) {
  console.log('\nFirst frame: skipped (tmux is not installed).');
} else if (!existsSync(bin)) {
  console.log('\nFirst frame: skipped (dist/cubbies.js is missing: run node src/build.mjs).');
} else {
  const home = mkdtempSync(join(tmpdir(), 'cubbies-bench-home-'));
  const levelFile = join(home, 'bench-64.json');
  writeFileSync(levelFile, JSON.stringify(benchLevel(64)));
  const runs = 7;
  const node: number[] = [];
  const play: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate, so both see the same machine.
    node.push(await timeToScreen(`${process.execPath} -e 0`, '__EXITED__', root, {}));
    play.push(
      await timeToScreen(`${process.execPath} ${bin} play ${levelFile}`, 'Enter: start', root, { CUBBIES_HOME: home }),
    );
  }
  rmSync(home, { recursive: true, force: true });
  const n50 = percentile(node, 50);
  const p50 = percentile(play, 50);
  console.log(`\nFirst frame in a pseudo-terminal (tmux 100×30, ${runs} runs each, alternating):`);
  console.log(
    `  node -e 0 (until its shell prints a marker)   p50 ${n50.toFixed(0).padStart(5)} ms   min ${Math.min(...node).toFixed(0)} ms`,
  );
  console.log(
    `  cubbies play (until the intro screen shows)   p50 ${p50.toFixed(0).padStart(5)} ms   min ${Math.min(...play).toFixed(0)} ms`,
  );
  console.log(`  ratio (p50): ${(p50 / n50).toFixed(2)}×   target ≤ 3×: ${p50 / n50 <= 3 ? 'met' : 'MISSED'}`);
}
