// A tick's step in watch mode says what the program did in it: who arrives, how many
// pointers it wrote, how many reads, who goes out of scope, or that nothing happens.
// Checked against the level's own program on random levels, for every collector.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel, tickEvents } from '../../../src/engine/level/compile.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { compile, playAnimated, plural } from './helpers.js';
import { anyLevelArb } from './levels.js';

const TICK = /^tick (\d+): (.*)$/;

describe("a tick's words in watch mode", () => {
  it('name what the tick did, in the order arrivals, pointer writes, reads, out of scope', () => {
    const seen = { arrives: 0, arriveMany: 0, writes: 0, reads: 0, goes: 0, goMany: 0 };
    fc.assert(
      fc.property(anyLevelArb, fc.constantFrom(...COLLECTORS), (json, collector) => {
        const level = compileLevel(json);
        const ids = (vs: readonly number[]) => vs.map((v) => level.values[v]!.id).join(', ');
        playAnimated(level, collector, (rt, step) => {
          if (step.kind !== 'tick') return;
          const m = TICK.exec(step.text);
          expect(m, step.text).not.toBeNull();
          const t = Number(m![1]);
          expect(t).toBe(rt.state.tick - 1);
          const ev = tickEvents(level.program, t);
          const parts = m![2] === 'nothing happens' ? [] : m![2]!.split('; ');
          let k = 0;
          if (ev.arrive.length > 0) {
            expect(parts[k++]).toBe(`${ids(ev.arrive)} ${ev.arrive.length === 1 ? 'arrives' : 'arrive'}`);
            if (ev.arrive.length === 1) seen.arrives++;
            else seen.arriveMany++;
          }
          const writes = parts[k] !== undefined ? /^(\d+) pointer writes?$/.exec(parts[k]!) : null;
          if (writes) {
            expect(parts[k]).toBe(plural(Number(writes[1]), 'pointer write'));
            expect(Number(writes[1])).toBeGreaterThanOrEqual(ev.sets.length);
            k++;
            seen.writes++;
          } else expect(ev.sets).toEqual([]);
          if (ev.uses.length > 0) {
            expect(parts[k++]).toBe(plural(ev.uses.length, 'read'));
            seen.reads++;
          }
          if (ev.drops.length > 0) {
            expect(parts[k++]).toBe(`${ids(ev.drops)} ${ev.drops.length === 1 ? 'goes' : 'go'} out of scope`);
            if (ev.drops.length === 1) seen.goes++;
            else seen.goMany++;
          }
          expect(parts).toHaveLength(k);
          if (k === 0) expect(m![2]).toBe('nothing happens');
        });
      }),
      // Full count even in a mutation run: the counts below need ticks of every kind.
      { numRuns: 30 },
    );
    for (const [kind, n] of Object.entries(seen)) expect(n, kind).toBeGreaterThan(0);
  });

  it('says so when nothing happens in a tick', () => {
    const level = compile({ memory: 16, ticks: 3, values: [{ id: 'a', value: 'x', arrive: 0, uses: [2] }] });
    const texts: string[] = [];
    playAnimated(level, 'mark-sweep', (_rt, step) => {
      if (step.kind === 'tick') texts.push(step.text);
    });
    expect(texts).toEqual(['tick 0: a arrives', 'tick 1: nothing happens', 'tick 2: 1 read']);
  });
});
