// Shared helpers for the UI tests: compile a fixture level without the file loader, and
// play commands through the engine's one reducer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

export function fixtureJson(name: string): Level {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Level;
}

export function fixture(name: string): CompiledLevel {
  return compileLevel(fixtureJson(name));
}

/** Plays commands in order; throws on the first refused one. */
export function play(level: CompiledLevel, commands: string[]): Game {
  let game = newGame(level);
  for (const c of commands) {
    const r = dispatch(game, c);
    if (!r.ok) throw new Error(`${c}: ${r.error}`);
    game = r.game;
  }
  return game;
}

/** Waits for Ink to flush pending renders and effects. */
export const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Key sequences as a terminal sends them. */
export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  pageDown: '\u001B[6~',
} as const;

interface Rendered {
  lastFrame: () => string | undefined;
  stdin: { write: (data: string) => void };
}

/** Waits until the last frame matches; fails with the frame when it doesn't in time. */
export async function waitFor(
  r: Rendered,
  match: string | RegExp | ((frame: string) => boolean),
  timeoutMs = 4000,
): Promise<string> {
  const test = (f: string) =>
    typeof match === 'string' ? f.includes(match) : match instanceof RegExp ? match.test(f) : match(f);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(match)}; the last frame was:\n${frame}`);
    await tick(10);
  }
}

/** Presses keys one at a time, letting each frame and its effects settle. */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    await tick(25);
  }
}

/** The grid's line for the row that starts at `addr` (its address, right-aligned, then the boxes). */
export function gridRow(frame: string, addr: number): string | undefined {
  return frame.split('\n').find((l) => new RegExp(`^\\s*${addr}[ \\[]`).test(l));
}

/** The line under the row that starts at `addr`: its labels. */
export function labelRow(frame: string, addr: number): string | undefined {
  const lines = frame.split('\n');
  const i = lines.findIndex((l) => new RegExp(`^\\s*${addr}[ \\[]`).test(l));
  return i >= 0 ? lines[i + 1] : undefined;
}
