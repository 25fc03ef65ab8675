// The title screen and the app around it, driven by keys.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { compareLevel } from '../../src/engine/scoring/compare.js';
import { loadLevelFile, type LoadedLevel } from '../../src/levels/load.js';
import { levelHash } from '../../src/store/progress.js';
import { App } from '../../src/ui/App.js';
import { ThemeProvider } from '../../src/ui/theme.js';
import { TitleScreen, type CampaignEntry } from '../../src/ui/title/TitleScreen.js';
import { fixture, fixtureJson, fixturePath, KEY, press, tick, waitFor } from './helpers.js';

/** Plays the tiny test level through with keys and the command line, perfectly (1000 ★★★). */
async function playTinyThrough(r: Parameters<typeof press>[0]): Promise<void> {
  await press(r, 'm', ' ', 'm', ' ', ' ', ':', 'free greeting', KEY.enter, ' ', ':', 'free age', KEY.enter, ' ', 'e');
}

afterEach(() => cleanup());

function loaded(name: string, builtIn = true): LoadedLevel {
  return { level: fixture(name), json: fixtureJson(name), path: fixturePath(name), builtIn };
}

const tiny = loaded('tiny.json');
const hello = loaded('hello.json');
const big = loaded('big.json');

function campaign(): CampaignEntry[] {
  return [
    { loaded: tiny, locked: false, best: { score: 990, stars: 2, commands: [] } },
    { loaded: hello, locked: false },
    { loaded: big, locked: true },
  ];
}

/**
 * Backspaces the path prompt until it is empty, as a player would: a key the text input
 * misses under load (it can lag a frame behind) is pressed again.
 */
async function erase(r: { lastFrame: () => string | undefined; stdin: { write: (s: string) => void } }, n: number) {
  // Empty, the prompt shows its placeholder.
  const empty = () => /^Level file: (path\/to\/level\.json)?\s*$/m.test(r.lastFrame() ?? '');
  for (let i = 0; i < n * 3 && !empty(); i++) {
    r.stdin.write(KEY.backspace);
    await tick(30);
  }
  await waitFor(r, empty);
}

function showTitle(overrides: Partial<Parameters<typeof TitleScreen>[0]> = {}) {
  const onPlay = vi.fn();
  const onQuit = vi.fn();
  const r = render(
    <ThemeProvider theme={{ color: true }}>
      <TitleScreen
        campaign={campaign()}
        loadFile={(p) => loadLevelFile(p)}
        compare={compareLevel}
        onPlay={onPlay}
        onQuit={onQuit}
        {...overrides}
      />
    </ThemeProvider>,
  );
  return { ...r, onPlay, onQuit };
}

