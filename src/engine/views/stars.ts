// Stars are the player's (and the oracle's, a perfect player): a collector's run gets
// none, since the third star is measured against the level's collector.
import type { ComparedRun } from '../scoring/compare.js';

/** The stars a run shows, or null for a collector's run. */
export function starsShown(r: ComparedRun): number | null {
  const n = r.metrics.stars as number | null;
  return r.kind === 'collector' ? null : n;
}

/** The rule of the stars in one line, said wherever stars are shown. */
export function starRule(defaultCollector: string): string {
  return `★ finished · ★★ no bugs, holes or leaks · ★★★ and a score ≥ ${defaultCollector}'s`;
}

/** The rule under a table of runs, where collectors' rows show none. */
export function starRuleForRuns(defaultCollector: string): string {
  return `stars: ${starRule(defaultCollector)} · none for collectors`;
}

/** Why reference counting pauses at all: it frees as it goes, but a long cascade costs more than a tick buys. */
export const REFCOUNT_PAUSE = "refcount pauses only when a cascade of frees takes more than one tick's work";
