// One reducer over typed commands, in the manner of boardgame.io: each accepted command
// makes a new immutable state (immer), undo pops a stack of earlier states (cheap: they
// share structure), and the list of accepted commands replays the run exactly.
import { produce, setAutoFreeze } from 'immer';
import { formatCommand, parseCommand, type Command } from './commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { applyMove } from './moves.js';
import { initialState, type RunState } from './state.js';
import { playCommands } from './headless.js';
import { refused, type Refused } from './refusals.js';

// Freezing walks every new state; the engine never mutates a published state anyway.
setAutoFreeze(false);

export interface Game {
  level: CompiledLevel;
  state: RunState;
  /** Earlier states, newest last, at most UNDO_STATES: undo pops one. */
  past: RunState[];
  /** Accepted commands in canonical text: the replay. */
  commands: string[];
}

/** Earlier states kept for undo. Further back, undo replays the commands from the start
 * (a run is deterministic), so a long game on a big memory never holds thousands of copies. */
export const UNDO_STATES = 200;

/** The game after the command, or the game as it was and why the command was refused. */
export type DispatchResult = { game: Game; ok: true; message?: string } | ({ game: Game } & Refused);

export function newGame(level: CompiledLevel): Game {
  return { level, state: initialState(level, true), past: [], commands: [] };
}

/** Runs one command, typed or parsed. A refused command leaves the game as it was. */
export function dispatch(game: Game, input: string | Command): DispatchResult {
  let cmd: Command;
  if (typeof input === 'string') {
    const parsed = parseCommand(input);
    if (!parsed.ok) return { game, ...parsed };
    cmd = parsed.command;
  } else cmd = input;

  if (cmd.kind === 'undo') {
    if (game.commands.length === 0) return { game, ...refused({ code: 'nothingToUndo' }) };
    const commands = game.commands.slice(0, -1);
    const state = game.past[game.past.length - 1] ?? playCommands(game.level, commands, true).state;
    return {
      game: { ...game, state, past: game.past.slice(0, -1), commands },
      ok: true,
      message: `Took back: ${game.commands[game.commands.length - 1]}`,
    };
  }

  let result = { ok: true } as ReturnType<typeof applyMove>;
  const next = produce(game.state, (draft) => {
    // immer cannot draft a typed array: a command that runs the program gives this state its
    // own copy of the boxes and of who wrote them, and a fork of the timeline (which adds
    // points without touching the state before's); malloc and free never touch them, so
    // their states share them with the state before (never mutated once published).
    if (cmd.kind === 'step' || cmd.kind === 'run') {
      draft.bytes = game.state.bytes.slice();
      draft.writer = game.state.writer.slice();
      draft.timeline = game.state.timeline.fork();
    }
    result = applyMove(game.level, draft as RunState, cmd);
  });
  const r = result as ReturnType<typeof applyMove>;
  if (!r.ok) return { game, ...r };
  return {
    game: {
      ...game,
      state: next,
      past: [...game.past.slice(-(UNDO_STATES - 1)), game.state],
      commands: [...game.commands, formatCommand(cmd)],
    },
    ok: true,
    message: r.message,
  };
}
