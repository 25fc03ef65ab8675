// An exclusive lock between cubbies processes sharing one data folder: a lock file created
// with O_EXCL (only one process can create it), holding the owner's pid, host and time.
// Synchronous, because saving is: the critical section (read, merge, write) takes
// milliseconds.
//
// A lock is stale when its owner is gone: the same host and a pid that no longer exists,
// or older than STALE_MS whatever its owner (a process stopped with the lock held). A stale
// lock is taken over by renaming it to a unique name first (only one process can win that
// rename), then checking that what was renamed is the lock judged stale.

import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, linkSync } from 'node:fs';

/** How long a lock may be held before another process may take it over. */
export const STALE_MS = 10_000;
/** How long to wait for the lock before giving up with a sentence. */
export const WAIT_MS = 15_000;

/** On failure, `error` is the file-system error, or an Error whose message is a plain phrase. */
export type LockResult = { ok: true; release: () => void } | { ok: false; error: unknown };

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function ownerText(): string {
  return JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file's text and age if it is stale, else undefined (held, or gone meanwhile). */
function staleLock(path: string, now: number): string | undefined {
  let text: string;
  let mtime: number;
  try {
    text = readFileSync(path, 'utf8');
    mtime = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  if (now - mtime > STALE_MS) return text;
  try {
    const owner = JSON.parse(text) as { pid?: unknown; host?: unknown };
    if (owner.host === hostname() && typeof owner.pid === 'number' && !isAlive(owner.pid)) return text;
  } catch {
    // A lock file being written right now reads as empty: give it until STALE_MS.
  }
  return undefined;
}

/** Takes over a stale lock: true when this process removed exactly the stale one. */
function breakStale(path: string, staleText: string): boolean {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch {
    return false; // someone else broke it first
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {}
  if (moved !== staleText) {
    // It was a fresh lock, taken between our look and our rename: put it back.
    try {
      linkSync(aside, path);
    } catch {}
  }
  try {
    unlinkSync(aside);
  } catch {}
  return moved === staleText;
}

/** Waits for and takes the lock at `path`. */
export function acquireLock(path: string, waitMs = WAIT_MS): LockResult {
  const deadline = Date.now() + waitMs;
  let pause = 2;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, ownerText());
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {}
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return { ok: false, error };
    }
    const stale = staleLock(path, Date.now());
    if (stale !== undefined && breakStale(path, stale)) continue;
    if (Date.now() > deadline) {
      return {
        ok: false,
        error: new Error(`another cubbies has held the lock ${path} for over ${Math.round(waitMs / 1000)} s`),
      };
    }
    sleep(pause + Math.floor(Math.random() * pause));
    pause = Math.min(50, pause * 2);
  }
}
