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
import { complete } from './complete.js';
import { nextLens } from './layout.js';

export type Mode = 'intro' | 'board' | 'command' | 'help' | 'hint' | 'confirm' | 'end' | 'par' | 'watch' | 'review';

/** The keys the play screen reads (a subset of Ink's Key). */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

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
  const level = m.game.level;
  switch (a.type) {
    case 'move': {
      const to = m.cursor + a.dx + a.dy * a.perRow;
      return { ...m, cursor: clamp(to, 0, level.memory - 1) };
    }
    case 'moveTo':
      return { ...m, cursor: clamp(a.addr, 0, level.memory - 1) };
    case 'mallocHere': {
      const v = nextPending(level, m.game.state);
      if (v === null) {
        return {
          ...m,
          message: {
            text: 'No value is waiting for a block within what you can see ahead: press Space to run the next tick.',
            tone: 'info',
          },
        };
      }
      const val = level.values[v];
      if (m.cursor > 0 && blockAt(m.game.state.blocks, m.cursor)) {
        // A box in use: go to the next free run the value fits in, and say so.
        const owner = level.values[blockAt(m.game.state.blocks, m.cursor)!.owner].id;
        const fit = nextFittingRun(level, m.game.state, m.cursor, val.size);
        if (!fit)
          return {
            ...m,
            message: {
              text: `Box ${m.cursor} is ${owner}'s, and no free run holds ${val.id}'s ${boxes(val.size)}: free something first.`,
              tone: 'error',
            },
          };
        const where =
          fit.run.size === 1 ? `box ${fit.run.start}` : `${fit.run.start}–${fit.run.start + fit.run.size - 1}`;
        return {
          ...m,
          cursor: fit.run.start,
          message: {
            text: `Box ${m.cursor} is ${owner}'s: moved to the ${fit.wrapped ? 'first' : 'next'} free run that holds ${val.id} (${where}${fit.wrapped ? ', from the start' : ''}); m again mallocs there.`,
            tone: 'info',
          },
        };
      }
      const next = runCommand(m, { kind: 'malloc', id: val.id, at: m.cursor });
      if (next.game === m.game) return next;
      // Put the cursor just after the new block, ready for the next one.
      const variable = next.game.state.variables[v];
      return { ...next, cursor: clamp(variable.addr + variable.size, 0, level.memory - 1) };
    }
    case 'freeHere': {
      if (m.cursor === 0)
        return {
          ...m,
          message: { text: 'Box 0 is NULL: it is never allocated, so there is nothing to free.', tone: 'info' },
        };
      const b = blockAt(m.game.state.blocks, m.cursor);
      if (!b)
        return { ...m, message: { text: `Box ${m.cursor} is free: there is no block here to free.`, tone: 'info' } };
      return runAsked(m, { kind: 'free', addr: b.start });
    }
    case 'hint': {
      const hints = level.source.hints ?? [];
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
    case 'step':
      return runCommand(m, { kind: 'step', n: 1 });
    case 'undo':
      return runCommand(m, { kind: 'undo' });
    case 'lens':
      return { ...m, lens: nextLens(m.lens) };
    case 'run':
      return runCommand(m, a.command);
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
    case 'submitCommand': {
      if (m.mode !== 'command') return m;
      const text = m.command.trim();
      const closed: PlayModel = {
        ...m,
        mode: 'board',
        command: '',
        historyAt: null,
        swallowEnter: a.fromInput === true,
      };
      if (text === '') return closed;
      const history = m.history.at(-1) === text ? m.history : [...m.history, text].slice(-HISTORY_LIMIT);
      return runAsked({ ...closed, history }, text);
    }
    case 'closeCommand':
      return { ...m, mode: 'board', command: '', historyAt: null };
    case 'history': {
      if (m.history.length === 0) return m;
      const at = m.historyAt === null ? (a.dir < 0 ? m.history.length - 1 : null) : m.historyAt + a.dir;
      if (at === null || at >= m.history.length)
        return { ...m, historyAt: null, command: '', commandKey: m.commandKey + 1 };
      const i = clamp(at, 0, m.history.length - 1);
      return { ...m, historyAt: i, command: m.history[i], commandKey: m.commandKey + 1 };
    }
    case 'say':
      return { ...m, message: a.message };
    case 'mode':
      return { ...m, mode: a.mode };
    case 'askQuit':
      if (!inProgress(m)) return { ...m, leave: true };
      return { ...m, mode: 'confirm', confirm: 'quit' };
    case 'askEnd': {
      if (m.game.state.tick >= level.ticks) return runCommand(m, { kind: 'end' });
      return { ...m, mode: 'confirm', confirm: 'giveUp' };
    }
    case 'confirm': {
      const back: PlayModel = { ...m, mode: 'board', confirm: null, pendingFree: null };
      if (!a.yes) {
        return m.confirm === 'free' && m.pendingFree
          ? { ...back, message: { text: `Not freed: ${m.pendingFree.text} was not made.`, tone: 'info' } }
          : back;
      }
      if (m.confirm === 'quit') return { ...back, leave: true };
      if (m.confirm === 'giveUp') return runCommand(back, { kind: 'end' });
      if (m.confirm === 'free' && m.pendingFree) return runCommand(back, m.pendingFree.command);
      return back;
    }
    case 'compareAll':
      return { ...m, compareAll: a.on };
    case 'retry':
      return { ...initialModel(level, false), lens: m.lens, history: m.history, hintsShown: m.hintsShown };
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
    case 'complete': {
      if (m.mode !== 'command') return m;
      const c = complete(m.command, level, m.game.state);
      return {
        ...m,
        command: c.text,
        commandKey: c.text === m.command ? m.commandKey : m.commandKey + 1,
        message: c.candidates.length > 1 ? { text: c.candidates.join('  '), tone: 'info' } : m.message,
      };
    }
    case 'key': {
      let out: PlayModel;
      if (m.swallowEnter) {
        // Only the Enter that the text input already submitted is dropped; any other key,
        // even one reaching the line's handler before the screen re-rendered, counts.
        const cleared = { ...m, swallowEnter: false };
        out =
          a.source === 'line' && a.key.return ? cleared : onKey(cleared, a.input, a.key, a.geo, a.source ?? 'board');
      } else out = onKey(m, a.input, a.key, a.geo, a.source ?? 'board');
      const top = viewTop(out.top, out.cursor, a.geo, level.memory);
      return top === out.top ? out : { ...out, top };
    }
  }
}

