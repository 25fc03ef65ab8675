// The par's solution as the end screen shows it: its commands, who found it and its score.
import type { CompiledLevel } from '../level/compile.js';
import { scoreRun } from '../scoring/compare.js';
import { parOf, parRun, type ParSource } from '../solver/par.js';

export interface ParSolution {
  commands: readonly string[];
  /** The oracle (perfect timing, first fit) or the solver (perfect placement too). */
  by: ParSource;
  score: number;
}

/** The level's par as a solution to show, or null when it has none. */
export function parSolution(level: CompiledLevel): ParSolution | null {
  const par = parOf(level);
  const state = parRun(level);
  if (!par.ok || !state) return null;
  return { commands: par.commands, by: par.by, score: scoreRun(level, state).score };
}
