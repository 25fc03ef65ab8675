// The watch screen: it animates the runtime step by step, shows the pause counter while
// a collection freezes the program, obeys its keys, and leaves on q.
import { describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { ThemeProvider } from '../../../src/ui/theme.js';
import { WatchScreen } from '../../../src/ui/watch/index.js';
import { watchRows } from '../../../src/ui/watch/cells.js';
import { createRuntime } from '../../../src/engine/runtime/index.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { collectionsText } from '../../../src/ui/watch/legend.js';
import { plain } from '../../../src/ui/watch/cells.js';
import { waitFor } from '../helpers.js';
import { HOLE } from '../../support/hole-level.js';

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// A hole forces a collection before tick 2 (see test/engine/runtime/collectors.test.ts).
const level = compileLevel(HOLE);

function show(collector: 'mark-sweep' | 'mark-compact' | 'refcount' | 'copying', onExit = () => {}) {
  return render(
    <ThemeProvider theme={{ color: false }}>
      <WatchScreen level={level} collector={collector} onExit={onExit} autoplay={false} />
    </ThemeProvider>,
  );
}

async function press(stdin: { write: (s: string) => void }, key: string, times = 1) {
  for (let i = 0; i < times; i++) {
    stdin.write(key);
    await tick();
  }
}

describe('watch screen', () => {
  it('draws the grid one row per 16 boxes, and frames change as steps advance', async () => {
    const app = show('mark-sweep');
    await tick();
    const first = app.lastFrame()!;
    expect(first).toContain('tick 0/5');
    expect(first).toMatch(/ {3}0 │ ∅∅/);
    expect(first).toMatch(/allocate: big gets 8 boxes at 1/);
    await press(app.stdin, 'n');
    // Under load a frame can come a little after the key: wait for it rather than read at once.
    const second = await waitFor(app, /leaf gets 2 boxes at 9/);
    expect(second).not.toBe(first);
    await press(app.stdin, '.', 2);
    await waitFor(app, /tick 0: big, leaf, node arrive/);
    expect(app.lastFrame()).toContain('tick 1/5');
    app.unmount();
  });

  it('a collection shows the pause counter while the program is frozen, marking in three colours', async () => {
    const app = show('mark-sweep');
    await tick();
    for (let i = 0; i < 20; i++) await press(app.stdin, 'n');
    await tick(50);
    // Every frame drawn, not the last after each key: on a busy machine two keys can share one.
    const frames = [...app.frames];
    const during = frames.filter((f) => f.includes('PAUSE'));
    expect(during.length).toBeGreaterThan(3);
    // W = 6 units at 3 per tick: a pause of 2 ticks, counted as the work is done.
    expect(during.some((f) => f.includes('PAUSE 1/2'))).toBe(true);
    expect(during.some((f) => f.includes('PAUSE 2/2'))).toBe(true);
    expect(during.every((f) => f.includes('the program is frozen'))).toBe(true);
    // The status line counts the collections so far: none before this one, one from its start.
    const before = frames.slice(0, frames.indexOf(during[0] as string));
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((f) => f.includes(' · 0 collections · '))).toBe(true);
    expect(during.every((f) => f.includes(' · 1 collection · '))).toBe(true);
    expect(frames.some((f) => /◐/.test(f) && f.includes('mark'))).toBe(true);
    expect(frames.some((f) => /●/.test(f))).toBe(true);
    expect(frames.some((f) => /sweep: big at 1 is unmarked/.test(f))).toBe(true);
    expect(frames.some((f) => /mark-sweep: 2 blocks marked .* pause 2 ticks/.test(f))).toBe(true);
    app.unmount();
  });

  it('mark-compact shows the slide and the rewritten pointer; refcount its counts', async () => {
    const a = show('mark-compact');
    await tick();
    for (let i = 0; i < 25; i++) await press(a.stdin, 'n');
    await tick(50);
    const seen = [...a.frames];
    expect(seen.some((f) => /the pointer in box 11 \(node\) now says 1/.test(f))).toBe(true);
    expect(seen.some((f) => /leaf slides from 9 to 1/.test(f))).toBe(true);
    a.unmount();

    const r = show('refcount');
    await tick();
    await press(r.stdin, 'n', 5);
    // The screen opens on the runtime's first step; five more are three allocations, tick 0
    // and two count changes: big's and leaf's variables now count 1 each, node's block 0.
    const steps = createRuntime(level, 'refcount');
    const texts = Array.from({ length: 6 }, () => steps.next()?.text);
    expect(texts[5]).toBe('refcount: leaf is in scope: count 1');
    // The last key's frame can come a moment after the key on a busy machine: wait for it.
    const frame = await waitFor(r, `now: ${texts[5]}`);
    expect(frame).toMatch(/NULL 1·big─+ 1·le… 0·no…/);
    r.unmount();
  });

  it("the status line's count: collections, pauses for refcount and incremental, nothing for generational (its minor and major counts say it)", () => {
    const words: Record<string, string | null> = {};
    for (const collector of COLLECTORS) {
      const rt = createRuntime(level, collector);
      let stops = 0;
      for (let s = rt.next(); s; s = rt.next())
        if (s.kind === 'collect' || (collector === 'refcount' && s.kind === 'collected')) stops++;
      expect(rt.view.collections).toBe(stops);
      words[collector] = collectionsText(rt);
      if (collector !== 'generational') expect(words[collector]).toMatch(new RegExp(`^${stops} `));
    }
    // The hole forces one collection (see test/engine/runtime/collectors.test.ts).
    expect(words['mark-sweep']).toBe('1 collection');
    expect(words['mark-compact']).toBe('1 collection');
    expect(words.copying).toMatch(/^(1 collection|\d+ collections)$/);
    expect(words.refcount).toMatch(/^(1 pause|\d+ pauses)$/);
    expect(words.incremental).toMatch(/^(1 pause|\d+ pauses)$/);
    expect(words.generational).toBe(null);
  });

  it('space runs and pauses, + and - change the speed', async () => {
    const app = show('mark-sweep');
    await tick();
    expect(app.lastFrame()).toContain('⏸ paused');
    // Each key's frame is waited for: a busy machine can draw it a moment after the key.
    await press(app.stdin, '+');
    await press(app.stdin, ' ');
    await waitFor(app, '▶ 16 steps/s');
    await press(app.stdin, '-', 2);
    await waitFor(app, '▶ 4 steps/s');
    await press(app.stdin, ' ');
    await waitFor(app, '⏸ paused');
    app.unmount();
  });

  it('at 4 steps a second, each quarter second of running takes exactly one step', async () => {
    // Only the screen's interval is faked; the helpers' waits and Ink's frame throttle use real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const app = show('mark-sweep');
      await tick();
      await press(app.stdin, '-'); // 8 → 4 steps/s, still paused
      await press(app.stdin, ' ');
      expect(app.lastFrame()).toContain('▶ 4 steps/s');
      const steps = createRuntime(level, 'mark-sweep');
      const texts = Array.from({ length: 12 }, () => steps.next()?.text ?? '');
      const at = () => texts.findIndex((t) => (app.lastFrame() ?? '').includes(`now: ${t}`));
      const quarter = async (n: number) => {
        for (let i = 0; i < n; i++) {
          vi.advanceTimersByTime(250);
          await tick(30);
        }
      };
      await quarter(1);
      const from = at();
      expect(from).toBeGreaterThanOrEqual(0);
      await quarter(4);
      expect(at()).toBe(from + 4);
      await press(app.stdin, ' ');
      await tick(30); // the pause takes effect when the screen has drawn it
      expect(app.lastFrame()).toContain('⏸ paused');
      const paused = at();
      await quarter(4);
      expect(at()).toBe(paused);
      app.unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs to the end and says how it went', async () => {
    const app = show('mark-compact');
    await tick();
    await press(app.stdin, 'n', 60);
    await waitFor(app, /Finished: 0 bugs · 1 pause \(4 ticks, longest 4\)/);
    app.unmount();
  });

  it('keys typed together are taken one by one', async () => {
    const app = show('mark-sweep');
    await tick();
    await press(app.stdin, 'nnn');
    await waitFor(app, /tick 0: big, leaf, node arrive/);
    app.unmount();
  });

  it('q and Esc call onExit', async () => {
    const onExit = vi.fn();
    const app = show('refcount', onExit);
    await tick();
    await press(app.stdin, 'q');
    expect(onExit).toHaveBeenCalledTimes(1);
    app.unmount();
    const again = show('refcount', onExit);
    await tick();
    await press(again.stdin, '\u001B');
    await tick(30);
    expect(onExit).toHaveBeenCalledTimes(2);
    again.unmount();
  });
});

