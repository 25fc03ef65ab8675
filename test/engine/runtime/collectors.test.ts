// Hand-built levels, each showing one promise of a collector (what it frees,
// what it costs, its pauses) with figures worked out
// by hand.
import { describe, expect, it } from 'vitest';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import { expectedBytes } from '../../../src/engine/level/compile.js';
import { blockStartingAt } from '../../../src/engine/run/memory.js';
import { metricsOf } from '../../../src/engine/scoring/metrics.js';
import { createRuntime, runCollector } from '../../../src/engine/runtime/index.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { totalBugs, type RunState } from '../../../src/engine/run/state.js';
import type { CompiledLevel } from '../../../src/engine/level/compile.js';
import { compile, heapProblems, playAnimated } from './helpers.js';
import { HOLE } from '../../support/hole-level.js';

/** Every value with a live block holds its expected bytes, pointers included. */
function expectLiveBytes(level: CompiledLevel, state: RunState): void {
  for (const b of state.blocks) {
    const v = level.values[b.owner];
    if (v.arrive >= state.tick) continue;
    const want = expectedBytes(v, state.targets[b.owner], (t) => state.variables[t].addr, level.ptrWidth);
    expect(Array.from(state.bytes.subarray(b.start, b.start + v.size)), v.id).toEqual(want);
  }
}

const collects = (s: RunState) => s.log.filter((e) => e.kind === 'collect');

// memory 16: boxes 1..15, 1-box pointers.
//   tick 0: big "abcdefg" (8 boxes) at 1..8, out of scope after tick 1;
//           leaf u16 (2 boxes) at 9..10; node {next → leaf, n} (2 boxes) at 11..12.
//   before tick 2: more "0123456" (8 boxes): the free runs are 13..15 (3 boxes) only.
//   A collection finds big dead: its 8 boxes and the 3 at the top are two runs.

describe('mark-compact', () => {
  it('slides live blocks down, keeps their bytes and rewrites every pointer to them', () => {
    const level = compile(HOLE);
    const seen: string[] = [];
    const rt = playAnimated(level, 'mark-compact', (rt, step) => {
      seen.push(step.kind);
      if (step.kind === 'collected') {
        // leaf slid 9 → 1, node 11 → 3; node's pointer box (its first) now says 1.
        expect(rt.state.variables[1].addr).toBe(1);
        expect(rt.state.variables[2].addr).toBe(3);
        expect(decodePointer(rt.state.bytes, 3, 1)).toBe(1);
        expect(rt.state.blocks.map((b) => [b.start, b.size])).toEqual([
          [1, 2],
          [3, 2],
        ]);
        expect(rt.state.used).toBe(4);
        expectLiveBytes(level, rt.state);
        expect(heapProblems(level, rt.state)).toEqual([]);
      }
    });
    expect(seen).toContain('rewrite');
    expect(seen.filter((k) => k === 'move')).toHaveLength(2);
    const s = rt.state;
    expect(s.crash).toBeNull();
    expect(s.finished).toBe(true);
    expect(s.variables[3].addr).toBe(5); // more, by first fit right above the slid blocks
    expect(totalBugs(s.bugs)).toBe(0); // the reads at ticks 3 and 4 decoded what they expected
    expectLiveBytes(level, s);
  });
});

describe('fragmentation: mark-sweep runs out of memory where mark-compact finishes', () => {
  // memory 32 (31 boxes). Tick 0: four 4-box strings (out of scope after tick 1), each
  // followed by a 1-box number kept to the end: 20 boxes, holes to be at 1, 6, 11, 16.
  // Before tick 2, a 12-box string: after a sweep the runs are 4, 4, 4, 4 and 11 boxes.
  const values = [];
  for (let i = 0; i < 4; i++) {
    values.push({ id: `short${i}`, value: 'abc', arrive: 0, drop: 1 });
    values.push({ id: `keep${i}`, value: i, arrive: 0, uses: [3] });
  }
  values.push({ id: 'wide', value: 'hello world', arrive: 2, uses: [3] });
  const level = compile({ memory: 32, ticks: 4, values });

  it('mark-sweep: 20 boxes free, none 12 in a row', () => {
    const s = runCollector(level, 'mark-sweep');
    expect(s.crash).toBe('oom');
    expect(metricsOf(level, s, 0, null).completed).toBe(false);
    expect(s.used).toBe(4);
    // The log's out-of-memory line is about the value that found no room (what the log and the review point at).
    expect(s.log.find((e) => e.kind === 'oom')).toMatchObject({ value: 'wide', tick: 2 });
  });

  it('mark-compact: the four numbers slide to 1..4 and the string fits', () => {
    const s = runCollector(level, 'mark-compact');
    expect(s.crash).toBeNull();
    expect(metricsOf(level, s, 0, null).completed).toBe(true);
    expect([0, 1, 2, 3].map((i) => s.variables[level.indexOf.get(`keep${i}`)!].addr)).toEqual([1, 2, 3, 4]);
    expect(s.variables[level.indexOf.get('wide')!].addr).toBe(5);
    expect(totalBugs(s.bugs)).toBe(0);
  });
});

