// A game played by its typed commands, for tests: each must be accepted, or the test fails
// naming the command and why it was refused.
import type { CompiledLevel } from '../../src/engine/level/compile.js';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';

export function play(lv: CompiledLevel, commands: readonly string[], from: Game = newGame(lv)): Game {
  let g = from;
  for (const c of commands) {
    const r = dispatch(g, c);
    if (!r.ok) throw new Error(`"${c}" was refused: ${r.error}`);
    g = r.game;
  }
  return g;
}
