// A timeline's meaning is its points: two timelines are equal when their points are, and a
// timeline equals the list of those points. How much room its columns keep to grow, or
// whether a structured clone took its class away, is not part of what a test compares.
import { expect } from 'vitest';
import { Timeline, type TimelineColumns, type TimelinePoint } from '../../src/engine/run/timeline.js';

function isColumns(x: unknown): x is TimelineColumns {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as TimelineColumns).used instanceof Int32Array &&
    (x as TimelineColumns).pause instanceof Int32Array &&
    typeof (x as TimelineColumns).length === 'number'
  );
}

function pointsOf(x: unknown): TimelinePoint[] | null {
  if (x instanceof Timeline) return x.points();
  if (isColumns(x)) return Timeline.fromColumns(x).points();
  return null;
}

expect.addEqualityTesters([
  function timelinesEqual(a: unknown, b: unknown, customTesters) {
    const pa = pointsOf(a);
    const pb = pointsOf(b);
    if (pa === null && pb === null) return undefined;
    return this.equals(pa ?? a, pb ?? b, customTesters);
  },
]);
