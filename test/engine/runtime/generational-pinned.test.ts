// Generational collection, pinned on small levels worked out by hand: who joins and who
// leaves the remembered set (the write barrier, promotion, the scavenge's clean-up), the
// order a scavenge copies its roots in, the steps an animated run shows and when, the
// counts of minor and major collections, ages that stop at 255, at most one scavenge and
// one major collection a gap, the room an out-of-memory line reports, a stale pointer left
// alone (barrier off), an unwritten block's stale boxes, and a run resumed quietly yielding
// no step but the gaps. Written from the mutants that survived mutation testing of
// generational.ts. Each test makes its own run, so a mutation testing run sees which tests
// reach which code.
import { describe, expect, it } from 'vitest';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import {
  createRuntime,
  resumeRuntime,
  runCollector,
  type Runtime,
  type Step,
} from '../../../src/engine/runtime/index.js';
import { compile } from './helpers.js';

type LevelJson = Parameters<typeof compile>[0];

interface Collection {
  why: string;
  /** The steps between the collection's start and its end, as [kind, text]. */
  steps: [string, string][];
  summary: string;
  /** Values in the remembered set once it is over. */
  rememberedAfter: string[];
  minorsAfter: number;
  majorsAfter: number;
}

interface Watched {
  rt: Runtime;
  collections: Collection[];
}

/** A record in old space once pretenured: a pointer `p` (null at first) and "abcdefgh", 10 boxes; in scope from tick 0 to its use. */
const holder = (id: string, use: number) => ({
  id,
  fields: [
    { name: 'p', ref: null },
    { name: 'tag', value: 'abcdefgh' },
  ],
  arrive: 0,
  uses: [use],
});
/** Plays the level animated (every step), keeping each collection's steps and what it left. */
function watch(json: LevelJson): Watched {
  const level = compile(json);
  const rt = createRuntime(level, 'generational', { verbose: true });
  const collections: Collection[] = [];
  for (let s = rt.next(); s; s = rt.next()) {
    const now = collections[collections.length - 1];
    if (s.kind === 'collect')
      collections.push({ why: s.text, steps: [], summary: '', rememberedAfter: [], minorsAfter: 0, majorsAfter: 0 });
    else if (s.kind === 'collected' && now) {
      const g = rt.view.generations!;
      now.summary = s.text;
      now.rememberedAfter = level.values.filter((v) => g.remembered[v.index] === 1).map((v) => v.id);
      now.minorsAfter = g.minors;
      now.majorsAfter = g.majors;
    } else if (now && !now.summary) now.steps.push([s.kind, s.text]);
  }
  return { rt, collections };
}

/**
 * memory 64, nursery 16: halves 1..8 and 9..16, old space 17..63. A (9 boxes), h1 and h2
 * (a pointer and "abcdefgh": 10 boxes each) are pretenured: A at 17 (the first box of old
 * space), h1 at 26, h2 at 36; kid (4 boxes) is bumped to 1.
 *   tick 0: h1.p = kid and h2.p = kid: the barrier remembers both.
 *   tick 1: h1.p = A (old, at 17) and h2.p = null: neither store joins anything, both
 *           stay remembered until the next scavenge.
 *   gap 2: f1 (4 boxes) is bumped to 5; f2 finds the half full: a scavenge. kid (a root)
 *          goes to 9, f1 (this gap's) to 13; h1 and h2 are scanned and point into the
 *          nursery no more: both leave the remembered set. f2 then goes to old space, 46.
 */
const LEAVERS: LevelJson = {
  memory: 64,
  ticks: 4,
  gc: { nursery: 16, workPerTick: 4 },
  values: [
    { id: 'A', value: 'abcdefgh', arrive: 0, uses: [3] },
    holder('h1', 3),
    holder('h2', 3),
    { id: 'kid', value: 'kid', arrive: 0, uses: [3] },
    { id: 'f1', value: 'abc', arrive: 2, uses: [3] },
    { id: 'f2', value: 'abc', arrive: 2, uses: [3] },
  ],
  sets: [
    { tick: 0, in: 'h1', field: 'p', to: 'kid' },
    { tick: 0, in: 'h2', field: 'p', to: 'kid' },
    { tick: 1, in: 'h1', field: 'p', to: 'A' },
    { tick: 1, in: 'h2', field: 'p', to: null },
  ],
};

