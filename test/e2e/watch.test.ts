// The built binary in a real terminal (tmux): watch --gc generational draws the nursery's
// halves and the old space with their boundaries, the blocks' ages, the remembered set
// and minor pauses by name; watch --gc incremental keeps its colours on the grid between
// slices and shows each barrier hit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, startTmux, type TmuxSession } from './tmux.js';
import { bin, ensureBundle, root } from '../support/bundle.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let home: string;

beforeAll(() => {
  ensureBundle();
  home = mkdtempSync(join(tmpdir(), 'cubbies-e2e-watch-'));
}, 120_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

const tmuxMissing = hasTmux() ? '' : ' [skipped: tmux is not installed; .ci/run installs it]';
const T = 15_000;

function watch(level: string, collector: string, cols = 100, rows = 34): TmuxSession {
  return startTmux([process.execPath, bin, 'watch', level, '--gc', collector], {
    cols,
    rows,
    env: { CUBBIES_HOME: home },
    cwd: root,
  });
}

/** Takes one step at a time (n) until the screen matches; returns that screen. */
async function stepUntil(t: TmuxSession, pattern: RegExp, most: number): Promise<string> {
  for (let i = 0; i < most; i++) {
    const screen = t.capture();
    if (pattern.test(screen)) return screen;
    const before = screen;
    t.sendKeys('n');
    // Wait for the frame to change (the status line or the "now" line always does).
    for (let k = 0; k < 40 && t.capture() === before; k++) await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no screen matched ${pattern} in ${most} steps; the last was:\n${t.capture()}`);
}

describe.skipIf(tmuxMissing !== '')(`cubbies watch in a real terminal${tmuxMissing}`, () => {
  it('generational: the nursery halves and old space, ages, the remembered set, a minor pause', async () => {
    const t = watch('die-young', 'generational');
    try {
      // The first capture can catch a frame half drawn under load: wait for the legend itself.
      let screen = await t.waitFor('nursery 1–32 (current) ┃ 33–64 ┃ old 65–191', T);
      expect(screen).toContain('Most values die young');
      t.sendKeys('Space'); // pause the autoplay: one step at a time from here
      await t.waitFor('⏸ paused', T);
      screen = await stepUntil(t, /MINOR PAUSE \d+\/\d+/, 200);
      expect(screen).toContain('the program is frozen');
      screen = await stepUntil(t, /® ?log/, 400);
      // Nursery blocks carry their age; the boundaries are drawn in the grid.
      expect(screen).toMatch(/[01]·m\d+_\d/);
      expect(screen).toMatch(/ 00┃[0-9A-F]{2}/);
      expect(screen).toMatch(/barrier: h\d+ \(young\) stored into old log: log joins the remembered set/);
      t.sendKeys('q');
      expect(await t.waitForExit(T)).toBe(0);
    } finally {
      t.kill();
    }
  }, 60_000);

  it('incremental: colours between slices, a barrier hit in the log, floating garbage', async () => {
    const t = watch('a-little-at-a-time', 'incremental');
    try {
      await t.waitFor('A little at a time', T);
      t.sendKeys('Space');
      await t.waitFor('⏸ paused', T);
      let screen = await stepUntil(t, /barrier: w\d+ stored into black menu: w\d+ greyed/, 400);
      expect(screen).toContain('cycle: marking');
      // Between slices, the program runs and the grid keeps its colours.
      screen = await stepUntil(t, /now: tick \d+:/, 50);
      expect(screen).toMatch(/●[0-9A-F]{2}/);
      expect(screen).not.toContain('the program is frozen');
      screen = await stepUntil(t, /≈r\d+/, 400);
      expect(screen).toContain('≈ floating garbage');
      t.sendKeys('q');
      expect(await t.waitForExit(T)).toBe(0);
    } finally {
      t.kill();
    }
  }, 60_000);

  it('at 80 by 24, the legend, the log and the end line are whole sentences, wrapped rather than cut', async () => {
    const t = watch('a-little-at-a-time', 'incremental', 80, 24);
    try {
      await t.waitFor('A little at a time', T);
      for (let i = 0; i < 5; i++) t.sendKeys('+'); // to 512 steps a second
      const screen = await t.waitFor('q leaves.', T);
      expect(screen).toMatch(/Finished: 0 bugs · \d+ pauses/);
      expect(screen).toContain('× swept');
      expect(screen).toMatch(/units of work, pause \d+ tick/);
      expect(screen).toContain('q leave');
      // Only the title line may be cut at the edge, when the level's title is long, and a
      // grid label (its lines start with spaces) where its block is narrower than its name.
      const lines = screen.split('\n');
      const text = lines.slice(1).filter((l) => !l.startsWith(' '));
      expect(text.filter((l) => l.trimEnd().endsWith('…'))).toEqual([]);
      expect(lines.every((l) => [...l].length <= 80)).toBe(true);
      t.sendKeys('q');
      expect(await t.waitForExit(T)).toBe(0);
    } finally {
      t.kill();
    }
  }, 60_000);
});
