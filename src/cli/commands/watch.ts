// `cubbies watch <level> [--gc C]`: the automatic runtime plays the level, animated.
//
// main.ts only calls this when stdin and stdout are a terminal.
import { createElement } from 'react';
import type { CollectorName } from '../collectors.js';
import { loadLevel } from '../../levels/load.js';
import { runApp } from '../../ui/run.js';
import { WatchApp } from '../../ui/watch/index.js';

export interface WatchOptions {
  /** A built-in level id or a path to a .json level file. */
  level: string;
  /** The collector to watch; absent means the level's default (its `gc.collector`). */
  gc?: CollectorName;
}

/** Runs the watch screen; resolves with the process exit code. */
export async function watch(options: WatchOptions): Promise<number> {
  const loaded = loadLevel(options.level);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 1;
  }
  const level = loaded.loaded.level;
  return runApp(createElement(WatchApp, { level, collector: options.gc ?? level.gc.collector }));
}
