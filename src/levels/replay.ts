// Replay files, at the edge: `{ "level": <level id>, "commands": ["malloc greeting @1", "step", ...] }`.
// They are untrusted input like levels: regular files only (a FIFO, a device or a folder
// gets a sentence, and is never opened for a blocking read), a size limit, a limit on the
// number and length of commands. Every failure is one sentence, never a throw.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { sanitise } from '../ui/sanitise.js';

export const REPLAY_LIMITS = {
  /** Bytes in a replay file. */
  fileBytes: 16 * 1024 * 1024,
  /** Commands in a replay: a level has at most 100,000 ticks and 100,000 values. */
  commands: 1_000_000,
  /** Characters in one command. */
  commandLength: 10_000,
} as const;

export type ReplayResult = { ok: true; commands: string[] } | { ok: false; message: string };

function kindOf(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reads a regular file of at most `limit` bytes; a phrase saying why not, else its text. */
export function readRegularFile(path: string, limit: number): { ok: true; text: string } | { ok: false; why: string } {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, why: `it is ${kindOf(st)}, not a file` };
    // O_NONBLOCK: should the path become a pipe between the check and the open, no wait.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const fst = fstatSync(fd);
    if (!fst.isFile()) return { ok: false, why: `it is ${kindOf(fst)}, not a file` };
    if (fst.size > limit)
      return { ok: false, why: `it is ${fst.size} bytes, and a replay may be at most ${limit} bytes` };
    const buf = Buffer.alloc(fst.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return { ok: true, text: buf.subarray(0, got).toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder, not a file'
            : (e as Error).message;
    return { ok: false, why };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a replay file for level `levelId`; a sentence when it is not one. */
export function readReplay(path: string, levelId: string): ReplayResult {
  const shown = sanitise(path);
  const file = readRegularFile(path, REPLAY_LIMITS.fileBytes);
  if (!file.ok) return { ok: false, message: `Can't read the replay ${shown}: ${file.why}.` };
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (e) {
    return {
      ok: false,
      message: `Can't read the replay ${shown}: it is not JSON (${sanitise((e as Error).message)}).`,
    };
  }
  const shape = `The replay ${shown} must be {"level": "<level id>", "commands": ["malloc greeting @1", "step", ...]}.`;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: shape };
  const r = json as { level?: unknown; commands?: unknown };
  if (!Array.isArray(r.commands)) return { ok: false, message: shape };
  if (r.commands.length > REPLAY_LIMITS.commands) {
    return {
      ok: false,
      message: `The replay ${shown} has ${r.commands.length} commands; a replay may have at most ${REPLAY_LIMITS.commands}.`,
    };
  }
  for (let i = 0; i < r.commands.length; i++) {
    const c: unknown = r.commands[i];
    if (typeof c !== 'string') {
      return {
        ok: false,
        message: `The replay ${shown} has a command that is not text (number ${i + 1}); ${shape.slice(shape.indexOf('must'))}`,
      };
    }
    if (c.length > REPLAY_LIMITS.commandLength) {
      return {
        ok: false,
        message: `The replay ${shown} has a command of ${c.length} characters (number ${i + 1}); a command may be at most ${REPLAY_LIMITS.commandLength}.`,
      };
    }
  }
  if (r.level !== undefined && r.level !== levelId) {
    return {
      ok: false,
      message: `The replay ${shown} is for level ${sanitise(JSON.stringify(r.level) ?? String(r.level))}, not "${levelId}".`,
    };
  }
  return { ok: true, commands: r.commands as string[] };
}
