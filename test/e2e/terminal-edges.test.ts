// The terminal, every way, with the built binary in tmux: Ctrl+Z and an outside SIGTSTP
// suspend (raw mode off, the shell's screen back) and SIGCONT restores and redraws;
// TERM=dumb gets one plain sentence and no escape at all; behind the too-small notice keys
// do nothing but q and Ctrl+C.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBundle, root } from '../support/bundle.js';
import { hasTmux, startTmux, type TmuxSession } from './tmux.js';

const tiny = join(root, 'test', 'ui', 'fixtures', 'tiny.json');
const T = 15_000;
let dir: string;

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-e2e-term-'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const skipped = hasTmux() ? '' : ' [skipped: tmux is not installed; .ci/run installs it]';

/** Starts the game so that its pid and terminal are known: the shell writes them, then execs it. */
function game(name: string, args: string[], opts: { cols?: number; rows?: number; env?: Record<string, string> } = {}) {
  const pidFile = join(dir, `${name}.pid`);
  const ttyFile = join(dir, `${name}.tty`);
  const line = `tty > '${ttyFile}'; echo $$ > '${pidFile}'; exec ${[process.execPath, bin, ...args].map((w) => `'${w}'`).join(' ')}`;
  const t = startTmux(line, {
    cols: opts.cols ?? 100,
    rows: opts.rows ?? 30,
    env: { CUBBIES_HOME: join(dir, 'home'), ...opts.env },
    cwd: root,
  });
  const pid = async () => {
    for (let i = 0; i < 200; i++) {
      try {
        const text = readFileSync(pidFile, 'utf8').trim();
        if (text) return Number(text);
      } catch {}
      await sleep(25);
    }
    throw new Error('no pid');
  };
  const stty = () => execFileSync('stty', ['-F', readFileSync(ttyFile, 'utf8').trim(), '-a'], { encoding: 'utf8' });
  const state = (p: number) => execFileSync('ps', ['-o', 'stat=', '-p', String(p)], { encoding: 'utf8' }).trim();
  return { t, pid, stty, state };
}

async function until(check: () => boolean, what: string, ms = T): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.skipIf(!hasTmux())(`the terminal, every way${skipped}`, () => {
  it.each([
    ['Ctrl+Z', (s: TmuxSession) => s.sendKeys('C-z')],
    ['an outside SIGTSTP', (_s: TmuxSession, pid: number) => process.kill(pid, 'SIGTSTP')],
  ])(
    '%s suspends (cooked terminal, shell screen) and SIGCONT restores raw mode and redraws',
    async (_what, suspend) => {
      const g = game(`suspend-${_what.length}`, ['play', tiny]);
      try {
        await g.t.waitFor('Enter: start', T);
        await new Promise((r) => setTimeout(r, 400));
        g.t.sendKeys('Enter');
        await g.t.waitFor('next: tick 0 · 0 of 5 done', T);
        const pid = await g.pid();
        expect(g.stty()).toMatch(/(^|\s)-icanon(\s|$)/);
        suspend(g.t, pid);
        await until(() => g.state(pid).startsWith('T'), 'the game to stop');
        expect(g.stty()).toMatch(/(^|\s)icanon(\s|$)/);
        expect(g.stty()).toMatch(/(^|\s)echo(\s|$)/);
        await until(() => !g.t.capture().includes('next: tick 0 · 0 of 5 done'), 'the shell screen');
        process.kill(pid, 'SIGCONT');
        const screen = await g.t.waitFor('next: tick 0 · 0 of 5 done', T);
        expect(screen).toContain('memory');
        expect(g.stty()).toMatch(/(^|\s)-icanon(\s|$)/);
        // Keys work again: m mallocs.
        g.t.sendKeys('m');
        await g.t.waitFor('memory 3/15 used', T);
        g.t.sendKeys('C-c');
        expect(await g.t.waitForExit(T)).toBe(0);
      } finally {
        g.t.kill();
      }
    },
    60_000,
  );

  it('TERM=dumb gets one plain sentence and no escape sequence, exit 2', async () => {
    const raw = join(dir, 'dumb.raw');
    const line = `script -qfec "${process.execPath} ${bin} play ${tiny}" '${raw}'`;
    const t = startTmux(line, { env: { TERM: 'dumb', CUBBIES_HOME: join(dir, 'home') }, cwd: root });
    try {
      const screen = await t.waitFor('needs a terminal that can move the cursor', T);
      expect(screen).toContain('TERM=dumb cannot');
      expect(await t.waitForExit(T)).toBe(2);
    } finally {
      t.kill();
    }
    const out = readFileSync(raw, 'utf8');
    expect(out).toContain('cubbies play needs a terminal that can move the cursor');
    expect(out).not.toContain('\u001b');
  }, 60_000);

  it('behind the too-small notice keys do nothing; q leaves', async () => {
    const g = game('small', ['play', tiny], { cols: 100, rows: 30 });
    try {
      await g.t.waitFor('Enter: start', T);
      await new Promise((r) => setTimeout(r, 400));
      g.t.sendKeys('Enter');
      await g.t.waitFor('next: tick 0 · 0 of 5 done', T);
      g.t.resize(70, 20);
      await g.t.waitFor('Make the terminal at least 80×24', T);
      g.t.sendKeys('m'); // would malloc greeting at the cursor
      g.t.sendKeys('Space');
      await sleep(300);
      g.t.resize(100, 30);
      const screen = await g.t.waitFor('next: tick 0 · 0 of 5 done', T);
      expect(screen).toContain('memory 0/15 used');
      g.t.resize(70, 20);
      await g.t.waitFor('Make the terminal at least 80×24', T);
      g.t.sendKeys('q');
      expect(await g.t.waitForExit(T)).toBe(0);
    } finally {
      g.t.kill();
    }
  }, 60_000);
});
