// The level and the player's run for the commands that show it beside others (compare,
// review): the replay file when one is given, else the best run saved for this version of
// the level.
import type { CompiledLevel, Level } from '../engine/index.js';
import { loadLevel } from '../levels/load.js';
import { readReplay } from '../levels/replay.js';
import { bestRunOf } from '../store/progress.js';
import { loadProgress } from '../store/progress-file.js';

export type PlayerRun =
  | { ok: true; commands: string[] | undefined; name: 'you' | 'replay' }
  | { ok: false; message: string };

/** Reads the replay (a sentence when it is unusable) or the saved best; warnings go to stderr. */
export function playerRun(level: CompiledLevel, json: Level, replay: string | undefined): PlayerRun {
  if (replay !== undefined) {
    const r = readReplay(replay, level.id);
    return r.ok ? { ok: true, commands: r.commands, name: 'replay' } : { ok: false, message: r.message };
  }
  const { progress, warning } = loadProgress();
  if (warning) process.stderr.write(`${warning}\n`);
  return { ok: true, commands: bestRunOf(progress, json)?.commands, name: 'you' };
}

export type LevelAndPlayer =
  | { ok: true; level: CompiledLevel; json: Level; player: string[] | undefined; playerName: 'you' | 'replay' }
  | { ok: false; message: string };

/** Loads the named level (a built-in id, a campaign number or a path), then the player's run of it. */
export function levelAndPlayer(name: string, replay: string | undefined): LevelAndPlayer {
  const loaded = loadLevel(name);
  if (!loaded.ok) return loaded;
  const { level, json } = loaded.loaded;
  const found = playerRun(level, json, replay);
  if (!found.ok) return found;
  return { ok: true, level, json, player: found.commands, playerName: found.name };
}
