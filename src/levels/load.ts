// Level loading, at the edge: built-in levels by id from the levels/ folder shipped
// beside the bundle, or any .json path. Every failure is a sentence, never a throw.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileLevel, type CompiledField, type CompiledLevel, type CompiledValue } from '../engine/index.js';
import { certificationProblem, formatProblems, type Problem, validateLevelText } from '../engine/index.js';
import { LIMITS, type Level } from '../engine/index.js';
import { isPrintable, sanitise } from '../ui/sanitise.js';

export interface LoadedLevel {
  level: CompiledLevel;
  json: Level;
  /** Where it came from: a file path. */
  path: string;
  builtIn: boolean;
}

export type LevelLoadResult = { ok: true; loaded: LoadedLevel } | { ok: false; message: string };

/** The levels/ folder: beside the bundle (dist/../levels) or the sources (src/levels/../../levels). */
export function levelsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'levels');
    if (existsSync(join(candidate, 'schema.json'))) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), 'levels');
}

/** The campaign's files in play order (their names start with a number). */
export function builtInFiles(): string[] {
  const dir = levelsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort()
    .map((f) => join(dir, f));
}

/** Reads and validates one level file, and compiles it for play. */
export function loadLevelFile(path: string, builtIn = false): LevelLoadResult {
  const checked = checkLevelFile(path);
  if (!checked.ok) return checked;
  return { ok: true, loaded: loadedFromText(path, checked.json, builtIn, checked.ids) };
}

/** Reads and validates one level file, without compiling it (what `validate` needs). */
export function checkLevelFile(
  path: string,
): { ok: true; json: Level; ids?: ReadonlyMap<string, number> } | { ok: false; message: string } {
  const read = readLevelText(path);
  return read.ok ? checkLevelText(path, read.text) : read;
}

/** Reads a level file's text: a regular file within the size limit, or a sentence saying why not. */
export function readLevelText(path: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, message: `${path} is not a file.` };
    if (st.size > LIMITS.fileBytes)
      return {
        ok: false,
        message: `${path} is ${st.size} bytes; a level file may be at most ${LIMITS.fileBytes} bytes.`,
      };
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, message: `Can't read ${path}: ${why}.` };
  }
}

/**
 * Validates a level file's text (`path` only names it in the problems). With `certify:
 * false`, all but the check that someone can finish it (see `uncertified`).
 */
export function checkLevelText(
  path: string,
  text: string,
  options: { certify?: boolean } = {},
): { ok: true; json: Level; ids?: ReadonlyMap<string, number> } | { ok: false; message: string } {
  const checked = validateLevelText(text, options);
  if (!checked.ok) return { ok: false, message: invalidLevel(path, checked.problems) };
  return checked.ids ? { ok: true, json: checked.level, ids: checked.ids } : { ok: true, json: checked.level };
}

/** The sentence for a level checked without certifying it (`checkLevelText`) that no one can finish after all; null if someone can. */
export function uncertified(path: string, json: Level): string | null {
  const problem = certificationProblem(json);
  return problem === null ? null : invalidLevel(path, [problem]);
}

function invalidLevel(path: string, problems: readonly Problem[]): string {
  return sanitise(`${path} is not a valid level:\n${formatProblems(path, problems)}`, { lines: true });
}

/** A level file's text, already validated, compiled for play (see `displaySafe`); `ids` as its validation found them, if it did. */
export function loadedFromText(
  path: string,
  json: Level,
  builtIn = false,
  ids?: ReadonlyMap<string, number>,
): LoadedLevel {
  return { level: displaySafe(compileLevel(json, ids)), json, path, builtIn };
}

/**
 * The compiled level with every text that is only shown (title, intro, hints, field names)
 * made printable, so no escape sequence from the file reaches the terminal. The level's
 * JSON (`json`, which the progress hash is taken of) and its values' bytes stay as written.
 */
function displaySafe(level: CompiledLevel): CompiledLevel {
  const src = level.source;
  const safeSource: Level = {
    ...src,
    title: sanitise(src.title),
    ...(src.intro !== undefined ? { intro: sanitise(src.intro, { lines: true }) } : {}),
    ...(src.hints !== undefined ? { hints: src.hints.map((h) => sanitise(h, { lines: true })) } : {}),
  };
  return {
    ...level,
    source: safeSource,
    title: sanitise(level.title),
    values: level.values.map(withSafeFieldNames),
  };
}

/**
 * A value whose field names are printable, the same object when they all are already (as
 * in nearly every level): a big level has tens of thousands of records, and a copy of each
 * is a copy the garbage collector moves again and again while the level is played.
 */
function withSafeFieldNames(v: CompiledValue): CompiledValue {
  if (v.fields.every(hasPrintableName)) return v;
  return { ...v, fields: v.fields.map((f) => ({ ...f, name: sanitise(f.name) })) };
}
const hasPrintableName = (f: CompiledField) => isPrintable(f.name);

/** All built-in levels that load, in campaign order, with the problems of those that don't. */
export function loadBuiltIns(): { levels: LoadedLevel[]; problems: string[] } {
  const levels: LoadedLevel[] = [];
  const problems: string[] = [];
  for (const f of builtInFiles()) {
    const r = loadLevelFile(f, true);
    if (r.ok) levels.push(r.loaded);
    else problems.push(r.message);
  }
  return { levels, problems };
}

/** A level argument that names a file rather than a built-in level. */
export function looksLikePath(arg: string): boolean {
  return arg.endsWith('.json') || arg.includes('/') || arg.includes('\\');
}

/**
 * A built-in level by its id or its campaign number (`7`: the seventh level, as the
 * title screen and `cubbies levels` number them), or a path to a .json file.
 */
export function loadLevel(arg: string): LevelLoadResult {
  if (looksLikePath(arg)) return loadLevelFile(resolve(arg));
  for (const f of builtInFiles()) {
    const r = loadLevelFile(f, true);
    if (r.ok && r.loaded.json.id === arg) return r;
  }
  const { levels } = loadBuiltIns();
  if (/^[0-9]+$/.test(arg)) {
    const n = Number(arg);
    if (n >= 1 && n <= levels.length) return { ok: true, loaded: levels[n - 1] };
    return {
      ok: false,
      message: `There is no level ${arg} in the campaign: it has ${levels.length} level${levels.length === 1 ? '' : 's'}, numbered 1 to ${levels.length} (see \`cubbies levels\`).`,
    };
  }
  const ids = levels.map((l) => l.json.id);
  return {
    ok: false,
    message: `There is no built-in level "${arg}". Built-in levels: ${ids.join(', ') || 'none'}, or their numbers 1 to ${ids.length}. To load a file, give its path ending in .json.`,
  };
}
