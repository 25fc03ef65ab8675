// The play screen's keys in one table: which keys, what they do, and how the footer, the
// intro's "How to play" and the help name them. The model (model.ts) gives each its action.
import type { KeyInfo } from '../input.js';

/** The keys the board itself answers. */
export type BoardKeyId =
  | 'move'
  | 'malloc'
  | 'free'
  | 'step'
  | 'lens'
  | 'command'
  | 'undo'
  | 'end'
  | 'watch'
  | 'hint'
  | 'help'
  | 'quit';

/** Every key the help lists: the board's, and those of the end screen and the terminal. */
export type KeyId = BoardKeyId | 'review' | 'par' | 'interrupt';

export interface BoardKey {
  id: KeyId;
  /** The keys, as the help writes them. */
  keys: string;
  /** How a sentence names them (absent: as the help writes them). */
  name?: string;
  /** What they do, as the help says it (one entry a line). */
  help: string[];
  /** Its footer label on a wide terminal, and on a narrow one (null: left out there). */
  footer?: { wide: string; narrow: string | null; onlyWithHints?: boolean; spare?: boolean };
  /** Whether a key press is this one, on the board (absent: not a board key). */
  match?: (input: string, key: KeyInfo) => boolean;
}

const is =
  (...inputs: string[]) =>
  (input: string) =>
    inputs.includes(input);

/** A key that is one character, written as itself. */
const single = (id: BoardKeyId, key: string, help: string[], footer: BoardKey['footer']): BoardKey => ({
  id,
  keys: key,
  help,
  ...(footer ? { footer } : {}),
  match: is(key),
});

export const BOARD_KEYS: readonly BoardKey[] = [
  {
    id: 'move',
    keys: 'arrows or h j k l',
    name: 'arrows',
    help: ['move the cursor over the boxes (PgUp/PgDn: a page)'],
    footer: { wide: 'arrows move', narrow: 'arrows move' },
    match: (input, key) =>
      Boolean(
        key.leftArrow ||
          key.rightArrow ||
          key.upArrow ||
          key.downArrow ||
          key.pageUp ||
          key.pageDown ||
          key.home ||
          key.end ||
          ['h', 'j', 'k', 'l'].includes(input),
      ),
  },
  {
    id: 'malloc',
    keys: 'Enter or m',
    name: 'm',
    help: [
      'malloc the next value waiting for a block, at the cursor;',
      'on a box in use, go to the next free run that fits',
    ],
    footer: { wide: 'm malloc', narrow: 'm malloc' },
    match: (input, key) => key.return === true || input === 'm',
  },
  single('free', 'f', ['free the block under the cursor (asks first if a read in', 'sight still needs it)'], {
    wide: 'f free',
    narrow: 'f free',
  }),
  { ...single('step', ' ', ['run the next tick'], { wide: 'Space step', narrow: 'Space step' }), keys: 'Space' },
  single('lens', 'v', ['change the lens: hex, binary, decimal, character'], {
    wide: 'v lens',
    narrow: 'v lens',
    spare: true,
  }),
  single('command', ':', ['open the command line (Tab completes, ↑ ↓ history, Esc)'], {
    wide: ': command',
    narrow: ': cmd',
  }),
  single('undo', 'u', ['undo the last command'], { wide: 'u undo', narrow: 'u undo' }),
  single('end', 'e', ['end: finish after the last tick (before it: give up)'], { wide: 'e end', narrow: null }),
  single('watch', 'g', ['watch the automatic runtime play this level'], { wide: 'g watch gc', narrow: null }),
  single('hint', 'i', ['a hint for this level, one at a time'], {
    wide: 'i hint',
    narrow: 'i hint',
    onlyWithHints: true,
  }),
  { id: 'review', keys: 't (on the end)', help: ['review the run moment by moment (↑/↓ first picks a problem)'] },
  { id: 'par', keys: 'p (on the end)', help: ['the par: a run that finishes the level'] },
  single('help', '?', ['this help (→ or Space: next page, ← previous, Esc close)'], {
    wide: '? help',
    narrow: '? help',
  }),
  single('quit', 'q', ['leave (asks first while a run is in progress)'], { wide: 'q quit', narrow: 'q quit' }),
  { id: 'interrupt', keys: 'Ctrl+C', help: ['leave at once'] },
];

/** The board key a press is, if any. */
export function boardKeyOf(input: string, key: KeyInfo): BoardKeyId | null {
  // Only the board's own keys have a match.
  return (BOARD_KEYS.find((k) => k.match?.(input, key))?.id as BoardKeyId | undefined) ?? null;
}

/** How a sentence names a key. */
export function keyName(id: KeyId): string {
  const k = BOARD_KEYS.find((b) => b.id === id);
  return k?.name ?? k?.keys ?? id;
}

/** The footer's key line: spelt out when the terminal is wide, shorter when not. */
export function footerKeys(width: number, hasHints: boolean): string {
  const wide = width >= 110;
  const shown = BOARD_KEYS.flatMap((k) => {
    const f = k.footer;
    if (!f || (f.onlyWithHints && !hasHints)) return [];
    if (wide) return [f.wide];
    if (f.narrow === null || (f.spare && width < 90 && hasHints)) return [];
    return [f.narrow];
  });
  return shown.join(wide ? ' · ' : '  ');
}

/** The keys, a line each, as the help's Keys page lists them. */
export function keyHelpLines(): string[] {
  return BOARD_KEYS.flatMap((k) => k.help.map((line, i) => `${(i === 0 ? k.keys : '').padEnd(20)}${line}`));
}

/** The intro's "How to play", in the keys above. */
export function howToPlay(): string[] {
  return [
    `Before a value arrives, give it a block: move the cursor (${keyName('move')}) to a free box and press ${keyName('malloc')}.`,
    `Press ${keyName('step')} to run the next tick. Free a block (${keyName('free')}, on the block) once the program is done with it.`,
    `After the last tick, press ${keyName('end')} to finish. ${keyName('command')} opens the command line; ${keyName('help')} explains everything.`,
  ];
}
