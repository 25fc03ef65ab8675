// The progress file on disk: `progress.json` in dataDir() (see ./paths.ts); merging and
// checking its text is ./progress.ts. Guarantees:
// - a write is atomic (write-file-atomic: temp file, fsync, rename): a failed or
//   interrupted write leaves the previous file as it was, and says so in a sentence;
// - saving reads, merges and writes under a lock (./lock.ts), so any number of cubbies
//   running at once keep every run and every best; temporary files left by a save that
//   was killed are removed at the next save;
// - an unreadable, corrupt or wrong-shaped file is renamed aside to
//   `progress.json.corrupt-<timestamp>` (never deleted) and a warning sentence is
//   returned for the UI to show; one malformed run only is left out with a warning
//   naming it, and kept in `progress.json.bad-runs-<timestamp>` at the next save;
// - a file written by a newer cubbies is left where it is by reading, and set aside as
//   `progress.json.newer-<timestamp>` only when a run is saved.
//
// Everything here is synchronous: the file is small and saving happens between screens.

import {
  copyFileSync,
  constants as fsConstants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { acquireLock } from './lock.js';
import { dataDir, PROGRESS_FILE_NAME, progressPath } from './paths.js';
import {
  describeSkipped,
  emptyProgress,
  mergeProgress,
  parseProgress,
  type Progress,
  ProgressFormatError,
  type SkippedRun,
} from './progress.js';

export interface LoadResult {
  progress: Progress;
  /** One sentence for the UI to show, when the file on disk could not be used. */
  warning?: string;
}

export type SaveResult =
  | { ok: true; path: string; progress: Progress; warning?: string }
  | { ok: false; path: string; message: string };

/** The lock file beside progress.json. */
export const LOCK_FILE_NAME = `${PROGRESS_FILE_NAME}.lock`;

/** write-file-atomic's temporary files: progress.json.<number>. */
const TEMP_FILE = /^progress\.json\.\d+$/;

function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

function plainReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'ENOENT':
      return 'a folder on its path does not exist and could not be made';
  }
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
}

/** How the data folder is named in a sentence: by CUBBIES_HOME when that is where it comes from. */
function folderName(dir: string): string {
  const home = process.env.CUBBIES_HOME;
  return home !== undefined && home.trim() !== '' && resolve(home) === resolve(dir)
    ? `CUBBIES_HOME (${dir})`
    : `the data folder ${dir}`;
}

/** A sentence when the data folder is a file (or under one), else undefined. */
function folderIsFile(dir: string): string | undefined {
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) {
        const home = process.env.CUBBIES_HOME;
        const what =
          home !== undefined && home.trim() !== '' && resolve(home) === resolve(dir)
            ? 'CUBBIES_HOME'
            : 'The data folder';
        const where = at === resolve(dir) ? at : `${at}, on the way to ${dir}`;
        return `${what} is a file, not a folder: ${where}; point CUBBIES_HOME at a folder (or unset it) to keep your progress.`;
      }
      return undefined;
    } catch {
      const up = resolve(at, '..');
      if (up === at) return undefined;
      at = up;
    }
  }
}

/**
 * Moves an unusable progress file aside, never deleting it. Returns the new path, or
 * throws when it could be neither renamed nor copied.
 */
function setAside(path: string, kind: 'corrupt' | 'newer'): string {
  const stamp = fileTimestamp(new Date());
  let target = `${path}.${kind}-${stamp}`;
  for (let n = 1; existsSync(target); n++) target = `${path}.${kind}-${stamp}-${n}`;
  try {
    renameSync(path, target);
    return target;
  } catch (renameError) {
    try {
      copyFileSync(path, target, fsConstants.COPYFILE_EXCL);
      return target;
    } catch {
      throw renameError;
    }
  }
}

/** Writes the malformed runs of the file to a side file; returns its path. */
function keepSkipped(path: string, skipped: readonly SkippedRun[]): string {
  const stamp = fileTimestamp(new Date());
  let target = `${path}.bad-runs-${stamp}`;
  for (let n = 1; existsSync(target); n++) target = `${path}.bad-runs-${stamp}-${n}`;
  writeFileSync(target, `${JSON.stringify({ runs: skipped.map((s) => s.raw) }, null, 2)}\n`, { flag: 'wx' });
  return target;
}

type DiskState =
  | { kind: 'missing' }
  | { kind: 'ok'; progress: Progress; skipped: SkippedRun[] }
  | { kind: 'unusable'; problem: ProgressFormatError };

/** Reads and checks the file at `path`; moves nothing. */
function readDisk(path: string): DiskState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', problem: new ProgressFormatError(`it could not be read: ${plainReason(error)}`) };
  }
  try {
    const parsed = parseProgress(text);
    return { kind: 'ok', progress: parsed.progress, skipped: parsed.skipped };
  } catch (error) {
    if (!(error instanceof ProgressFormatError)) throw error;
    return { kind: 'unusable', problem: error };
  }
}

/** Sets an unusable file aside; the warning sentence, or `stuck` when it cannot be moved. */
function setAsideWarning(path: string, problem: ProgressFormatError): { warning: string } | { stuck: string } {
  try {
    const kept = setAside(path, problem.newer ? 'newer' : 'corrupt');
    return {
      warning: problem.newer
        ? `Your progress file was written by a newer version of cubbies; it was kept as ${kept} and a fresh one started.`
        : `Your progress file was unreadable (${problem.reason}); it was kept as ${kept} and a fresh one started.`,
    };
  } catch (error) {
    return { stuck: `${problem.reason}, and it could not be set aside: ${plainReason(error)}` };
  }
}

