// What the incremental collector shows in watch mode says what it did: every grey, black,
// swept and kept step names the block it is about and its boxes, a grey step's pointer
// box holds the grey block's address, and each pause's sentence counts exactly the steps
// it showed. Checked against the run itself on random levels.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import { playAnimated, plural } from './helpers.js';
import { anyLevelArb } from './levels.js';

describe('incremental, step by step', () => {
  it("each step's words match the block it is about, and each pause's sentence counts its steps", () => {
    let seen = { grey: 0, black: 0, swept: 0, kept: 0, sentences: 0 };
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel(json);
        const id = (v: number) => level.values[v]!.id;
        let pause: { blackened: number; read: number; examined: number; freed: number; freedBoxes: number } | null =
          null;
        playAnimated(level, 'incremental', (rt, step) => {
          const v = step.value;
          if (step.kind === 'collect') pause = { blackened: 0, read: 0, examined: 0, freed: 0, freedBoxes: 0 };
          else if (step.kind === 'grey') {
            const m = /^mark: the pointer in box (\d+) leads to (.+): grey$/.exec(step.text);
            expect(m, step.text).not.toBeNull();
            expect(m![2]).toBe(id(v!));
            expect(decodePointer(rt.state.bytes, Number(m![1]), level.ptrWidth)).toBe(step.addr);
            expect(rt.state.variables[v!]!.addr).toBe(step.addr);
            seen.grey++;
          } else if (step.kind === 'black') {
            // A block handed out in this gap is not written yet: its pointers mean nothing, none are read.
            const written = level.values[v!]!.arrive < rt.state.tick;
            const reads = written ? level.values[v!]!.pointerOffsets.length : 0;
            expect(step.text).toBe(`mark: ${id(v!)} at ${step.addr} is black (${plural(reads, 'pointer')} read)`);
            expect(rt.state.variables[v!]!.addr).toBe(step.addr);
            expect(step.size).toBe(level.values[v!]!.size);
            pause!.blackened++;
            pause!.read += reads;
            seen.black++;
          } else if (step.kind === 'swept') {
            expect(step.text).toBe(
              `sweep: ${id(v!)} at ${step.addr} is white: freed (${plural(step.size!, 'box', 'boxes')})`,
            );
            pause!.examined++;
            pause!.freed++;
            pause!.freedBoxes += step.size!;
            seen.swept++;
          } else if (step.kind === 'sweep') {
            expect(step.text).toBe(`sweep: ${id(v!)} at ${step.addr} is marked: kept`);
            pause!.examined++;
            seen.kept++;
          } else if (step.kind === 'collected' && pause) {
            const p = pause as NonNullable<typeof pause>;
            const marked = `${plural(p.blackened, 'block')} blackened (${plural(p.read, 'pointer')} read)`;
            const swept = `${plural(p.examined, 'block')} swept past, ${p.freed} freed (${plural(p.freedBoxes, 'box', 'boxes')})`;
            if (p.blackened > 0) expect(step.text).toContain(marked);
            else expect(step.text).not.toContain('blackened');
            if (p.examined > 0) expect(step.text).toContain(swept);
            else expect(step.text).not.toContain('swept past');
            seen.sentences++;
            pause = null;
          }
        });
      }),
      // Full count even in a mutation run: the counts below need the steps of every kind.
      { numRuns: 40 },
    );
    // The runs went through every kind of step, and through pauses that did some of each.
    expect(seen.grey).toBeGreaterThan(0);
    expect(seen.black).toBeGreaterThan(0);
    expect(seen.swept).toBeGreaterThan(0);
    expect(seen.kept).toBeGreaterThan(0);
    expect(seen.sentences).toBeGreaterThan(0);
    seen = { grey: 0, black: 0, swept: 0, kept: 0, sentences: 0 };
  });
});
