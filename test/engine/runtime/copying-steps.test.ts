// What a copying collection shows, step by step, on a small level worked out by hand: the
// root copied, what its pointer reaches copied after it and the pointer rewritten, the
// flip with what was left behind, and the sentence that sums it up.
import { describe, expect, it } from 'vitest';
import { HEAD_JUNK_TAIL } from './hand-levels.js';
import { compile, playAnimated } from './helpers.js';

describe('a copying collection, step by step', () => {
  it('copies the root, then what it points to, rewrites the pointer, and flips past the dead', () => {
    // HEAD_JUNK_TAIL: in gap 2 big finds no room; head is copied to 16, tail after it to 19
    // (box 16 rewritten to say 19), junk is left behind, and big then goes at 22.
    const level = compile(HEAD_JUNK_TAIL);
    const steps: [string, string][] = [];
    let summary = '';
    const rt = playAnimated(level, 'copying', (_rt, step) => {
      if (['move', 'rewrite', 'flip'].includes(step.kind)) steps.push([step.kind, step.text]);
      if (step.kind === 'collected') summary = step.text;
    });
    expect(steps).toEqual([
      ['move', 'copy: root head copied from 1 to 16 (3 boxes)'],
      ['move', 'copy: tail (pointed to from box 16) copied from 11 to 19 (3 boxes)'],
      ['rewrite', 'copy: the pointer in box 16 (head) now says 19'],
      [
        'flip',
        'copy: the halves flip; 6 boxes live from 16, the rest of the old half (1 dead block, 7 boxes) is free without being looked at',
      ],
    ]);
    expect(summary).toContain('2 blocks copied (6 boxes), 1 pointer rewritten, 1 dead block left behind (7 boxes)');
    const ix = (id: string) => level.indexOf.get(id)!;
    expect(rt.state.variables[ix('big')]!.addr).toBe(22);
    expect(rt.state.crash).toBeNull();
  });

  it("takes a block that ends exactly at the half's end, and out of memory names the room left in the half", () => {
    // memory 16: 15 usable boxes, halves of 7: 1..7 and 8..14. a (6 boxes) at 1, then b
    // (1 box) fits exactly at 7, the half's last box: no collection. c (4 boxes) finds no
    // room: a collection copies a and b to 8..14, the half is full, and c is out of
    // memory with 0 boxes left in the half.
    const level = compile({
      memory: 16,
      ticks: 4,
      values: [
        { id: 'a', value: 'abcde', arrive: 0, uses: [3] },
        { id: 'b', value: true, arrive: 1, uses: [3] },
        { id: 'c', value: 'abc', arrive: 2, uses: [3] },
      ],
    });
    const collections: number[] = [];
    const phases = new Set<string>();
    const rt = playAnimated(
      level,
      'copying',
      (r, step) => {
        if (step.kind === 'collect') collections.push(r.state.tick);
        if (step.kind === 'move' || step.kind === 'flip') phases.add(r.view.phase);
      },
      { verbose: true },
    );
    expect(rt.state.variables[level.indexOf.get('b')!]!.addr).toBe(14);
    expect(collections).toEqual([2]);
    expect(phases).toEqual(new Set(['copy']));
    expect(rt.state.crash).toBe('oom');
    expect(rt.state.log.map((e) => e.text)).toContain(
      'out of memory: c needs 4 boxes in a row, and even after collecting, the largest free run is 0',
    );
  });
});