/**
 * A key press, by mode. Ink hands over text that arrived at once (a paste, or keys
 * typed faster than a frame) as one input: it is taken one character at a time, so
 * `:step` typed quickly opens the command line with `step` in it.
 */
export function onKey(
  m: PlayModel,
  input: string,
  key: KeyInfo,
  geo: Geometry,
  source: KeySource = 'board',
): PlayModel {
  if (m.mode === 'command') {
    if (key.escape) return reduce(m, { type: 'closeCommand' });
    if (key.upArrow) return reduce(m, { type: 'history', dir: -1 });
    if (key.downArrow) return reduce(m, { type: 'history', dir: 1 });
    if (key.tab) return reduce(m, { type: 'complete' });
    if (source === 'line') return m; // the text input types, and submits on Enter
    // The text input was not listening yet: this key is typed into the line here.
    if (key.return) return reduce(m, { type: 'submitCommand' });
    if (key.backspace || key.delete) return { ...m, command: m.command.slice(0, -1), commandKey: m.commandKey + 1 };
    if (key.ctrl || key.meta || key.leftArrow || key.rightArrow) return m;
  }
  const chars = [...input];
  if (chars.length > 1 && !key.ctrl && !key.meta) {
    let out = m;
    for (let i = 0; i < chars.length; i++) {
      if (out.mode === 'command') {
        // The rest is command-line text; a newline in it submits the line.
        const rest = chars.slice(i).join('');
        const nl = rest.search(/[\r\n]/);
        if (nl < 0) return { ...out, command: out.command + rest, commandKey: out.commandKey + 1 };
        out = reduce({ ...out, command: out.command + rest.slice(0, nl) }, { type: 'submitCommand' });
        return nl + 1 < rest.length ? onKey(out, rest.slice(nl + 1), {}, geo) : out;
      }
      const c = chars[i];
      out = onKey(
        out,
        c === '\r' || c === '\n' ? '' : c,
        c === '\r' || c === '\n' ? { return: true } : {},
        geo,
        'board',
      );
      if (out.leave) return out;
    }
    return out;
  }
  switch (m.mode) {
    case 'intro':
      if (key.return || input === ' ') return { ...m, mode: 'board' };
      if (input === '?') return reduce(m, { type: 'help' });
      if (input === 'i') return reduce(m, { type: 'hint' });
      if (input === 'q' || key.escape) return reduce(m, { type: 'askQuit' });
      return m;
    case 'help':
      if (key.rightArrow || input === ' ' || input === 'l' || key.pageDown)
        return reduce(m, { type: 'help', page: m.helpPage + 1 });
      if (key.leftArrow || input === 'h' || key.pageUp) return reduce(m, { type: 'help', page: m.helpPage - 1 });
      if (key.escape || input === 'q' || input === '?' || key.return) return { ...m, mode: m.helpReturn };
      return m;
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
      break;
  }
  // The board.
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
  if (key.end) return reduce(m, { type: 'moveTo', addr: level(m).memory - 1 });
  if (key.return || input === 'm') return reduce(m, { type: 'mallocHere' });
  if (key.escape) return { ...m, message: null };
  switch (input) {
    case 'f':
      return reduce(m, { type: 'freeHere' });
    case ' ':
      return reduce(m, { type: 'step' });
    case 'v':
      return reduce(m, { type: 'lens' });
    case ':':
      return reduce(m, { type: 'openCommand' });
    case 'u':
      return reduce(m, { type: 'undo' });
    case 'e':
      return reduce(m, { type: 'askEnd' });
    case 'g':
      return reduce(m, { type: 'watch', open: true });
    case 'i':
      return reduce(m, { type: 'hint' });
    case '?':
      return reduce(m, { type: 'help' });
    case 'q':
      return reduce(m, { type: 'askQuit' });
  }
  return m;
}

const level = (m: PlayModel) => m.game.level;

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
