// `cubbies compare <level> [--replay FILE] [--gc C[,C...]|all] [--json]` (GAME.md §7, §8).
// Needs no terminal: prints the metrics table and the memory chart, or JSON.
// Exit 1 for an invalid level or replay file.

import type { CollectorName } from '../collectors.js';

export interface CompareOptions {
  /** A built-in level id or a path to a .json level file. */
  level: string;
  /** A replay file to compare instead of the player's best saved run. */
  replay?: string;
  /** Collectors to run, in order, without duplicates; absent means the level's default collector. `all` is already expanded. */
  gc?: CollectorName[];
  /** Print the metrics as JSON (names as in GAME.md §7) instead of a table and chart. */
  json: boolean;
}

/** Runs the comparison and prints it; resolves with the process exit code. */
export async function compare(options: CompareOptions): Promise<number> {
  // TODO(engine): run the best saved run (or options.replay), the oracle and each collector; print table + chart or JSON.
  void options;
  process.stdout.write('cubbies compare is not built yet.\n');
  return 0;
}
