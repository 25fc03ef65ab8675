// The title screen's state and keys, as a pure reducer: like the play screen's, it sees
// every key in the mode it arrived in, so keys pressed faster than a frame (when Ink's
// handlers for the new mode are not listening yet) still do what they say. What the
// screen must do outside itself (play a level, load a file, quit) is a request the
// component carries out.
import { helpTurn, keyByKey, lineEnd, swallowEnter, type KeyInfo } from '../input.js';
import { replayEdit } from '../play/model.js';

export type TitleMode = 'menu' | 'path' | 'compare' | 'help';

/** A generated puzzle: today's (seeded by the local date), or a fresh random one. */
export type PuzzleKind = 'daily' | 'random';

export type Item =
  | { kind: 'level'; index: number }
  | { kind: 'puzzle'; which: PuzzleKind }
  | { kind: 'custom' }
  | { kind: 'compare' }
  | { kind: 'help' }
  | { kind: 'quit' };

export type Request =
  | { kind: 'play'; index: number }
  | { kind: 'puzzle'; which: PuzzleKind }
  | { kind: 'load'; path: string }
  | { kind: 'quit' }
  | null;

export interface TitleModel {
  items: Item[];
  /** Levels: locked or not, by index. */
  locked: boolean[];
  titles: string[];
  at: number;
  /** The level the comparison is for: the last level the cursor was on. */
  selected: number;
  mode: TitleMode;
  message: string | null;
  warning: string | undefined;
  path: string;
  /** Bumped when the path is changed from outside the text input, to remount it. */
  pathKey: number;
  /** The pathKey when the prompt was last opened: edits from an input of an earlier prompt are dropped. */
  pathOpened: number;
  pathError: string | null;
  helpPage: number;
  helpPages: number;
  compareAt: number;
  request: Request;
  /** The text input just submitted on Enter; its own handler's Enter comes next and is dropped. */
  swallowEnter: boolean;
}

export type TitleAction =
  | { type: 'key'; input: string; key: KeyInfo; source: 'menu' | 'path' }
  | { type: 'editPath'; text: string; from?: { key: number; base: string } }
  | { type: 'submitPath'; fromInput?: boolean }
  | { type: 'pathError'; message: string }
  | { type: 'say'; message: string }
  | { type: 'done' };

export function initialTitle(opts: {
  locked: boolean[];
  titles: string[];
  played: boolean[];
  warning?: string;
  helpPages: number;
  /** Offer the daily and the random puzzle (when the game can generate them). */
  puzzles?: boolean;
}): TitleModel {
  const n = opts.locked.length;
  const items: Item[] = [
    ...Array.from({ length: n }, (_, index) => ({ kind: 'level' as const, index })),
    ...(opts.puzzles
      ? [
          { kind: 'puzzle' as const, which: 'daily' as const },
          { kind: 'puzzle' as const, which: 'random' as const },
        ]
      : []),
    { kind: 'custom' },
    { kind: 'compare' },
    { kind: 'help' },
    { kind: 'quit' },
  ];
  const firstOpen = opts.locked.findIndex((l, i) => !l && !opts.played[i]);
  const start = n === 0 ? 0 : Math.max(0, firstOpen);
  return {
    items,
    locked: opts.locked,
    titles: opts.titles,
    at: start,
    selected: n === 0 ? -1 : start,
    mode: 'menu',
    message: null,
    warning: opts.warning,
    path: '',
    pathKey: 0,
    pathOpened: 0,
    pathError: null,
    helpPage: 0,
    helpPages: opts.helpPages,
    compareAt: -1,
    request: null,
    swallowEnter: false,
  };
}

function move(m: TitleModel, by: number): TitleModel {
  const at = (m.at + by + m.items.length) % m.items.length;
  const it = m.items[at];
  return { ...m, at, selected: it.kind === 'level' ? it.index : m.selected, message: null };
}

