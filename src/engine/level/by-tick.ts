// Events of a program grouped by tick, without an array per tick: a 100,000-value level
// has 50,000 ticks, and the garbage of that many small arrays shows in validation's time.

/** Items by tick: tick t's are `items[start[t]]` up to `items[start[t + 1]]` (excluded), in their order. */
export interface ByTick {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/**
 * Items bucketed by tick, in their order within a tick, as two flat arrays (ByTick). A
 * tick outside [0, ticks) drops the item.
 */
export function byTick(ticks: number, count: number, tickOf: (i: number) => number): ByTick {
  // Each item's tick asked once: a counting sort reads it twice.
  const at = new Int32Array(count);
  for (let i = 0; i < count; i++) at[i] = tickOf(i);
  return byTickOf(ticks, at);
}

/** `byTick` from each item's tick, already known: -1 (or any tick outside [0, ticks)) drops the item. */
export function byTickOf(ticks: number, at: Int32Array): ByTick {
  const count = at.length;
  const start = new Int32Array(ticks + 1);
  // Typed arrays indexed within their lengths, in loops every validation runs per value and per read.
  for (let i = 0; i < count; i++) {
    const t = at[i] as number;
    if (t >= 0 && t < ticks) start[t + 1]!++;
  }
  for (let t = 0; t < ticks; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const fill = start.slice(0, ticks);
  const items = new Int32Array(start[ticks] as number);
  for (let i = 0; i < count; i++) {
    const t = at[i] as number;
    if (t >= 0 && t < ticks) items[fill[t]!++] = i;
  }
  return { start, items };
}