describe('title screen', () => {
  it('lists the campaign in order with best scores and stars, and locked levels as locked', async () => {
    const r = showTitle();
    const f = await waitFor(r, 'Campaign');
    expect(f).toMatch(/1\. Tiny test level\s+★★☆\s+best 990/);
    expect(f).toMatch(/2\. Hello, pointers\s+new/);
    expect(f).toMatch(/3\. Big test level\s+locked/);
    for (const item of ['Load a custom level…', 'Compare', 'Help', 'Quit']) expect(f).toContain(item);
    // The cursor starts on the first open level not played yet.
    expect(f).toMatch(/▸ {2}2\. Hello, pointers/);
  });

  it('Enter plays an open level; a locked one says how to open it', async () => {
    const r = showTitle();
    await waitFor(r, 'Campaign');
    await press(r, KEY.down, KEY.enter);
    await waitFor(r, 'Locked: finish "Hello, pointers" with at least one star to open it.');
    expect(r.onPlay).not.toHaveBeenCalled();
    await press(r, KEY.up, KEY.enter);
    await vi.waitFor(() => expect(r.onPlay).toHaveBeenCalledWith(hello), { timeout: 4000 });
  });

  it("loads a custom level by path, showing the validator's sentences when the file is bad", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubbies-title-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ id: 'Bad Id', title: 'x', memory: 4, ticks: 1, values: [] }));
      const r = showTitle();
      await waitFor(r, 'Campaign');
      await press(r, 'o');
      await waitFor(r, 'Level file:');
      await press(r, bad, KEY.enter);
      const f = await waitFor(r, 'is not a valid level');
      expect(f).toContain('memory');
      expect(r.onPlay).not.toHaveBeenCalled();
      await erase(r, bad.length);
      await press(r, join(dir, 'missing.json'), KEY.enter);
      await waitFor(r, 'there is no such file');
      await erase(r, join(dir, 'missing.json').length);
      await press(r, fixturePath('tiny.json'), KEY.enter);
      await vi.waitFor(() => expect(r.onPlay).toHaveBeenCalledTimes(1), { timeout: 4000 });
      expect(r.onPlay.mock.calls[0][0].json.id).toBe('tiny');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('c shows the comparison for the selected level: the oracle and every collector', async () => {
    const r = showTitle();
    await waitFor(r, 'Campaign');
    await press(r, 'c');
    const f = await waitFor(r, 'Compare · Hello, pointers');
    expect(f).toContain('No saved run of yours yet');
    for (const name of ['oracle', 'mark-sweep', 'mark-compact', 'refcount', 'copying']) expect(f).toContain(name);
    await press(r, KEY.escape);
    await waitFor(r, 'Campaign');
  });

  it('c scores off the input path: a progress screen first, a failure said in a sentence, q back to the menu', async () => {
    const r = showTitle({
      compare: () => {
        throw new Error('the collectors are on strike');
      },
    });
    await waitFor(r, 'Campaign');
    await press(r, 'c');
    const f = await waitFor(r, 'The comparison could not be made');
    expect(f).toContain('Hello, pointers · your best run beside the oracle and the collectors');
    expect(f).toContain('the collectors are on strike');
    await press(r, 'q');
    await waitFor(r, 'Campaign');
    expect(r.onQuit).not.toHaveBeenCalled();
  });

  it('shows the help, and q quits', async () => {
    const r = showTitle();
    await waitFor(r, 'Campaign');
    await press(r, '?');
    await waitFor(r, 'Help · The idea');
    await press(r, KEY.escape);
    await waitFor(r, 'Campaign');
    await press(r, 'q');
    await vi.waitFor(() => expect(r.onQuit).toHaveBeenCalled(), { timeout: 4000 });
  });

  it('keys pressed faster than a frame still do what they say', async () => {
    const r = showTitle();
    await waitFor(r, 'Campaign');
    r.stdin.write(KEY.down);
    r.stdin.write(KEY.enter); // on the locked level, not the one the cursor was on
    await waitFor(r, 'Locked:');
    expect(r.onPlay).not.toHaveBeenCalled();
    r.stdin.write(`o${fixturePath('tiny.json')}\r`); // one chunk: a paste
    await vi.waitFor(() => expect(r.onPlay).toHaveBeenCalledTimes(1), { timeout: 4000 });
    expect(r.onPlay.mock.calls[0][0].json.id).toBe('tiny');
  });

  it('shows a progress-file warning until the first key', async () => {
    const r = showTitle({
      warning:
        'Your progress file was unreadable (it is not valid JSON); it was kept as x.corrupt and a fresh one started.',
    });
    await waitFor(r, 'Your progress file was unreadable');
    await press(r, KEY.down);
    await waitFor(r, (f) => !f.includes('Your progress file'));
  });
});

