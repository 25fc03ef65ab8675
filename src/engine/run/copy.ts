// A private copy of a run's state, sharing only the log and timeline entries (they are
// never changed once written): what a review hands out, what a checkpoint keeps, and
// what a copied runtime starts from.
// A state is plain data two levels deep (typed arrays, arrays of numbers or of small
// records, small records), so a copy of each part two levels deep is a full copy, and
// much quicker than structuredClone on thousands of variables.
import type { RunState } from '../run/state.js';

function copyPart(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) return (v as Uint8Array).slice();
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? copyLeaf(x) : x));
  const out: Record<string, unknown> = { ...v };
  for (const k in out) {
    const x = out[k];
    if (x !== null && typeof x === 'object') out[k] = copyLeaf(x);
  }
  return out;
}

/** The second level: arrays and records of plain values (a deeper part is copied whole). */
function copyLeaf(v: object): unknown {
  if (ArrayBuffer.isView(v)) return (v as Uint8Array).slice();
  if (Array.isArray(v)) {
    const out = v.slice();
    for (let i = 0; i < out.length; i++) {
      const x = out[i];
      if (x !== null && typeof x === 'object') out[i] = structuredClone(x);
    }
    return out;
  }
  // A spread copies a small record of plain values many times faster than a walk over its entries.
  const out: Record<string, unknown> = { ...v };
  for (const k in out) {
    const x = out[k];
    if (x !== null && typeof x === 'object') out[k] = structuredClone(x);
  }
  return out;
}

/** A copy of `state` whose log and timeline are the first `logLength` and `timelineLength` entries of the given ones. */
export function copyState(
  state: RunState,
  log = state.log,
  logLength = log.length,
  timeline = state.timeline,
  timelineLength = timeline.length,
): RunState {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state)) {
    if (k === 'log') out[k] = log.slice(0, logLength);
    else if (k === 'timeline') out[k] = timeline.slice(0, timelineLength);
    else out[k] = copyPart(v);
  }
  return out as unknown as RunState;
}

/** The same copy without any log or timeline: what a checkpoint keeps (their lengths tell the rest). */
export function bareState(state: RunState): RunState {
  return copyState(state, [], 0, [], 0);
}
