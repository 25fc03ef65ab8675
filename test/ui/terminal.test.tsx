// Terminal hygiene: the alternate screen is always left and the cursor shown again, on
// q, on a signal and on an unexpected error (one sentence, exit 1); NO_COLOR is
// respected. Colours are forced on for this file (chalk reads FORCE_COLOR when first
// imported), so that their absence under NO_COLOR means something.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';

process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { Text, useInput, useApp } = await import('ink');
const { runApp } = await import('../../src/ui/run.js');
const { ThemeProvider, colorWanted } = await import('../../src/ui/theme.js');
const { PlayScreen } = await import('../../src/ui/play/PlayScreen.js');
const { fixture, press, tick, waitFor } = await import('./helpers.js');

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  written = '';
  write = (s: string) => {
    this.written += s;
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  send(s: string) {
    this.data = s;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

function streams() {
  return { stdout: new FakeStdout(), stdin: new FakeStdin(), stderr: new FakeStdout() };
}

/** runApp's options for the fake streams (Ink may not patch vitest's console). */
function opts(s: ReturnType<typeof streams>, signals?: EventEmitter) {
  return {
    stdout: s.stdout as unknown as NodeJS.WriteStream,
    stdin: s.stdin as unknown as NodeJS.ReadStream,
    stderr: s.stderr as unknown as NodeJS.WriteStream,
    patchConsole: false,
    ...(signals ? { signals } : {}),
  };
}

function QuitOnKey({ children }: { children: ReactNode }) {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q') exit();
  });
  return <>{children}</>;
}

function Boom(): ReactNode {
  throw new Error('the grid fell over');
}

const ALT_ON = '\u001B[?1049h';
const ALT_OFF = '\u001B[?1049l';
const CURSOR_ON = '\u001B[?25h';

describe('runApp', () => {
  it('draws on the alternate screen and leaves it, cursor shown, when the app exits', async () => {
    const s = streams();
    const done = runApp(
      <QuitOnKey>
        <Text>hello</Text>
      </QuitOnKey>,
      opts(s),
    );
    await tick(50);
    expect(s.stdout.written.startsWith(ALT_ON)).toBe(true);
    expect(s.stdout.written).toContain('hello');
    s.stdin.send('q');
    expect(await done).toBe(0);
    expect(s.stdout.written.endsWith(ALT_OFF + CURSOR_ON)).toBe(true);
  });

  it('Ctrl+C that arrives in one chunk with keys typed before it still leaves, screen restored', async () => {
    const s = streams();
    const done = runApp(<Text>hello</Text>, opts(s));
    await tick(50);
    s.stdin.send('mall\u0003');
    expect(await done).toBe(0);
    expect(s.stdout.written.endsWith(ALT_OFF + CURSOR_ON)).toBe(true);
  });

  it('an error while drawing becomes one sentence on the restored screen and exit code 1', async () => {
    const s = streams();
    const code = await runApp(<Boom />, opts(s));
    expect(code).toBe(1);
    expect(s.stderr.written).toBe('cubbies: something went wrong: the grid fell over. Please report it.\n');
    expect(s.stdout.written).toContain('cubbies: something went wrong: the grid fell over.');
    expect(s.stdout.written).not.toMatch(/\n\s+at /); // no stack trace
    expect(s.stdout.written.endsWith(ALT_OFF + CURSOR_ON)).toBe(true);
  });

  it('SIGTERM leaves the terminal clean too', async () => {
    const s = streams();
    const signals = new EventEmitter();
    const done = runApp(<Text>hello</Text>, opts(s, signals));
    await tick(50);
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await done).toBe(143);
    expect(s.stdout.written.endsWith(ALT_OFF + CURSOR_ON)).toBe(true);
  });

  it('without a terminal it does not switch screens', async () => {
    const s = streams();
    s.stdout.isTTY = false;
    const done = runApp(
      <QuitOnKey>
        <Text>plain</Text>
      </QuitOnKey>,
      opts(s),
    );
    await tick(50);
    s.stdin.send('q');
    await done;
    expect(s.stdout.written).toContain('plain');
    expect(s.stdout.written).not.toContain(ALT_ON);
  });
});

describe('NO_COLOR', () => {
  it('is read as no-color.org says: set and not empty', () => {
    expect(colorWanted({})).toBe(true);
    expect(colorWanted({ NO_COLOR: '' })).toBe(true);
    expect(colorWanted({ NO_COLOR: '1' })).toBe(false);
  });

  it('with colour, the play screen paints owners; without, it writes no colour codes at all', async () => {
    const level = fixture('hello.json');
    const colourCode = /\u001B\[(3[0-7]|9[0-7]|38;)/;
    const withColour = render(
      <ThemeProvider theme={{ color: true }}>
        <PlayScreen level={level} showIntro={false} onExit={() => {}} />
      </ThemeProvider>,
    );
    await waitFor(withColour, 'next: tick 0 · 0 of 12 done');
    await press(withColour, 'm', ' ');
    const coloured = await waitFor(withColour, 'next: tick 1 · 1 of 12 done');
    expect(coloured).toMatch(colourCode);
    withColour.unmount();

    const plain = render(
      <ThemeProvider theme={{ color: false }}>
        <PlayScreen level={level} showIntro={false} onExit={() => {}} />
      </ThemeProvider>,
    );
    await waitFor(plain, 'next: tick 0 · 0 of 12 done');
    await press(plain, 'm', ' ', 'f', ':');
    const f = await waitFor(plain, 'next: tick 1 · 1 of 12 done');
    expect(f).not.toMatch(colourCode);
    // The cursor still shows without colour: brackets.
    expect(f).toMatch(/\[[^\]]*00[^\]]*\]/);
    plain.unmount();
  });
});
