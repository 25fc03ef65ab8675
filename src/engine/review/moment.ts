// The moments of a run: each distinct state a review can show. Before each tick, after
// each of the player's commands or the runtime's mallocs, at the start and end of each
// collection, and at the end. What happened belongs to the moment right after it.
import type { LogEntry } from '../run/state.js';
import type { MomentKind, ReviewEventKind } from '../vocabulary.js';

export type { MomentKind, ReviewEventKind };

export interface Moment {
  index: number;
  kind: MomentKind;
  /** Ticks run so far: the next tick to run. */
  tick: number;
  /** The timeline cell it belongs to: the tick just run, or the tick the gap comes before. */
  cell: number;
  /** One plain line: what this moment is. */
  label: string;
  /** How many log entries there are at this moment. */
  logLength: number;
}

export interface ReviewEvent {
  kind: ReviewEventKind;
  /** The moment it belongs to. */
  moment: number;
  /** Its timeline cell. */
  cell: number;
  text: string;
  /** The log entry that tells it, if one does. */
  logIndex?: number;
  /** A pause's length in ticks. */
  length?: number;
}

/** A step between moments, as a source of moments reports it. */
export interface MomentStep {
  kind: MomentKind;
  label: string;
}

export type { LogEntry };
