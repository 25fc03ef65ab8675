// Security holes on screen: the log marks them "!!" in their own colour, the encoder
// ring says whose bytes the decoder read, and the comparison says which runs were
// exploitable. Driven by keys and the command line, asserting on the frames.
// Colours are forced on for this file (chalk reads FORCE_COLOR when first imported), so
// that the security colour can be seen in the frames.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { compareLevel } from '../../src/engine/scoring/compare.js';

process.env.FORCE_COLOR = '1';
const { cleanup, render } = await import('ink-testing-library');
const { CompareTable } = await import('../../src/ui/CompareTable.js');
const { PlayScreen } = await import('../../src/ui/play/PlayScreen.js');
const { ThemeProvider } = await import('../../src/ui/theme.js');
const { KEY, press, waitFor } = await import('./helpers.js');

afterEach(() => cleanup());

const campaign = (file: string) =>
  compileLevel(JSON.parse(readFileSync(new URL(`../../levels/${file}`, import.meta.url), 'utf8')) as Level);
const greeting = campaign('07-password-in-the-greeting.json');

const ESC = String.fromCharCode(27);
const MAGENTA_BRIGHT = `${ESC}[95m`;

/** Types a whole command line at once, as a paste: the colon, the command and Enter. */
async function command(r: Parameters<typeof press>[0], text: string) {
  await press(r, `:${text}${KEY.enter}`);
}

describe('a secret leaked, on the play screen', () => {
  it("logs it with !! in its own colour, and the ring names the password's bytes", async () => {
    const r = render(
      <ThemeProvider theme={{ color: true }}>
        <PlayScreen level={greeting} showIntro={false} onExit={() => {}} />
      </ThemeProvider>,
    );
    await waitFor(r, '0 of 8 done');
    // The short-sighted player: frees the greeting at tick 2, when no read of it is in sight.
    const steps: [string, string][] = [
      ['malloc greeting', 'malloc greeting: 7 boxes at 1'],
      ['malloc menu', 'malloc menu: 8 boxes at 8'],
      ['step 2', '2 of 8 done'],
      ['free greeting', "free 1: greeting's block is free again"],
      ['malloc name', 'malloc name: 4 boxes at 1'],
      ['step', '3 of 8 done'],
      ['free menu', "free 8: menu's block is free again"],
      ['step', '4 of 8 done'],
      ['free name', "free 1: name's block is free again"],
      ['malloc password', 'malloc password: 8 boxes at 1'],
      ['step 2', '6 of 8 done'],
      ['free password', "free 1: password's block is free again"],
      ['step', '7 of 8 done'],
    ];
    for (const [c, done] of steps) {
      await command(r, c);
      await waitFor(r, done);
    }
    const f = await waitFor(r, '7 of 8 done');
    expect(f).toContain('!! secret leaked: the program printed greeting and got "hunter2": the password\'s bytes');
    expect(f).toMatch(/whose bytes: password's ×8 \(a secret\) · !! the secret leaked/);
    // its own colour, apart from the bugs' red
    const line = f.split('\n').find((l) => l.includes('!! secret leaked')) ?? '';
    expect(line).toContain(MAGENTA_BRIGHT);
    const uaf = f.split('\n').find((l) => l.includes('! use after free')) ?? '';
    expect(uaf).toContain(`${ESC}[31m`);
    expect(uaf).not.toContain(MAGENTA_BRIGHT);
  });
});

describe('the comparison table', () => {
  it('has an exploit column: yes for the careless run, no for the oracle and the collectors', () => {
    const c = compareLevel(greeting, {
      player: [
        'malloc greeting',
        'malloc menu',
        'step 2',
        'free greeting',
        'malloc name',
        'step',
        'free menu',
        'step',
        'free name',
        'malloc password',
        'step 2',
        'free password',
        'step 2',
        'end',
      ],
      collectors: ['mark-sweep', 'refcount'],
    });
    const r = render(
      <ThemeProvider theme={{ color: false }}>
        <CompareTable runs={c.runs} width={100} />
      </ThemeProvider>,
    );
    const plain = (r.lastFrame() ?? '').replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');
    const rows = plain.split('\n');
    expect(rows[0]).toMatch(/exploit\s+sec/);
    const cells = (name: string) => rows.find((l) => l.startsWith(name))?.split(/\s+/) ?? [];
    // run, result, score, stars, bugs, exploit, sec
    expect(cells('you').slice(4, 7)).toEqual(['1', 'yes', '1']);
    for (const name of ['oracle', 'mark-sweep', 'refcount'])
      expect(cells(name).slice(4, 7), name).toEqual(['0', 'no', '0']);
  });
});
