// A private copy of a run's state, sharing only the log and timeline entries (they are
// never changed once written): what a review hands out, and what a checkpoint keeps.
import type { RunState } from '../run/state.js';

/** A copy of `state` whose log and timeline are the first `logLength` and `timelineLength` entries of the given ones. */
export function copyState(
  state: RunState,
  log = state.log,
  logLength = log.length,
  timeline = state.timeline,
  timelineLength = timeline.length,
): RunState {
  const { log: _log, timeline: _timeline, ...rest } = state;
  const copy = structuredClone(rest) as Omit<RunState, 'log' | 'timeline'>;
  return { ...copy, log: log.slice(0, logLength), timeline: timeline.slice(0, timelineLength) } as RunState;
}

/** The same copy without any log or timeline: what a checkpoint keeps (their lengths tell the rest). */
export function bareState(state: RunState): RunState {
  return copyState(state, [], 0, [], 0);
}
