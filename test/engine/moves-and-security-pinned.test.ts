// The exact words of a few moves and security holes, each by a small scripted run worked
// out by hand: a step says nothing when the program ends, the end's line counts the holes,
// and an attacker read names the fields the attacker's bytes landed on and what that got them.
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import { dispatch, type Game } from '../../src/engine/run/game.js';
import { play } from '../support/play.js';
import type { Level, LevelValue } from '../../src/engine/level/schema.js';
import { validateLevel } from '../../src/engine/level/validate.js';

function level(values: LevelValue[], rest: Partial<Level> = {}): CompiledLevel {
  return compileLevel({ id: 'test', title: 'Test', memory: 16, ticks: 3, values, ...rest });
}

const texts = (g: Game, kind: string) => g.state.log.filter((e) => e.kind === kind).map((e) => e.text);

describe('steps and the end of the program', () => {
  const lv = level([{ id: 'a', value: 1, arrive: 0, uses: [1] }], { ticks: 2 });

  it('a step that runs the last tick says nothing; run over the same tick says the program has ended', () => {
    const g = play(lv, ['malloc a', 'step']);
    const step = dispatch(g, 'step');
    expect(step.ok).toBe(true);
    expect(step.game.state.tick).toBe(2);
    expect(step.ok && step.message).toBe(undefined);
    // asked for more ticks than are left: it stops at the end, and still says nothing
    const many = dispatch(play(lv, ['malloc a']), 'step 5');
    expect(many.game.state.tick).toBe(2);
    expect(many.ok && many.message).toBe(undefined);
    const run = dispatch(g, 'run');
    expect(run.game.state.tick).toBe(2);
    expect(run.ok && run.message).toBe('The program has ended: type end to finish.');
  });

  it("the end's line counts the security holes: one hole", () => {
    // greeting "hi" (3 boxes) @1 is freed; password "hun" (secret) takes its boxes; greeting is read at 2.
    const lv1 = level([
      { id: 'greeting', value: 'hi', arrive: 0, uses: [2] },
      { id: 'password', value: 'hun', secret: true, arrive: 1 },
    ]);
    const g = play(lv1, [
      'malloc greeting',
      'step',
      'free greeting',
      'malloc password',
      'step 2',
      'free password',
      'end',
    ]);
    expect(texts(g, 'end')).toEqual(['Program finished: 1 bug, 0 boxes never freed; exploitable: 1 security hole.']);
  });

  it("the end's line counts the security holes: two holes, in the plural", () => {
    // note "abc" (4 boxes) @1 is freed; s1, s2 (secrets, 1 box each) and evil "x" (untrusted, 2)
    // fill its boxes; note's read at 2 is a use after free, a leak and an attacker read.
    const lv2 = level([
      { id: 'note', value: 'abc', arrive: 0, uses: [2] },
      { id: 's1', value: true, secret: true, arrive: 1 },
      { id: 's2', value: true, secret: true, arrive: 1 },
      { id: 'evil', value: 'x', untrusted: true, arrive: 1 },
    ]);
    const g = play(lv2, ['malloc note', 'step', 'free note', 'malloc s1', 'malloc s2', 'malloc evil', 'step 2', 'end']);
    expect(texts(g, 'end')).toEqual(['Program finished: 1 bug, 4 boxes never freed; exploitable: 2 security holes.']);
  });
});

describe('what an attacker read names', () => {
  /** record r (arrives 0, read at 2) @1 is freed at 1, and evil (untrusted, arrives 1) is malloc'ed at `at`. */
  function attacked(fields: NonNullable<LevelValue['fields']>, evil: Partial<LevelValue>, at: number): Game {
    const lv = level([
      { id: 'r', fields, arrive: 0, uses: [2] },
      { id: 'evil', value: 0, untrusted: true, arrive: 1, ...evil },
    ]);
    return play(lv, ['malloc r', 'step', 'free r', `malloc evil @${at}`, 'step 2']);
  }

  it('a pointer the attacker overwrote with 0 reads null', () => {
    // r {next: null, n: 5} = [0 | 5]; evil (u8 0) writes box 1, next's one box: still 0, but the attacker's.
    const g = attacked(
      [
        { name: 'next', ref: null },
        { name: 'n', value: 5 },
      ],
      { value: 0 },
      1,
    );
    expect(texts(g, 'attackerReads')).toEqual([
      "attacker-controlled read: r.next read null from evil's bytes: the attacker chose where next points",
    ]);
  });

  it("names only the fields the attacker's bytes landed in, not the field just before them", () => {
    // r {a: 5, b: 6} = [5 | 6] @1..2; evil (u8 9) @2 writes b's box alone.
    const g = attacked(
      [
        { name: 'a', value: 5 },
        { name: 'b', value: 6 },
      ],
      { value: 9 },
      2,
    );
    expect(texts(g, 'attackerReads')).toEqual([
      "attacker-controlled read: r.b read 9 from evil's bytes: the attacker chose what b says",
    ]);
    // the entry says which value was read, where, and its bytes
    expect(g.state.log.find((e) => e.kind === 'attackerReads')).toMatchObject({
      tick: 2,
      value: 'r',
      addr: 1,
      bytes: [5, 9],
    });
  });

  it('a field the attacker wrote only the last box of is still hit', () => {
    // r {tag: 1, n: u16 513} = [1 | 1 2] @1..3; evil (u8 7) @3 writes n's high box: n = 1 + 7·256 = 1793.
    const g = attacked(
      [
        { name: 'tag', value: 1 },
        { name: 'n', value: 513, type: 'u16' },
      ],
      { value: 7 },
      3,
    );
    expect(texts(g, 'attackerReads')).toEqual([
      "attacker-controlled read: r.n read 1793 from evil's bytes: the attacker chose what n says",
    ]);
  });

  it('a flag the attacker turned off is no flag turned on: the attacker chose what it says', () => {
    // r {isAdmin: true} = [1] @1; evil (u8 0) @1 writes 0 over it.
    const g = attacked([{ name: 'isAdmin', value: true }], { value: 0 }, 1);
    expect(texts(g, 'attackerReads')).toEqual([
      "attacker-controlled read: r.isAdmin read false from evil's bytes: the attacker chose what isAdmin says",
    ]);
  });

  it('a flag reads "the attacker is …" only when its whole name is is + a capitalized word', () => {
    // r {flag: false} = [0] @1; evil (u8 7) @1 turns it on.
    const on = (name: string) => texts(attacked([{ name, value: false }], { value: 7 }, 1), 'attackerReads');
    expect(on('isAdmin')).toEqual([
      "attacker-controlled read: r.isAdmin read true from evil's bytes: the attacker is admin",
    ]);
    // "is" inside the name is not its start
    expect(on('analysisDone')).toEqual([
      "attacker-controlled read: r.analysisDone read true from evil's bytes: the attacker turned analysisDone on",
    ]);
    // a field name may be any string (only ids are identifiers): one going on past a line break is not is + a word
    const odd = 'isAdmin\n';
    expect(
      validateLevel({
        id: 'test',
        title: 'Test',
        memory: 16,
        ticks: 3,
        values: [
          { id: 'r', fields: [{ name: odd, value: false }], arrive: 0, uses: [2] },
          { id: 'evil', value: 7, untrusted: true, arrive: 1 },
        ],
      }).ok,
    ).toBe(true);
    expect(on(odd)).toEqual([
      `attacker-controlled read: r.${odd} read true from evil's bytes: the attacker turned ${odd} on`,
    ]);
  });
});
