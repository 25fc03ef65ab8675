// Random valid levels for the runtime's property tests: small memories, so that most runs
// collect (and some run out of memory); above 256 boxes, 2-box pointers.
import fc from 'fast-check';
import { generateLevel, rng } from '../../support/generate.js';
import type { Level, LevelField, LevelSet, LevelValue } from '../../../src/engine/level/schema.js';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { certifyLevel } from '../../../src/engine/solver/par.js';
import { perfectPeak } from '../../../src/engine/solver/perfect-timing.js';

/**
 * The level with as much more memory as it takes for a programmer to finish it (a level
 * must be solvable to be valid): first room for what perfect timing holds at its peak,
 * then a quarter more at a time until the oracle or the solver finishes it.
 */
export function solvable(level: Level): Level {
  let l = level;
  const peak = perfectPeak(compileLevel(l));
  if (peak >= l.memory) l = { ...l, memory: Math.min(65536, peak + 1) };
  while (l.memory < 65536 && !certifyLevel(compileLevel(l)).ok)
    l = { ...l, memory: Math.min(65536, Math.ceil(l.memory * 1.25)) };
  return l;
}

export const levelArb = fc
  .record({
    seed: fc.nat(),
    values: fc.integer({ min: 10, max: 150 }),
    memory: fc.oneof(fc.integer({ min: 24, max: 96 }), fc.integer({ min: 257, max: 330 })),
    lifetime: fc.integer({ min: 1, max: 14 }),
    records: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
    sets: fc.integer({ min: 0, max: 60 }),
    trigger: fc.constantFrom(1, 0.9, 0.6, 0.3),
    workPerTick: fc.integer({ min: 1, max: 20 }),
  })
  .map(({ trigger, workPerTick, ...o }): Level => ({ ...generateLevel(o), gc: { trigger, workPerTick } }));

/**
 * A level whose records link to values that only pointers keep alive: refs and sets name
 * any value reachable at that tick (through records), not only the ones in scope, so
 * pointers move between blocks the way a write barrier must notice.
 */
export function linkedLevel(o: {
  seed: number;
  ticks: number;
  perTick: number;
  memory: number;
  lifetime: number;
  sets: number;
}): Level {
  const r = rng(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const values: LevelValue[] = [];
  const sets: LevelSet[] = [];
  // The program's graph as the ticks go: each record's pointer fields (value index or null).
  const links: (number | null)[][] = [];
  const arrive: number[] = [];
  const drop: number[] = [];
  const reachable = (t: number): number[] => {
    const seen = new Set<number>();
    const stack: number[] = [];
    for (let v = 0; v < values.length; v++)
      if (arrive[v] < t && drop[v] > t) {
        seen.add(v);
        stack.push(v);
      }
    while (stack.length > 0)
      for (const to of links[stack.pop()!])
        if (to !== null && !seen.has(to)) {
          seen.add(to);
          stack.push(to);
        }
    return [...seen].sort((a, b) => a - b);
  };
  for (let t = 0; t < o.ticks; t++) {
    const live = reachable(t);
    for (let k = 0; k < o.perTick; k++) {
      const i = values.length;
      const id = `v${i}`;
      const d = Math.min(o.ticks, t + int(1, o.lifetime));
      arrive.push(t);
      drop.push(d);
      if (r() < 0.6) {
        const fields: LevelField[] = [];
        const refs: (number | null)[] = [];
        for (let f = 0; f < int(1, 2); f++) {
          const to = live.length > 0 && r() < 0.8 ? pick(live) : null;
          refs.push(to);
          fields.push({ name: `p${f}`, ref: to === null ? null : `v${to}` });
        }
        if (r() < 0.5) fields.push({ name: 'n', value: int(0, 255) });
        links.push(refs);
        values.push({ id, fields, arrive: t, drop: d, uses: r() < 0.5 ? [t] : [] });
      } else {
        links.push([]);
        values.push({ id, value: 'x'.repeat(int(1, 4)), arrive: t, drop: d, uses: r() < 0.5 ? [t] : [] });
      }
    }
    // Sets: a reachable record's field now points to another reachable value, or to null.
    for (let s = 0; s < o.sets; s++) {
      const now = reachable(t).filter((v) => arrive[v] < t || (arrive[v] === t && v < values.length));
      const recs = now.filter((v) => links[v].length > 0 && arrive[v] < t);
      if (recs.length === 0) break;
      const rec = pick(recs);
      const slot = int(0, links[rec].length - 1);
      const targets = now.filter((v) => arrive[v] < t);
      const to = targets.length > 0 && r() < 0.8 ? pick(targets) : null;
      links[rec][slot] = to;
      sets.push({ tick: t, in: `v${rec}`, field: `p${slot}`, to: to === null ? null : `v${to}` });
    }
  }
  // A level is valid only if perfect timing can hold it: give it at least the memory the
  // values need at once when each lives from its arrival to its last use, scope or write
  // into it, with room to spare for placement.
  const need = (memory: number): number => {
    const ptr = memory <= 256 ? 1 : 2;
    const size = (v: LevelValue): number =>
      'fields' in v && v.fields
        ? v.fields.reduce((n, f) => n + ('ref' in f ? ptr : 1), 0)
        : String((v as { value: string }).value).length + 1;
    const last = values.map((v, i) => Math.max(drop[i] - 1, ...(v.uses ?? []), arrive[i]));
    for (const s of sets) {
      const rec = Number(s.in.slice(1));
      last[rec] = Math.max(last[rec], s.tick);
    }
    let most = 0;
    for (let t = 0; t < o.ticks; t++) {
      let n = 0;
      values.forEach((v, i) => {
        if (arrive[i] <= t && t <= last[i]) n += size(v);
      });
      most = Math.max(most, n);
    }
    return most + Math.ceil(most / 4) + 2;
  };
  let memory = Math.max(o.memory, need(o.memory));
  if (memory > 256 && o.memory <= 256) memory = Math.max(memory, need(memory));
  return { id: `linked-${o.seed}`, title: `Linked level ${o.seed}`, memory, ticks: o.ticks, values, sets };
}

export const linkedLevelArb = fc
  .record({
    seed: fc.nat(),
    ticks: fc.integer({ min: 4, max: 40 }),
    perTick: fc.integer({ min: 1, max: 4 }),
    memory: fc.oneof(fc.integer({ min: 40, max: 120 }), fc.integer({ min: 257, max: 330 })),
    lifetime: fc.integer({ min: 1, max: 10 }),
    sets: fc.integer({ min: 0, max: 3 }),
    trigger: fc.constantFrom(1, 0.9, 0.6, 0.3),
    workPerTick: fc.integer({ min: 1, max: 20 }),
    slice: fc.integer({ min: 1, max: 12 }),
  })
  .map(
    ({ trigger, workPerTick, slice, ...o }): Level =>
      solvable({ ...linkedLevel(o), gc: { trigger, workPerTick, slice } }),
  );

/** Either kind of random level. */
export const anyLevelArb = fc.oneof(levelArb, linkedLevelArb);
