// What mark-compact shows in watch mode says what it did: each block that will slide is
// named with where it is and where it goes (and it ends up there), each unmarked block
// with its boxes, each slide with its boxes, and each collection's sentence counts
// exactly the blocks it showed dropped and slid. Checked against the run on random levels.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import { boxes, playAnimated, plural } from './helpers.js';
import { anyLevelArb } from './levels.js';

describe('mark-compact, step by step', () => {
  it("each step's words match the block it is about, and each collection's sentence counts its steps", () => {
    const seen = { forward: 0, dropped: 0, slid: 0, rewritten: 0, sentences: 0 };
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel(json);
        const id = (v: number) => level.values[v]!.id;
        let c: {
          forwards: Map<number, number>;
          dropped: number;
          droppedBoxes: number;
          slid: number;
          slidBoxes: number;
          rewritten: number;
        } | null = null;
        playAnimated(level, 'mark-compact', (rt, step) => {
          const v = step.value!;
          if (step.kind === 'collect')
            c = { forwards: new Map(), dropped: 0, droppedBoxes: 0, slid: 0, slidBoxes: 0, rewritten: 0 };
          if (!c) return;
          const now = c as NonNullable<typeof c>;
          if (step.kind === 'forward') {
            const m = /^compact: (.+) at (\d+) will slide down to (\d+)$/.exec(step.text);
            expect(m, step.text).not.toBeNull();
            expect([m![1], Number(m![2])]).toEqual([id(v), step.addr]);
            expect(Number(m![3])).toBeLessThan(step.addr!);
            now.forwards.set(v, Number(m![3]));
            seen.forward++;
          } else if (step.kind === 'rewrite') {
            // Only a pointer to a block that will slide is rewritten, to where that block will be.
            const m = /^compact: the pointer in box (\d+) \((.+)\) now says (\d+), where (.+) will be$/.exec(step.text);
            expect(m, step.text).not.toBeNull();
            expect(m![2]).toBe(id(v));
            const target = level.indexOf.get(m![4]!)!;
            expect(now.forwards.get(target)).toBe(Number(m![3]));
            expect(decodePointer(rt.state.bytes, Number(m![1]), level.ptrWidth)).toBe(Number(m![3]));
            expect([step.addr, step.size]).toEqual([Number(m![1]), level.ptrWidth]);
            now.rewritten++;
            seen.rewritten++;
          } else if (step.kind === 'swept') {
            expect(step.text).toBe(`compact: ${id(v)} at ${step.addr} is unmarked: dropped (${boxes(step.size!)})`);
            expect(rt.state.blocks.some((b) => b.owner === v)).toBe(false);
            now.dropped++;
            now.droppedBoxes += step.size!;
            seen.dropped++;
          } else if (step.kind === 'move') {
            const m = /^compact: (.+) slides from (\d+) to (\d+) \((.+) moved\)$/.exec(step.text);
            expect(m, step.text).not.toBeNull();
            expect(m![1]).toBe(id(v));
            expect(Number(m![3])).toBe(now.forwards.get(v));
            expect(rt.state.variables[v]!.addr).toBe(Number(m![3]));
            expect(m![4]).toBe(boxes(level.values[v]!.size));
            now.slid++;
            now.slidBoxes += level.values[v]!.size;
            seen.slid++;
          } else if (step.kind === 'collected') {
            expect(step.text).toContain(
              `${now.dropped} dropped (${boxes(now.droppedBoxes)}), ${now.slid} slid down (${boxes(now.slidBoxes)} moved), ${plural(now.rewritten, 'pointer')} rewritten`,
            );
            // Every block announced as sliding did slide.
            expect(now.slid).toBe(now.forwards.size);
            seen.sentences++;
            c = null;
          }
        });
      }),
      // Full count even in a mutation run: the counts below need the steps of every kind.
      { numRuns: 40 },
    );
    expect(seen.forward).toBeGreaterThan(0);
    expect(seen.dropped).toBeGreaterThan(0);
    expect(seen.slid).toBeGreaterThan(0);
    expect(seen.rewritten).toBeGreaterThan(0);
    expect(seen.sentences).toBeGreaterThan(0);
  });
});
