// `cubbies review <level> [--replay FILE] [--run R] [--vs R] [--at TICK]`: step through a
// run moment by moment, side by side with another. R is `you` (the best saved run, or
// the replay), `oracle`, `par`, or a collector's name.
//
// main.ts only calls this when stdin and stdout are a terminal.
import { createElement } from 'react';
import { parOf, type RunName } from '../../engine/index.js';
import { levelAndPlayer } from '../player-run.js';
import { runApp } from '../../ui/run.js';
import { ReviewApp } from '../../ui/review/index.js';

export interface ReviewOptions {
  level: string;
  replay?: string;
  run?: RunName;
  vs?: RunName;
  at?: number;
}

/** Runs the review screen; resolves with the process exit code. */
export async function review(options: ReviewOptions): Promise<number> {
  const found = levelAndPlayer(options.level, options.replay || undefined);
  if (!found.ok) {
    process.stderr.write(`${found.message}\n`);
    return 1;
  }
  const { level, player, playerName } = found;
  const run: RunName = options.run ?? (player ? 'you' : level.gc.collector);
  for (const name of [run, ...(options.vs ? [options.vs] : [])]) {
    if (name === 'you' && !player) {
      process.stderr.write(
        `No saved run of ${level.id} yet: play it with \`cubbies play ${level.id}\`, or pass --replay FILE.\n`,
      );
      return 1;
    }
    if (name === 'par') {
      const par = parOf(level);
      if (!par.ok) {
        process.stderr.write(`${level.id} has no par: ${par.error}.\n`);
        return 1;
      }
    }
  }
  if (options.at !== undefined && options.at > level.ticks) {
    process.stderr.write(`--at ${options.at} is past the program's end: ${level.id} has ${level.ticks} ticks.\n`);
    return 2;
  }
  return runApp(
    createElement(ReviewApp, {
      level,
      ...(player ? { player, playerName } : {}),
      run,
      vs: options.vs ?? null,
      ...(options.at !== undefined ? { at: options.at } : {}),
    }),
  );
}
