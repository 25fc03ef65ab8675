// The one input helper every screen reads keys through, and the play screen's one keymap.
import { describe, expect, it } from 'vitest';
import { helpTurn, keyByKey, presses, swallowEnter } from '../../src/ui/input.js';
import { BOARD_KEYS, boardKeyOf, footerKeys, howToPlay, keyHelpLines } from '../../src/ui/play/keymap.js';
import { initialModel, reduce, type KeyInfo, type PlayModel } from '../../src/ui/play/model.js';
import { HELP_PAGES } from '../../src/ui/helpText.js';
import { initialTitle, reduceTitle } from '../../src/ui/title/model.js';
import { fixture } from './helpers.js';

const hello = fixture('hello.json');
const geo = { perRow: 8, pageRows: 6 };
const key = (m: PlayModel, input: string, k: KeyInfo = {}, source: 'board' | 'line' = 'board') =>
  reduce(m, { type: 'key', input, key: k, geo, source });

describe('input helper', () => {
  it('splits keys that came together, one a character, CR and LF as Enter', () => {
    expect(presses('ab\rc\n', {})).toEqual([
      { input: 'a', key: {} },
      { input: 'b', key: {} },
      { input: '', key: { return: true } },
      { input: 'c', key: {} },
      { input: '', key: { return: true } },
    ]);
    // A key with Ctrl or Meta is one key, whatever its text.
    expect(presses('ab', { meta: true })).toEqual([{ input: 'ab', key: { meta: true } }]);
  });

  it('takes a lone newline (a key typed before raw mode) as Enter, alone and on every screen', () => {
    expect(presses('\n', {})).toEqual([{ input: '', key: { return: true } }]);
    // The play intro: Enter starts.
    expect(key(initialModel(hello, true), '\n').mode).toBe('board');
    // The board: Enter mallocs at the cursor.
    expect(key(initialModel(hello, false), '\n').game.commands).toEqual(['malloc greeting @1']);
    // The command line, typed before its input listened: Enter submits.
    let m = key(initialModel(hello, false), ':');
    m = key(m, 's');
    m = key(m, 't');
    m = key(m, 'e');
    m = key(m, 'p');
    m = key(m, '\n');
    expect(m.mode).toBe('board');
    // The title menu: Enter plays the level under the cursor.
    const t = initialTitle({ locked: [false], titles: ['One'], played: [false], helpPages: 2 });
    expect(reduceTitle(t, { type: 'key', input: '\n', key: {}, source: 'menu' }).request).toEqual({
      kind: 'play',
      index: 0,
    });
  });

  it('keyByKey stops when asked and hands the rest over whole once text is typed', () => {
    const seen: string[] = [];
    const out = keyByKey<string>(
      '',
      'abXcd',
      {},
      (s, i) => {
        seen.push(i);
        return s + i;
      },
      { stop: (s) => s.endsWith('X'), text: () => null },
    );
    expect(out).toBe('abX');
    expect(seen).toEqual(['a', 'b', 'X']);
    const typed = keyByKey<string>('', 'a:rest', {}, (s, i) => s + i, {
      text: (s, rest) => (s.endsWith(':') ? `${s}[${rest}]` : null),
    });
    expect(typed).toBe('a:[rest]');
  });

  it('swallows only the Enter the text input already submitted, once', () => {
    const m = { swallowEnter: true, n: 1 };
    expect(swallowEnter(m, true, { return: true })).toEqual({ m: { swallowEnter: false, n: 1 }, drop: true });
    expect(swallowEnter(m, true, {}).drop).toBe(false);
    expect(swallowEnter(m, false, { return: true }).drop).toBe(false);
    expect(swallowEnter({ swallowEnter: false }, true, { return: true }).drop).toBe(false);
  });

  it('turns help pages with the same keys on the title and in play', () => {
    expect(helpTurn('', { pageDown: true })).toBe(1);
    expect(helpTurn('h', {})).toBe(-1);
    expect(helpTurn('?', {})).toBe('close');
    expect(helpTurn('x', {})).toBeNull();
    let t = initialTitle({ locked: [false], titles: ['One'], played: [false], helpPages: 3 });
    t = reduceTitle(t, { type: 'key', input: '?', key: {}, source: 'menu' });
    t = reduceTitle(t, { type: 'key', input: '', key: { pageDown: true }, source: 'menu' });
    expect(t.helpPage).toBe(1);
    let m = key(initialModel(hello, false), '?');
    m = key(m, '', { pageDown: true });
    expect(m.helpPage).toBe(1);
  });
});

describe('play keymap', () => {
  it('every board key in the table is what the board does for it', () => {
    for (const k of BOARD_KEYS) {
      if (!k.match || k.keys.length !== 1) continue;
      expect(boardKeyOf(k.keys, {})).toBe(k.id);
    }
    expect(boardKeyOf(' ', {})).toBe('step');
    expect(boardKeyOf('', { return: true })).toBe('malloc');
    expect(boardKeyOf('', { pageDown: true })).toBe('move');
    expect(boardKeyOf('z', {})).toBeNull();
  });

  it('the help, the footer and the intro are written from the table', () => {
    const keysPage = HELP_PAGES.find((p) => p.title === 'Keys');
    expect(keysPage?.lines).toEqual(keyHelpLines());
    for (const k of BOARD_KEYS) expect(keyHelpLines().some((l) => l.startsWith(k.keys))).toBe(true);
    const wide = footerKeys(120, true);
    for (const k of BOARD_KEYS) if (k.footer) expect(wide).toContain(k.footer.wide);
    // Narrow: no e or g, and the lens gives way to the hint.
    expect(footerKeys(80, true)).not.toContain('e end');
    expect(footerKeys(80, true)).not.toContain('v lens');
    expect(footerKeys(80, false)).toContain('v lens');
    expect(footerKeys(80, false)).not.toContain('i hint');
    expect(howToPlay().join(' ')).toContain('press m');
  });
});
