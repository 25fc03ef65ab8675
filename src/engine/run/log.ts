// The run's log: what happened, in plain words, with the real bytes.
import type { LogEntry, RunState } from './state.js';
import type { LogKind } from '../vocabulary.js';

/** Adds a log entry. Routine events (not consequences) are logged only in verbose runs:
 * callers check `state.verbose` first, so a headless run never even builds their text. */
export function note(
  state: RunState,
  kind: LogKind,
  text: string,
  extra: Omit<LogEntry, 'tick' | 'kind' | 'text'> = {},
): void {
  state.log.push({ tick: state.tick, kind, text, ...extra });
}

export function showBytes(bytes: readonly number[]): string {
  return `[${bytes.join(' ')}]`;
}
