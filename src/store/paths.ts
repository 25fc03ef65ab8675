// Where cubbies keeps the player's progress: $CUBBIES_HOME if set, else
// the platform's user data folder (Linux: $XDG_DATA_HOME/cubbies or
// ~/.local/share/cubbies; macOS: ~/Library/Application Support/cubbies; Windows:
// %LOCALAPPDATA%\cubbies\Data).

import { join, resolve } from 'node:path';
import envPaths from 'env-paths';

/** The folder holding cubbies' saved data. Not created here. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.CUBBIES_HOME;
  if (home !== undefined && home.trim() !== '') return resolve(home);
  return envPaths('cubbies', { suffix: '' }).data;
}

export const PROGRESS_FILE_NAME = 'progress.json';

/** The progress file's full path. */
export function progressPath(dir: string = dataDir()): string {
  return join(dir, PROGRESS_FILE_NAME);
}