describe('refcount', () => {
  // memory 64, 1-box pointers; each record is {next, n}: 2 boxes.
  //   a 2-cycle x ⇄ y, both out of scope after tick 2: 4 boxes;
  //   a 3-cycle p → r → q → p, out of scope after tick 3: 6 boxes;
  //   an acyclic chain c3 → c2 → c1, c1 and c2 out of scope after tick 1, c3 after tick 3:
  //     freed in one cascade when c3 goes;
  //   a self-loop z kept in scope to the end: reachable, so not leaked.
  const rec = (id: string, next: string | null, arrive = 0, drop?: number) => ({
    id,
    fields: [
      { name: 'next', ref: next },
      { name: 'n', value: 1 },
    ],
    arrive,
    ...(drop ? { drop } : {}),
  });
  const level = compile({
    memory: 64,
    ticks: 6,
    values: [
      rec('x', null, 0, 2),
      rec('y', 'x', 0, 2),
      rec('p', null, 0, 3),
      rec('q', 'p', 0, 3),
      rec('r', 'q', 0, 3),
      rec('c1', null, 0, 1),
      rec('c2', 'c1', 0, 1),
      rec('c3', 'c2', 0, 3),
      rec('z', null, 1),
    ],
    sets: [
      { tick: 1, in: 'x', field: 'next', to: 'y' },
      { tick: 1, in: 'p', field: 'next', to: 'r' },
      { tick: 1, in: 'z', field: 'next', to: 'z' },
    ],
  });
  const id = (name: string) => level.indexOf.get(name)!;

  it('does not count as leaked what a root still reaches through a pointer, out of scope as it is', () => {
    // holder stays in scope to the end and points to w (3 boxes), out of scope after
    // tick 1: refcount keeps w (its count is 1), and the end's count of leaked boxes,
    // a trace from the roots through the pointers, finds it reached. Only the 2-cycle
    // a ⇄ b (4 boxes) is leaked.
    const reached = compile({
      memory: 64,
      ticks: 4,
      values: [
        rec('a', null, 0, 1),
        rec('b', 'a', 0, 1),
        rec('holder', 'w', 0),
        { id: 'w', value: 'ab', arrive: 0, drop: 1 },
      ],
      sets: [{ tick: 0, in: 'a', field: 'next', to: 'b' }],
    });
    const s = runCollector(reached, 'refcount');
    expect(s.variables[reached.indexOf.get('w')!]!.freed).toBe(false);
    expect(s.leakedAtEnd).toBe(4);
  });

  it('leaks exactly the unreachable cycles', () => {
    const s = runCollector(level, 'refcount');
    expect(s.crash).toBeNull();
    expect(s.leakedAtEnd).toBe(4 + 6);
    for (const v of ['x', 'y', 'p', 'q', 'r', 'z']) expect(s.variables[id(v)].freed, v).toBe(false);
    for (const v of ['c1', 'c2', 'c3']) expect(s.variables[id(v)].freed, v).toBe(true);
    expect(s.used).toBe(4 + 6 + 2);
    expect(totalBugs(s.bugs)).toBe(0);
  });

  it('counts roots and pointers: the chain is freed in one cascade when c3 goes', () => {
    const counts: number[][] = [];
    const frees: string[] = [];
    const rt = createRuntime(level, 'refcount');
    for (let st = rt.next(); st; st = rt.next()) {
      if (st.kind === 'tick') counts.push(Array.from(rt.view.counts!));
      if (st.kind === 'free') frees.push(`${rt.state.tick - 1}:${level.values[st.value!].id}`);
    }
    // After tick 0 has been counted (seen at tick 1's step): x 1+1 (root, y), y 1, p 2, q 2, r 1, c1 2, c2 2, c3 1.
    expect(counts[1].slice(0, 8)).toEqual([2, 1, 2, 2, 1, 2, 2, 1]);
    expect(frees).toEqual(['3:c3', '3:c2', '3:c1']);
    expect(rt.view.counts![id('x')]).toBe(1); // held only by y: the cycle's own count
    expect(rt.view.counts![id('z')]).toBe(2); // its root and its own pointer
  });

  it('tracing collectors leak nothing', () => {
    for (const name of ['mark-sweep', 'mark-compact', 'copying'] as const)
      expect(runCollector(level, name).leakedAtEnd).toBe(0);
  });
});

