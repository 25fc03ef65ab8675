// `cubbies compare <level> [--replay FILE] [--gc C[,C...]|all] [--json]` (GAME.md §7, §8).
// Needs no terminal: prints the metrics table and the memory chart, or JSON.
// Exit 1 for an invalid level or replay file.
import { readFileSync } from 'node:fs';
import type { CollectorName } from '../../engine/index.js';
import { compareLevel } from '../../engine/index.js';
import { loadLevel } from '../../levels/load.js';
import { bestRun, levelHash } from '../../store/progress.js';
import { loadProgress } from '../../store/progress-file.js';
import { comparisonJson, formatComparison } from '../report.js';

export interface CompareOptions {
  level: string;
  replay?: string;
  /** Collectors to run, in order; absent means the level's default collector. */
  gc?: CollectorName[];
  json: boolean;
}

/** Reads a replay file `{ "level": id, "commands": [...] }`; a sentence when it is not one. */
export function readReplay(
  path: string,
  levelId: string,
): { ok: true; commands: string[] } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : e instanceof SyntaxError
          ? `it is not JSON (${e.message})`
          : (e as Error).message;
    return { ok: false, message: `Can't read the replay ${path}: ${why}.` };
  }
  const r = json as { level?: unknown; commands?: unknown };
  if (
    typeof r !== 'object' ||
    r === null ||
    !Array.isArray(r.commands) ||
    !r.commands.every((c) => typeof c === 'string')
  ) {
    return {
      ok: false,
      message: `The replay ${path} must be {"level": "<level id>", "commands": ["malloc greeting @1", "step", ...]}.`,
    };
  }
  if (r.level !== undefined && r.level !== levelId) {
    return { ok: false, message: `The replay ${path} is for level "${String(r.level)}", not "${levelId}".` };
  }
  return { ok: true, commands: r.commands as string[] };
}

export async function compare(options: CompareOptions): Promise<number> {
  const loaded = loadLevel(options.level);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 1;
  }
  const { level, json } = loaded.loaded;
  let player: string[] | undefined;
  let playerName = 'you';
  if (options.replay) {
    const r = readReplay(options.replay, level.id);
    if (!r.ok) {
      process.stderr.write(`${r.message}\n`);
      return 1;
    }
    player = r.commands;
    playerName = 'replay';
  } else {
    const { progress, warning } = loadProgress();
    if (warning) process.stderr.write(`${warning}\n`);
    player = bestRun(progress, level.id, levelHash(json))?.commands;
  }
  const comparison = compareLevel(level, { player, playerName, collectors: options.gc ?? [level.gc.collector] });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(comparisonJson(comparison))}\n`);
  } else {
    if (!player)
      process.stdout.write(
        `No saved run of ${level.id} yet: play it with \`cubbies play ${level.id}\`, or pass --replay FILE.\n`,
      );
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    process.stdout.write(formatComparison(comparison, { color, width: process.stdout.columns ?? 80 }));
  }
  return comparison.replayProblems.length > 0 ? 1 : 0;
}
