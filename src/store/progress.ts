// The player's progress (GAME.md §8): per level, the best score, its stars and its
// replay (the command list), keyed by level id plus a hash of the level's content, and
// which levels are unlocked and completed.
//
// One JSON file, `progress.json`, in dataDir() (see ./paths.ts). Guarantees:
// - a write is atomic (write-file-atomic: temp file, fsync, rename): a failed or
//   interrupted write leaves the previous file as it was, and says so in a sentence;
// - saving merges with what is on disk, so two cubbies running at once never drop each
//   other's best runs;
// - an unreadable, corrupt or wrong-shaped file is renamed aside to
//   `progress.json.corrupt-<timestamp>` (never deleted) and a warning sentence is
//   returned for the UI to show; a file written by a newer cubbies is set aside the
//   same way, as `progress.json.newer-<timestamp>`.
//
// Everything here is synchronous: the file is small and saving happens between screens.

import { createHash } from 'node:crypto';
import { copyFileSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { dataDir, progressPath } from './paths.js';

export const PROGRESS_VERSION = 1;

/** The best run saved for one level (one version of it, by hash). */
export interface SavedRun {
  levelId: string;
  /** levelHash() of the level the run was played on. */
  hash: string;
  score: number;
  /** 0 (crashed) to 3. */
  stars: number;
  /** The replay: the commands as typed (GAME.md §5), `undo` already applied. */
  commands: string[];
  /** ISO 8601 time of the run. */
  savedAt: string;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** At most one run per (levelId, hash): the best. */
  runs: SavedRun[];
  /** Level ids unlocked, in the order they were unlocked (any version of the level). */
  unlocked: string[];
  /** Level ids finished at least once (a run with at least one star). */
  completed: string[];
}

/** A finished run to record; `savedAt` defaults to now. */
export interface RunRecord {
  levelId: string;
  hash: string;
  score: number;
  stars: number;
  commands: readonly string[];
  savedAt?: string;
}

export interface LoadResult {
  progress: Progress;
  /** One sentence for the UI to show, when the file on disk could not be used. */
  warning?: string;
}

export type SaveResult =
  | { ok: true; path: string; progress: Progress; warning?: string }
  | { ok: false; path: string; message: string };

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, runs: [], unlocked: [], completed: [] };
}

// ---------------------------------------------------------------------------------
// Level hash

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, members
 * whose value is undefined dropped, as JSON.stringify would. Throws on cycles.
 */
export function canonicalJson(value: unknown): string {
  const stack = new Set<object>();
  const walk = (v: unknown): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return JSON.stringify(v);
      case 'number':
        return JSON.stringify(v); // NaN and Infinity become null, -0 becomes 0, like JSON
      case 'bigint':
        throw new TypeError('A level cannot contain a bigint.');
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    const obj = v as object;
    if (stack.has(obj)) throw new TypeError('A level cannot contain a cycle.');
    stack.add(obj);
    let out: string;
    if (Array.isArray(obj)) {
      out = `[${obj.map((item) => walk(item) ?? 'null').join(',')}]`;
    } else {
      const record = obj as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const item = walk(record[key]);
        if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
      }
      out = `{${parts.join(',')}}`;
    }
    stack.delete(obj);
    return out;
  };
  return walk(value) ?? 'null';
}

/**
 * The content hash of a level: the first 16 hex digits of the sha256 of its canonical
 * JSON. The top-level `$schema` key is left out: it only tells editors where the
 * schema is, and differs between a built-in level and the same level copied elsewhere.
 */