describe('the app: title, play, progress', () => {
  it('plays the first level from the title, records the best run, opens the next level and shows the best on return', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cubbies-app-'));
    try {
      const levels = [loaded('tiny.json'), loaded('hello.json')];
      const r = render(
        <ThemeProvider theme={{ color: true }}>
          <App
            start={{ screen: 'title' }}
            deps={{ builtIns: () => ({ levels, problems: [] }), loadFile: (p) => loadLevelFile(p), progressDir: home }}
          />
        </ThemeProvider>,
      );
      let f = await waitFor(r, 'Campaign');
      expect(f).toMatch(/2\. Hello, pointers\s+locked/);
      await press(r, KEY.enter);
      await waitFor(r, 'Enter: start');
      await tick(100); // the play screen's keys listen from the frame after its first
      await press(r, KEY.enter);
      await waitFor(r, 'next: tick 0 · 0 of 5 done');
      await playTinyThrough(r);
      f = await waitFor(r, 'Score 1000');
      await waitFor(r, 'Saved as your best on this level: 1000 ★★★.');
      const saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
      expect(saved.runs).toHaveLength(1);
      expect(saved.runs[0]).toMatchObject({ levelId: 'tiny', hash: levelHash(levels[0].json), score: 1000, stars: 3 });
      expect(saved.runs[0].commands.at(-1)).toBe('end');
      expect(saved.completed).toEqual(['tiny']);
      // The next level is open now.
      await waitFor(r, 'n next level');
      await press(r, 'q');
      f = await waitFor(r, 'Campaign');
      expect(f).toMatch(/1\. Tiny test level\s+★★★\s+best 1000/);
      expect(f).toMatch(/2\. Hello, pointers\s+new/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('offers the daily puzzle (seeded by the local date) and a random one; a puzzle played is saved and shown like a level', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cubbies-app-'));
    try {
      const seeds: [number, string][] = [];
      // A stand-in generator: the tiny level, named by its seed (the same seed, the same level).
      const generate = (seed: number, difficulty: string) => {
        seeds.push([seed, difficulty]);
        return { ...fixtureJson('tiny.json'), id: `puzzle-${seed}`, title: `Puzzle ${seed}` };
      };
      const r = render(
        <ThemeProvider theme={{ color: true }}>
          <App
            start={{ screen: 'title' }}
            deps={{
              builtIns: () => ({ levels: [loaded('tiny.json')], problems: [] }),
              loadFile: (p) => loadLevelFile(p),
              progressDir: home,
              generate,
              today: () => new Date(2026, 11, 1, 9, 30),
              randomSeed: () => 4242,
            }}
          />
        </ThemeProvider>,
      );
      // Made just after the first frame.
      let f = await waitFor(r, /Daily puzzle · 2026-12-01\s+new today/);
      expect(f).toMatch(/Random puzzle\s+a fresh one each time/);
      expect(seeds[0]).toEqual([20261201, 'hard']);
      // d plays today's puzzle.
      await press(r, 'd');
      await waitFor(r, 'Enter: start');
      expect(r.lastFrame()).toContain('Puzzle 20261201');
      await tick(100);
      await press(r, KEY.enter);
      await waitFor(r, 'next: tick 0 · 0 of 5 done');
      await playTinyThrough(r);
      await waitFor(r, 'Saved as your best on this level: 1000 ★★★.');
      const saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
      expect(saved.runs[0]).toMatchObject({ levelId: 'puzzle-20261201', score: 1000, stars: 3 });
      await press(r, 'q');
      f = await waitFor(r, 'Puzzles');
      expect(f).toMatch(/Daily puzzle · 2026-12-01\s+★★★\s+best 1000/);
      // The random puzzle: down past the level and the daily, Enter.
      await tick(100);
      await press(r, KEY.down, KEY.down, KEY.enter);
      f = await waitFor(r, 'Enter: start');
      expect(f).toContain('Puzzle 4242');
      expect(seeds.at(-1)).toEqual([4242, 'normal']);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a corrupt progress file is set aside and its warning shown once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cubbies-app-'));
    try {
      writeFileSync(join(home, 'progress.json'), '{ not json');
      const r = render(
        <ThemeProvider theme={{ color: true }}>
          <App
            start={{ screen: 'title' }}
            deps={{
              builtIns: () => ({ levels: [tiny], problems: [] }),
              loadFile: (p) => loadLevelFile(p),
              progressDir: home,
            }}
          />
        </ThemeProvider>,
      );
      await waitFor(r, 'Your progress file was unreadable (it is not valid JSON)');
      await press(r, KEY.down);
      await waitFor(r, (f) => !f.includes('Your progress file'));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
