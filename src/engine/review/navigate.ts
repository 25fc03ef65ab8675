// Moving through a review: one moment, the previous or next event, a tick, a log entry.
import type { Moment, ReviewEvent, ReviewEventKind } from './moment.js';
import { nth } from '../invariant.js';

/** The last moment at or before tick `tick` (ticks run so far): where a partner run stands in lockstep. */
export function momentAtTick(moments: readonly Moment[], tick: number): number {
  let lo = 0;
  let hi = moments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nth(moments, mid).tick <= tick) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** The next event's moment after `from` (or the previous one before it), optionally only of some kinds. */
export function eventMoment(
  events: readonly ReviewEvent[],
  from: number,
  dir: 1 | -1,
  kinds?: ReadonlySet<ReviewEventKind>,
): number | null {
  if (dir > 0) {
    for (const e of events) if (e.moment > from && (!kinds || kinds.has(e.kind))) return e.moment;
    return null;
  }
  for (let i = events.length - 1; i >= 0; i--) {
    const e = nth(events, i);
    if (e.moment < from && (!kinds || kinds.has(e.kind))) return e.moment;
  }
  return null;
}

/** The moment a run opens on: its first bug, else the start. */
export function openingMoment(events: readonly ReviewEvent[]): number {
  return events.find((e) => e.kind === 'bug')?.moment ?? 0;
}

/** The moment right after log entry `logIndex` was written. */
export function momentOfLogEntry(moments: readonly Moment[], logIndex: number): number {
  let lo = 0;
  let hi = moments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nth(moments, mid).logLength > logIndex) hi = mid;
    else lo = mid + 1;
  }
  return Math.min(moments.length - 1, lo);
}
