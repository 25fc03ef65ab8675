// Parsing `--run`, `--vs` and `--at` for `cubbies review`: run names as the engine knows
// them, and a tick as a whole number.
import { parseRunName, type RunName } from '../engine/index.js';

/** Parses a run name; throws an Error whose message is one plain sentence. */
export function parseRun(text: string): RunName {
  const r = parseRunName(text);
  if (r.ok) return r.name;
  throw new Error(r.error.replace(/\.$/, ''));
}

/** Parses a tick: a whole number, 0 or more. */
export function parseTick(text: string): number {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) return Number(t);
  throw new Error(`'${text}' is not a tick; write a whole number, like --at 7`);
}
