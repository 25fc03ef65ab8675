// Shared helpers for the UI tests: compile a fixture level without the file loader, and
// play commands through the engine's one reducer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dispatch, newGame, type Game } from '../../src/engine/game.js';
import { compileLevel, type CompiledLevel } from '../../src/engine/level.js';
import type { Level } from '../../src/engine/schema.js';

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