export function levelHash(levelJson: unknown): string {
  let content = levelJson;
  if (content !== null && typeof content === 'object' && !Array.isArray(content) && '$schema' in content) {
    const { $schema: _schema, ...rest } = content as Record<string, unknown>;
    content = rest;
  }
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------
// Pure operations

/** True when run `a` beats run `b`: a higher score, then more stars. An exact tie does not. */
function beats(a: SavedRun, b: SavedRun): boolean {
  return a.score > b.score || (a.score === b.score && a.stars > b.stars);
}

function addId(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? [...ids] : [...ids, id];
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** `runs` with `run` put in: added, or replacing the saved run for its level id and hash if it beats it. */
function withRun(runs: readonly SavedRun[], run: SavedRun): SavedRun[] {
  const index = runs.findIndex((r) => r.levelId === run.levelId && r.hash === run.hash);
  if (index < 0) return [...runs, run];
  return beats(run, runs[index]) ? runs.map((r, i) => (i === index ? run : r)) : [...runs];
}

/**
 * Records a finished run. Pure: returns a new Progress. Keeps the better of the new
 * run and the saved one for the same level id and hash (higher score, then more stars;
 * an exact tie keeps the older). Unlocks the level, and marks it completed when the
 * run earned at least one star.
 */
export function recordRun(progress: Progress, run: RunRecord): Progress {
  const saved: SavedRun = {
    levelId: run.levelId,
    hash: run.hash,
    score: run.score,
    stars: run.stars,
    commands: [...run.commands],
    savedAt: run.savedAt ?? new Date().toISOString(),
  };
  return {
    version: PROGRESS_VERSION,
    runs: withRun(progress.runs, saved),
    unlocked: addId(progress.unlocked, run.levelId),
    completed: run.stars >= 1 ? addId(progress.completed, run.levelId) : [...progress.completed],
  };
}

/** The best saved run for this level id and hash, if any. */
export function bestRun(progress: Progress, levelId: string, hash: string): SavedRun | undefined {
  return progress.runs.find((r) => r.levelId === levelId && r.hash === hash);
}

/** Pure: returns a new Progress with the level unlocked. */
export function unlockLevel(progress: Progress, levelId: string): Progress {
  return { ...progress, unlocked: addId(progress.unlocked, levelId) };
}

export function isUnlocked(progress: Progress, levelId: string): boolean {
  return progress.unlocked.includes(levelId);
}

export function isCompleted(progress: Progress, levelId: string): boolean {
  return progress.completed.includes(levelId);
}

/** The campaign's rule: the first level is open, and each next one once the one before it is finished. */
export function isOpenInCampaign(
  completed: (levelId: string) => boolean,
  campaignIds: readonly string[],
  index: number,
): boolean {
  return index === 0 || completed(campaignIds[index - 1]);
}

/** Pure: everything in either, keeping the better run for each level id and hash (`a`'s on an exact tie). */
export function mergeProgress(a: Progress, b: Progress): Progress {
  return {
    version: PROGRESS_VERSION,
    runs: b.runs.reduce(withRun, [...a.runs]),
    unlocked: union(a.unlocked, b.unlocked),
    completed: union(a.completed, b.completed),
  };
}

// ---------------------------------------------------------------------------------
// Reading and checking the file

/** Thrown by parseProgress: `reason` is a short phrase; `newer` marks a file from a newer cubbies. */
export class ProgressFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly newer = false,
  ) {
    super(reason);
    this.name = 'ProgressFormatError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((item) => typeof item === 'string');
}

/** Parses and checks the text of a progress file; throws ProgressFormatError. */
export function parseProgress(text: string): Progress {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ProgressFormatError('it is not valid JSON');
  }
  if (!isRecord(data)) throw new ProgressFormatError('it does not hold a JSON object');
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ProgressFormatError('it has no valid version number');
  }
  if (version > PROGRESS_VERSION) {
    throw new ProgressFormatError(`it was written by a newer cubbies (format ${version})`, true);
  }
  const { runs, unlocked, completed } = data;
  if (!Array.isArray(runs)) throw new ProgressFormatError('its runs are not a list');
  if (!isStringList(unlocked)) throw new ProgressFormatError('its unlocked levels are not a list of ids');
  if (!isStringList(completed)) throw new ProgressFormatError('its completed levels are not a list of ids');
  let checked: SavedRun[] = [];
  runs.forEach((run: unknown, i: number) => {
    if (
      !isRecord(run) ||
      typeof run.levelId !== 'string' ||
      typeof run.hash !== 'string' ||
      typeof run.score !== 'number' ||
      !Number.isFinite(run.score) ||
      typeof run.stars !== 'number' ||
      !Number.isInteger(run.stars) ||
      run.stars < 0 ||
      run.stars > 3 ||
      !isStringList(run.commands) ||
      typeof run.savedAt !== 'string'
    ) {
      throw new ProgressFormatError(`its run number ${i + 1} is malformed`);
    }
    const { levelId, hash, score, stars, commands, savedAt } = run;
    // Duplicates (a hand-edited file) fold the way recordRun would.
    checked = withRun(checked, { levelId, hash, score, stars, commands: [...commands], savedAt });
  });
  return { version: PROGRESS_VERSION, runs: checked, unlocked: union([], unlocked), completed: union([], completed) };
}

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
  }
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
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

