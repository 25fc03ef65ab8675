// `cubbies play <level>`: manual play: the player mallocs, frees and steps.
//
// main.ts only calls this when stdin and stdout are a terminal (it prints the
// "needs an interactive terminal" sentence and exits 2 otherwise), so the body can
// start the Ink app straight away.
import { createElement } from 'react';
import { loadBuiltIns, loadLevel, loadLevelFile } from '../../levels/load.js';
import { App } from '../../ui/App.js';
import { runApp } from '../../ui/run.js';
import { RememberedWatch } from '../../ui/watch/index.js';

export interface PlayOptions {
  /** A built-in level id or a path to a .json level file, as typed by the player. */
  level: string;
}

/** Runs the play screen; resolves with the process exit code. */
export async function play(options: PlayOptions): Promise<number> {
  const loaded = loadLevel(options.level);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 1;
  }
  return runApp(
    createElement(App, {
      start: { screen: 'play', level: loaded.loaded },
      deps: { builtIns: loadBuiltIns, loadFile: (path: string) => loadLevelFile(path), Watch: RememberedWatch },
    }),
  );
}
