// What refcount shows in watch mode says what it did: each count change names the value,
// why (in scope, out of scope, a pointer gained or lost, from whom) and the new count,
// which is the last one plus or minus one; a block is freed only at count 0, named with
// its boxes; and each paused tick's sentence counts exactly the changes and frees it showed.
// Checked against the run on random levels.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { playAnimated, plural } from './helpers.js';
import { anyLevelArb } from './levels.js';

const COUNT =
  /^refcount: (.+?) (is in scope|is out of scope|gets the pointer from (.+)|loses the pointer from (.+?)( \(freed\))?): count (-?\d+)$/;

describe('refcount, step by step', () => {
  it('each count change follows from the last, a block is freed at 0, and each sentence counts its steps', () => {
    const seen = { up: 0, down: 0, gets: 0, loses: 0, freedHolder: 0, frees: 0, sentences: 0 };
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel(json);
        const id = (v: number) => level.values[v]!.id;
        const counts = new Map<number, number>();
        let pause: { changes: number; freed: number; freedBoxes: number } | null = null;
        // Values freed since the tick ran: a pointer lost from one of them says "(freed)".
        let freedThisTick = new Set<string>();
        playAnimated(level, 'refcount', (rt, step) => {
          const v = step.value!;
          // A tick's counting follows the tick; its sentence comes when it costs a pause.
          if (step.kind === 'tick') {
            pause = { changes: 0, freed: 0, freedBoxes: 0 };
            freedThisTick = new Set();
          } else if (step.kind === 'count') {
            const m = COUNT.exec(step.text);
            expect(m, step.text).not.toBeNull();
            expect(m![1]).toBe(id(v));
            const up = m![2] === 'is in scope' || m![3] !== undefined;
            const count = (counts.get(v) ?? 0) + (up ? 1 : -1);
            expect(Number(m![6])).toBe(count);
            counts.set(v, count);
            // The holder named is a value, and "(freed)" says whether it was freed in this tick's cascade.
            if (m![3] !== undefined) {
              expect(level.indexOf.has(m![3]), step.text).toBe(true);
              seen.gets++;
            }
            if (m![4] !== undefined) {
              expect(level.indexOf.has(m![4]), step.text).toBe(true);
              expect(m![5] !== undefined, step.text).toBe(freedThisTick.has(m![4]));
              seen.loses++;
            }
            if (m![5] !== undefined) seen.freedHolder++;
            if (up) seen.up++;
            else seen.down++;
            if (pause) (pause as NonNullable<typeof pause>).changes++;
          } else if (step.kind === 'free') {
            expect(counts.get(v)).toBe(0);
            expect(step.text).toBe(
              `refcount: ${id(v)} at ${step.addr} has count 0: freed (${plural(step.size!, 'box', 'boxes')})`,
            );
            expect(rt.state.blocks.some((b) => b.owner === v)).toBe(false);
            freedThisTick.add(id(v));
            if (pause) {
              const p = pause as NonNullable<typeof pause>;
              p.freed++;
              p.freedBoxes += step.size!;
            }
            seen.frees++;
          } else if (step.kind === 'collected' && pause) {
            const p = pause as NonNullable<typeof pause>;
            expect(step.text).toContain(
              `${plural(p.changes, 'count change')}, ${plural(p.freed, 'block')} freed (${plural(p.freedBoxes, 'box', 'boxes')})`,
            );
            seen.sentences++;
            pause = null;
          }
        });
      }),
      // Full count even in a mutation run: the counts below need the steps of every kind.
      { numRuns: 40 },
    );
    for (const [kind, n] of Object.entries(seen)) expect(n, kind).toBeGreaterThan(0);
  });
});
