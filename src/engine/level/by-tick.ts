// Events of a program grouped by tick, without an array per tick: a 100,000-value level
// has 50,000 ticks, and the garbage of that many small arrays shows in validation's time.
import { nth } from '../invariant.js';

/**
 * Items bucketed by tick, in their order within a tick, as two flat arrays: the items of
 * tick t are items[start[t]] up to items[start[t + 1]]. A tick outside [0, ticks) drops the item.
 */
export function byTick(
  ticks: number,
  count: number,
  tickOf: (i: number) => number,
): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(ticks + 1);
  for (let i = 0; i < count; i++) {
    const t = tickOf(i);
    if (t >= 0 && t < ticks) start[t + 1]!++;
  }
  for (let t = 0; t < ticks; t++) start[t + 1]! += nth(start, t);
  const fill = start.slice(0, ticks);
  const items = new Int32Array(nth(start, ticks));
  for (let i = 0; i < count; i++) {
    const t = tickOf(i);
    if (t >= 0 && t < ticks) items[fill[t]!++] = i;
  }
  return { start, items };
}
