// The run's log: what happened, in plain words, with the real bytes.
import type { LogEntry, LogKind, RunState } from './state.js';

/** Adds a log entry; `routine` entries (not consequences) are kept only in verbose runs. */
export function note(state: RunState, kind: LogKind, text: string, extra: Omit<LogEntry, 'tick' | 'kind' | 'text'> = {}, routine = false): void {
  if (routine && !state.verbose) return;
  state.log.push({ tick: state.tick, kind, text, ...extra });
}

export function showBytes(bytes: readonly number[]): string {
  return '[' + bytes.join(' ') + ']';
}
