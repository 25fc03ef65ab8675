// The oracle: the runtime playing as a perfect programmer. It places
// arrivals by first fit in the order the level lists them and frees each value right
// after the last tick that touches it. Its run is an ordinary list of commands, so it
// can be replayed and watched like a player's.
import { formatCommand, type Command } from '../run/commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { applyMove, mallocValue } from '../run/moves.js';
import { freeValue } from '../run/alloc.js';
import { byTickOf } from '../level/by-tick.js';
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

// Its moves, one number each, made into commands only when its text is asked for: a big
// level's oracle makes 200,000 moves, and a comparison needs only the state. A malloc or
// a free names its value by index (v * 4 + kind), a run of steps its length (n * 4 + 2).
const MALLOC = 0;
const FREE = 1;
const STEPS = 2;
const END = 3;

function playOracle(level: CompiledLevel): OracleRun {
  const state = initialState(level, false);
  const moves: number[] = [];
  // The values to free after each tick, in the level's order: by last touch.
  const lastTouch = new Int32Array(level.values.length);
  for (let i = 0; i < level.values.length; i++) lastTouch[i] = present(level.values[i]).lastTouch;
  const freeAfter = byTickOf(level.ticks, lastTouch);

  let pendingSteps = 0;
  const flushSteps = () => {
    if (pendingSteps > 0) moves.push(pendingSteps * 4 + STEPS);
    pendingSteps = 0;
  };
  // By index, not through the id a command would name: what `free <id>` and `malloc <id>` do once the id is found.
  const free = (t: number) => {
    const end = present(freeAfter.start[t + 1]);
    for (let k = present(freeAfter.start[t]); k < end; k++) {
      const v = present(freeAfter.items[k]);
      flushSteps();
      if (freeValue(level, state, v).ok) moves.push(v * 4 + FREE);
    }
  };
  const finish = () => {
    flushSteps();
    if (applyMove(level, state, { kind: 'end' }).ok) moves.push(END);
    return withCommands(level, state, moves);
  };

  const step: Command = { kind: 'step', n: 1 };
  const arrivals = level.program.arrivals;
  for (let t = 0; t < level.ticks; t++) {
    if (t > 0) free(t - 1);
    for (let k = present(arrivals.start[t]), end = present(arrivals.start[t + 1]); k < end; k++) {
      const v = present(arrivals.items[k]);
      flushSteps();
      if (!mallocValue(level, state, v).ok) return finish();
      moves.push(v * 4 + MALLOC);
    }
    applyMove(level, state, step);
    pendingSteps++;
  }
  free(level.ticks - 1);
  return finish();
}

/** The run with its moves written as text only when asked for (200,000 lines on a big level). */
function withCommands(level: CompiledLevel, state: RunState, moves: readonly number[]): OracleRun {
  let text: string[] | undefined;
  return {
    state,
    get commands() {
      text ??= moves.map((m) => formatCommand(commandOf(level, m)));
      return text;
    },
  };
}

/** The command a move (one number, as playOracle keeps it) stands for. */
function commandOf(level: CompiledLevel, move: number): Command {
  const kind = move % 4;
  const n = (move - kind) / 4;
  if (kind === STEPS) return { kind: 'step', n };
  if (kind === END) return { kind: 'end' };
  const id = present(level.values[n]).id;
  return kind === MALLOC ? { kind: 'malloc', id } : { kind: 'free', id };
}
