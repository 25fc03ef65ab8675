// The grid's window of boxes on small runs worked out by hand: a scrolled window over a
// freed block that was partly handed out again, and the boxes of a copying collection
// under way, where only a freed block's boxes are stale.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { playCommands } from '../../../src/engine/run/headless.js';
import { boxesView } from '../../../src/engine/views/boxes.js';
import { HEAD_JUNK_TAIL } from '../runtime/hand-levels.js';
import { compile, playAnimated } from '../runtime/helpers.js';

const window = (v: ReturnType<typeof boxesView>) => ({
  from: v.from,
  owner: [...v.owner],
  stale: [...v.stale],
  start: [...v.start],
});

describe('boxesView on a window that does not start at box 0', () => {
  it('shows the boxes of a freed block handed out again as owned, not stale, and the rest as stale', () => {
    // memory 16. a ("abc": 4 boxes) at 1..4, in scope in tick 0 only; freed in gap 1.
    // b ("y": 2 boxes) then goes by first fit to 1..2. Boxes 3..4 still hold a's bytes.
    const level = compileLevel({
      id: 'reuse',
      title: 'Reuse',
      memory: 16,
      ticks: 3,
      values: [
        { id: 'a', value: 'abc', arrive: 0, drop: 0 },
        { id: 'b', value: 'y', arrive: 1, uses: [2] },
      ],
    } as Level);
    const { state, problems } = playCommands(level, ['malloc a', 'step', 'free a', 'malloc b']);
    expect(problems).toEqual([]);
    const a = level.indexOf.get('a')!;
    const b = level.indexOf.get('b')!;
    // Boxes 2..5: b's second box, a's two stale boxes, a free box nobody held.
    expect(window(boxesView(level, state, 2, 4))).toEqual({
      from: 2,
      owner: [b, -1, -1, -1],
      stale: [-1, a, a, -1],
      start: [0, 0, 0, 0],
    });
    // Boxes 1..3: b's start is in the window now.
    expect(window(boxesView(level, state, 1, 3))).toEqual({
      from: 1,
      owner: [b, b, -1],
      stale: [-1, -1, a],
      start: [1, 0, 0],
    });
  });
});

describe('boxesView during a copying collection', () => {
  it("does not call a copy's new boxes stale (its block is not freed), and after the flip the dead block's are", () => {
    // HEAD_JUNK_TAIL: in gap 2 head is copied to 16 and tail to 19 (their variables move at
    // once, their blocks only at the flip); junk is left behind, freed, and big goes to 22.
    const level = compile(HEAD_JUNK_TAIL);
    const ix = (id: string) => level.indexOf.get(id)!;
    const [head, junk, tail, big] = ['head', 'junk', 'tail', 'big'].map(ix) as [number, number, number, number];
    let during: ReturnType<typeof window> | null = null;
    const rt = playAnimated(level, 'copying', (r, step) => {
      // Both copies made, the flip still to come: the blocks table has the old half's blocks.
      if (step.kind === 'move' && step.text.startsWith('copy: tail'))
        during = window(boxesView(level, { ...r.state }, 14, 8));
    });
    expect(during).toEqual({
      from: 14,
      owner: [-1, -1, -1, -1, -1, -1, -1, -1],
      stale: [-1, -1, -1, -1, -1, -1, -1, -1],
      start: [0, 0, 0, 0, 0, 0, 0, 0],
    });
    // After the run: the old half holds nothing but junk's stale bytes (4..10); head, tail
    // and big live from 16.
    const after = window(boxesView(level, rt.state, 1, 29));
    const old = (xs: number[]) => xs.slice(0, 15);
    expect(old(after.owner)).toEqual(Array(15).fill(-1));
    expect(old(after.stale)).toEqual([-1, -1, -1, ...Array(7).fill(junk), -1, -1, -1, -1, -1]);
    expect(after.owner.slice(15)).toEqual([...Array(3).fill(head), ...Array(3).fill(tail), ...Array(8).fill(big)]);
    expect(after.stale.slice(15)).toEqual(Array(14).fill(-1));
  });
});