function choose(m: TitleModel, item: Item): TitleModel {
  const base = { ...m, message: null };
  switch (item.kind) {
    case 'level': {
      if (m.locked[item.index]) {
        const prev = m.titles[item.index - 1];
        return {
          ...base,
          message: `Locked: finish ${prev ? `"${prev}"` : 'the level before'} with at least one star to open it.`,
        };
      }
      return { ...base, request: { kind: 'play', index: item.index } };
    }
    case 'puzzle':
      return { ...base, request: { kind: 'puzzle', which: item.which } };
    case 'custom':
      return { ...base, mode: 'path', pathError: null, pathKey: m.pathKey + 1, pathOpened: m.pathKey + 1 };
    case 'compare':
      if (m.selected < 0) return { ...base, message: 'Choose a level first: move to it with ↑ ↓, then press c.' };
      return { ...base, mode: 'compare', compareAt: m.selected };
    case 'help':
      return { ...base, mode: 'help', helpPage: 0 };
    case 'quit':
      return { ...base, request: { kind: 'quit' } };
  }
}

function submit(m: TitleModel, fromInput: boolean): TitleModel {
  if (m.mode !== 'path') return m;
  const p = m.path.trim();
  const next = { ...m, swallowEnter: fromInput };
  if (p === '') return { ...next, pathError: 'Type the path of a level file (.json), or press Esc to go back.' };
  return { ...next, request: { kind: 'load', path: p } };
}

export function reduceTitle(m: TitleModel, a: TitleAction): TitleModel {
  switch (a.type) {
    case 'done':
      return { ...m, request: null };
    case 'pathError':
      return { ...m, pathError: a.message };
    case 'say':
      return { ...m, message: a.message };
    case 'editPath': {
      if (m.mode !== 'path') return m;
      if (a.from && a.from.key < m.pathOpened) return m; // an earlier prompt's input
      if (!a.from || (a.from.key === m.pathKey && a.from.base === m.path))
        return { ...m, path: a.text, pathError: null };
      // Keys faster than a frame (the input saw an older text), or an input already replaced:
      // its edit is made on the text as it is now, and a fresh input takes over at its end.
      return { ...m, path: replayEdit(a.from.base, a.text, m.path), pathKey: m.pathKey + 1, pathError: null };
    }
    case 'submitPath':
      return submit(m, a.fromInput === true);
    case 'key': {
      const { m: cleared, drop } = swallowEnter(m, a.source === 'path', a.key);
      if (drop) return cleared;
      // Text that arrived at once: key by key (`o` then a path opens the file prompt with it).
      const first: TitleModel = { ...cleared, warning: undefined };
      return keyByKey(first, a.input, a.key, (out, i, k) => onTitleKey(out, i, k, a.source), {
        stop: (out) => out.request !== null,
        text: (out, rest) => (out.mode === 'path' ? onTitleKey(out, rest, {}, a.source) : null),
      });
    }
  }
}

function onTitleKey(m: TitleModel, input: string, key: KeyInfo, source: 'menu' | 'path'): TitleModel {
  if (m.mode === 'path') {
    if (key.escape) return { ...m, mode: 'menu', pathError: null };
    if (source === 'path') return m; // the text input types and submits
    // The text input was not listening yet: type here.
    if (key.return) return submit(m, false);
    if (key.backspace || key.delete) return { ...m, path: m.path.slice(0, -1), pathKey: m.pathKey + 1 };
    if (key.ctrl || key.meta || !input) return m;
    const nl = lineEnd(input);
    if (nl < 0) return { ...m, path: m.path + input, pathKey: m.pathKey + 1, pathError: null };
    return submit({ ...m, path: m.path + input.slice(0, nl), pathKey: m.pathKey + 1 }, false);
  }
  if (m.mode === 'help') {
    const turn = helpTurn(input, key);
    if (turn === 'close') return { ...m, mode: 'menu' };
    return turn === null ? m : { ...m, helpPage: Math.max(0, Math.min(m.helpPages - 1, m.helpPage + turn)) };
  }
  if (m.mode === 'compare') {
    if (key.escape || input === 'q' || key.return || input === 'c') return { ...m, mode: 'menu' };
    return m;
  }
  if (m.request) return m; // leaving already
  if (key.upArrow || input === 'k') return move(m, -1);
  if (key.downArrow || input === 'j') return move(m, 1);
  if (key.return) return choose(m, m.items[m.at]);
  if (input === 'c') return choose(m, { kind: 'compare' });
  if (input === 'o') return choose(m, { kind: 'custom' });
  if (input === 'd' && m.items.some((i) => i.kind === 'puzzle')) return choose(m, { kind: 'puzzle', which: 'daily' });
  if (input === '?') return choose(m, { kind: 'help' });
  if (input === 'q' || key.escape) return choose(m, { kind: 'quit' });
  return m;
}
