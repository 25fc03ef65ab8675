// What mark-sweep shows in watch mode says what it did: each root and each block a
// pointer leads to turns grey with its own name and address (the pointer's box holds
// that address), each black block counts the pointers it read, each swept or kept block
// is named with its boxes, and each collection's sentence counts exactly what it showed.
// Checked against the run on random levels.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import { boxes, compile, playAnimated, plural } from './helpers.js';
import { anyLevelArb } from './levels.js';

describe('mark-sweep, step by step', () => {
  it("each step's words match the block it is about, and each collection's sentence counts its steps", () => {
    const seen = { roots: 0, led: 0, black: 0, swept: 0, kept: 0, sentences: 0 };
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel(json);
        const id = (v: number) => level.values[v]!.id;
        let c: { marked: number; read: number; swept: number; sweptBoxes: number } | null = null;
        playAnimated(level, 'mark-sweep', (rt, step) => {
          const v = step.value!;
          if (step.kind === 'collect') c = { marked: 0, read: 0, swept: 0, sweptBoxes: 0 };
          if (!c) return;
          const now = c as NonNullable<typeof c>;
          if (step.kind === 'grey') {
            const led = /^mark: the pointer in box (\d+) leads to (.+) at (\d+): grey$/.exec(step.text);
            if (led) {
              expect([led[2], Number(led[3])]).toEqual([id(v), step.addr]);
              expect(decodePointer(rt.state.bytes, Number(led[1]), level.ptrWidth)).toBe(step.addr);
              seen.led++;
            } else {
              expect(step.text).toBe(`mark: ${id(v)} at ${step.addr} is a root: grey`);
              seen.roots++;
            }
          } else if (step.kind === 'black') {
            const written = level.values[v]!.arrive < rt.state.tick;
            const reads = written ? level.values[v]!.pointerOffsets.length : 0;
            expect(step.text).toBe(`mark: ${id(v)} at ${step.addr} is black (${plural(reads, 'pointer')} read)`);
            now.marked++;
            now.read += reads;
            seen.black++;
          } else if (step.kind === 'swept') {
            const n = step.size!;
            expect(step.text).toBe(
              `sweep: ${id(v)} at ${step.addr} is unmarked: its ${boxes(n)} ${n === 1 ? 'goes' : 'go'} back to the free list`,
            );
            expect(rt.state.blocks.some((b) => b.owner === v)).toBe(false);
            now.swept++;
            now.sweptBoxes += n;
            seen.swept++;
          } else if (step.kind === 'sweep') {
            expect(step.text).toBe(`sweep: ${id(v)} at ${step.addr} is marked: kept`);
            expect(rt.state.blocks.some((b) => b.owner === v && b.start === step.addr)).toBe(true);
            seen.kept++;
          } else if (step.kind === 'collected') {
            expect(step.text).toContain(
              `${plural(now.marked, 'block')} marked (${plural(now.read, 'pointer')} read), ${now.swept} swept (${boxes(now.sweptBoxes)})`,
            );
            seen.sentences++;
            c = null;
          }
        });
      }),
      // Full count even in a mutation run: the counts below need the steps of every kind.
      { numRuns: 40 },
    );
    for (const [kind, n] of Object.entries(seen)) expect(n, kind).toBeGreaterThan(0);
  });

  it('out of memory names the largest free run left after collecting', () => {
    // memory 16: 15 usable boxes. a (6 boxes) at 1 stays in scope; b (10 boxes) finds no
    // room, the collection frees nothing, and 7 to 15 (9 boxes) is the largest free run.
    const level = compile({
      memory: 16,
      ticks: 3,
      values: [
        { id: 'a', value: 'abcde', arrive: 0, uses: [2] },
        { id: 'b', value: 'abcdefghi', arrive: 1, uses: [2] },
      ],
    });
    const rt = playAnimated(level, 'mark-sweep', () => {}, { verbose: true });
    expect(rt.state.crash).toBe('oom');
    expect(rt.state.log.map((e) => e.text)).toContain(
      'out of memory: b needs 10 boxes in a row, and even after collecting, the largest free run is 9',
    );
  });
});
