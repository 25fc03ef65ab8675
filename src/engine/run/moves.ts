// The player's commands as moves over a run's state. A move either changes the state
// (and may cause a counted consequence) or is refused with a sentence and changes
// nothing; only changes are kept in the replay. Moves mutate: the reducer hands them an
// immer draft, headless runs a private copy.
import type { Command } from './commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { malloc, freeAddress, freeValue } from './alloc.js';
import { missingBlocks, runTick } from './tick.js';
import { firstFit } from './memory.js';
import { totalBugs, totalSecurity, type RunState } from './state.js';
import { note } from './log.js';

/** null when the move was made; else why it was refused (nothing changed). */
export type MoveResult = { ok: true; message?: string } | { ok: false; error: string };

const refuse = (error: string): MoveResult => ({ ok: false, error });

export function applyMove(level: CompiledLevel, state: RunState, cmd: Command): MoveResult {
  if (cmd.kind === 'undo') return refuse('undo is handled by the game, not as a move.');
  if (state.finished) return refuse('The run is over: undo, or start again.');
  switch (cmd.kind) {
    case 'malloc':
      return moveMalloc(level, state, cmd.id, cmd.size, cmd.at);
    case 'free': {
      if ('id' in cmd) {
        const v = level.indexOf.get(cmd.id);
        if (v === undefined) return refuse(`There is no value called ${cmd.id}.`);
        const r = freeValue(level, state, v);
        return r.ok ? { ok: true } : refuse(`${capital(r.error)}.`);
      }
      const r = freeAddress(level, state, cmd.addr);
      return r.ok ? { ok: true } : refuse(`${capital(r.error)}.`);
    }
    case 'step':
      return steps(level, state, cmd.n, false);
    case 'run':
      return steps(level, state, level.ticks - state.tick, true);
    case 'end':
      return end(level, state);
  }
}

function moveMalloc(
  level: CompiledLevel,
  state: RunState,
  id: string,
  size: number | undefined,
  at: number | undefined,
): MoveResult {
  const v = level.indexOf.get(id);
  if (v === undefined) return refuse(`There is no value called ${id}.`);
  const val = level.values[v];
  if (val.arrive < state.tick)
    return refuse(`${id} already arrived at tick ${val.arrive}; a block is reserved before a value arrives.`);
  if (val.arrive >= state.tick + level.lookahead)
    return refuse(`${id} arrives at tick ${val.arrive}, further ahead than you can see (${level.lookahead} ticks).`);
  const s = state.slots[v];
  if (s.addr !== 0 && !s.freed) return refuse(`${id} already has a block at ${s.addr}; free it first to move it.`);
  const n = size ?? val.size;
  if (n > level.usable) return refuse(`${n} boxes is more than all of memory (${level.usable} usable boxes).`);
  const work = state.work;
  const logged = state.log.length;
  const r = malloc(level, state, v, n, at);
  if (r.ok) return { ok: true };
  // A refused move changes nothing, in a headless run too: drop the failed search's work and log line.
  state.work = work;
  state.log.splice(logged);
  return refuse(`${capital(r.error)}.`);
}

function steps(level: CompiledLevel, state: RunState, n: number, untilDecision: boolean): MoveResult {
  if (state.tick >= level.ticks) return refuse('The program has ended: type end to finish.');
  let ran = 0;
  for (; ran < n && state.tick < level.ticks; ran++) {
    const missing = missingBlocks(level, state);
    if (missing.length > 0) {
      const ids = missing.map((m) => level.values[m].id).join(', ');
      const why = `Tick ${state.tick} needs a block for ${ids}: malloc ${missing.length === 1 ? 'it' : 'them'} first.`;
      if (ran === 0) return refuse(why);
      return { ok: true, message: why };
    }
    runTick(level, state, true);
  }
  if (untilDecision && state.tick >= level.ticks)
    return { ok: true, message: 'The program has ended: type end to finish.' };
  return { ok: true };
}

/** Does some value arriving next fit nowhere, even by first fit? Then giving up is running out of memory. */
function outOfMemory(level: CompiledLevel, state: RunState): boolean {
  return missingBlocks(level, state).some(
    (v) => firstFit(state.blocks, level.memory, level.values[v].size).addr === null,
  );
}

function end(level: CompiledLevel, state: RunState): MoveResult {
  state.finished = true;
  if (state.tick < level.ticks) {
    state.crash = outOfMemory(level, state) ? 'oom' : 'abort';
    note(
      state,
      'end',
      state.crash === 'oom'
        ? `Out of memory at tick ${state.tick}: the run crashed.`
        : `Gave up at tick ${state.tick}.`,
    );
    return { ok: true };
  }
  state.leakedAtEnd = state.used;
  const bugs = totalBugs(state.bugs);
  const holes = totalSecurity(state.security);
  note(
    state,
    'end',
    `Program finished: ${bugs} bug${bugs === 1 ? '' : 's'}, ${state.used} box${state.used === 1 ? '' : 'es'} never freed${holes > 0 ? `; exploitable: ${holes} security hole${holes === 1 ? '' : 's'}` : ''}.`,
  );
  return { ok: true };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
