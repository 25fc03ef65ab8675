// `cubbies levels [--json]`: list the built-in levels with best scores (GAME.md §8).

export interface LevelsOptions {
  /** Print machine-readable JSON instead of a table. */
  json: boolean;
}

/** Prints the built-in levels; resolves with the process exit code. */
export async function levels(options: LevelsOptions): Promise<number> {
  // TODO(engine): list levels/ (id, title, best score and stars from the progress store).
  void options;
  process.stdout.write('cubbies levels is not built yet.\n');
  return 0;
}
