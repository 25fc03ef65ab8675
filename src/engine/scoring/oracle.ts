// The oracle: the runtime playing as a perfect programmer. It places
// arrivals by first fit in the order the level lists them and frees each value right
// after the last tick that touches it. Its run is an ordinary list of commands, so it
// can be replayed and watched like a player's.
import { formatCommand, type Command } from '../run/commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { applyMove } from '../run/moves.js';
import { initialState, type RunState } from '../run/state.js';
import { present } from '../invariant.js';

export interface OracleRun {
  state: RunState;
  /** Its commands as text, written when first asked for: a comparison needs only the state. */
  readonly commands: string[];
}

const cache = new WeakMap<CompiledLevel, OracleRun>();

export function oracleRun(level: CompiledLevel): OracleRun {
  const hit = cache.get(level);
  if (hit) return hit;
  const run = playOracle(level);
  cache.set(level, run);
  return run;
}

function playOracle(level: CompiledLevel): OracleRun {
  const state = initialState(level, false);
  const moves: Command[] = [];
  const freeAfter: number[][] = Array.from({ length: level.ticks }, () => []);
  for (const v of level.values) present(freeAfter[v.lastTouch]).push(v.index);

  let pendingSteps = 0;
  const flushSteps = () => {
    if (pendingSteps > 0) moves.push({ kind: 'step', n: pendingSteps });
    pendingSteps = 0;
  };
  const act = (cmd: Command): boolean => {
    flushSteps();
    const r = applyMove(level, state, cmd);
    if (r.ok) moves.push(cmd);
    return r.ok;
  };

  for (let t = 0; t < level.ticks; t++) {
    if (t > 0) for (const v of present(freeAfter[t - 1])) act({ kind: 'free', id: present(level.values[v]).id });
    for (const v of present(level.events[t]).arrive) {
      if (!act({ kind: 'malloc', id: present(level.values[v]).id })) {
        act({ kind: 'end' });
        return withCommands(state, moves);
      }
    }
    applyMove(level, state, { kind: 'step', n: 1 });
    pendingSteps++;
  }
  for (const v of present(freeAfter[level.ticks - 1])) act({ kind: 'free', id: present(level.values[v]).id });
  act({ kind: 'end' });
  return withCommands(state, moves);
}

/** The run with its moves written as text only when asked for (200,000 lines on a big level). */
function withCommands(state: RunState, moves: readonly Command[]): OracleRun {
  let text: string[] | undefined;
  return {
    state,
    get commands() {
      text ??= moves.map((m) => formatCommand(m));
      return text;
    },
  };
}
