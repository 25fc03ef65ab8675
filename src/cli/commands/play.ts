// `cubbies play <level>`: manual play (GAME.md §5, §8).
//
// main.ts only calls this when stdin and stdout are a terminal (it prints the
// "needs an interactive terminal" sentence and exits 2 otherwise), so the body can
// start the Ink app straight away.

export interface PlayOptions {
  /** A built-in level id or a path to a .json level file, as typed by the player. */
  level: string;
}

/** Runs the play screen; resolves with the process exit code. */
export async function play(options: PlayOptions): Promise<number> {
  // TODO(ui): resolve options.level, load progress, render the Ink play screen.
  void options;
  process.stderr.write('The play screen is not built yet.\n');
  return 2;
}
