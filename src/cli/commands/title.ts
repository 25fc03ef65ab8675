// `cubbies` with no command: the title screen (campaign, custom level, compare, help).
//
// main.ts only calls this when stdin and stdout are a terminal.
import { createElement } from 'react';
import { generateLevel } from '../../engine/index.js';
import { loadBuiltIns, loadLevelFile } from '../../levels/load.js';
import { App } from '../../ui/App.js';
import { runApp } from '../../ui/run.js';
import { RememberedWatch } from '../../ui/watch/index.js';

/** No options yet; kept so every command has the same shape. */
export type TitleOptions = Record<string, never>;

/** Runs the title screen; resolves with the process exit code. */
export async function title(options: TitleOptions = {}): Promise<number> {
  void options;
  return runApp(
    createElement(App, {
      start: { screen: 'title' },
      deps: {
        builtIns: loadBuiltIns,
        loadFile: (path: string) => loadLevelFile(path),
        Watch: RememberedWatch,
        generate: (seed, difficulty) => generateLevel({ seed, difficulty }),
      },
    }),
  );
}
