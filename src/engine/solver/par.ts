// The level's par: the oracle's run when the oracle finishes, else the solver's. Either
// way an ordinary replay (a list of commands), played by the same moves as a player's.
//
// One search decides both: its first path is first fit in level order with perfect
// timing, which is the oracle's run, so when that path finishes without a step back the
// oracle finishes, and when it does not the oracle runs out of memory.
import { compileLevel, itemsAt, type CompiledLevel } from '../level/compile.js';
import type { Level } from '../level/schema.js';
import type { LevelFacts } from '../level/validate-program.js';
import { formatCommand, type Command } from '../run/commands.js';
import { playCommands } from '../run/headless.js';
import type { RunState } from '../run/state.js';
import { oracleRun } from '../scoring/oracle.js';
import { firstFitPlacement } from './first-fit.js';
import { perfectTiming } from './perfect-timing.js';
import { SOLVER_BUDGET, searchPlacements, type SearchResult } from './search.js';
import { nth } from '../invariant.js';

export type ParSource = 'oracle' | 'solver';

/** Who finishes the level (the oracle, else the solver), or why no one does. */
export type Certificate =
  | {
      ok: true;
      by: ParSource;
      /** Placements the solver tried. */
      nodes: number;
      /** The solver's start address per value index. */
      placement: number[];
    }
  | { ok: false; reason: 'impossible' | 'exhausted'; nodes: number; error: string };

export type Par =
  | { ok: true; by: ParSource; nodes: number /** The replay. */; commands: string[] }
  | { ok: false; reason: 'impossible' | 'exhausted'; nodes: number; error: string };

/** The solver's run as a replay: perfect timing, each block where the search put it. */
export function solverCommands(level: CompiledLevel, placement: readonly number[]): string[] {
  const { freeBefore } = perfectTiming(level);
  const commands: string[] = [];
  let steps = 0;
  const push = (cmd: Command) => {
    if (steps > 0) commands.push(formatCommand({ kind: 'step', n: steps }));
    steps = 0;
    commands.push(formatCommand(cmd));
  };
  const frees = (t: number) => {
    for (const v of nth(freeBefore, t)) push({ kind: 'free', id: nth(level.values, v).id });
  };
  for (let t = 0; t < level.ticks; t++) {
    frees(t);
    for (const v of itemsAt(level.program.arrivals, t))
      push({ kind: 'malloc', id: nth(level.values, v).id, at: placement[v] });
    steps++;
  }
  frees(level.ticks);
  push({ kind: 'end' });
  return commands;
}

/** The solver alone: its search and, when it finishes, its replay. */
export function solveLevel(
  level: CompiledLevel,
  budget = SOLVER_BUDGET,
): { search: SearchResult; commands: string[] | null } {
  const search = searchPlacements(level, budget);
  return { search, commands: search.status === 'finished' ? solverCommands(level, search.placement) : null };
}

// Keyed by the level's JSON, so validating a level and then compiling it again search once.
const certificates = new WeakMap<Level, Certificate>();

/** Does the oracle or the solver finish the level? */
export function certifyLevel(level: CompiledLevel): Certificate {
  const known = certificates.get(level.source);
  if (known) return known;
  const cert = certify(level);
  certificates.set(level.source, cert);
  return cert;
}

/**
 * The same, from the level's JSON. First fit runs straight on the JSON, and the level is
 * compiled for the search only when first fit runs out of memory.
 */
export function certifyLevelJson(level: Level, facts?: LevelFacts): Certificate {
  const known = certificates.get(level);
  if (known) return known;
  const placement = firstFitPlacement(level, facts);
  if (!placement) return certifyLevel(compileLevel(level));
  const cert: Certificate = { ok: true, by: 'oracle', nodes: level.values.length, placement };
  certificates.set(level, cert);
  return cert;
}

function certify(level: CompiledLevel): Certificate {
  const search = searchPlacements(level);
  if (search.status === 'finished') {
    const firstFit = search.nodes === perfectTiming(level).order.length;
    return { ok: true, by: firstFit ? 'oracle' : 'solver', nodes: search.nodes, placement: search.placement };
  }
  if (search.status === 'exhausted')
    return {
      ok: false,
      reason: 'exhausted',
      nodes: search.nodes,
      error: `First fit runs out of memory, and the solver tried ${SOLVER_BUDGET.toLocaleString('en-US')} placements without finishing the level, so no one can certify it solvable; give it more memory or fewer values alive at once`,
    };
  if (search.needs !== undefined)
    return {
      ok: false,
      reason: 'impossible',
      nodes: 0,
      error: `No placement finishes this level: even freed right after their last use, the values alive at tick ${search.tick} hold ${search.needs} boxes, more than the ${level.usable} usable; give it more memory or fewer values alive at once`,
    };
  return {
    ok: false,
    reason: 'impossible',
    nodes: search.nodes,
    error: `No placement finishes this level: the solver tried every layout (${search.nodes} placements) and some arriving value always finds no free run long enough; give it more memory or fewer values alive at once`,
  };
}

const pars = new WeakMap<Level, Par>();

/** The level's par: the oracle's replay when it finishes, else the solver's; or why there is none. */
export function parOf(level: CompiledLevel): Par {
  const known = pars.get(level.source);
  if (known) return known;
  const cert = certifyLevel(level);
  const par: Par = !cert.ok
    ? cert
    : {
        ok: true,
        by: cert.by,
        nodes: cert.nodes,
        commands: cert.by === 'oracle' ? oracleRun(level).commands : solverCommands(level, cert.placement),
      };
  pars.set(level.source, par);
  return par;
}

const parStates = new WeakMap<CompiledLevel, RunState>();

/** The par's finished run (null when the level has no par). */
export function parRun(level: CompiledLevel): RunState | null {
  const par = parOf(level);
  if (!par.ok) return null;
  const known = parStates.get(level);
  if (known) return known;
  const { state } = playCommands(level, par.commands);
  parStates.set(level, state);
  return state;
}
