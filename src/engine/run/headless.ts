// Headless runs: the same moves on a private mutable state, with no undo history, for
// replays, the oracle and benchmarks.
import { parseCommand } from './commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { applyMove } from './moves.js';
import { initialState, type RunState } from './state.js';
import { refusalText } from './refusals.js';

export interface ReplayProblem {
  index: number;
  command: string;
  error: string;
}

/** Plays commands in order. Undo is not stored in replays, so it is refused here; a refused command is reported, not fatal. */
export function playCommands(
  level: CompiledLevel,
  commands: readonly string[],
  verbose = false,
): { state: RunState; problems: ReplayProblem[] } {
  const state = initialState(level, verbose);
  const problems: ReplayProblem[] = [];
  commands.forEach((command, index) => {
    const parsed = parseCommand(command);
    if (!parsed.ok) return problems.push({ index, command, error: parsed.error });
    if (parsed.command.kind === 'undo')
      return problems.push({ index, command, error: refusalText({ code: 'undoInReplay' }) });
    const r = applyMove(level, state, parsed.command);
    if (!r.ok) problems.push({ index, command, error: r.error });
  });
  return { state, problems };
}