describe('watch grid rows', () => {
  it('labels each block under its boxes, NULL under box 0', () => {
    const rt = createRuntime(level, 'mark-sweep');
    for (let i = 0; i < 4; i++) rt.next(); // three allocations and tick 0
    const [row0] = watchRows(level, rt.state, rt.view, 0, 1, 4);
    const bytes = plain(row0.bytes);
    const labels = plain(row0.labels);
    expect(bytes.startsWith('   0 │ ∅∅ 61 62 63 64 65 66 67 00 D2 04')).toBe(true);
    // Each label starts under its block's first byte.
    expect(labels.indexOf('NULL') + 3).toBe(bytes.indexOf('∅∅') + 1);
    expect(labels.indexOf('big')).toBe(bytes.indexOf('61'));
    expect(labels.indexOf('leaf')).toBe(bytes.indexOf('D2'));
    // Once swept, big's boxes keep their bytes, labelled as stale.
    while (rt.view.last?.kind !== 'swept') rt.next();
    const [after] = watchRows(level, rt.state, rt.view, 0, 1, 4);
    expect(plain(after.bytes)).toContain('×61 62 63');
    expect(plain(after.labels)).toContain('~big');
  });
});

describe('watch: generational and incremental', () => {
  // nursery 8 (halves 1..4 and 5..8), old space 9..31: scavenges often, and one major
  // collection when big (11 boxes) finds no room in old space.
  const gens = compileLevel({
    id: 'gens',
    title: 'Generations',
    memory: 32,
    ticks: 8,
    gc: { nursery: 8, workPerTick: 4 },
    values: [
      { id: 'keep', value: 'ab', arrive: 0, uses: [7] },
      { id: 't1', value: 'xyz', arrive: 0, drop: 1 },
      { id: 't2', value: 'xyz', arrive: 1, drop: 2 },
      { id: 'box', fields: [{ name: 'p', ref: null }], arrive: 1, uses: [7] },
      { id: 't3', value: 'xyz', arrive: 2, drop: 3 },
      { id: 'young', value: 'q', arrive: 4, drop: 5 },
      { id: 't4', value: 'xyz', arrive: 3, drop: 4 },
      { id: 'big', value: '0123456789', arrive: 3, drop: 6 },
      { id: 't5', value: 'xyz', arrive: 5, drop: 6 },
      { id: 't6', value: 'xyz', arrive: 6, drop: 7 },
    ],
    sets: [{ tick: 4, in: 'box', field: 'p', to: 'young' }],
  } as Level);

  it('tells minor and major pauses apart, and draws the boundaries and the ages', async () => {
    const app = render(
      <ThemeProvider theme={{ color: false }}>
        <WatchScreen level={gens} collector="generational" onExit={() => {}} autoplay={false} />
      </ThemeProvider>,
    );
    await tick();
    expect(app.lastFrame()).toContain('nursery 1–4 (current) ┃ 5–8 ┃ old 9–31');
    const frames: string[] = [];
    for (let i = 0; i < 120; i++) {
      await press(app.stdin, 'n');
      frames.push(app.lastFrame()!);
    }
    expect(frames.some((f) => /MINOR PAUSE \d\/\d/.test(f))).toBe(true);
    expect(frames.some((f) => /MAJOR PAUSE \d\/\d/.test(f))).toBe(true);
    expect(frames.some((f) => f.includes('generational: major collection'))).toBe(true);
    expect(frames.some((f) => /1·keep/.test(f))).toBe(true);
    // The scavenge's copies and promotions, step by step, with their signs.
    expect(frames.some((f) => /now: scavenge: keep copied from 1 to 5 in the other half/.test(f))).toBe(true);
    expect(frames.some((f) => /now: scavenge: keep survived before: promoted from 5 to old space/.test(f))).toBe(true);
    expect(frames.some((f) => /⇑61 62 00/.test(f))).toBe(true);
    app.unmount();
  });

  it('puts a boundary sign before the first box of the other half and of old space', () => {
    const rt = createRuntime(gens, 'generational');
    rt.next();
    const [row0] = watchRows(gens, rt.state, rt.view, 0, 1, 4);
    const bytes = plain(row0.bytes);
    // Boxes 0..15: "   0 │ ∅∅ b1 b2 b3 b4┃b5 ..." : the sign sits before box 5 and box 9.
    const cells = bytes.slice(bytes.indexOf('│') + 1);
    expect(cells[3 * 5]).toBe('┃');
    expect(cells[3 * 9]).toBe('┃');
    expect(cells[3 * 4]).not.toBe('┃');
    expect(plain(row0.labels)).toContain('0·keep');
  });

  it('incremental keeps the colours on the grid while the program runs between slices', () => {
    const rt = createRuntime(gens, 'incremental');
    let between = false;
    for (let s = rt.next(); s; s = rt.next()) {
      if (s.kind === 'tick' && rt.view.cycle === 'mark') {
        const rows = watchRows(gens, rt.state, rt.view, 0, 2, 4)
          .map((r) => plain(r.bytes))
          .join('\n');
        expect(rows).toMatch(/[●◐]/);
        between = true;
      }
    }
    expect(between).toBe(true);
  });
});
