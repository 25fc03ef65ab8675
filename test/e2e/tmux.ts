// A small harness to drive a command in a real terminal: tmux runs it in a detached
// session of a fixed size; tests type keys and read the screen.
//
//   const t = startTmux(['node', 'dist/cubbies.js', 'play', 'hello'], { env: { CUBBIES_HOME: dir } });
//   try {
//     await t.waitFor('Hello, pointers');
//     t.sendKeys('Space');          // tmux key names: Enter, Space, Escape, Up, C-c, ...
//     t.type(':malloc greeting');   // literal text
//     expect(await t.waitForExit()).toBe(0);
//   } finally {
//     t.kill();
//   }
//
// Each session gets its own tmux server (a socket in a temp folder, no user config), so
// tests never touch the user's tmux and can run in parallel. The pane stays open after
// the command exits, so its last screen and exit status can be read.
// CI and CONTINUOUS_INTEGRATION are removed from the command's environment: Ink sees
// them and would then render only the final frame.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TmuxOptions {
  /** Terminal width in columns (default 100). */
  cols?: number;
  /** Terminal height in rows (default 30). */
  rows?: number;
  /** Extra environment variables for the command (e.g. CUBBIES_HOME). */
  env?: Record<string, string>;
  /** Working directory of the command (default: the current one). */
  cwd?: string;
  /** TERM inside tmux (default tmux-256color). */
  term?: string;
}

export interface TmuxSession {
  /** Sends tmux key names, e.g. sendKeys('Down', 'Enter'), sendKeys('C-c'). */
  sendKeys(...keys: string[]): void;
  /** Types literal text (no key-name lookup). */
  type(text: string): void;
  /** The visible screen as text, one line per row, trailing spaces removed. */
  capture(): string;
  /** Polls the screen every 25 ms until it contains `pattern`; resolves with the screen. Rejects with the last screen on timeout. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** The command's exit status once it has exited (128 + n if killed by signal n, as sh reports it), else null. */
  exitStatus(): number | null;
  /** Waits until the command exits; resolves with its exit status. */
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Resizes the terminal to `cols`×`rows` (the command gets SIGWINCH). */
  resize(cols: number, rows: number): void;
  /** Kills the session and its tmux server, and removes the temp folder. Safe to call twice. */
  kill(): void;
}

/** True when a tmux binary can be run. */
export function hasTmux(): boolean {
  const result = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return result.status === 0;
}

function shellQuote(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// Sessions still running when the process exits (a test that timed out before its
// `finally`) are killed then, so no tmux server outlives the test run.
const live = new Set<TmuxSession>();
process.once('exit', () => {
  for (const session of live) session.kill();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts `command` (an argv list, or a shell command line) in a new detached tmux session. */
export function startTmux(command: readonly string[] | string, options: TmuxOptions = {}): TmuxSession {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const dir = mkdtempSync(join(tmpdir(), 'cubbies-tmux-'));
  const socket = join(dir, 'socket');
  const config = join(dir, 'tmux.conf');
  writeFileSync(
    config,
    [
      'set -g remain-on-exit on', // a fallback: the wrapper below normally keeps the pane alive
      'set -g default-shell /bin/sh',
      'set -g status off',
      'set -g escape-time 0',
      'set -g history-limit 2000',
      `set -g default-terminal ${options.term ?? 'tmux-256color'}`,
      '',
    ].join('\n'),
  );
  const sessionName = 'cubbies';
  const target = `${sessionName}:0.0`;
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-S', socket, '-f', config, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  // The pane runs a small wrapper: the command, then its exit status into a file, then
  // sleep. So the screen stays exactly as the command left it (tmux's remain-on-exit
  // would scroll it up a line to print "Pane is dead"). `trap : INT` keeps the wrapper
  // alive through a Ctrl-C meant for the command, without making the command ignore it.
  const statusFile = join(dir, 'status');
  const line = typeof command === 'string' ? command : command.map(shellQuote).join(' ');
  const envWords = Object.entries(options.env ?? {}).map(([k, v]) => shellQuote(`${k}=${v}`));
  const shellLine = [
    'trap : INT;',
    `${['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', ...envWords, 'sh', '-c', shellQuote(line)].join(' ')};`,
    `echo $? > ${shellQuote(statusFile)}.tmp && mv ${shellQuote(statusFile)}.tmp ${shellQuote(statusFile)};`,
    'exec sleep 86400',
  ].join(' ');

  let killed = false;
  try {
    tmux(
      'new-session',
      '-d',
      '-s',
      sessionName,
      '-x',
      String(cols),
      '-y',
      String(rows),
      '-c',
      options.cwd ?? process.cwd(),
      shellLine,
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const capture = (): string =>
    tmux('capture-pane', '-p', '-t', target)
      .split('\n')
      .map((row) => row.replace(/\s+$/, ''))
      .join('\n')
      .replace(/\n+$/, '');

  const exitStatus = (): number | null => {
    try {
      const text = readFileSync(statusFile, 'utf8').trim();
      return text === '' ? null : Number(text);
    } catch {
      return null;
    }
  };

  const session: TmuxSession = {
    sendKeys: (...keys) => {
      if (keys.length > 0) tmux('send-keys', '-t', target, ...keys);
    },
    type: (text) => {
      tmux('send-keys', '-t', target, '-l', text);
    },
    capture,
    async waitFor(pattern, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      let screen = '';
      for (;;) {
        screen = capture();
        if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
        if (Date.now() >= deadline) break;
        await sleep(25);
      }
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(pattern)}; the screen was:\n${screen}`);
    },
    exitStatus,
    async waitForExit(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = exitStatus();
        if (status !== null) return status;
        if (Date.now() >= deadline) break;
        await sleep(25);
      }
      throw new Error(`Timed out after ${timeoutMs} ms waiting for the command to exit; the screen was:\n${capture()}`);
    },
    resize(cols, rows) {
      tmux('resize-window', '-t', target, '-x', String(cols), '-y', String(rows));
    },
    kill() {
      if (killed) return;
      killed = true;
      live.delete(session);
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(session);
  return session;
}
