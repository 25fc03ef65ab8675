// The play screen's own state and how keys change it. No game rule lives here: every
// player action becomes a command sent through the engine's one reducer (dispatch; keys
// send Command objects, only the command line sends the text the player typed), and what the screen shows about the run is read from the engine's state
// and src/engine/view.ts. What this file owns is screen state: the cursor, the lens,
// which overlay is open, the command line and its history, and the message line.
import type { Lens } from '../../engine/index.js';
import { dispatch, formatCommand, newGame, type Command, type Game } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import { blockAt } from '../../engine/index.js';
import { boxes, freeRiskSentence, freeRisks, nextFittingRun, nextPending, problems } from '../../engine/index.js';
import { helpPagesFor } from '../helpText.js';
import { keyByKey, lineEnd, pressOf, swallowEnter, helpTurn, type KeyInfo } from '../input.js';
import { complete } from './complete.js';
import { boardKeyOf, type BoardKeyId } from './keymap.js';
import { nextLens } from './layout.js';

export type Mode = 'intro' | 'board' | 'command' | 'help' | 'hint' | 'confirm' | 'end' | 'par' | 'watch' | 'review';

export type { KeyInfo } from '../input.js';

/** The grid's shape when a key was pressed: boxes per row, and rows per page. */
export interface Geometry {
  perRow: number;
  pageRows: number;
}

export interface Message {
  text: string;
  /** `danger`: a move the program in sight proves wrong, asked about before it is made. */
  tone: 'info' | 'error' | 'warn' | 'danger';
}

export interface PlayModel {
  game: Game;
  cursor: number;
  lens: Lens;
  mode: Mode;
  /** What the confirm prompt is about. */
  confirm: 'quit' | 'giveUp' | 'free' | null;
  /** For confirm 'free': the free command waiting for a yes (and as text), and why it is unsafe. */
  pendingFree: { command: Command | string; text: string; why: string } | null;
  /** The first box the grid shows (kept in view of the cursor; PgUp/PgDn move it a page). */
  top: number;
  /** How many of the level's hints the player has asked for. */
  hintsShown: number;
  message: Message | null;
  /** The command line's text. */
  command: string;
  /** Bumped when the command line's text is set from outside (history, completion), to put its cursor at the end. */
  commandKey: number;
  /** The commandKey when the line was last opened: edits from an input of an earlier line are dropped. */
  commandOpened: number;
  history: string[];
  /** Position in history while browsing it with up/down; null when editing a new line. */
  historyAt: number | null;
  /** The end screen shows the default collector, or all four. */
  compareAll: boolean;
  /** The help page shown, and the mode to return to. */
  helpPage: number;
  /** How many help pages there are (the level's own page, then the game's). */
  helpPages: number;
  helpReturn: Mode;
  /** Where the screen was before the watch screen opened. */
  watchReturn: Mode;
  /** On the end screen: the problem picked (an index into what went wrong), or -1. */
  pick: number;
  /** The review opens on this log entry's moment (the problem picked), or on the first bug when null. */
  reviewAt: number | null;
  /** The player asked to leave. */
  leave: boolean;
  /** The player asked for the next level (the app decides whether it is open). */
  goNext: boolean;
  /**
   * The text input just submitted the line: the line's own key handler (subscribed after
   * the text input, so called after it) sees that same key press next, and drops it.
   */
  swallowEnter: boolean;
}

export type Action =
  | { type: 'move'; dx: number; dy: number; perRow: number }
  | { type: 'moveTo'; addr: number }
  | { type: 'mallocHere' }
  | { type: 'freeHere' }
  | { type: 'hint' }
  | { type: 'step' }
  | { type: 'undo' }
  | { type: 'lens' }
  | { type: 'run'; command: Command }
  | { type: 'openCommand'; text?: string }
  /**
   * The text input changed the line. `from` says which input did it: its key and the
   * text it was showing. An input replaced (after history or completion) can still see
   * a key before the new one listens; its edit is then applied to the line as it is now.
   */
  | { type: 'editCommand'; text: string; from?: { key: number; base: string } }
  | { type: 'setCommand'; text: string }
  | { type: 'submitCommand'; fromInput?: boolean }
  | { type: 'closeCommand' }
  | { type: 'history'; dir: -1 | 1 }
  | { type: 'say'; message: Message | null }
  | { type: 'mode'; mode: Mode }
  | { type: 'askQuit' }
  | { type: 'askEnd' }
  | { type: 'confirm'; yes: boolean }
  | { type: 'compareAll'; on: boolean }
  | { type: 'retry' }
  | { type: 'help'; page?: number }
  | { type: 'watch'; open: boolean }
  | { type: 'review'; open: boolean }
  | { type: 'pick'; dir: -1 | 1 }
  | { type: 'complete' }
  | { type: 'goNext'; on: boolean }
  | { type: 'key'; input: string; key: KeyInfo; geo: Geometry; source?: KeySource };

