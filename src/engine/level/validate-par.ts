// The last check of a level: it must be solvable. A level is valid only if the oracle
// (first fit, perfect timing) or the solver (perfect timing, placed by search) finishes it.
import { certifyLevelJson } from '../solver/par.js';
import type { Level } from './schema.js';
import type { LevelFacts } from './validate-program.js';

/** Why no one can finish the level, or null when the oracle or the solver does. */
export function parProblem(level: Level, facts?: LevelFacts): string | null {
  const cert = certifyLevelJson(level, facts);
  return cert.ok ? null : `${cert.error}.`;
}
