// The log's consequences: what went wrong in a run.
import type { LogEntry, RunState } from '../run/state.js';
import { isConsequence } from '../vocabulary.js';

/** What went wrong in a run, in order, each with its tick: the consequences, and a crash. */
export function problems(state: RunState): LogEntry[] {
  return state.log.filter((e) => isConsequence(e.kind) || (e.kind === 'end' && state.crash !== null));
}