/**
 * memory 64, nursery 16: old space from 17. A (9 boxes) is pretenured at 17, h (a pointer
 * and "abcdefgh": 10 boxes) at 26; y {p} (1 box) is bumped to 1, kid (4 boxes) to 2.
 *   tick 0: y.p = kid (young into young) and h.p = A (old into old): nothing remembered.
 *   tick 1: h.p = kid: h joins the remembered set (logged after tick 1, at tick 2).
 *   tick 2: h.p = y: h is remembered already.
 */
const BARRIER: LevelJson = {
  memory: 64,
  ticks: 4,
  gc: { nursery: 16, workPerTick: 4 },
  values: [
    { id: 'A', value: 'abcdefgh', arrive: 0, uses: [3] },
    holder('h', 3),
    { id: 'y', fields: [{ name: 'p', ref: null }], arrive: 0, uses: [3] },
    { id: 'kid', value: 'kid', arrive: 0, uses: [3] },
  ],
  sets: [
    { tick: 0, in: 'y', field: 'p', to: 'kid' },
    { tick: 0, in: 'h', field: 'p', to: 'A' },
    { tick: 1, in: 'h', field: 'p', to: 'kid' },
    { tick: 2, in: 'h', field: 'p', to: 'y' },
  ],
};

/**
 * memory 32, nursery 8: old space 9..31. D (dead after tick 0) and L (10 boxes each) at 9
 * and 19; gap 1: B (10 boxes) finds 3 free boxes: a major collection drops D (a drop step
 * when animated) and slides L to 9; B goes to 19.
 */
const MAJOR_DROPS: LevelJson = {
  memory: 32,
  ticks: 3,
  gc: { nursery: 8, workPerTick: 4 },
  values: [
    { id: 'D', value: 'abcdefghi', arrive: 0, drop: 0 },
    { id: 'L', value: 'abcdefghi', arrive: 0, uses: [2] },
    { id: 'B', value: 'abcdefghi', arrive: 1, uses: [2] },
  ],
};

