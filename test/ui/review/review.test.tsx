// The review screen: it opens on the first bug with the log line marked, steps through
// moments and events, shows a partner run beside it (above it at 80 columns) at the
// same tick with the boxes owned differently marked, opens at a tick, and leaves on q.
// And the end screen's t opens it, on the problem picked.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { ThemeProvider } from '../../../src/ui/theme.js';
import { ReviewScreen, type ReviewScreenProps } from '../../../src/ui/review/index.js';
import { PlayScreen } from '../../../src/ui/play/PlayScreen.js';
import { KEY, press, tick, waitFor } from '../helpers.js';

const level = compileLevel(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../levels/06-use-after-free.json', import.meta.url)), 'utf8'),
  ) as Level,
);
/** The password freed while the program still reads it, and freed twice. */
const commands = [
  'malloc password',
  'malloc username',
  'step',
  'malloc banner',
  'step 2',
  'free username',
  'free password',
  'step',
  'free banner',
  'free password',
  'malloc guess',
  'step 4',
  'free guess',
  'end',
];

function sized(cols: number, rows: number, r: ReturnType<typeof render>) {
  Object.defineProperty(r.stdout, 'columns', { get: () => cols });
  Object.defineProperty(r.stdout, 'rows', { get: () => rows });
  r.stdout.emit('resize');
}

function show(props: Partial<ReviewScreenProps> = {}, cols = 100, rows = 30) {
  const r = render(
    <ThemeProvider theme={{ color: false }}>
      <ReviewScreen level={level} player={commands} onExit={() => {}} {...props} />
    </ThemeProvider>,
  );
  sized(cols, rows, r);
  return r;
}

describe('review screen', () => {
  it('opens on the first bug, its log line marked, and steps one moment back and forth', async () => {
    const r = show();
    let f = await waitFor(r, 'moment');
    await tick(100);
    expect(f).toMatch(/now: free password · double free/);
    expect(f).toMatch(/▶ t4 ! double free/);
    await press(r, KEY.left);
    f = await waitFor(r, 'now: free banner');
    expect(f).not.toMatch(/▶ t4 ! double free/);
    await press(r, 'l', 'l');
    f = await waitFor(r, 'now: malloc guess');
    await press(r, KEY.right);
    f = await waitFor(r, 'now: tick 4 ran');
  });

  it('jumps between events with [ and ], and to the start and the end', async () => {
    const r = show();
    await waitFor(r, 'double free');
    await tick(100);
    await press(r, ']');
    let f = await waitFor(r, 'now: tick 6 ran · use after free');
    expect(f).toMatch(/▶ t6 ! use after free: the program reads password at 1, freed/);
    expect(f).toMatch(/timeline ····!·!·/);
    await press(r, '[');
    await waitFor(r, /now: free password .* double free/);
    await press(r, 'g');
    f = await waitFor(r, 'now: the start');
    expect(f).toContain('moment 0/');
    await press(r, 'G');
    f = await waitFor(r, 'now: end: the program finished');
  });

  it('Tab puts the level’s collector beside it at the same tick, boxes owned differently marked ≠; Tab again the next', async () => {
    const r = show({ at: 6 });
    let f = await waitFor(r, 'next tick 6/8');
    await tick(100);
    expect(f).not.toContain('≠');
    await press(r, KEY.tab);
    f = await waitFor(r, 'beside mark-sweep');
    expect(f).toContain('mark-sweep at the same tick');
    expect(f).toMatch(/you · ≠ \d+ owned differently/);
    expect(f).toMatch(/│≠|≠[0-9A-F]{2}/);
    expect(f).toMatch(/you: used 8 · garbage 0 · pause so far 0 {3}│ {3}mark-sweep: used \d+/);
    // The two grids share lines: side by side.
    const both = f.split('\n').find((l) => l.includes('mark-sweep at the same tick'))!;
    expect(both).toMatch(/^you/);
    await press(r, KEY.tab);
    await waitFor(r, 'beside oracle');
  });

  it('at 80 columns the partner’s grid goes above the run’s own', async () => {
    const r = show({ at: 6, vs: 'mark-sweep' }, 80, 30);
    const f = await waitFor(r, (frame) => frame.includes('beside mark-sweep') && frame.split('\n')[0].length <= 80);
    const lines = f.split('\n');
    const theirs = lines.findIndex((l) => l.startsWith('mark-sweep at the same tick'));
    const mine = lines.findIndex((l) => /^you · ≠/.test(l));
    expect(theirs).toBeGreaterThan(0);
    expect(mine).toBeGreaterThan(theirs);
  });

  it('reviews a collector run with its pauses on the strip, and q goes back', async () => {
    const onExit = vi.fn();
    const pauses = compileLevel(
      JSON.parse(
        readFileSync(fileURLToPath(new URL('../../../levels/15-pauses.json', import.meta.url)), 'utf8'),
      ) as Level,
    );
    const r = render(
      <ThemeProvider theme={{ color: false }}>
        <ReviewScreen level={pauses} run={pauses.gc.collector} onExit={onExit} />
      </ThemeProvider>,
    );
    sized(100, 30, r);
    let f = await waitFor(r, 'now: the start');
    await tick(100);
    expect(f).toMatch(/timeline [·\d+]*[\d+]/);
    await press(r, ']');
    f = await waitFor(r, /now: .*the program stops/);
    await press(r, 'q');
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledTimes(1));
  });
});

describe('the end screen opens the review', () => {
  it('t opens it on the first bug; a problem picked with ↓ opens on its own moment', async () => {
    const r = render(
      <ThemeProvider theme={{ color: false }}>
        <PlayScreen level={level} showIntro={false} onExit={() => {}} />
      </ThemeProvider>,
    );
    sized(100, 30, r);
    await waitFor(r, 'next: tick 0 · 0 of 8 done');
    for (const c of commands) await press(r, `:${c}\r`);
    let f = await waitFor(r, 'What went wrong');
    expect(f).toContain('t review');
    await press(r, 't');
    f = await waitFor(r, /review · Freed too soon/);
    expect(f).toMatch(/▶ t4 ! double free/);
    await tick(100); // the review's keys are listened to once it has mounted
    await press(r, 'q');
    await waitFor(r, 'What went wrong');
    await tick(100);
    await press(r, KEY.down, KEY.down);
    f = await waitFor(r, /▶ t6 use after free/);
    await press(r, KEY.enter);
    f = await waitFor(r, /review · Freed too soon/);
    await tick(100);
    expect(f).toMatch(/now: tick 6 ran · use after free/);
  });
});