/**
 * Which handler saw a key. Ink subscribes handlers after a frame is drawn, so a key
 * pressed right after `:` can still reach the board's handler (the command line's
 * text input is not listening yet), and a key right after Enter on the command line
 * can still reach the line's. The model's mode says where the key really belongs.
 */
export type KeySource = 'board' | 'line';

const HISTORY_LIMIT = 100;

export function initialModel(level: CompiledLevel, showIntro = true): PlayModel {
  return {
    game: newGame(level),
    cursor: 1,
    lens: 'hex',
    mode: showIntro ? 'intro' : 'board',
    confirm: null,
    pendingFree: null,
    top: 0,
    hintsShown: 0,
    message: null,
    command: '',
    commandKey: 0,
    commandOpened: 0,
    history: [],
    historyAt: null,
    compareAll: false,
    helpPage: 0,
    helpPages: helpPagesFor(level).length,
    helpReturn: 'board',
    watchReturn: 'board',
    pick: -1,
    reviewAt: null,
    leave: false,
    goNext: false,
    swallowEnter: false,
  };
}

/** A run is in progress once a command was accepted and until it is finished. */
export function inProgress(m: PlayModel): boolean {
  return m.game.commands.length > 0 && !m.game.state.finished;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Sends one command (from a key, or the text typed on the command line) through the engine and puts its sentence in the message line. */
function runCommand(m: PlayModel, command: Command | string): PlayModel {
  const r = dispatch(m.game, command);
  if (!r.ok) {
    // What the player can do about it, in keys: the engine's sentence says what happened.
    const next = r.code === 'outOfMemory' ? ' Free a block (f) to make room, or press e to give up.' : '';
    return { ...m, message: { text: r.error + next, tone: 'error' } };
  }
  const game = r.game;
  const next: PlayModel = { ...m, game, message: r.message ? { text: r.message, tone: 'info' } : null };
  if (game.state.finished) return { ...next, mode: 'end', compareAll: false, pick: -1 };
  if (m.mode === 'end') return { ...next, mode: 'board' }; // undo after the end
  return next;
}

/**
 * A command the player asked for: a free that the program in sight proves unsafe (it
 * still reads that value) waits for a yes first; anything else runs at once.
 */
function runAsked(m: PlayModel, command: Command | string): PlayModel {
  const risks = freeRisks(m.game.level, m.game.state, command);
  if (risks.length === 0) return runCommand(m, command);
  return {
    ...m,
    mode: 'confirm',
    confirm: 'free',
    pendingFree: {
      command,
      text: typeof command === 'string' ? command : formatCommand(command),
      why: freeRiskSentence(risks),
    },
    message: null,
  };
}

/** The box the grid starts at so that the cursor is in view, moving as little as possible. */
export function viewTop(top: number, cursor: number, geo: Geometry, memory: number): number {
  const perRow = Math.max(1, geo.perRow);
  const totalRows = Math.ceil(memory / perRow);
  const rows = Math.max(1, geo.pageRows);
  let t = Math.floor(top / perRow);
  const row = Math.floor(cursor / perRow);
  if (row < t) t = row;
  if (row >= t + rows) t = row - rows + 1;
  return Math.max(0, Math.min(t, Math.max(0, totalRows - rows))) * perRow;
}

export function reduce(m: PlayModel, a: Action): PlayModel {
  switch (a.type) {
    case 'move':
    case 'moveTo':
    case 'mallocHere':
    case 'freeHere':
    case 'step':
    case 'undo':
    case 'lens':
    case 'run':
      return reduceBoard(m, a);
    case 'openCommand':
    case 'editCommand':
    case 'setCommand':
    case 'submitCommand':
    case 'closeCommand':
    case 'history':
    case 'complete':
      return reduceLine(m, a);
    case 'key':
      return reduceKey(m, a);
    default:
      return reduceScreen(m, a);
  }
}

type BoardAction = Extract<
  Action,
  { type: 'move' | 'moveTo' | 'mallocHere' | 'freeHere' | 'step' | 'undo' | 'lens' | 'run' }
>;
type LineAction = Extract<
  Action,
  { type: 'openCommand' | 'editCommand' | 'setCommand' | 'submitCommand' | 'closeCommand' | 'history' | 'complete' }
>;
type ScreenAction = Exclude<Action, BoardAction | LineAction | { type: 'key' }>;

/** The cursor and the moves made on the board. */
function reduceBoard(m: PlayModel, a: BoardAction): PlayModel {
  const memory = m.game.level.memory;
  switch (a.type) {
    case 'move':
      return { ...m, cursor: clamp(m.cursor + a.dx + a.dy * a.perRow, 0, memory - 1) };
    case 'moveTo':
      return { ...m, cursor: clamp(a.addr, 0, memory - 1) };
    case 'mallocHere':
      return mallocHere(m);
    case 'freeHere':
      return freeHere(m);
    case 'step':
      return runCommand(m, { kind: 'step', n: 1 });
    case 'undo':
      return runCommand(m, { kind: 'undo' });
    case 'lens':
      return { ...m, lens: nextLens(m.lens) };
    case 'run':
      return runCommand(m, a.command);
  }
}

/** m (or Enter): malloc the next pending value at the cursor; on a box in use, go to the next free run that fits. */
function mallocHere(m: PlayModel): PlayModel {
  const level = m.game.level;
  const v = nextPending(level, m.game.state);
  if (v === null) {
    const text = 'No value is waiting for a block within what you can see ahead: press Space to run the next tick.';
    return { ...m, message: { text, tone: 'info' } };
  }
  const val = level.values[v];
  const here = m.cursor > 0 ? blockAt(m.game.state.blocks, m.cursor) : undefined;
  if (here) {
    // A box in use: go to the next free run the value fits in, and say so.
    const owner = level.values[here.owner].id;
    const fit = nextFittingRun(level, m.game.state, m.cursor, val.size);
    if (!fit) {
      const text = `Box ${m.cursor} is ${owner}'s, and no free run holds ${val.id}'s ${boxes(val.size)}: free something first.`;
      return { ...m, message: { text, tone: 'error' } };
    }
    const where = fit.run.size === 1 ? `box ${fit.run.start}` : `${fit.run.start}–${fit.run.start + fit.run.size - 1}`;
    const text = `Box ${m.cursor} is ${owner}'s: moved to the ${fit.wrapped ? 'first' : 'next'} free run that holds ${val.id} (${where}${fit.wrapped ? ', from the start' : ''}); m again mallocs there.`;
    return { ...m, cursor: fit.run.start, message: { text, tone: 'info' } };
  }
  const next = runCommand(m, { kind: 'malloc', id: val.id, at: m.cursor });
  if (next.game === m.game) return next;
  // Put the cursor just after the new block, ready for the next one.
  const variable = next.game.state.variables[v];
  return { ...next, cursor: clamp(variable.addr + variable.size, 0, level.memory - 1) };
}

/** f: free the block under the cursor (asking first when the program in sight still reads it). */
function freeHere(m: PlayModel): PlayModel {
  if (m.cursor === 0)
    return {
      ...m,
      message: { text: 'Box 0 is NULL: it is never allocated, so there is nothing to free.', tone: 'info' },
    };
  const b = blockAt(m.game.state.blocks, m.cursor);
  if (!b) return { ...m, message: { text: `Box ${m.cursor} is free: there is no block here to free.`, tone: 'info' } };
  return runAsked(m, { kind: 'free', addr: b.start });
}

/** The command line: its text, its history, completion, and submitting it. */
function reduceLine(m: PlayModel, a: LineAction): PlayModel {
  switch (a.type) {
    case 'openCommand':
      return {
        ...m,
        mode: 'command',
        command: a.text ?? '',
        commandKey: m.commandKey + 1,
        commandOpened: m.commandKey + 1,
        historyAt: null,
      };
    case 'editCommand': {
      if (m.mode !== 'command') return m;
      if (!a.from || (a.from.key === m.commandKey && a.from.base === m.command)) return { ...m, command: a.text };
      // The input of a line already submitted or closed still saw that key: not this line's.
      if (a.from.key < m.commandOpened) return m;
      // Keys faster than a frame (the input saw an older line), or an input already replaced:
      // its edit is made on the line as it is now, and a fresh input takes over at its end.
      return { ...m, command: replayEdit(a.from.base, a.text, m.command), commandKey: m.commandKey + 1 };
    }
    case 'setCommand':
      return { ...m, command: a.text, commandKey: m.commandKey + 1 };
    case 'submitCommand':
      return submitCommand(m, a.fromInput === true);
    case 'closeCommand':
      return { ...m, mode: 'board', command: '', historyAt: null };
    case 'history':
      return browseHistory(m, a.dir);
    case 'complete': {
      if (m.mode !== 'command') return m;
      const c = complete(m.command, m.game.level, m.game.state);
      return {
        ...m,
        command: c.text,
        commandKey: c.text === m.command ? m.commandKey : m.commandKey + 1,
        message: c.candidates.length > 1 ? { text: c.candidates.join('  '), tone: 'info' } : m.message,
      };
    }
  }
}

function submitCommand(m: PlayModel, fromInput: boolean): PlayModel {
  if (m.mode !== 'command') return m;
  const text = m.command.trim();
  const closed: PlayModel = { ...m, mode: 'board', command: '', historyAt: null, swallowEnter: fromInput };
  if (text === '') return closed;
  const history = m.history.at(-1) === text ? m.history : [...m.history, text].slice(-HISTORY_LIMIT);
  return runAsked({ ...closed, history }, text);
}

function browseHistory(m: PlayModel, dir: -1 | 1): PlayModel {
  if (m.history.length === 0) return m;
  const at = m.historyAt === null ? (dir < 0 ? m.history.length - 1 : null) : m.historyAt + dir;
  if (at === null || at >= m.history.length)
    return { ...m, historyAt: null, command: '', commandKey: m.commandKey + 1 };
  const i = clamp(at, 0, m.history.length - 1);
  return { ...m, historyAt: i, command: m.history[i], commandKey: m.commandKey + 1 };
}

/** Which screen shows (overlays, confirmations, the end screen) and leaving. */
function reduceScreen(m: PlayModel, a: ScreenAction): PlayModel {
  switch (a.type) {
    case 'hint':
      return showHint(m);
    case 'say':
      return { ...m, message: a.message };
    case 'mode':
      return { ...m, mode: a.mode };
    case 'askQuit':
      if (!inProgress(m)) return { ...m, leave: true };
      return { ...m, mode: 'confirm', confirm: 'quit' };
    case 'askEnd':
      if (m.game.state.tick >= m.game.level.ticks) return runCommand(m, { kind: 'end' });
      return { ...m, mode: 'confirm', confirm: 'giveUp' };
    case 'confirm':
      return confirm(m, a.yes);
    case 'compareAll':
      return { ...m, compareAll: a.on };
    case 'retry':
      return { ...initialModel(m.game.level, false), lens: m.lens, history: m.history, hintsShown: m.hintsShown };
    case 'help':
      if (m.mode === 'help') return { ...m, helpPage: clamp(a.page ?? m.helpPage, 0, m.helpPages - 1) };
      return { ...m, mode: 'help', helpPage: a.page ?? 0, helpReturn: m.mode === 'command' ? 'board' : m.mode };
    case 'watch':
      if (a.open)
        return m.mode === 'watch' ? m : { ...m, mode: 'watch', watchReturn: m.mode === 'end' ? 'end' : 'board' };
      return { ...m, mode: m.watchReturn };
    case 'review': {
      if (!a.open) return { ...m, mode: 'end' };
      const picked = problems(m.game.state)[m.pick];
      return { ...m, mode: 'review', reviewAt: picked ? m.game.state.log.indexOf(picked) : null };
    }
    case 'pick': {
      const n = problems(m.game.state).length;
      if (n === 0) return m;
      return { ...m, pick: m.pick < 0 ? (a.dir > 0 ? 0 : n - 1) : clamp(m.pick + a.dir, 0, n - 1) };
    }
    case 'goNext':
      return { ...m, goNext: a.on };
  }
}

function showHint(m: PlayModel): PlayModel {
  const hints = m.game.level.source.hints ?? [];
  if (hints.length === 0)
    return { ...m, message: { text: 'This level has no hints: the help (?) explains the game.', tone: 'info' } };
  const back = m.mode === 'hint' ? m.helpReturn : m.mode;
  return {
    ...m,
    mode: 'hint',
    hintsShown: Math.min(hints.length, m.hintsShown + 1),
    helpReturn: back === 'command' ? 'board' : back,
  };
}

/** The answer to a confirm prompt (leave, give up, or a free the program in sight proves unsafe). */
function confirm(m: PlayModel, yes: boolean): PlayModel {
  const back: PlayModel = { ...m, mode: 'board', confirm: null, pendingFree: null };
  if (!yes) {
    return m.confirm === 'free' && m.pendingFree
      ? { ...back, message: { text: `Not freed: ${m.pendingFree.text} was not made.`, tone: 'info' } }
      : back;
  }
  if (m.confirm === 'quit') return { ...back, leave: true };
  if (m.confirm === 'giveUp') return runCommand(back, { kind: 'end' });
  if (m.confirm === 'free' && m.pendingFree) return runCommand(back, m.pendingFree.command);
  return back;
}

function reduceKey(m: PlayModel, a: Extract<Action, { type: 'key' }>): PlayModel {
  const source = a.source ?? 'board';
  const { m: cleared, drop } = swallowEnter(m, source === 'line', a.key);
  const out = drop ? cleared : onKey(cleared, a.input, a.key, a.geo, source);
  const top = viewTop(out.top, out.cursor, a.geo, m.game.level.memory);
  return top === out.top ? out : { ...out, top };
}

/**
 * A key press, by mode. Text that arrived at once is taken one key at a time (see
 * keyByKey), so `:step` typed quickly opens the command line with `step` in it.
 */
export function onKey(
  m: PlayModel,
  input: string,
  key: KeyInfo,
  geo: Geometry,
  source: KeySource = 'board',
): PlayModel {
  if (m.mode === 'command') {
    const line = lineKey(m, pressOf(input, key).key, source);
    if (line) return line;
  }
  return keyByKey(m, input, key, (out, i, k) => onePress(out, i, k, geo), {
    stop: (out) => out.leave,
    text: (out, rest) => (out.mode === 'command' ? typeIntoLine(out, rest, geo) : null),
  });
}

/** The command line's own keys; null for a key to type into it. */
function lineKey(m: PlayModel, key: KeyInfo, source: KeySource): PlayModel | null {
  if (key.escape) return reduce(m, { type: 'closeCommand' });
  if (key.upArrow) return reduce(m, { type: 'history', dir: -1 });
  if (key.downArrow) return reduce(m, { type: 'history', dir: 1 });
  if (key.tab) return reduce(m, { type: 'complete' });
  if (source === 'line') return m; // the text input types, and submits on Enter
  // The text input was not listening yet: this key is typed into the line here.
  if (key.return) return reduce(m, { type: 'submitCommand' });
  if (key.backspace || key.delete) return { ...m, command: m.command.slice(0, -1), commandKey: m.commandKey + 1 };
  if (key.ctrl || key.meta || key.leftArrow || key.rightArrow) return m;
  return null;
}

/** Text typed into the open command line by the board's handler; a newline in it submits the line. */
function typeIntoLine(m: PlayModel, text: string, geo: Geometry): PlayModel {
  const nl = lineEnd(text);
  if (nl < 0) return { ...m, command: m.command + text, commandKey: m.commandKey + 1 };
  const out = reduce({ ...m, command: m.command + text.slice(0, nl) }, { type: 'submitCommand' });
  return nl + 1 < text.length ? onKey(out, text.slice(nl + 1), {}, geo) : out;
}

/** One key press, in the mode the screen is in. */
function onePress(m: PlayModel, input: string, key: KeyInfo, geo: Geometry): PlayModel {
  switch (m.mode) {
    case 'intro':
      if (key.return || input === ' ') return { ...m, mode: 'board' };
      if (input === '?') return reduce(m, { type: 'help' });
      if (input === 'i') return reduce(m, { type: 'hint' });
      if (input === 'q' || key.escape) return reduce(m, { type: 'askQuit' });
      return m;
    case 'help': {
      const turn = helpTurn(input, key);
      if (turn === 'close') return { ...m, mode: m.helpReturn };
      return turn === null ? m : reduce(m, { type: 'help', page: m.helpPage + turn });
    }
    case 'hint':
      if (input === 'i') return reduce(m, { type: 'hint' });
      if (input === '?') return reduce({ ...m, mode: m.helpReturn }, { type: 'help' });
      if (key.escape || input === 'q' || key.return || input === ' ') return { ...m, mode: m.helpReturn };
      return m;
    case 'confirm':
      if (input === 'y' || input === 'Y') return reduce(m, { type: 'confirm', yes: true });
      if (input === 'n' || input === 'N' || key.escape || input === 'q')
        return reduce(m, { type: 'confirm', yes: false });
      return m;
    case 'end':
      return endKey(m, input, key);
    case 'par':
      if (input === 'p' || input === 'q' || key.escape || key.return) return { ...m, mode: 'end' };
      return m;
    case 'command':
      // A single key left over from the stale board handler: typed into the line.
      return input ? { ...m, command: m.command + input, commandKey: m.commandKey + 1 } : m;
    case 'watch':
    case 'review':
      return m;
    case 'board':
      return boardKey(m, input, key, geo);
  }
}

function endKey(m: PlayModel, input: string, key: KeyInfo): PlayModel {
  if (input === 'n') return { ...m, goNext: true };
  if (input === 'r') return reduce(m, { type: 'retry' });
  if (input === 'a') return reduce(m, { type: 'compareAll', on: !m.compareAll });
  if (input === 'u') return reduce(m, { type: 'undo' });
  if (input === 'g') return reduce(m, { type: 'watch', open: true });
  if (input === 'p') return { ...m, mode: 'par' };
  if (input === 't' || (key.return && m.pick >= 0)) return reduce(m, { type: 'review', open: true });
  if (key.downArrow || input === 'j') return reduce(m, { type: 'pick', dir: 1 });
  if (key.upArrow || input === 'k') return reduce(m, { type: 'pick', dir: -1 });
  if (input === '?') return reduce(m, { type: 'help' });
  if (input === 'q' || key.escape) return { ...m, leave: true };
  return m;
}

/** What each of the board's keys (keymap.ts) does. */
const BOARD: Record<BoardKeyId, (m: PlayModel, input: string, key: KeyInfo, geo: Geometry) => PlayModel> = {
  move: moveKey,
  malloc: (m) => reduce(m, { type: 'mallocHere' }),
  free: (m) => reduce(m, { type: 'freeHere' }),
  step: (m) => reduce(m, { type: 'step' }),
  lens: (m) => reduce(m, { type: 'lens' }),
  command: (m) => reduce(m, { type: 'openCommand' }),
  undo: (m) => reduce(m, { type: 'undo' }),
  end: (m) => reduce(m, { type: 'askEnd' }),
  watch: (m) => reduce(m, { type: 'watch', open: true }),
  hint: (m) => reduce(m, { type: 'hint' }),
  help: (m) => reduce(m, { type: 'help' }),
  quit: (m) => reduce(m, { type: 'askQuit' }),
};

function boardKey(m: PlayModel, input: string, key: KeyInfo, geo: Geometry): PlayModel {
  const id = boardKeyOf(input, key);
  if (id) return BOARD[id](m, input, key, geo);
  if (key.escape) return { ...m, message: null };
  return m;
}

/** The cursor keys: a box, a page, the first or the last box. */
function moveKey(m: PlayModel, input: string, key: KeyInfo, geo: Geometry): PlayModel {
  const move = (dx: number, dy: number) => reduce(m, { type: 'move', dx, dy, perRow: geo.perRow });
  if (key.leftArrow || input === 'h') return move(-1, 0);
  if (key.rightArrow || input === 'l') return move(1, 0);
  if (key.upArrow || input === 'k') return move(0, -1);
  if (key.downArrow || input === 'j') return move(0, 1);
  // A page: the view scrolls with the cursor, so the cursor stays where it was on the screen.
  const page = (dir: -1 | 1) => {
    const moved = move(0, dir * geo.pageRows);
    return { ...moved, top: Math.max(0, m.top + dir * geo.pageRows * geo.perRow) };
  };
  if (key.pageUp) return page(-1);
  if (key.pageDown) return page(1);
  if (key.home) return reduce(m, { type: 'moveTo', addr: 0 });
  if (key.end) return reduce(m, { type: 'moveTo', addr: m.game.level.memory - 1 });
  return m;
}

/** An edit a stale text input made (from `base` to `text`), made again at the end of `now`. */
export function replayEdit(base: string, text: string, now: string): string {
  let pre = 0;
  while (pre < base.length && pre < text.length && base[pre] === text[pre]) pre++;
  let suf = 0;
  while (
    suf < base.length - pre &&
    suf < text.length - pre &&
    base[base.length - 1 - suf] === text[text.length - 1 - suf]
  )
    suf++;
  const removed = base.length - pre - suf;
  const inserted = text.slice(pre, text.length - suf);
  return now.slice(0, Math.max(0, now.length - removed)) + inserted;
}
