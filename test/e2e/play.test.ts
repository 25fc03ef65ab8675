// The built binary in a real terminal (tmux): a level played through with keys and the
// command line, the end screen's score, the progress saved; and leaving (q with a
// confirmation, Ctrl+C) gives the shell back clean.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, startTmux, type TmuxSession } from './tmux.js';
import { bin, ensureBundle, root } from '../support/bundle.js';

const tiny = join(root, 'test', 'ui', 'fixtures', 'tiny.json');

let home: string;

beforeAll(() => {
  ensureBundle();
  home = mkdtempSync(join(tmpdir(), 'cubbies-e2e-play-'));
}, 120_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

const tmuxMissing = hasTmux() ? '' : ' [skipped: tmux is not installed; .ci/run installs it]';
const T = 15_000;

/** Runs the command in a shell that says when it is back, so the screen after leaving can be checked. */
function inShell(args: string[], opts: { cols?: number; rows?: number } = {}): TmuxSession {
  const line = `${[process.execPath, bin, ...args].map((w) => `'${w}'`).join(' ')}; echo "shell is back: $?"`;
  return startTmux(line, { cols: opts.cols ?? 100, rows: opts.rows ?? 30, env: { CUBBIES_HOME: home }, cwd: root });
}

async function commandLine(t: TmuxSession, text: string): Promise<void> {
  t.sendKeys(':');
  await t.waitFor(/^:/m, T);
  t.type(text);
  await t.waitFor(`:${text}`, T);
  t.sendKeys('Enter');
}

describe.skipIf(tmuxMissing !== '')(`cubbies play in a real terminal${tmuxMissing}`, () => {
  it('plays a small level through with keys and the command line, shows the score, saves it, and q leaves a clean shell', async () => {
    const t = inShell(['play', tiny]);
    try {
      await t.waitFor('Enter: start', T);
      t.sendKeys('Enter');
      let screen = await t.waitFor('next: tick 0 · 0 of 5 done', T);
      expect(screen).toContain('CUBBIES · Tiny test level');
      expect(screen).toContain('NULL');
      t.sendKeys('m'); // greeting at the cursor, box 1
      screen = await t.waitFor('memory 3/15 used', T);
      expect(screen).toMatch(/greeting\s+@1\s+3/);
      t.sendKeys('Space');
      screen = await t.waitFor('next: tick 1 · 1 of 5 done', T);
      expect(screen).toContain('48 69 00');
      t.sendKeys('m'); // age, right after greeting
      await t.waitFor('memory 4/15 used', T);
      t.sendKeys('Space');
      await t.waitFor('next: tick 2 · 2 of 5 done', T);
      t.sendKeys('Space');
      await t.waitFor('next: tick 3 · 3 of 5 done', T);
      await commandLine(t, 'free greeting');
      await t.waitFor('memory 1/15 used', T);
      t.sendKeys('Space');
      await t.waitFor('next: tick 4 · 4 of 5 done', T);
      await commandLine(t, 'free age');
      await t.waitFor('memory 0/15 used', T);
      t.sendKeys('Space');
      await t.waitFor('The program has ended: free what is left, then press e', T);
      t.sendKeys('e');
      screen = await t.waitFor('Score 1000', T);
      expect(screen).toContain('★★★');
      expect(screen).toMatch(/you\s+done\s+1000/);
      expect(screen).toContain('mark-sweep');
      await t.waitFor('Saved as your best on this level: 1000 ★★★.', T);
      const progress = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
      expect(progress.runs[0]).toMatchObject({ levelId: 'tiny', score: 1000, stars: 3 });
      t.sendKeys('q');
      screen = await t.waitFor('shell is back: 0', T);
      expect(screen).not.toContain('CUBBIES');
      expect(screen).not.toContain('Score');
    } finally {
      t.kill();
    }
  }, 60_000);

  it('q asks first while a run is in progress; confirming leaves a clean shell', async () => {
    const t = inShell(['play', tiny]);
    try {
      await t.waitFor('Enter: start', T);
      t.sendKeys('Enter');
      await t.waitFor('next: tick 0 · 0 of 5 done', T);
      t.sendKeys('m');
      await t.waitFor('memory 3/15 used', T);
      t.sendKeys('q');
      await t.waitFor('Leave this level? This run will be lost. y: yes · n: no', T);
      t.sendKeys('n');
      await t.waitFor('Space runs tick 0', T); // the question is gone, the run goes on
      t.sendKeys('q');
      await t.waitFor('Leave this level?', T);
      t.sendKeys('y');
      const screen = await t.waitFor('shell is back: 0', T);
      expect(screen.trim()).toBe('shell is back: 0');
    } finally {
      t.kill();
    }
  }, 60_000);

  it('Ctrl+C leaves at once, in any state, with a clean shell', async () => {
    const t = inShell(['play', tiny]);
    try {
      await t.waitFor('Enter: start', T);
      t.sendKeys('Enter');
      await t.waitFor('next: tick 0 · 0 of 5 done', T);
      t.sendKeys(':');
      await t.waitFor(/^:/m, T);
      t.type('mall');
      t.sendKeys('C-c');
      const screen = await t.waitFor(/shell is back: \d+/, T);
      expect(screen.trim()).toBe('shell is back: 0');
    } finally {
      t.kill();
    }
  }, 60_000);

  it('says plainly when the terminal is too small instead of garbling', async () => {
    const t = inShell(['play', tiny], { cols: 70, rows: 20 });
    try {
      await t.waitFor('Make the terminal at least 80×24 (it is 70×20 now).', T);
      t.sendKeys('C-c');
      await t.waitFor('shell is back:', T);
    } finally {
      t.kill();
    }
  }, 60_000);

  it('the title screen lists the campaign, opens the first level, and q goes back then quits', async () => {
    const t = inShell([]);
    try {
      let screen = await t.waitFor('Campaign', T);
      expect(screen).toMatch(/1\. .+/);
      expect(screen).toContain('Load a custom level…');
      t.sendKeys('Enter');
      await t.waitFor('Enter: start', T);
      t.sendKeys('q');
      await t.waitFor('Campaign', T);
      t.sendKeys('q');
      screen = await t.waitFor('shell is back: 0', T);
      expect(screen).not.toContain('Campaign');
    } finally {
      t.kill();
    }
  }, 60_000);

  it("the title screen offers today's puzzle: d plays the day's hard puzzle, given up it shows the par", async () => {
    const now = new Date();
    const seed = now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
    const t = inShell([]);
    try {
      await t.waitFor(/Daily puzzle · \d{4}-\d{2}-\d{2}\s+new today/, T);
      t.sendKeys('d');
      await t.waitFor(`Puzzle ${seed} (hard)`, T);
      await t.waitFor('Enter: start', T);
      t.sendKeys('Enter');
      await t.waitFor('next: tick 0 ·', T);
      t.sendKeys('e');
      await t.waitFor('Give up at tick 0?', T);
      t.sendKeys('y');
      await t.waitFor('gave up at tick 0', T);
      t.sendKeys('p');
      const par = await t.waitFor(/Par · Puzzle \d+ \(hard\) · score 1000/, T);
      expect(par).toMatch(/The (solver|oracle): each value freed right after its last use/);
      t.sendKeys('Escape');
      await t.waitFor('gave up at tick 0', T);
      t.sendKeys('q');
      await t.waitFor('Campaign', T);
      t.sendKeys('q');
      await t.waitFor('shell is back: 0', T);
    } finally {
      t.kill();
    }
  }, 60_000);
});

/** Every tick the screen names ("t6", "tick 6"), except in the log's lines of what already happened. */
function ticksNamed(screen: string): number[] {
  const out: number[] = [];
  const lines = screen.split('\n');
  const logAt = lines.findIndex((l) => /^log\b/.test(l));
  lines.forEach((l, i) => {
    if (logAt >= 0 && i > logAt && /^t\d+ /.test(l)) return; // the log: the past
    for (const m of l.matchAll(/\bt(\d+)\b|\btick (\d+)\b/g)) out.push(Number(m[1] ?? m[2]));
  });
  return out;
}

describe.skipIf(tmuxMissing !== '')(`honest information in a real terminal${tmuxMissing}`, () => {
  it('with a lookahead of 2, no tick past the horizon appears on the screen, at any tick', async () => {
    const horizon = join(root, 'test', 'ui', 'fixtures', 'horizon.json');
    const t = inShell(['play', horizon]);
    try {
      await t.waitFor('Enter: start', T);
      t.sendKeys('Enter');
      for (let tick = 0; tick < 8; tick++) {
        let screen = await t.waitFor(`next: tick ${tick} · ${tick} of 8 done`, T);
        const check = (s: string) => {
          const named = ticksNamed(s);
          expect(named.length).toBeGreaterThan(0);
          // In sight: the next tick and the one after; once that reaches the end, the end too.
          const last = tick + 2 >= 8 ? 8 : tick + 1;
          for (const n of named) expect(n, s).toBeLessThanOrEqual(last);
        };
        check(screen);
        // Give every value in sight a block (m twice is enough here), checking as we go.
        for (let k = 0; k < 2; k++) {
          t.sendKeys('m');
          await new Promise((r) => setTimeout(r, 150));
          screen = t.capture();
          check(screen);
        }
        t.sendKeys('Space');
      }
      const end = await t.waitFor('program ended · 8 of 8 done', T);
      expect(end).toContain('word');
      t.sendKeys('q');
      await t.waitFor('Leave this level?', T);
      t.sendKeys('y');
      await t.waitFor('shell is back', T);
    } finally {
      t.kill();
    }
  }, 60_000);
});
