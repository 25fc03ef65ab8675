// What a generational collection shows, step by step, on two small levels worked out by
// hand: the words of each move, promotion, rewritten pointer and swap of a scavenge, and
// of each drop and slide of a major collection, and the sentence that sums it up.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../src/engine/runtime/index.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { compile, playAnimated, REMEMBERED } from './helpers.js';

const SHOWN = new Set(['move', 'promote', 'rewrite', 'flip', 'swept']);

interface Collection {
  /** Why it started. */
  why: string;
  steps: [string, string][];
  /** The boxes each step touched. */
  touched: [number | undefined, number | undefined][];
  /** The phase the screen shows during the steps. */
  phases: Set<string>;
  summary: string;
  /** Values in the remembered set, and whether marking shows, once it is over. */
  rememberedAfter: string[];
  markingAfter: boolean;
}

/** The steps of each collection, between its start and its end, and the end's words. */
function collections(level: ReturnType<typeof compile>): Collection[] {
  const out: Collection[] = [];
  playAnimated(level, 'generational', (rt, step: Step) => {
    const now = out[out.length - 1];
    if (step.kind === 'collect')
      out.push({
        why: step.text,
        steps: [],
        touched: [],
        phases: new Set(),
        summary: '',
        rememberedAfter: [],
        markingAfter: true,
      });
    else if (step.kind === 'collected' && now) {
      now.summary = step.text;
      const remembered = rt.view.generations!.remembered;
      now.rememberedAfter = level.values.filter((v) => remembered[v.index] === 1).map((v) => v.id);
      now.markingAfter = rt.view.marking;
    } else if (SHOWN.has(step.kind) && now) {
      now.steps.push([step.kind, step.text]);
      now.touched.push([step.addr, step.size]);
      now.phases.add(rt.view.phase);
    }
  });
  return out;
}

