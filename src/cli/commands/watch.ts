// `cubbies watch <level> [--gc C]`: the automatic runtime plays the level, animated
// (GAME.md §6, §8).
//
// main.ts only calls this when stdin and stdout are a terminal.

import type { CollectorName } from '../collectors.js';

export interface WatchOptions {
  /** A built-in level id or a path to a .json level file. */
  level: string;
  /** The collector to watch; absent means the level's default (its `gc.collector`). */
  gc?: CollectorName;
}

/** Runs the watch screen; resolves with the process exit code. */
export async function watch(options: WatchOptions): Promise<number> {
  // TODO(ui): resolve options.level and render the Ink watch screen.
  void options;
  process.stderr.write('The watch screen is not built yet.\n');
  return 2;
}
