// A run nobody watches yields nothing but its gaps, for every collector (the runtime's
// headless promise: the same log, no steps made), and refcount's count steps happen in its
// count phase, also at a tick whose only counting comes from the program's pointer writes.
import { describe, expect, it } from 'vitest';
import type { Level } from '../../../src/engine/level/schema.js';
import { createRuntime, resumeRuntime, runCollector } from '../../../src/engine/runtime/index.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { HOLE } from '../../support/hole-level.js';
import { HEAD_JUNK_TAIL } from './hand-levels.js';
import { compile } from './helpers.js';

// In 16 boxes big finds no room before tick 2, so every collector collects there, and tail
// (out of scope, still pointed to by head) is reached through a pointer while marking.
const TIGHT_HEAD_JUNK_TAIL = { ...HEAD_JUNK_TAIL, id: 'tight', title: 'Tight', memory: 16 } as Level;
const LEVELS = [HOLE, HEAD_JUNK_TAIL, TIGHT_HEAD_JUNK_TAIL] as Level[];

describe('a quiet run, for every collector', () => {
  for (const collector of COLLECTORS)
    it(`${collector}: resumed quiet after its first gap, yields only gaps and logs what a headless run logs`, () => {
      for (const json of LEVELS) {
        const level = compile(json);
        const rt = createRuntime(level, collector, { gaps: true, verbose: true });
        expect(rt.next()?.kind).toBe('gap');
        const snap = rt.snapshot();
        const quiet = resumeRuntime({ ...snap, ctx: { ...snap.ctx, animate: false } });
        const kinds = new Set<string>();
        let gaps = 0;
        for (let s = quiet.next(); s; s = quiet.next()) {
          kinds.add(s.kind);
          gaps++;
        }
        expect([...kinds]).toEqual(['gap']);
        expect(gaps).toBeGreaterThan(0);
        const texts = (log: typeof quiet.state.log) => log.map((e) => `t${e.tick} ${e.kind} ${e.text}`);
        const headless = runCollector(level, collector, { verbose: true });
        expect(texts(quiet.state.log)).toEqual(texts(headless.log));
      }
    });

  it('collects in the quiet part of those runs (so the collection code above ran quietly)', () => {
    for (const collector of COLLECTORS) {
      const collected = LEVELS.some(
        (json) => runCollector(compile(json), collector).log.filter((e) => e.kind === 'collect').length > 0,
      );
      expect(collected, collector).toBe(true);
    }
  });
});

describe("refcount's phase", () => {
  /** A tick whose only counting is a pointer write: tick 1 points r at b, nothing arrives. */
  const WRITE_ONLY: Level = {
    id: 'write-only',
    title: 'A write alone',
    memory: 16,
    ticks: 3,
    values: [
      { id: 'a', value: 1, type: 'u8', arrive: 0, uses: [2] },
      { id: 'b', value: 2, type: 'u8', arrive: 0, uses: [2] },
      { id: 'r', fields: [{ name: 'p', ref: 'a' }], arrive: 0, uses: [2] },
    ],
    sets: [{ tick: 1, in: 'r', field: 'p', to: 'b' }],
  };

  it('is "count" at every count step, at a tick of arrivals and at a tick of pointer writes alone', () => {
    for (const json of [WRITE_ONLY, HOLE]) {
      const rt = createRuntime(compile(json), 'refcount');
      const counts: { tick: number; phase: string }[] = [];
      for (let s = rt.next(); s; s = rt.next())
        if (s.kind === 'count') counts.push({ tick: rt.state.tick, phase: rt.view.phase });
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.filter((c) => c.phase !== 'count')).toEqual([]);
      if (json === WRITE_ONLY) expect(counts.some((c) => c.tick === 2)).toBe(true); // tick 1's write, counted after it ran
    }
  });
});

describe('why a collection runs, and why a run ran out of memory', () => {
  it("an animated collection says it runs for a value's lack of room, naming the value and its size", () => {
    const rt = createRuntime(compile(HOLE), 'mark-sweep');
    const collects: string[] = [];
    for (let s = rt.next(); s; s = rt.next()) if (s.kind === 'collect') collects.push(s.text);
    // Before tick 2, more (8 boxes) finds only 13..15 free.
    expect(collects).toEqual(['mark-sweep: no room for more (8 boxes in a row); the program stops']);
  });

  it('refcount, which has no collection to run on demand, says so when a value finds no room', () => {
    // a and b point to each other, both out of scope after tick 0: a cycle refcount never
    // frees. Their 4 boxes (2 each) leave 3 of 7 usable boxes in a row, and big needs 5.
    const cycle = compile({
      memory: 8,
      ticks: 3,
      values: [
        {
          id: 'a',
          fields: [
            { name: 'p', ref: null },
            { name: 'n', value: 1 },
          ],
          arrive: 0,
          drop: 1,
        },
        {
          id: 'b',
          fields: [
            { name: 'p', ref: 'a' },
            { name: 'n', value: 2 },
          ],
          arrive: 0,
          drop: 1,
        },
        { id: 'big', value: 'abcd', arrive: 1, uses: [2] },
      ],
      sets: [{ tick: 0, in: 'a', field: 'p', to: 'b' }],
    });
    const state = runCollector(cycle, 'refcount');
    expect(state.crash).toBe('oom');
    expect(state.log.filter((e) => e.kind === 'oom').map((e) => e.text)).toEqual([
      'out of memory: big needs 5 boxes in a row, and refcount frees nothing more on demand, and the largest free run is 3',
    ]);
  });
});