function skippedWarning(skipped: readonly SkippedRun[], keptIn?: string): string {
  const which = describeSkipped(skipped);
  const one = skipped.length === 1;
  return keptIn === undefined
    ? `Your progress file has ${one ? 'a malformed run' : `${skipped.length} malformed runs`} (${which}); ${one ? 'it was' : 'they were'} left out and the rest of your progress loaded, and ${one ? 'it' : 'they'} will be kept in a side file when a run is next saved.`
    : `Your progress file had ${one ? 'a malformed run' : `${skipped.length} malformed runs`} (${which}); ${one ? 'it was' : 'they were'} kept in ${keptIn} and the rest of your progress saved.`;
}

/**
 * Loads the progress from `dir` (default: dataDir()). A missing file is an empty
 * progress. An unreadable file is set aside and an empty progress returned with a
 * warning sentence; if it cannot even be set aside it is left untouched, and
 * saveProgress will refuse to overwrite it. A file from a newer cubbies is never moved
 * here (reading is not saving): the progress is empty, with a warning.
 */
export function loadProgress(dir: string = dataDir()): LoadResult {
  const notFolder = folderIsFile(dir);
  if (notFolder) return { progress: emptyProgress(), warning: notFolder };
  const path = progressPath(dir);
  let state = readDisk(path);
  if (state.kind === 'unusable' && !state.problem.newer) {
    // Set aside under the lock, after looking again: a save may have just replaced it.
    const lock = acquireLock(join(dir, LOCK_FILE_NAME));
    try {
      state = readDisk(path);
      if (state.kind === 'unusable' && !state.problem.newer) {
        const moved = setAsideWarning(path, state.problem);
        if ('warning' in moved) return { progress: emptyProgress(), warning: moved.warning };
        return {
          progress: emptyProgress(),
          warning: `Your progress file ${path} was unreadable (${moved.stuck}); it was left untouched, and progress will not be saved until it is moved away.`,
        };
      }
    } finally {
      if (lock.ok) lock.release();
    }
  }
  switch (state.kind) {
    case 'missing':
      return { progress: emptyProgress() };
    case 'ok':
      return state.skipped.length > 0
        ? { progress: state.progress, warning: skippedWarning(state.skipped) }
        : { progress: state.progress };
    case 'unusable':
      return {
        progress: emptyProgress(),
        warning: `Your progress file ${path} was written by a newer version of cubbies; it was left as it is, and this version shows no progress (update cubbies to see it).`,
      };
  }
}

/** Removes temporary files left by a save that was killed midway (call with the lock held). */
function removeStrayTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_FILE.test(name)) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {}
  }
}

/**
 * Saves `progress` to `dir` (default: dataDir()), merged, under the lock, with what is on
 * disk now, so that no saved run is ever dropped. Never throws for file-system trouble:
 * returns `{ ok: false, message }` with one sentence, and the previous file (if any) is
 * left intact. On success, `progress` in the result is what was written (the merge).
 */
export function saveProgress(progress: Progress, dir: string = dataDir()): SaveResult {
  const path = progressPath(dir);
  const fail = (why: string): SaveResult => ({
    ok: false,
    path,
    message: existsSync(path)
      ? `Your progress could not be saved (${why}); the previous progress file was left as it was.`
      : `Your progress could not be saved (${why}); nothing was written.`,
  });
  const notFolder = folderIsFile(dir);
  if (notFolder) return { ok: false, path, message: notFolder };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    return {
      ok: false,
      path,
      message: `Your progress could not be saved: ${folderName(dir)} could not be made (${plainReason(error)}); set CUBBIES_HOME to a folder you can write to.`,
    };
  }
  const lock = acquireLock(join(dir, LOCK_FILE_NAME));
  if (!lock.ok) return fail(plainReason(lock.error));
  try {
    removeStrayTemps(dir);
    let state: DiskState;
    try {
      state = readDisk(path);
    } catch (error) {
      return fail(plainReason(error));
    }
    let warning: string | undefined;
    let merged = progress;
    if (state.kind === 'unusable') {
      const moved = setAsideWarning(path, state.problem);
      if ('stuck' in moved) {
        return {
          ok: false,
          path,
          message: `Your progress could not be saved: the existing file ${path} is unreadable (${moved.stuck}), and it was left untouched.`,
        };
      }
      warning = moved.warning;
    } else if (state.kind === 'ok') {
      merged = mergeProgress(state.progress, progress);
      if (state.skipped.length > 0) {
        try {
          warning = skippedWarning(state.skipped, keepSkipped(path, state.skipped));
        } catch (error) {
          return fail(`its malformed runs could not be kept aside: ${plainReason(error)}`);
        }
      }
    }
    try {
      writeFileAtomic.sync(path, `${JSON.stringify(merged, null, 2)}\n`, { encoding: 'utf8' });
    } catch (error) {
      return fail(plainReason(error));
    }
    return warning !== undefined ? { ok: true, path, progress: merged, warning } : { ok: true, path, progress: merged };
  } finally {
    lock.release();
  }
}
