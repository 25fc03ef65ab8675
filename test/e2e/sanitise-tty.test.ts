// A level full of escape sequences played, watched and opened from the title screen in a
// real terminal: every byte the game writes is recorded (script(1) between tmux and the
// game), and none is a control but the game's own.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBundle, root } from '../support/bundle.js';
import { foreignControls, hostileLevel } from '../support/hostile.js';
import { hasTmux, startTmux, type TmuxSession } from './tmux.js';

let dir: string;
let level: string;
const T = 15_000;
const canRun = hasTmux() && existsSync('/usr/bin/script');
const skipped = canRun ? '' : ' [skipped: needs tmux and script(1)]';

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-e2e-sanitise-'));
  level = join(dir, 'hostile.json');
  writeFileSync(level, JSON.stringify(hostileLevel()));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the binary under script(1), which records every byte it writes to `raw`. */
function recorded(args: string[], raw: string): TmuxSession {
  const line = [process.execPath, bin, ...args].map((w) => `'${w}'`).join(' ');
  return startTmux(`script -qfec "${line}" '${raw}'; echo "shell is back: $?"`, {
    cols: 100,
    rows: 30,
    env: { CUBBIES_HOME: join(dir, 'home') },
    cwd: root,
  });
}

describe.skipIf(!canRun)(`hostile level text in a terminal${skipped}`, () => {
  it('play: intro, hints, grid, values, log and help show escapes, never write them', async () => {
    const raw = join(dir, 'play.raw');
    const t = recorded(['play', level], raw);
    try {
      let screen = await t.waitFor('Enter: start', T);
      await new Promise((r) => setTimeout(r, 400));
      expect(screen).toContain('\\u001b]0;PWNED');
      t.sendKeys('Enter');
      await t.waitFor('pick a free box, press m', T);
      for (const [command, done] of [
        ['malloc greeting', 'malloc greeting: 63 boxes'],
        ['malloc rec', 'malloc rec: 2 boxes'],
        ['malloc esc', 'malloc esc: 1 box'],
        ['step 4', '4 of 6 done'],
      ] as const) {
        await new Promise((r) => setTimeout(r, 200));
        t.sendKeys(':');
        await t.waitFor(/^:/m, T);
        t.type(command);
        await t.waitFor(`:${command}`, T);
        t.sendKeys('Enter');
        await t.waitFor(done, T);
      }
      t.sendKeys('v', 'v', 'v');
      // The hints come one at a time, on request: ask for them so they are drawn too.
      t.sendKeys('i');
      await t.waitFor('Hint 1 of', T);
      t.sendKeys('i');
      await t.waitFor('Hint 2 of', T);
      t.sendKeys('Escape');
      await t.waitFor('4 of 6 done', T);
      t.sendKeys('?');
      screen = await t.waitFor('Help', T);
      t.sendKeys('Escape');
      // Escape and Ctrl+C in one chunk read as Alt+C: let the board come back first.
      await t.waitFor('4 of 6 done', T);
      t.sendKeys('C-c');
      await t.waitFor('shell is back:', T);
    } finally {
      t.kill();
    }
    const out = readFileSync(raw, 'utf8');
    expect(out.length).toBeGreaterThan(1000);
    expect(foreignControls(out)).toEqual([]);
  }, 60_000);

  it('watch: the runtime playing it shows escapes, never writes them', async () => {
    const raw = join(dir, 'watch.raw');
    const t = recorded(['watch', level], raw);
    try {
      await t.waitFor('watch', T);
      for (const key of ['Space', 'Space', 'Space']) t.sendKeys(key);
      await new Promise((r) => setTimeout(r, 500));
      t.sendKeys('q');
      await t.waitFor('shell is back:', T);
    } finally {
      t.kill();
    }
    const out = readFileSync(raw, 'utf8');
    expect(out).toContain('\\u001b]0;PWNED');
    expect(foreignControls(out)).toEqual([]);
  }, 60_000);

  it('the title screen: the level opened as a custom level shows escapes, never writes them', async () => {
    const raw = join(dir, 'title.raw');
    const t = recorded([], raw);
    try {
      await t.waitFor('Campaign', T);
      await new Promise((r) => setTimeout(r, 400));
      t.sendKeys('o');
      await new Promise((r) => setTimeout(r, 200));
      t.type(level);
      t.sendKeys('Enter');
      await t.waitFor('Enter: start', T);
      await new Promise((r) => setTimeout(r, 400));
      t.sendKeys('C-c');
      await t.waitFor('shell is back:', T);
    } finally {
      t.kill();
    }
    const out = readFileSync(raw, 'utf8');
    expect(out).toContain('\\u001b]0;PWNED');
    expect(foreignControls(out)).toEqual([]);
  }, 60_000);
});