type DiskState =
  | { kind: 'missing' }
  | { kind: 'ok'; progress: Progress }
  | { kind: 'set-aside'; warning: string }
  | { kind: 'stuck'; reason: string };

/** Reads the file at `path`; an unusable one is set aside. */
function readDisk(path: string): DiskState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return setAsideState(path, new ProgressFormatError(`it could not be read: ${plainReason(error)}`));
  }
  try {
    return { kind: 'ok', progress: parseProgress(text) };
  } catch (error) {
    if (!(error instanceof ProgressFormatError)) throw error;
    return setAsideState(path, error);
  }
}

function setAsideState(path: string, problem: ProgressFormatError): DiskState {
  try {
    const kept = setAside(path, problem.newer ? 'newer' : 'corrupt');
    const warning = problem.newer
      ? `Your progress file was written by a newer version of cubbies; it was kept as ${kept} and a fresh one started.`
      : `Your progress file was unreadable (${problem.reason}); it was kept as ${kept} and a fresh one started.`;
    return { kind: 'set-aside', warning };
  } catch (error) {
    return { kind: 'stuck', reason: `${problem.reason}, and it could not be set aside: ${plainReason(error)}` };
  }
}

/**
 * Loads the progress from `dir` (default: dataDir()). A missing file is an empty
 * progress. An unusable file is set aside and an empty progress returned with a
 * warning sentence; if it cannot even be set aside it is left untouched, and
 * saveProgress will refuse to overwrite it.
 */
export function loadProgress(dir: string = dataDir()): LoadResult {
  const path = progressPath(dir);
  const state = readDisk(path);
  switch (state.kind) {
    case 'missing':
      return { progress: emptyProgress() };
    case 'ok':
      return { progress: state.progress };
    case 'set-aside':
      return { progress: emptyProgress(), warning: state.warning };
    case 'stuck':
      return {
        progress: emptyProgress(),
        warning: `Your progress file ${path} was unreadable (${state.reason}); it was left untouched, and progress will not be saved until it is moved away.`,
      };
  }
}

/**
 * Saves `progress` to `dir` (default: dataDir()), merged with what is on disk now so
 * that no saved run is ever dropped. Never throws for file-system trouble: returns
 * `{ ok: false, message }` with one sentence, and the previous file is left intact.
 * On success, `progress` in the result is what was written (the merge).
 */
export function saveProgress(progress: Progress, dir: string = dataDir()): SaveResult {
  const path = progressPath(dir);
  const fail = (why: string): SaveResult => ({
    ok: false,
    path,
    message: `Your progress could not be saved (${why}); the previous progress file was left as it was.`,
  });
  let state: DiskState;
  try {
    mkdirSync(dirname(path), { recursive: true });
    state = readDisk(path);
  } catch (error) {
    return fail(plainReason(error));
  }
  if (state.kind === 'stuck') {
    return {
      ok: false,
      path,
      message: `Your progress could not be saved: the existing file ${path} is unreadable (${state.reason}), and it was left untouched.`,
    };
  }
  const merged = state.kind === 'ok' ? mergeProgress(state.progress, progress) : progress;
  try {
    writeFileAtomic.sync(path, `${JSON.stringify(merged, null, 2)}\n`, { encoding: 'utf8' });
  } catch (error) {
    return fail(plainReason(error));
  }
  return state.kind === 'set-aside'
    ? { ok: true, path, progress: merged, warning: state.warning }
    : { ok: true, path, progress: merged };
}
