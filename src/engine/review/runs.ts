// The runs a review can show, by name: `you` (the player's run: the one just played, the
// best saved one, or a replay), `oracle`, `par` (once the solver gives one), or a
// collector's name.
import type { CompiledLevel } from '../level/compile.js';
import { COLLECTORS, PROGRAMMER_RUNS, type CollectorName, type ProgrammerRun } from '../vocabulary.js';
import { parOf } from '../solver/par.js';
import { reviewCollector, reviewCommands, reviewOracle, type RunReview } from './review.js';

export type RunName = ProgrammerRun | CollectorName;

export function isCollectorRun(name: string): name is CollectorName {
  return (COLLECTORS as readonly string[]).includes(name);
}

/** The names a run can be given, for messages. */
export function runNameChoices(): string {
  return [...PROGRAMMER_RUNS, ...COLLECTORS].join(', ');
}

export type ParsedRun = { ok: true; name: RunName } | { ok: false; error: string };

export function parseRunName(text: string): ParsedRun {
  const name = text.trim();
  if ((PROGRAMMER_RUNS as readonly string[]).includes(name) || isCollectorRun(name))
    return { ok: true, name: name as RunName };
  return { ok: false, error: `'${text}' is not a run; choose ${runNameChoices()}.` };
}

/** The partner runs Tab goes through, the level's own collector first; the run itself is left out. */
export function partnerOrder(level: CompiledLevel, own: RunName, hasPlayer: boolean): RunName[] {
  const all: RunName[] = [level.gc.collector, 'oracle', 'par', ...COLLECTORS.filter((c) => c !== level.gc.collector)];
  if (hasPlayer) all.push('you');
  return all.filter((n) => n !== own);
}

/**
 * Builds the review of a named run. `player` is the player's commands (absent: there is
 * no player's run). The par is the oracle's run when the oracle finishes, else the solver's.
 */
export function reviewRun(
  level: CompiledLevel,
  name: RunName,
  player: readonly string[] | undefined,
  playerName = 'you',
): { ok: true; review: RunReview } | { ok: false; error: string } {
  if (name === 'you') {
    if (!player) return { ok: false, error: `There is no run of yours on ${level.id} to review yet.` };
    return { ok: true, review: reviewCommands(level, player, playerName) };
  }
  if (name === 'oracle') return { ok: true, review: reviewOracle(level) };
  if (name === 'par') {
    const par = parOf(level);
    if (!par.ok) return { ok: false, error: `${level.id} has no par: ${par.error}.` };
    return { ok: true, review: reviewCommands(level, par.commands, 'par', 'par') };
  }
  return { ok: true, review: reviewCollector(level, name) };
}
