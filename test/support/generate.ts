// A small generator of random valid levels, for property tests and benchmarks.
// Every read, ref and set names a value whose variable is in scope at that tick, so
// the level is valid by construction (no reachability through pointers needed).
import type { Level, LevelValue } from '../../src/engine/level/schema.js';

/** A tiny deterministic PRNG (mulberry32), so a seed always gives the same level. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  seed: number;
  values: number;
  memory: number;
  ticks?: number;
  /** Ticks a value stays in scope, at most. */
  lifetime?: number;
  /** Share of values that are records with pointer fields (0..1). */
  records?: number;
  /** Sets per 100 values. */
  sets?: number;
  collector?: 'mark-sweep' | 'mark-compact' | 'refcount' | 'copying';
}

export function generateLevel(o: GenOptions): Level {
  const r = rng(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const ticks = o.ticks ?? Math.max(2, Math.ceil(o.values / 2));
  const lifetime = o.lifetime ?? 8;
  const records = o.records ?? 0.25;
  const values: LevelValue[] = [];
  // A value stays in scope at most `span` ticks (drop - arrive <= span), and values come in
  // arrival order, so the ones in scope at a tick lie in a window of arrivals just before
  // it: search that window only (the same values, in the same order, as a full scan).
  const span = Math.max(1, Math.floor(lifetime) + 1);
  let lo = 0;
  for (let i = 0; i < o.values; i++) {
    const arrive = Math.min(ticks - 1, Math.floor((i * ticks) / o.values));
    const drop = Math.min(ticks, arrive + int(1, lifetime));
    const uses: number[] = [];
    for (let t = arrive; t <= Math.min(drop, ticks - 1); t++) if (r() < 0.3) uses.push(t);
    const id = `v${i}`;
    while (lo < values.length && values[lo].arrive < arrive - span) lo++;
    const inScope = values.slice(lo).filter((w) => w.arrive <= arrive && (w.drop ?? ticks) >= arrive);
    if (r() < records && inScope.length > 0) {
      const fields = Array.from({ length: int(1, 3) }, (_, k) =>
        r() < 0.6
          ? { name: `p${k}`, ref: r() < 0.15 ? null : inScope[int(0, inScope.length - 1)].id }
          : { name: `n${k}`, value: int(0, 255) },
      );
      values.push({ id, fields, arrive, uses, drop });
    } else {
      const kind = int(0, 4);
      const value: LevelValue =
        kind === 0
          ? { id, value: int(0, 255), arrive, uses, drop }
          : kind === 1
            ? { id, value: int(-30000, 30000), type: 'i16', arrive, uses, drop }
            : kind === 2
              ? { id, value: int(0, 1000) / 8, type: 'f32', arrive, uses, drop }
              : kind === 3
                ? { id, value: 'é', type: 'char', arrive, uses, drop }
                : { id, value: 'x'.repeat(int(1, 6)), arrive, uses, drop };
      values.push(value);
    }
  }
  const sets: Level['sets'] = [];
  const recs = values.filter((v) => v.fields?.some((f) => 'ref' in f));
  const nSets = Math.floor(((o.sets ?? 10) * o.values) / 100);
  for (let k = 0; k < nSets && recs.length > 0; k++) {
    const rec = recs[int(0, recs.length - 1)];
    const t = int(rec.arrive, Math.min(rec.drop ?? ticks, ticks - 1));
    const field = rec.fields!.findIndex((f) => 'ref' in f);
    const candidates = values
      .slice(firstArrivingAt(values, t - span), firstArrivingAt(values, t))
      .filter((w) => w.arrive < t && (w.drop ?? ticks) >= t);
    const to = candidates.length > 0 && r() < 0.8 ? candidates[int(0, candidates.length - 1)].id : null;
    sets.push({ tick: t, in: rec.id, field, to });
  }
  return {
    id: `generated-${o.seed}`,
    title: `Generated level ${o.seed}`,
    memory: o.memory,
    ticks,
    values,
    sets,
    ...(o.collector ? { gc: { collector: o.collector } } : {}),
  };
}

/** Index of the first value arriving at `tick` or later (values are in arrival order). */
function firstArrivingAt(values: readonly LevelValue[], tick: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid].arrive < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