describe('copying', () => {
  it('never has a block outside its current half, nor more than half allocated', () => {
    // Lots of short-lived strings through a 40-box memory: halves of 19 boxes, many flips.
    const values = Array.from({ length: 60 }, (_, i) => ({
      id: `s${i}`,
      value: 'a'.repeat(1 + (i % 3)),
      arrive: Math.floor(i / 2),
      drop: Math.floor(i / 2) + 1 + (i % 3 === 0 ? 1 : 0),
    }));
    const level = compile({ memory: 40, ticks: 31, values: values.map((v) => ({ ...v, drop: Math.min(31, v.drop) })) });
    let flips = 0;
    const rt = playAnimated(level, 'copying', (rt, step) => {
      if (step.kind === 'flip') flips++;
      const half = rt.view.half!;
      expect(half.end - half.start).toBe(19);
      for (const b of rt.state.blocks) {
        expect(b.start).toBeGreaterThanOrEqual(half.start);
        expect(b.start + b.size).toBeLessThanOrEqual(half.end);
      }
      for (const b of rt.view.copies ?? []) expect(b.start + b.size <= half.start || b.start >= half.end).toBe(true);
      expect(rt.state.used).toBeLessThanOrEqual(19);
    });
    expect(rt.state.crash).toBeNull();
    expect(flips).toBeGreaterThan(3);
    expect(rt.state.peak).toBeLessThanOrEqual(19);
  });
});

