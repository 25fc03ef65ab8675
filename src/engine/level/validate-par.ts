// The last check of a level: it must be solvable. A level is valid only if the oracle
// (first fit, perfect timing) or the solver (perfect timing, placed by search) finishes it.
import { certifyLevel } from '../solver/par.js';
import { compileLevel } from './compile.js';
import type { Level } from './schema.js';

/** Why no one can finish the level, or null when the oracle or the solver does. */
export function parProblem(level: Level): string | null {
  const cert = certifyLevel(compileLevel(level));
  return cert.ok ? null : `${cert.error}.`;
}
