// The watch screen steps back: ← goes to the moment before, → to the next, ] and [ to the
// next and previous pause; and its speed is kept between runs in the player's settings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { ThemeProvider } from '../../../src/ui/theme.js';
import { RememberedWatch, WatchScreen } from '../../../src/ui/watch/index.js';
import { loadSettings } from '../../../src/store/settings.js';
import { KEY, press, tick, waitFor } from '../helpers.js';
import { HOLE } from '../../support/hole-level.js';

// A hole forces a collection before tick 2.
const level = compileLevel(HOLE);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function show(onSpeed?: (i: number) => void) {
  return render(
    <ThemeProvider theme={{ color: false }}>
      <WatchScreen
        level={level}
        collector="mark-sweep"
        onExit={() => {}}
        autoplay={false}
        {...(onSpeed ? { onSpeed } : {})}
      />
    </ThemeProvider>,
  );
}

describe('watch: stepping back and jumping to pauses', () => {
  it('← goes back to the moment before, → forward again', async () => {
    const r = show();
    await waitFor(r, 'allocate: big gets 8 boxes at 1');
    await tick(100);
    await press(r, 'n', 'n', 'n');
    let f = await waitFor(r, 'tick 0: big, leaf, node arrive');
    expect(f).toContain('tick 1/5');
    await press(r, KEY.left);
    f = await waitFor(r, 'tick 0/5');
    expect(f).toMatch(/now: allocate: node gets/);
    await press(r, KEY.left);
    f = await waitFor(r, /now: allocate: leaf gets 2 boxes at 9/);
    await press(r, KEY.right);
    f = await waitFor(r, /now: allocate: node gets/);
    await press(r, KEY.right);
    f = await waitFor(r, 'tick 1/5');
  });

  it('] jumps to the start of the next pause, with its length; [ back to it from inside', async () => {
    const r = show();
    await waitFor(r, 'allocate: big');
    await tick(100);
    await press(r, ']');
    let f = await waitFor(r, 'PAUSE 1/2');
    expect(f).toMatch(/now: mark-sweep: no room for more .*the program stops/);
    expect(f).toContain('tick 2/5');
    await press(r, 'n', 'n');
    f = await waitFor(r, (fr) => !fr.includes('the program stops'));
    await press(r, '[');
    f = await waitFor(r, /now: mark-sweep: no room for more .*the program stops/);
    await press(r, '[');
    await tick(50);
    // No pause before the first one: it stays.
    expect(r.lastFrame()).toMatch(/now: mark-sweep: no room for more/);
  });
});

describe('watch: the speed is kept between runs', () => {
  it('+ saves the new speed; the next watch starts at it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubbies-settings-'));
    dirs.push(dir);
    const onSpeed = vi.fn();
    const r = show(onSpeed);
    await waitFor(r, 'allocate: big');
    await tick(100);
    await press(r, '+', '+');
    expect(onSpeed.mock.calls.map((c) => c[0])).toEqual([4, 5]);

    const first = render(
      <ThemeProvider theme={{ color: false }}>
        <RememberedWatch level={level} collector="mark-sweep" onExit={() => {}} dir={dir} />
      </ThemeProvider>,
    );
    await waitFor(first, 'steps/s');
    await tick(100);
    await press(first, '+');
    await waitFor(first, '▶ 16 steps/s');
    expect(loadSettings(dir).settings.watchSpeed).toBe(4);
    first.unmount();
    const second = render(
      <ThemeProvider theme={{ color: false }}>
        <RememberedWatch level={level} collector="mark-sweep" onExit={() => {}} dir={dir} />
      </ThemeProvider>,
    );
    await waitFor(second, '▶ 16 steps/s');
    second.unmount();
  });

  it('an unreadable settings file is set aside with a sentence, not lost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubbies-settings-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const r = loadSettings(dir);
    expect(r.settings).toEqual({});
    expect(r.warning).toMatch(/Your settings file was not readable; it was moved to .*settings\.json\.unreadable-/);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.unreadable-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{ not json');
  });
});
