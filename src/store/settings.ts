// The player's settings, kept between runs beside the progress file: for now the watch
// screen's speed. A file that cannot be read as settings is set aside (renamed, never
// deleted) with a sentence saying where; writes are atomic.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { dataDir } from './paths.js';

export interface Settings {
  /** The watch screen's speed: an index into its list of speeds. */
  watchSpeed?: number;
}

export const SETTINGS_FILE_NAME = 'settings.json';

export function settingsPath(dir: string = dataDir()): string {
  return join(dir, SETTINGS_FILE_NAME);
}

function parseSettings(text: string): Settings | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const out: Settings = {};
  const speed = (json as Record<string, unknown>).watchSpeed;
  if (speed !== undefined) {
    if (typeof speed !== 'number' || !Number.isInteger(speed) || speed < 0 || speed > 100) return null;
    out.watchSpeed = speed;
  }
  return out;
}

/** The saved settings; none when there is no file. An unusable file is set aside, with a warning. */
export function loadSettings(dir: string = dataDir()): { settings: Settings; warning?: string } {
  const path = settingsPath(dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {} };
    return {
      settings: {},
      warning: `Your settings could not be read (${(error as Error).message}); using the defaults.`,
    };
  }
  const settings = parseSettings(text);
  if (settings) return { settings };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = `${path}.unreadable-${stamp}`;
  for (let n = 1; existsSync(target); n++) target = `${path}.unreadable-${stamp}-${n}`;
  try {
    renameSync(path, target);
    return { settings: {}, warning: `Your settings file was not readable; it was moved to ${target}.` };
  } catch {
    return { settings: {}, warning: `Your settings file ${path} is not readable; using the defaults.` };
  }
}

/** Saves the settings over the saved ones; a sentence when it could not. */
export function saveSettings(change: Settings, dir: string = dataDir()): { ok: true } | { ok: false; message: string } {
  const path = settingsPath(dir);
  try {
    const before = existsSync(path) ? (parseSettings(readFileSync(path, 'utf8')) ?? {}) : {};
    mkdirSync(dir, { recursive: true });
    writeFileAtomic.sync(path, `${JSON.stringify({ ...before, ...change }, null, 2)}\n`, { encoding: 'utf8' });
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `Your settings could not be saved (${(error as Error).message}).` };
  }
}