describe('generational, pinned', () => {
  it('drops from the remembered set, at the next scavenge, an old block whose pointer now leads to old space or is null', () => {
    const { rt, collections } = watch(LEAVERS);
    const ix = (id: string) => rt.level.indexOf.get(id)!;
    expect(rt.state.variables[ix('A')].addr).toBe(17);
    expect(rt.state.variables[ix('h1')].addr).toBe(26);
    expect(rt.state.variables[ix('h2')].addr).toBe(36);
    const [minor, ...rest] = collections;
    expect(rest).toEqual([]);
    // Work: 1 root (kid) + 2 remembered blocks + 8 boxes copied = 11.
    expect(minor!.summary).toBe(
      'generational: minor collection: 1 root and 2 remembered blocks scanned, 2 copied (8 boxes), 0 promoted (0 boxes), 0 pointers rewritten, 0 dead left behind (0 boxes), 2 left the remembered set; 11 units of work, pause 3 ticks',
    );
    expect(minor!.rememberedAfter).toEqual([]);
    expect(decodePointer(rt.state.bytes, 26, 1)).toBe(17);
    expect(decodePointer(rt.state.bytes, 36, 1)).toBe(0);
  });

  it('remembers an old block once, when a young pointer is first stored into it, and logs it with its value and box', () => {
    const level = compile(BARRIER);
    const ix = (id: string) => level.indexOf.get(id)!;
    const shown: Step[] = [];
    const rt = createRuntime(level, 'generational', { verbose: true });
    for (let s = rt.next(); s; s = rt.next()) if (s.kind === 'barrier') shown.push(s);
    // Only h's first store of a young pointer counts: y.p = kid is young into young,
    // h.p = A old into old (A at 17, the first box of old space), and the second young
    // store into h finds it remembered already.
    const line = 'barrier: kid (young) stored into old h: h joins the remembered set';
    expect(rt.state.log.filter((e) => e.kind === 'barrier')).toEqual([
      { tick: 2, kind: 'barrier', text: line, value: 'h', addr: 26 },
    ]);
    expect(shown).toEqual([{ kind: 'barrier', text: line, value: ix('h'), addr: 26, size: 10 }]);
    const remembered = rt.view.generations!.remembered;
    expect(level.values.filter((v) => remembered[v.index] === 1).map((v) => v.id)).toEqual(['h']);
  });

  it('does not log the barrier in a run that is not verbose', () => {
    const quiet = runCollector(compile(BARRIER), 'generational');
    expect(quiet.log.filter((e) => e.kind === 'barrier')).toEqual([]);
    // The run did store the pointers: the barrier's 1 unit each is in the work.
    const verbose = runCollector(compile(BARRIER), 'generational', { verbose: true });
    expect(quiet.work).toBe(verbose.work);
  });

  it("copies a scavenge's roots in level order, not in address order", () => {
    // memory 64, nursery 16: halves 1..8 and 9..16. early (listed second) arrives first and
    // is bumped to 1; late (listed first) to 5. gap 2: f finds the half full: the roots are
    // copied in level order, late to 9, then early to 13; f goes to old space at 17.
    const { rt, collections } = watch({
      memory: 64,
      ticks: 4,
      gc: { nursery: 16, workPerTick: 4 },
      values: [
        { id: 'late', value: 'abc', arrive: 1, uses: [3] },
        { id: 'early', value: 'abc', arrive: 0, uses: [3] },
        { id: 'f', value: 'a', arrive: 2, uses: [3] },
      ],
    });
    const ix = (id: string) => rt.level.indexOf.get(id)!;
    expect(collections.map((c) => c.steps)).toEqual([
      [
        ['move', 'scavenge: late copied from 5 to 9 in the other half (4 boxes, age 1)'],
        ['move', 'scavenge: early copied from 1 to 13 in the other half (4 boxes, age 1)'],
        [
          'flip',
          'scavenge: the halves swap; young values now go from 17; the dead (0 blocks, 0 boxes) are free without being looked at',
        ],
      ],
    ]);
    expect([ix('late'), ix('early'), ix('f')].map((v) => rt.state.variables[v].addr)).toEqual([9, 13, 17]);
  });

  it("shows the move of a block handed out in the scavenge's own gap, even when nothing else is scanned after it", () => {
    // nursery 16: halves 1..8 and 9..16. gap 0: a (4 boxes, dead after tick 0) at 1. gap 1:
    // x (2 boxes) at 5; y (4 boxes) finds 2 left: a scavenge. No root, no remembered block:
    // only x, this gap's, is copied, to 9; a is left behind. y goes to 11.
    const { rt, collections } = watch({
      memory: 64,
      ticks: 3,
      gc: { nursery: 16, workPerTick: 4 },
      values: [
        { id: 'a', value: 'abc', arrive: 0, drop: 0 },
        { id: 'x', value: 'a', arrive: 1, uses: [2] },
        { id: 'y', value: 'abc', arrive: 1, uses: [2] },
      ],
    });
    expect(collections.map((c) => c.steps)).toEqual([
      [
        ['move', 'scavenge: x copied from 5 to 9 in the other half (2 boxes, age 1)'],
        [
          'flip',
          'scavenge: the halves swap; young values now go from 11; the dead (1 block, 4 boxes) are free without being looked at',
        ],
      ],
    ]);
    expect(rt.state.variables[rt.level.indexOf.get('y')!].addr).toBe(11);
  });

  it("a young record's pointer is followed and rewritten in the scan, and only a promoted block that points into the nursery is remembered", () => {
    // memory 64, nursery 16: halves 1..8 and 9..16, old space from 17. gap 0: r {p} (1 box)
    // at 1, t (2 boxes) at 2, z {p} (1 box) at 4; tick 0: r.p = t. gap 1: f1 (4 boxes, dead
    // after tick 1) at 5. gap 2: f2 finds the half full: scavenge 1 copies the roots r to 9,
    // t to 10, z to 12, then scans r: its pointer now says 10. r is young: not remembered.
    // f2 goes to 13. gap 3: f3 finds the half full: scavenge 2 promotes r (17), t (18) and
    // z (20), all survivors; r's pointer now says 18, in old space; z's is null: neither
    // joins the remembered set. f2 (dead after tick 2) is left behind. f3 goes to 1.
    const { rt, collections } = watch({
      memory: 64,
      ticks: 5,
      gc: { nursery: 16, workPerTick: 4 },
      values: [
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0, uses: [4] },
        { id: 't', value: 'a', arrive: 0, uses: [4] },
        { id: 'z', fields: [{ name: 'p', ref: null }], arrive: 0, uses: [4] },
        { id: 'f1', value: 'abc', arrive: 1, drop: 1 },
        { id: 'f2', value: 'abc', arrive: 2, drop: 2 },
        { id: 'f3', value: 'abc', arrive: 3, uses: [4] },
      ],
      sets: [{ tick: 0, in: 'r', field: 'p', to: 't' }],
    });
    const [first, second, ...rest] = collections;
    expect(rest).toEqual([]);
    expect(first!.steps).toEqual([
      ['move', 'scavenge: r copied from 1 to 9 in the other half (1 box, age 1)'],
      ['move', 'scavenge: t copied from 2 to 10 in the other half (2 boxes, age 1)'],
      ['move', 'scavenge: z copied from 4 to 12 in the other half (1 box, age 1)'],
      ['rewrite', 'scavenge: the pointer in box 9 (r) now says 10, where t is'],
      [
        'flip',
        'scavenge: the halves swap; young values now go from 13; the dead (1 block, 4 boxes) are free without being looked at',
      ],
    ]);
    expect(first!.rememberedAfter).toEqual([]);
    // Work: 3 roots + 4 boxes copied + 1 pointer = 8.
    expect(first!.summary).toBe(
      'generational: minor collection: 3 roots and 0 remembered blocks scanned, 3 copied (4 boxes), 0 promoted (0 boxes), 1 pointer rewritten, 1 dead left behind (4 boxes); 8 units of work, pause 2 ticks',
    );
    expect(second!.summary).toBe(
      'generational: minor collection: 3 roots and 0 remembered blocks scanned, 0 copied (0 boxes), 3 promoted (4 boxes), 1 pointer rewritten, 1 dead left behind (4 boxes); 8 units of work, pause 2 ticks',
    );
    expect(second!.rememberedAfter).toEqual([]);
    expect(decodePointer(rt.state.bytes, 17, 1)).toBe(18);
  });

  it('ages a survivor by one each scavenge up to 255, then keeps it at 255', () => {
    // memory 8, nursery 4: halves 1..2 and 3..4, old space 5..7. P (3 boxes) is pretenured
    // at 5 and fills old space for good, so keep (1 box, at 1) can never be promoted. From
    // gap 1 on a 1-box temporary arrives each gap and dies after its tick; from gap 2 on
    // each finds the half full (keep and the last temporary): one scavenge a gap, 258 in
    // all, each copying keep to the other half.
    const ticks = 260;
    const temps = Array.from({ length: ticks - 1 }, (_, i) => ({
      id: `t${i + 1}`,
      value: true,
      arrive: i + 1,
      drop: i + 1,
    }));
    const level = compile({
      memory: 8,
      ticks,
      gc: { nursery: 4, workPerTick: 4 },
      values: [
        { id: 'P', value: 'ab', arrive: 0, uses: [ticks - 1] },
        { id: 'keep', value: true, arrive: 0, uses: [ticks - 1] },
        ...temps,
      ],
    });
    const keep = level.indexOf.get('keep')!;
    const ages: number[] = [];
    const rt = createRuntime(level, 'generational', { verbose: false });
    let lastMove = '';
    for (let s = rt.next(); s; s = rt.next()) {
      if (s.kind === 'move' && s.value === keep) lastMove = s.text;
      if (s.kind === 'collected') ages.push(rt.view.generations!.ages[keep]!);
    }
    expect(rt.state.crash).toBeNull();
    expect(ages).toEqual([...Array.from({ length: 255 }, (_, i) => i + 1), 255, 255, 255]);
    expect(rt.view.generations!.minors).toBe(258);
    expect(rt.view.generations!.majors).toBe(0);
    // The 258th scavenge: gap 259, from the high half (3..4) to the low one.
    expect(lastMove).toBe('scavenge: keep copied from 3 to 1 in the other half (1 box, age 255)');
  });

  it('a major collection rewrites the pointers of the marked blocks only: a dead young record keeps its old pointer', () => {
    // memory 32, nursery 8: halves 1..4 and 5..8, old space 9..31. gap 0: dead and live (10
    // boxes each) are pretenured at 9 and 19; yr and dr {p -> live} (1 box each) are bumped
    // to 1 and 2. dead and dr are out of scope after tick 0. gap 1: big (10 boxes) finds 3
    // free boxes in old space: the run's first major collection. Marked: yr and live (yr's
    // pointer read); dead dropped; yr's pointer rewritten to 9; live slides 19 -> 9. Work:
    // 2 + 1 + 1 + 10 = 14, a pause of 4. dr, unmarked, still says 19. big goes to 19.
    const { rt, collections } = watch({
      memory: 32,
      ticks: 3,
      gc: { nursery: 8, workPerTick: 4 },
      values: [
        { id: 'dead', value: 'abcdefghi', arrive: 0, drop: 0 },
        { id: 'live', value: 'abcdefghi', arrive: 0, uses: [2] },
        { id: 'yr', fields: [{ name: 'p', ref: 'live' }], arrive: 0, uses: [2] },
        { id: 'dr', fields: [{ name: 'p', ref: 'live' }], arrive: 0, drop: 0 },
        { id: 'big', value: 'abcdefghi', arrive: 1, uses: [2] },
      ],
    });
    const ix = (id: string) => rt.level.indexOf.get(id)!;
    const [major, ...rest] = collections;
    expect(rest).toEqual([]);
    expect(major!.why).toBe('generational: no room in old space for big (10 boxes in a row); the program stops');
    expect(major!.steps.filter(([kind]) => kind !== 'grey' && kind !== 'black')).toEqual([
      ['swept', 'major: 1 unmarked block in old space dropped (10 boxes)'],
      ['rewrite', 'major: the pointer in box 1 (yr) now says 9, where live will be'],
      ['move', 'major: live slides from 19 to 9 in old space'],
    ]);
    expect(major!.summary).toBe(
      'generational: major collection: 2 blocks marked (1 pointer read), 1 dropped from old space (10 boxes), 10 boxes slid down, 1 pointer rewritten; 14 units of work, pause 4 ticks',
    );
    expect(major!.majorsAfter).toBe(1);
    expect(major!.minorsAfter).toBe(0);
    expect(decodePointer(rt.state.bytes, 1, 1)).toBe(9);
    expect(decodePointer(rt.state.bytes, 2, 1)).toBe(19);
    expect(rt.state.variables[ix('big')].addr).toBe(19);
    expect(rt.state.crash).toBeNull();
  });

  it('shows no drop step when a major collection finds nothing dead in old space', () => {
    // memory 32, nursery 8: old space 9..31. L1 and L2 (10 boxes each) at 9 and 19 live all
    // game. gap 1: B (10 boxes) finds 3 free boxes: a major collection marks both, drops
    // nothing and moves nothing; B still does not fit: out of memory.
    const { rt, collections } = watch({
      memory: 32,
      ticks: 3,
      gc: { nursery: 8, workPerTick: 4 },
      values: [
        { id: 'L1', value: 'abcdefghi', arrive: 0, uses: [2] },
        { id: 'L2', value: 'abcdefghi', arrive: 0, uses: [2] },
        { id: 'B', value: 'abcdefghi', arrive: 1, uses: [2] },
      ],
    });
    const [major, ...rest] = collections;
    expect(rest).toEqual([]);
    expect(major!.steps.map(([kind]) => kind)).toEqual(['grey', 'grey', 'black', 'black']);
    expect(major!.summary).toBe(
      'generational: major collection: 2 blocks marked (0 pointers read), 0 dropped from old space (0 boxes), 0 boxes slid down, 0 pointers rewritten; 2 units of work, pause 1 tick',
    );
    expect(rt.state.crash).toBe('oom');
  });

  it('runs at most one major collection a gap: a second value that finds no room in old space runs out of memory', () => {
    // memory 32, nursery 8: old space 9..31. D (dead after tick 0) and L (10 boxes each) at 9
    // and 19. gap 1: B1 (10 boxes) finds 3 free boxes: a major collection drops D and slides
    // L to 9; B1 goes to 19. B2 (5 boxes, too big for a half) finds 3 free boxes (29..31),
    // and this gap had its major collection already: out of memory.
    const state = runCollector(
      compile({
        memory: 32,
        ticks: 3,
        gc: { nursery: 8, workPerTick: 4 },
        values: [
          { id: 'D', value: 'abcdefghi', arrive: 0, drop: 0 },
          { id: 'L', value: 'abcdefghi', arrive: 0, uses: [2] },
          { id: 'B1', value: 'abcdefghi', arrive: 1, uses: [2] },
          { id: 'B2', value: 'abcd', arrive: 1, uses: [2] },
        ],
      }),
      'generational',
    );
    expect(state.log.filter((e) => e.kind === 'collect').map((e) => e.text)).toEqual([
      'generational: major collection: 1 block marked (0 pointers read), 1 dropped from old space (10 boxes), 10 boxes slid down, 0 pointers rewritten; 11 units of work, pause 3 ticks',
    ]);
    expect(state.crash).toBe('oom');
    expect(state.tick).toBe(1);
  });

  it('runs at most one scavenge a gap: a second young value that finds the half full goes to old space', () => {
    // memory 32, nursery 8: halves 1..4 and 5..8, old space from 9. gap 0: k (4 boxes) at 1.
    // gap 1: x (2 boxes) finds the half full: a scavenge copies k to 5, which fills the other
    // half too: x goes to old space at 9. y (2 boxes) finds the half full again: old space, 11.
    const level = compile({
      memory: 32,
      ticks: 3,
      gc: { nursery: 8, workPerTick: 4 },
      values: [
        { id: 'k', value: 'abc', arrive: 0, uses: [2] },
        { id: 'x', value: 'a', arrive: 1, uses: [2] },
        { id: 'y', value: 'a', arrive: 1, uses: [2] },
      ],
    });
    const state = runCollector(level, 'generational', { verbose: true });
    expect(state.log.filter((e) => e.kind === 'collect').map((e) => e.text)).toEqual([
      'generational: minor collection: 1 root and 0 remembered blocks scanned, 1 copied (4 boxes), 0 promoted (0 boxes), 0 pointers rewritten, 0 dead left behind (0 boxes); 5 units of work, pause 2 ticks',
    ]);
    expect(state.log.filter((e) => e.kind === 'malloc').map((e) => e.text)).toEqual([
      'malloc k: 4 boxes at 1 (bump pointer in the nursery)',
      'malloc x: 2 boxes at 9 (first fit in old space: no room in the nursery)',
      'malloc y: 2 boxes at 11 (first fit in old space: no room in the nursery)',
    ]);
  });

  /** Out of memory under generational: its one oom line. */
  const oomLine = (json: Parameters<typeof compile>[0]) => {
    const state = runCollector(compile(json), 'generational');
    expect(state.crash).toBe('oom');
    return state.log.filter((e) => e.kind === 'oom').map((e) => e.text);
  };

  it("reports old space's largest free run when it runs out of memory, counted from old space's first box", () => {
    // memory 64, nursery 4: halves 1..2 and 3..4, old space 5..63. A (12 boxes) at 5, the
    // first box of old space, and B (37 boxes) at 17 live all game: 54..63 (10 boxes) is
    // old space's only free run. gap 1: big (12 boxes) finds no room; a major collection
    // frees nothing: out of memory, with 10 boxes the largest free run.
    expect(
      oomLine({
        memory: 64,
        ticks: 3,
        gc: { nursery: 4, workPerTick: 4 },
        values: [
          { id: 'A', value: 'abcdefghijk', arrive: 0, uses: [2] },
          { id: 'B', value: 'abcdefghijklmnopqrstuvwxyz0123456789', arrive: 0, uses: [2] },
          { id: 'big', value: 'abcdefghijk', arrive: 1, uses: [2] },
        ],
      }),
    ).toEqual(['out of memory: big needs 12 boxes in a row, and even after collecting, the largest free run is 10']);
    // memory 32, nursery 8: halves 1..4 and 5..8, old space 9..31. y (1 box) is bumped to 1
    // and stays there. L1 and L2 (10 boxes each, too big for a half) are pretenured at 9 and
    // 19; old space's only free run is 29..31, 3 boxes. B (5 boxes, more than a half) goes to
    // old space too, finds no room, and a major collection frees nothing. Neither the
    // nursery's free boxes nor the run from y's end to old space's start are old space's room.
    expect(
      oomLine({
        memory: 32,
        ticks: 3,
        gc: { nursery: 8, workPerTick: 4 },
        values: [
          { id: 'y', value: 1, type: 'u8', arrive: 0, uses: [2] },
          { id: 'L1', value: 'abcdefghi', arrive: 0, uses: [2] },
          { id: 'L2', value: 'abcdefghi', arrive: 0, uses: [2] },
          { id: 'B', value: 'abcd', arrive: 1, uses: [2] },
        ],
      }),
    ).toEqual(['out of memory: B needs 5 boxes in a row, and even after collecting, the largest free run is 3']);
  });

  it('run quietly (resumed, not animated), yields no step but the gaps, and tells the same story', () => {
    for (const json of [LEAVERS, BARRIER, MAJOR_DROPS]) {
      const level = compile(json);
      const rt = createRuntime(level, 'generational', { gaps: true, verbose: true });
      const first = rt.next();
      expect(first?.kind).toBe('gap');
      const snap = rt.snapshot();
      const quiet = resumeRuntime({ ...snap, ctx: { ...snap.ctx, animate: false } });
      const kinds: string[] = [];
      for (let s = quiet.next(); s; s = quiet.next()) kinds.push(s.kind);
      // One gap before each tick and one after the last.
      expect(kinds).toEqual(Array.from({ length: level.ticks + 1 }, () => 'gap'));
      const texts = (log: typeof quiet.state.log) => log.map((e) => `t${e.tick} ${e.kind} ${e.text}`);
      const story = texts(runCollector(level, 'generational', { verbose: true }).log);
      expect(texts(quiet.state.log)).toEqual(story);
      // The run collected or stored a young pointer into old space: there was something to show.
      expect(story.some((line) => / (collect|barrier) /.test(line))).toBe(true);
    }
  });

  it('leaves alone a remembered pointer that leads into the nursery but to no block start (possible only with the barrier off)', () => {
    // memory 64, nursery 16: halves 1..8 and 9..16, old space 17..63. The barrier is off.
    //   gap 0: holder (10 boxes) at 17, D (37 boxes, dead after tick 0) at 27: old space is
    //          full. x (4 boxes, dead after tick 0) at 1, kid (2) at 5. tick 0: holder.p =
    //          kid, unremembered.
    //   gap 1: s1 (4 boxes) finds 2 left: scavenge 1 copies kid to 9; holder still says 5.
    //   gap 2: B (9 boxes) finds old space full: a major collection drops D, and rebuilds
    //          the remembered set: holder says 5, in the nursery: remembered. B goes to 27.
    //          y (6 boxes) finds 2 left: scavenge 2 (from 9..16) leaves holder alone: 5 is
    //          not in that half. y goes to 1..6.
    //   gap 3: q (2 boxes) at 7. r finds no room: scavenge 3 (from 1..8) copies y (a root) to
    //          9 and q (this gap's) to 15; holder's 5 is in the half but starts no block (y
    //          covers it, q starts at 7): nothing is rewritten. r goes to old space, 36.
    const state = runCollector(
      compile({
        memory: 64,
        ticks: 5,
        gc: { nursery: 16, workPerTick: 4 },
        values: [
          holder('holder', 4),
          { id: 'D', value: 'abcdefghijklmnopqrstuvwxyz0123456789', arrive: 0, drop: 0 },
          { id: 'x', value: 'abc', arrive: 0, drop: 0 },
          { id: 'kid', value: 'a', arrive: 0, drop: 1 },
          { id: 's1', value: 'abc', arrive: 1, drop: 1 },
          { id: 'B', value: 'abcdefgh', arrive: 2, uses: [4] },
          { id: 'y', value: 'abcde', arrive: 2, uses: [4] },
          { id: 'q', value: 'a', arrive: 3, uses: [4] },
          { id: 'r', value: 'a', arrive: 3, uses: [4] },
        ],
        sets: [{ tick: 0, in: 'holder', field: 'p', to: 'kid' }],
      }),
      'generational',
      { withoutBarrier: true, verbose: true },
    );
    const minors = state.log.filter((e) => e.kind === 'collect' && e.text.includes('minor')).map((e) => e.text);
    expect(minors).toHaveLength(3);
    // Work: 1 root + 1 remembered block + 8 boxes copied = 10.
    expect(minors[2]).toBe(
      'generational: minor collection: 1 root and 1 remembered block scanned, 2 copied (8 boxes), 0 promoted (0 boxes), 0 pointers rewritten, 0 dead left behind (0 boxes); 10 units of work, pause 3 ticks',
    );
    expect(decodePointer(state.bytes, 17, 1)).toBe(5);
    expect(state.log.filter((e) => e.kind === 'malloc' && e.value === 'r').map((e) => e.text)).toEqual([
      'malloc r: 2 boxes at 36 (first fit in old space: no room in the nursery)',
    ]);
  });

  it('leaves out of the rebuilt remembered set an old block handed out but not yet written, whatever its stale boxes say', () => {
    // memory 64, nursery 16: old space 17..63. L (10 boxes) at 17; D, a record (37 boxes,
    // dead after tick 0), at 27, with its u8 field n = 5 in box 37.
    //   gap 1: T (10 boxes) finds old space full: major 1 drops D; T goes to 27. Box 37
    //          still holds D's 5.
    //   gap 2: X, a holder (its pointer first), is handed out at 37, over D's 5, for tick 2;
    //          Y (18 boxes) then finds 17 boxes: major 2. X is marked (a block handed out is
    //          a root) but not written: its 5 is no pointer into the nursery. Y finds no room.
    const json: LevelJson = {
      memory: 64,
      ticks: 4,
      gc: { nursery: 16, workPerTick: 4 },
      values: [
        { id: 'L', value: 'abcdefghi', arrive: 0, uses: [3] },
        {
          id: 'D',
          fields: [
            { name: 'a', value: 'abcdefghi' },
            { name: 'n', value: 5, type: 'u8' },
            { name: 'b', value: 'abcdefghijklmnopqrstuvwxy' },
          ],
          arrive: 0,
          drop: 0,
        },
        { id: 'T', value: 'abcdefghi', arrive: 1, uses: [3] },
        { ...holder('X', 3), arrive: 2 },
        { id: 'Y', value: 'abcdefghijklmnopq', arrive: 2, uses: [3] },
      ],
    };
    const { rt, collections } = watch(json);
    const headless = runCollector(compile(json), 'generational', { verbose: true });
    const mallocs = headless.log.filter((e) => e.kind === 'malloc').map((e) => e.text.replace(/ \(.*/, ''));
    expect(mallocs).toEqual([
      'malloc L: 10 boxes at 17',
      'malloc D: 37 boxes at 27',
      'malloc T: 10 boxes at 27',
      'malloc X: 10 boxes at 37',
    ]);
    expect(collections.map((c) => c.majorsAfter)).toEqual([1, 2]);
    expect(rt.state.bytes[37]).toBe(5);
    expect(collections[1]!.rememberedAfter).toEqual([]);
  });
});