describe('generational collections, step by step', () => {
  it('a scavenge: the root, then what the remembered set reaches, its pointer rewritten, then the swap', () => {
    // memory 64, nursery 16: halves 1..8 and 9..16, old space from 17. holder (10 boxes)
    // is pretenured at 17 and points to kid (4 boxes, at 1, out of scope after tick 1);
    // f1 (4 boxes) at 5 fills the half; f2 finds no room at gap 4: a scavenge. f1, in
    // scope, is copied first (age 0: not promoted), to 9; then the remembered holder's
    // pointer leads to kid, copied to 13, and the pointer in box 17 now says 13. Nothing
    // was left behind in the old half; young values now go from 17, the half's end.
    const level = compile(REMEMBERED);
    const [minor, ...rest] = collections(level);
    expect(rest).toEqual([]);
    expect(minor!.why).toBe(
      "generational: no room for f2 (4 boxes) in the nursery's half 1–8 (0 boxes left); the program stops",
    );
    expect(minor!.phases).toEqual(new Set(['scavenge']));
    // The boxes each step touched: the copies, then the pointer box rewritten.
    expect(minor!.touched).toEqual([
      [9, 4],
      [13, 4],
      [17, 1],
      [undefined, undefined],
    ]);
    // kid still lives in the nursery, so holder stays remembered.
    expect(minor!.rememberedAfter).toEqual(['holder']);
    // Where each block went, and why there, in the run's log.
    const mallocs = runCollector(level, 'generational', { verbose: true })
      .log.filter((e) => e.kind === 'malloc')
      .map((e) => e.text);
    expect(mallocs).toEqual([
      'malloc holder: 10 boxes at 17 (pretenured: too big for the nursery, first fit in old space)',
      'malloc kid: 4 boxes at 1 (bump pointer in the nursery)',
      'malloc f1: 4 boxes at 5 (bump pointer in the nursery)',
      'malloc f2: 4 boxes at 27 (first fit in old space: no room in the nursery)',
    ]);
    expect(minor!.steps).toEqual([
      ['move', 'scavenge: f1 copied from 5 to 9 in the other half (4 boxes, age 1)'],
      ['move', 'scavenge: kid copied from 1 to 13 in the other half (4 boxes, age 1)'],
      ['rewrite', 'scavenge: the pointer in box 17 (holder) now says 13, where kid is'],
      [
        'flip',
        'scavenge: the halves swap; young values now go from 17; the dead (0 blocks, 0 boxes) are free without being looked at',
      ],
    ]);
    expect(minor!.summary).toContain(
      'minor collection: 1 root and 1 remembered block scanned, 2 copied (8 boxes), 0 promoted (0 boxes), 1 pointer rewritten, 0 dead left behind (0 boxes)',
    );
  });

  it('a survivor copied at the first scavenge, promoted at the second; a young value out of scope left behind', () => {
    // memory 32, nursery 8: halves 1..4 and 5..8, old space from 9. keep (3 boxes) at 1,
    // gone (1 box, out of scope in tick 1) at 4. gap 2: t1 (2 boxes) finds no room: a
    // scavenge copies keep to 5 and leaves gone behind (1 block, 1 box); young values go
    // from 8, so t1 goes to old space at 9. gap 3: t2 (4 boxes) finds no room: keep, a
    // survivor, is promoted by first fit in old space, to 11; young values go from 1.
    const level = compile({
      memory: 32,
      ticks: 6,
      gc: { nursery: 8 },
      values: [
        { id: 'keep', value: 'ab', arrive: 0, uses: [5] },
        { id: 'gone', value: true, arrive: 0, drop: 1 },
        { id: 't1', value: 'x', arrive: 2, drop: 3 },
        { id: 't2', value: 'xyz', arrive: 3, drop: 4 },
      ],
    });
    const [first, second, ...rest] = collections(level);
    expect(rest).toEqual([]);
    expect(first!.steps).toEqual([
      ['move', 'scavenge: keep copied from 1 to 5 in the other half (3 boxes, age 1)'],
      [
        'flip',
        'scavenge: the halves swap; young values now go from 8; the dead (1 block, 1 box) are free without being looked at',
      ],
    ]);
    expect(first!.summary).toContain(
      'minor collection: 1 root and 0 remembered blocks scanned, 1 copied (3 boxes), 0 promoted (0 boxes), 0 pointers rewritten, 1 dead left behind (1 box)',
    );
    expect(second!.steps).toEqual([
      ['promote', 'scavenge: keep survived before: promoted from 5 to old space at 11 (3 boxes)'],
      [
        'flip',
        'scavenge: the halves swap; young values now go from 1; the dead (0 blocks, 0 boxes) are free without being looked at',
      ],
    ]);
    expect(second!.summary).toContain('0 copied (0 boxes), 1 promoted (3 boxes)');
    // keep, promoted, holds no pointer: it is not remembered.
    expect(second!.rememberedAfter).toEqual([]);
  });

  it('a major collection: the unmarked old block dropped, the live one slid down to the bottom of old space', () => {
    // memory 32, nursery 8: old space from 9. dead (10 boxes) and live (6) are too big for
    // a half (4) and go to old space by first fit: dead at 9, live at 19. dead is out of
    // scope after tick 0; at gap 2, big (10 boxes) finds no 10 free boxes in old space (25
    // to 31 is 7): a major collection. Only live is marked; dead is dropped (10 boxes);
    // live slides from 19 to 9 (6 boxes); big then fits at 15.
    const level = compile({
      memory: 32,
      ticks: 6,
      gc: { nursery: 8 },
      values: [
        { id: 'dead', value: 'abcdefghi', arrive: 0, drop: 1 },
        { id: 'live', value: 'abcde', arrive: 0, uses: [5] },
        { id: 'big', value: 'abcdefghi', arrive: 2, uses: [3] },
      ],
    });
    const [major, ...rest] = collections(level);
    expect(rest).toEqual([]);
    expect(major!.steps).toEqual([
      ['swept', 'major: 1 unmarked block in old space dropped (10 boxes)'],
      ['move', 'major: live slides from 19 to 9 in old space'],
    ]);
    expect(major!.why).toBe('generational: no room in old space for big (10 boxes in a row); the program stops');
    expect(major!.markingAfter).toBe(false);
    expect(major!.rememberedAfter).toEqual([]);
    expect(major!.summary).toContain(
      'major collection: 1 block marked (0 pointers read), 1 dropped from old space (10 boxes), 6 boxes slid down, 0 pointers rewritten',
    );
  });
});
