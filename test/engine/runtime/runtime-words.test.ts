// The runtime's own words, worked out by hand on tiny levels: how each block was placed
// (first fit, or the copying collector's bump pointer, whether or not a collection came
// first), why a collection started when the trigger was passed (and that reaching the
// trigger exactly is not passing it), the gaps a run yields on request, and the end line.
import { describe, expect, it } from 'vitest';
import { createRuntime, runCollector } from '../../../src/engine/runtime/runtime.js';
import type { CollectorName } from '../../../src/engine/vocabulary.js';
import { compile } from './helpers.js';

// Memory 16 (15 usable). a (5 boxes) and b (3) arrive in gap 0; a is dropped in tick 1;
// c (4) arrives in gap 2.
const values = [
  { id: 'a', value: 'abcd', arrive: 0, drop: 1 },
  { id: 'b', value: 'xy', arrive: 0, uses: [3] },
  { id: 'c', value: 'pqr', arrive: 2, uses: [3] },
];
const level = (trigger: number, collector?: CollectorName) =>
  compile({ memory: 16, ticks: 4, gc: { trigger, workPerTick: 2, ...(collector ? { collector } : {}) }, values });

const mallocs = (name: CollectorName, trigger: number) =>
  runCollector(level(trigger), name, { verbose: true })
    .log.filter((e) => e.kind === 'malloc')
    .map((e) => e.text);

/** The text of each step that starts a collection. */
function collectionStarts(name: CollectorName, trigger: number): string[] {
  const rt = createRuntime(level(trigger), name);
  const out: string[] = [];
  for (let s = rt.next(); s; s = rt.next()) if (s.kind === 'collect') out.push(s.text);
  return out;
}

describe('how a block was placed', () => {
  it('first fit, with or without a collection before it', () => {
    // Trigger 1.0: nothing fails, no collection; c goes after b. Trigger 0.5 (7.5 boxes): b
    // passes it (5 + 3 = 8), a collection that frees nothing; c passes it (8 + 4 = 12), a
    // collection that frees a (dead since tick 1), so c goes to 1.
    expect(mallocs('mark-sweep', 1)).toEqual([
      'malloc a: 5 boxes at 1 (first fit)',
      'malloc b: 3 boxes at 6 (first fit)',
      'malloc c: 4 boxes at 9 (first fit)',
    ]);
    expect(mallocs('mark-sweep', 0.5)).toEqual([
      'malloc a: 5 boxes at 1 (first fit)',
      'malloc b: 3 boxes at 6 (first fit)',
      'malloc c: 4 boxes at 1 (first fit)',
    ]);
  });

  it("the copying collector's bump pointer, with or without a collection before it", () => {
    // Halves of 7 boxes (1..7, 8..14). Trigger 1.0: a at 1; b finds no room (2 boxes left):
    // a collection copies a to 8..12, and b still finds 2 boxes: out of memory.
    expect(mallocs('copying', 1)).toEqual(['malloc a: 5 boxes at 1 (bump pointer)']);
    // Trigger 0.5 (3.5 boxes of a half): a passes it at once, and a collection of nothing
    // flips the halves before a is placed.
    expect(mallocs('copying', 0.5)).toEqual(['malloc a: 5 boxes at 8 (bump pointer)']);
  });
});

describe('why a collection starts', () => {
  it('names the value, its size, what is in use and the trigger, when the trigger is passed', () => {
    expect(collectionStarts('mark-sweep', 0.5)[0]).toBe(
      'mark-sweep: b needs 3 boxes and 5 of 15 are in use, past the trigger (50%); the program stops',
    );
  });

  it('does not start one when the trigger is reached exactly', () => {
    // Trigger 8/15 (8 boxes): a and b make exactly 8, which is not past it; c makes 12, which is.
    const starts = collectionStarts('mark-sweep', 8 / 15);
    expect(starts).toEqual([
      'mark-sweep: c needs 4 boxes and 8 of 15 are in use, past the trigger (53%); the program stops',
    ]);
  });
});

describe('the gaps a run yields when asked, and its end line', () => {
  it('yields a gap before each tick and one after the program has run', () => {
    const rt = createRuntime(level(1), 'mark-sweep', { gaps: true, inner: false });
    const gaps: string[] = [];
    for (let s = rt.next(); s; s = rt.next()) if (s.kind === 'gap') gaps.push(s.text);
    expect(gaps).toEqual([
      'gap before tick 0',
      'gap before tick 1',
      'gap before tick 2',
      'gap before tick 3',
      'the program has run',
    ]);
  });

  it('says what is still allocated at the end, and what of it a collector could never free', () => {
    const end = (name: CollectorName, json: Parameters<typeof compile>[0]) =>
      runCollector(compile(json), name).log.at(-1)?.text;
    expect(end('mark-sweep', { memory: 16, ticks: 4, values })).toBe(
      'Program finished under mark-sweep: 0 bugs; 12 boxes still allocated at the end, none of them out of its reach.',
    );
    // Two records pointing at each other, dropped: refcount never frees the cycle.
    const cycle = {
      memory: 16,
      ticks: 3,
      values: [
        { id: 'p', fields: [{ name: 'next', ref: null }], arrive: 0, drop: 1 },
        { id: 'q', fields: [{ name: 'next', ref: 'p' }], arrive: 0, drop: 1 },
      ],
      sets: [{ tick: 0, in: 'p', field: 'next', to: 'q' }],
    };
    expect(end('refcount', cycle)).toBe(
      'Program finished under refcount: 0 bugs; 2 boxes still allocated at the end, 2 boxes of them in cycles it could never free.',
    );
  });
});
