// The player's commands as moves over a run's state. A move either changes the state
// (and may cause a counted consequence) or is refused with a sentence and changes
// nothing; only changes are kept in the replay. Moves mutate: the reducer hands them an
// immer draft, headless runs a private copy.
import { freeTargets, type Command, type FreeTarget } from './commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { malloc, freeAddress, freeValue } from './alloc.js';
import { missingBlocks, runTick } from './tick.js';
import { firstFit } from './memory.js';
import { totalBugs, totalSecurity, type RunState } from './state.js';
import { note } from './log.js';
import { boxes, plural } from '../words.js';
import { outOfMemoryCrashText, refused, refusalText, type Refused } from './refusals.js';
import { present } from '../invariant.js';

/** The move was made (perhaps with a remark), or refused and nothing changed. */
export type MoveResult = { ok: true; message?: string } | Refused;

const refuse = refused;

export function applyMove(level: CompiledLevel, state: RunState, cmd: Command): MoveResult {
  if (cmd.kind === 'undo') return refuse({ code: 'undoNotAMove' });
  if (state.finished) return refuse({ code: 'runOver' });
  switch (cmd.kind) {
    case 'malloc':
      return moveMalloc(level, state, cmd.id, cmd.size, cmd.at);
    case 'free':
      return moveFree(level, state, freeTargets(cmd));
    case 'step':
      return steps(level, state, cmd.n, false);
    case 'run':
      return steps(level, state, level.ticks - state.tick, true);
    case 'end':
      return end(level, state);
  }
}

/** Frees each target in order, as one command: when one is refused, the command is, and nothing changed. */
function moveFree(level: CompiledLevel, state: RunState, targets: readonly FreeTarget[]): MoveResult {
  const before =
    targets.length > 1
      ? {
          blocks: state.blocks.slice(),
          variables: state.variables.map((v) => ({ ...v })),
          used: state.used,
          work: state.work,
          bugs: { ...state.bugs },
          logged: state.log.length,
          unrooted: state.unrooted,
          unrootedCount: state.unrootedCount,
          // A free never changes this list in place (pruning it makes a new one).
          unrootedOwners: state.unrootedOwners,
          garbageBoxes: state.garbageBoxes,
        }
      : null;
  for (const t of targets) {
    let r: ReturnType<typeof freeValue>;
    if ('id' in t) {
      const v = level.indexOf.get(t.id);
      r = v === undefined ? { ok: false, refusal: { code: 'unknownValue', id: t.id } } : freeValue(level, state, v);
    } else r = freeAddress(level, state, t.addr);
    if (r.ok) continue;
    if (before) {
      state.blocks = before.blocks;
      state.variables = before.variables;
      state.used = before.used;
      state.work = before.work;
      state.bugs = before.bugs;
      state.log.splice(before.logged);
      state.unrooted = before.unrooted;
      state.unrootedCount = before.unrootedCount;
      state.unrootedOwners = before.unrootedOwners;
      state.garbageBoxes = before.garbageBoxes;
    }
    return refuse(r.refusal);
  }
  return { ok: true };
}

function moveMalloc(
  level: CompiledLevel,
  state: RunState,
  id: string,
  size: number | undefined,
  at: number | undefined,
): MoveResult {
  const v = level.indexOf.get(id);
  if (v === undefined) return refuse({ code: 'unknownValue', id });
  return mallocValue(level, state, v, size, at);
}

/** `malloc` for value index v, once its id is known: the oracle's way in, as it knows its values by index. */
export function mallocValue(level: CompiledLevel, state: RunState, v: number, size?: number, at?: number): MoveResult {
  const val = present(level.values[v]);
  const id = val.id;
  if (val.arrive < state.tick) return refuse({ code: 'alreadyArrived', id, arrive: val.arrive });
  if (val.arrive >= state.tick + level.lookahead)
    return refuse({ code: 'beyondLookahead', id, arrive: val.arrive, lookahead: level.lookahead });
  const s = present(state.variables[v]);
  if (s.addr !== 0 && !s.freed) return refuse({ code: 'alreadyHasBlock', id, addr: s.addr });
  const n = size ?? val.size;
  if (n > level.usable) return refuse({ code: 'largerThanMemory', size: n, usable: level.usable });
  const work = state.work;
  const r = malloc(level, state, v, n, at);
  if (r.ok) return { ok: true };
  // A refused move changes nothing, in a headless run too: drop the failed search's work.
  state.work = work;
  return refuse(r.refusal);
}

function steps(level: CompiledLevel, state: RunState, n: number, untilDecision: boolean): MoveResult {
  if (state.tick >= level.ticks) return refuse({ code: 'programEnded' });
  let ran = 0;
  for (; ran < n && state.tick < level.ticks; ran++) {
    const missing = missingBlocks(level, state);
    if (missing.length > 0) {
      const needs = {
        code: 'needsBlock',
        tick: state.tick,
        ids: missing.map((m) => present(level.values[m]).id),
      } as const;
      if (ran === 0) return refuse(needs);
      return { ok: true, message: refusalText(needs) };
    }
    runTick(level, state, true);
  }
  if (untilDecision && state.tick >= level.ticks) return { ok: true, message: refusalText({ code: 'programEnded' }) };
  return { ok: true };
}

/** Does some value arriving next fit nowhere, even by first fit? Then giving up is running out of memory. */
function outOfMemory(level: CompiledLevel, state: RunState): boolean {
  return missingBlocks(level, state).some(
    (v) => firstFit(state.blocks, level.memory, present(level.values[v]).size).addr === null,
  );
}

function end(level: CompiledLevel, state: RunState): MoveResult {
  state.finished = true;
  if (state.tick < level.ticks) {
    state.crash = outOfMemory(level, state) ? 'oom' : 'abort';
    note(state, 'end', state.crash === 'oom' ? outOfMemoryCrashText(state.tick) : `Gave up at tick ${state.tick}.`);
    return { ok: true };
  }
  state.leakedAtEnd = state.used;
  const bugs = totalBugs(state.bugs);
  const holes = totalSecurity(state.security);
  const exploitable = holes > 0 ? `; exploitable: ${plural(holes, 'security hole')}` : '';
  note(state, 'end', `Program finished: ${plural(bugs, 'bug')}, ${boxes(state.used)} never freed${exploitable}.`);
  return { ok: true };
}