describe('pauses are ceil(W / workPerTick)', () => {
  // HOLE, workPerTick 3. Before tick 2 (roots: leaf, node; big is out of scope):
  //   mark: 2 blocks marked + 1 pointer read (node.next)             W = 3
  //   mark-sweep:   + sweep 3 blocks examined                        W = 6  → 2 ticks
  //   mark-compact: + 3 blocks examined + 1 pointer rewritten
  //                 + 4 boxes moved (leaf 2, node 2)                 W = 11 → 4 ticks
  // Allocator work: big, leaf, node 1 run examined each (3); more: 1 (13..15, too small),
  //   then 1 after collecting (1..8 for mark-sweep, 5..15 for mark-compact).
  const level = compile(HOLE);

  it('mark-sweep: W = 6, pause 2', () => {
    const s = runCollector(level, 'mark-sweep');
    expect([s.pauses, s.pauseTicks, s.longestPause]).toEqual([1, 2, 2]);
    expect(s.work).toBe(3 + 1 + 6 + 1);
    expect(s.variables[3].addr).toBe(1); // more, in big's old boxes
    expect(collects(s)[0].text).toMatch(/6 units of work, pause 2 ticks/);
  });

  it('mark-compact: W = 11, pause 4, put on the next tick of the timeline', () => {
    const s = runCollector(level, 'mark-compact');
    expect([s.pauses, s.pauseTicks, s.longestPause]).toEqual([1, 4, 4]);
    expect(s.work).toBe(3 + 1 + 11 + 1);
    expect(s.timeline.points().map((p) => p.pause)).toEqual([0, 0, 4, 0, 0]);
    expect(collects(s)[0].text).toBe(
      'mark-compact: 2 blocks marked (1 pointer read), 1 dropped (8 boxes), 2 slid down (4 boxes moved), 1 pointer rewritten; 11 units of work, pause 4 ticks',
    );
  });

  it('refcount: per tick, only the work beyond workPerTick', () => {
    // After tick 0: +1 big, +1 leaf, +1 node (roots), +1 leaf (node.next) = 4 > 3: pause ceil(1/3) = 1.
    // After tick 1: big out of scope -1, count 0, freed +1 = 2: no pause.
    // After tick 2: more arrives +1: no pause. After tick 4 (the end): nothing drops.
    const s = runCollector(level, 'refcount');
    expect([s.pauses, s.pauseTicks, s.longestPause]).toEqual([1, 1, 1]);
    expect(s.timeline.points().map((p) => p.pause)).toEqual([0, 1, 0, 0, 0]);
    expect(s.variables[3].addr).toBe(1); // more, first fit into big's old boxes
  });

  it('copying: W = boxes copied + pointers rewritten', () => {
    // memory 32: halves 1..15 and 16..30. Tick 0: big "abcdefghi" (10) at 1, leaf (2) at 11,
    // node (2) at 13; bump at 15. Before tick 2, more (4 boxes) does not fit in 15..15.
    //   copy leaf (2 boxes) and node (2 boxes) to 16 and 18, rewrite node.next: W = 5.
    // workPerTick 2 → pause 3.
    const lvl = compile({
      ...HOLE,
      memory: 32,
      values: [
        { ...HOLE.values[0], value: 'abcdefghi' },
        ...HOLE.values.slice(1, 3),
        { ...HOLE.values[3], value: 'abc' },
      ],
      gc: { workPerTick: 2 },
    });
    const s = runCollector(lvl, 'copying');
    expect(s.crash).toBeNull();
    expect([s.pauses, s.pauseTicks, s.longestPause]).toEqual([1, 3, 3]);
    expect(collects(s)[0].text).toMatch(
      /^copying: 2 blocks copied \(4 boxes\), 1 pointer rewritten, 1 dead block left behind \(10 boxes\); 5 units of work, pause 3 ticks$/,
    );
    expect([1, 2, 3].map((v) => s.variables[v].addr)).toEqual([16, 18, 20]);
    expect(decodePointer(s.bytes, 18, 1)).toBe(16);
    // Allocator work: 1 per bump allocation, and 1 for the one that failed: 5.
    expect(s.work).toBe(5 + 5);
  });

  it('the trigger collects before an allocation would pass it', () => {
    // trigger 0.5 of 15 boxes: before tick 2, 12 in use + 8 > 7.5: collect first (as above),
    // then more fits in 1..8 at once: one collection, no failed first fit.
    const s = runCollector(compile({ ...HOLE, gc: { workPerTick: 3, trigger: 0.5 } }), 'mark-sweep');
    expect(collects(s)).toHaveLength(2);
    expect(s.crash).toBeNull();
  });
});

describe('determinism', () => {
  it('the same level and collector give identical metrics, animated or not', () => {
    const level = compile(HOLE);
    for (const name of COLLECTORS) {
      const a = metricsOf(level, runCollector(level, name), 0, null);
      const b = metricsOf(level, runCollector(level, name), 0, null);
      const rt = createRuntime(level, name);
      while (rt.next());
      expect(b, name).toEqual(a);
      expect(metricsOf(level, rt.state, 0, null), name).toEqual(a);
    }
  });
});

describe('blocks handed out before a collection are protected', () => {
  it('a block given to a value arriving next tick survives the collection its neighbour causes', () => {
    // Before tick 2: first (3 boxes) fits in 13..15; then second (8) does not: collect.
    // first is no root yet (it has not arrived) but must survive, unwritten.
    const level = compile({
      ...HOLE,
      values: [
        ...HOLE.values.slice(0, 3),
        { id: 'first', value: 'ab', arrive: 2, uses: [2] },
        { ...HOLE.values[3], id: 'second' },
      ],
    });
    for (const name of ['mark-sweep', 'mark-compact'] as const) {
      const s = runCollector(level, name);
      expect(totalBugs(s.bugs), name).toBe(0);
      expect(blockStartingAt(s.blocks, s.variables[3].addr)?.owner, name).toBe(3);
    }
  });
});
