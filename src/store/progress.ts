// The player's progress: per level, the best score, its stars and its
// replay (the command list), keyed by level id plus a hash of the level's content, and
// which levels are unlocked and completed.
//
// This module is pure: the shapes, merging and checking of the file's text. Reading and
// writing the file on disk is ./progress-file.ts.

import { createHash } from 'node:crypto';

export const PROGRESS_VERSION = 1;

/** The best run saved for one level (one version of it, by hash). */
export interface SavedRun {
  levelId: string;
  /** levelHash() of the level the run was played on. */
  hash: string;
  score: number;
  /** 0 (crashed) to 3. */
  stars: number;
  /** The replay: the commands as typed on the command line, `undo` already applied. */
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

/** The same for a level's JSON, hashed only when some run of its id is saved (hashing a big level takes most of a second). */
export function bestRunOf(progress: Progress, levelJson: { id: string }): SavedRun | undefined {
  if (!progress.runs.some((r) => r.levelId === levelJson.id)) return undefined;
  return bestRun(progress, levelJson.id, levelHash(levelJson));
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

/**
 * The campaign's rule: the first level is open, and each next one once the one before it
 * is finished. A level the player has finished is open too, however they came to it
 * (`cubbies play` on its file): its best run is theirs to see and to beat.
 */
export function isOpenInCampaign(
  completed: (levelId: string) => boolean,
  campaignIds: readonly string[],
  index: number,
): boolean {
  return index === 0 || completed(campaignIds[index - 1]) || completed(campaignIds[index]);
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

/** A run of the file that is malformed: left out of the progress, kept aside at the next save. */
export interface SkippedRun {
  /** Its place in the file's list of runs, from 1. */
  number: number;
  /** Its level id, when it has a readable one. */
  levelId?: string;
  /** What is wrong, as a short phrase ("its stars are not 0 to 3"). */
  reason: string;
  /** The run as it was in the file. */
  raw: unknown;
}

export interface ParsedProgress {
  progress: Progress;
  skipped: SkippedRun[];
}

/** What is wrong with one saved run, or undefined when it is well-formed. */
function runProblem(run: unknown): string | undefined {
  if (!isRecord(run)) return 'it is not an object';
  if (typeof run.levelId !== 'string') return 'it has no level id';
  if (typeof run.hash !== 'string') return 'it has no level hash';
  if (typeof run.score !== 'number' || !Number.isFinite(run.score)) return 'its score is not a number';
  if (typeof run.stars !== 'number' || !Number.isInteger(run.stars) || run.stars < 0 || run.stars > 3)
    return 'its stars are not 0 to 3';
  if (!isStringList(run.commands)) return 'its commands are not a list of strings';
  if (typeof run.savedAt !== 'string') return 'it has no time';
  return undefined;
}

/**
 * Parses and checks the text of a progress file. Throws ProgressFormatError when the file
 * as a whole is unusable; a malformed run only is skipped and listed, the rest kept.
 */
export function parseProgress(text: string): ParsedProgress {
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
  const skipped: SkippedRun[] = [];
  runs.forEach((run: unknown, i: number) => {
    const problem = runProblem(run);
    if (problem !== undefined) {
      const levelId = isRecord(run) && typeof run.levelId === 'string' ? run.levelId : undefined;
      skipped.push({ number: i + 1, reason: problem, raw: run, ...(levelId !== undefined ? { levelId } : {}) });
      return;
    }
    const { levelId, hash, score, stars, commands, savedAt } = run as unknown as SavedRun;
    // Duplicates (a hand-edited file) fold the way recordRun would.
    checked = withRun(checked, { levelId, hash, score, stars, commands: [...commands], savedAt });
  });
  return {
    progress: {
      version: PROGRESS_VERSION,
      runs: checked,
      unlocked: union([], unlocked),
      completed: union([], completed),
    },
    skipped,
  };
}

/** The skipped runs named in a phrase: `run 3 (level "x"): its stars are not 0 to 3`. */
export function describeSkipped(skipped: readonly SkippedRun[]): string {
  const one = (s: SkippedRun) =>
    `run ${s.number}${s.levelId !== undefined ? ` (level ${JSON.stringify(s.levelId)})` : ''}: ${s.reason}`;
  const shown = skipped.slice(0, 3).map(one).join('; ');
  return skipped.length > 3 ? `${shown}; and ${skipped.length - 3} more` : shown;
}
