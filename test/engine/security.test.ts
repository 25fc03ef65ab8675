// Security holes, each by a small scripted run with the exact metrics worked out by hand:
// a secret's bytes read by another value leak it; a trusted value reading bytes an
// untrusted value wrote is steered by the attacker. Both are counted besides the bug
// behind them, at most once per kind per read, and cost 300 points each by default.
//
// Cost model reminders: first fit costs 1 per free run examined, malloc @addr 1, free 1
// plus 1 per free neighbour it coalesces with. Box 0 is NULL: first fit starts at box 1.
// Bytes: "a"=97 "b"=98 "c"=99 "e"=101 "h"=104 "i"=105 "l"=108 "n"=110 "o"=111 "p"=112
// "u"=117 "w"=119 "x"=120 "y"=121 " "=32.
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import type { Game } from '../../src/engine/run/game.js';
import { play } from '../support/play.js';
import { metricsOf, scoreOf, starsOf, type Metrics } from '../../src/engine/scoring/metrics.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import type { Level, LevelValue } from '../../src/engine/level/schema.js';
import { validateLevel } from '../../src/engine/level/validate.js';
import { runCollector } from '../../src/engine/runtime/index.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { ringAtHand } from '../../src/engine/views/ring.js';
import { NO_WRITER } from '../../src/engine/run/state.js';
import { writersOf } from '../../src/engine/run/security.js';

function level(values: LevelValue[], rest: Partial<Level> = {}): CompiledLevel {
  return compileLevel({ id: 'test', title: 'Test', memory: 16, ticks: 3, values, ...rest });
}

function metrics(lv: CompiledLevel, g: Game): Metrics {
  return metricsOf(lv, g.state, oracleRun(lv).state.peak, null);
}

const NO_BUGS = { useAfterFree: 0, corruptRead: 0, doubleFree: 0, invalidFree: 0, overflow: 0 };
const NO_HOLES = { secretsLeaked: 0, attackerReads: 0 };
const logOf = (g: Game, kind: string) => g.state.log.filter((e) => e.kind === kind);
const kinds = (g: Game) => g.state.log.map((e) => e.kind);

describe('use after free', () => {
  it("leaks a secret: the password moved into the freed greeting's boxes is what the program prints", () => {
    // greeting "hi" = [104 105 0] at 0, printed at 2; password "hun" = [104 117 110 0] at 1, secret.
    const lv = level([
      { id: 'greeting', value: 'hi', arrive: 0, uses: [2] },
      { id: 'password', value: 'hun', secret: true, arrive: 1 },
    ]);
    const g = play(lv, [
      'malloc greeting', // first fit @1; work 1
      'step', //            tick 0: greeting at 1..3
      'free greeting', //   1 + 1 coalesce; work 3
      'malloc password', // first fit @1 (greeting's old boxes); work 4
      'step', //            tick 1: password written at 1..4, over greeting's
      'step', //            tick 2: greeting read at 1 (freed): every box is the password's
      'free password', //   1 + 1 coalesce; work 6
      'end',
    ]);
    expect(kinds(g).filter((k) => k === 'useAfterFree' || k === 'secretsLeaked')).toEqual([
      'useAfterFree',
      'secretsLeaked',
    ]);
    expect(logOf(g, 'secretsLeaked')[0]).toMatchObject({
      tick: 2,
      value: 'greeting',
      addr: 1,
      bytes: [104, 117, 110, 0],
      text: 'secret leaked: the program printed greeting and got "hun": the password\'s bytes',
    });
    // Oracle: greeting (to t2) and password (arrives t1) together: peak 3 + 4 = 7; the player's is 4.
    // Score 1000 - 100·1 (use after free) - 300·1 (secret leaked) = 600; a bug: 1 star.
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 3,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 6,
      peak: 4,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, useAfterFree: 1 },
      security: { secretsLeaked: 1, attackerReads: 0 },
      score: 600,
      stars: 1,
      penalties: [
        expect.objectContaining({ points: 100, cause: 'bug', tick: 2, value: 'greeting' }),
        expect.objectContaining({ points: 300, cause: 'security', tick: 2, value: 'greeting' }),
      ],
      timeline: [
        { used: 3, garbage: 0, pause: 0 },
        { used: 4, garbage: 0, pause: 0 },
        { used: 4, garbage: 0, pause: 0 },
      ],
    });
  });

  it('says where the points went: the bug and the leak, one line each, adding up to 1000 minus the score', () => {
    const lv = level([
      { id: 'greeting', value: 'hi', arrive: 0, uses: [2] },
      { id: 'password', value: 'hun', secret: true, arrive: 1 },
    ]);
    const g = play(lv, [
      'malloc greeting',
      'step',
      'free greeting',
      'malloc password',
      'step 2',
      'free password',
      'end',
    ]);
    const m = metrics(lv, g);
    expect(m.penalties.map((p) => [p.points, p.cause, p.tick, p.value])).toEqual([
      [100, 'bug', 2, 'greeting'],
      [300, 'security', 2, 'greeting'],
    ]);
    expect(m.penalties[1].text).toBe(
      'secret leaked: the program printed greeting and got "hun": the password\'s bytes',
    );
    expect(1000 - m.penalties.reduce((n, p) => n + p.points, 0)).toBe(m.score);
    // the level's own weight
    const cheap = level(
      [
        { id: 'greeting', value: 'hi', arrive: 0, uses: [2] },
        { id: 'password', value: 'hun', secret: true, arrive: 1 },
      ],
      { weights: { security: 50 } },
    );
    const c = metrics(
      cheap,
      play(cheap, ['malloc greeting', 'step', 'free greeting', 'malloc password', 'step 2', 'free password', 'end']),
    );
    expect(c.penalties.find((p) => p.cause === 'security')?.points).toBe(50);
    expect(c.score).toBe(850);
  });

  it("reads attacker bytes: a stale login check finds isAdmin in the attacker's message", () => {
    // session {user: "al", isAdmin: false} = [97 108 0 | 0], checked at 2; msg "hey you" (untrusted) at 1.
    const lv = level([
      {
        id: 'session',
        fields: [
          { name: 'user', value: 'al' },
          { name: 'isAdmin', value: false },
        ],
        arrive: 0,
        uses: [2],
      },
      { id: 'msg', value: 'hey you', untrusted: true, arrive: 1 },
    ]);
    const g = play(lv, [
      'malloc session', // @1 (1..4); work 1
      'step', //           tick 0
      'free session', //   logout; work 3
      'malloc msg', //     @1 (1..8); work 4
      'step', //           tick 1: "hey you" = [104 101 121 32 121 111 117 0]; box 4, isAdmin, is " " (32)
      'step', //           tick 2: the check reads session at 1
      'free msg', //       work 6
      'end',
    ]);
    expect(logOf(g, 'attackerReads').map((e) => e.text)).toEqual([
      'attacker-controlled read: session.user read "hey you" and session.isAdmin read true from msg\'s bytes: the attacker is admin',
    ]);
    expect(logOf(g, 'secretsLeaked')).toEqual([]);
    const m = metrics(lv, g);
    expect(m.bugs).toEqual({ ...NO_BUGS, useAfterFree: 1 });
    expect(m.security).toEqual({ secretsLeaked: 0, attackerReads: 1 });
    // 1000 - 100 - 300; oracle peak 4 + 8 = 12 ≥ 8: no peak penalty.
    expect(m.score).toBe(600);
    expect(m.stars).toBe(1);
  });

  it('a secret reading its own stale bytes leaks nothing: the use after free alone is counted', () => {
    const lv = level([{ id: 'pw', value: 'pw', secret: true, arrive: 0, uses: [1, 2] }]);
    const g = play(lv, ['malloc pw', 'step 2', 'free pw', 'step', 'end']);
    // tick 1: a clean read of pw's own bytes; tick 2: pw read after its free, the boxes still its own.
    const m = metrics(lv, g);
    expect(m.bugs).toEqual({ ...NO_BUGS, useAfterFree: 1 });
    expect(m.security).toEqual(NO_HOLES);
    expect(m.score).toBe(900);
    expect(logOf(g, 'secretsLeaked')).toEqual([]);
  });

  it('a secret reading another secret leaks it', () => {
    const lv = level([
      { id: 'pin', value: 'pin', secret: true, arrive: 0, uses: [2] },
      { id: 'key', value: 'key', secret: true, arrive: 1 },
    ]);
    const g = play(lv, ['malloc pin', 'step', 'free pin', 'malloc key', 'step 2', 'free key', 'end']);
    expect(metrics(lv, g).security).toEqual({ secretsLeaked: 1, attackerReads: 0 });
    expect(logOf(g, 'secretsLeaked')[0].text).toBe(
      'secret leaked: the program printed pin and got "key": the key\'s bytes',
    );
  });

  it('reads attacker bytes into a pointer: the attacker chose where it points, and a null stays null', () => {
    // node {next: → nothing, n: 5} = [0 | 5] at 1; msg (untrusted) is written at 1 after node is freed.
    const attacked = (msg: string, rest: Partial<Level> = {}) => {
      const lv = level(
        [
          {
            id: 'node',
            fields: [
              { name: 'next', ref: null },
              { name: 'n', value: 5 },
            ],
            arrive: 0,
            uses: [2],
          },
          { id: 'msg', value: msg, untrusted: true, arrive: 1 },
        ],
        rest,
      );
      const g = play(lv, ['malloc node', 'step', 'free node', 'malloc msg', 'step', 'step', 'free msg', 'end']);
      return logOf(g, 'attackerReads').map((e) => e.text);
    };
    expect(attacked('a')).toEqual([
      "attacker-controlled read: node.next read →97 and node.n read 0 from msg's bytes: the attacker chose where next points",
    ]);
    // A pointer of one box is that box alone, whatever the attacker wrote after it.
    expect(attacked('ab')).toEqual([
      "attacker-controlled read: node.next read →97 and node.n read 98 from msg's bytes: the attacker chose where next points",
    ]);
    // Past 256 boxes a pointer is two boxes, lowest first: "ab" makes it 97 + 98 × 256.
    expect(attacked('ab', { memory: 300 })).toEqual([
      "attacker-controlled read: node.next read →25185 and node.n read 0 from msg's bytes: the attacker chose where next points",
    ]);
    // The attacker's bytes land on the count only: next keeps its null, and the attacker chose what n says.
    const lv2 = level([
      {
        id: 'node',
        fields: [
          { name: 'n', value: 5 },
          { name: 'next', ref: null },
        ],
        arrive: 0,
        uses: [2],
      },
      { id: 'msg', value: 7, type: 'u8', untrusted: true, arrive: 1 },
    ]);
    const g2 = play(lv2, ['malloc node', 'step', 'free node', 'malloc msg', 'step', 'step', 'free msg', 'end']);
    expect(logOf(g2, 'attackerReads').map((e) => e.text)).toEqual([
      "attacker-controlled read: node.n read 7 from msg's bytes: the attacker chose what n says",
    ]);
  });

  it("an untrusted value reading another untrusted value's bytes is no attacker read", () => {
    const lv = level([
      { id: 'first', value: 'hi', untrusted: true, arrive: 0, uses: [2] },
      { id: 'second', value: 'yo', untrusted: true, arrive: 1 },
    ]);
    const g = play(lv, ['malloc first', 'step', 'free first', 'malloc second', 'step 2', 'free second', 'end']);
    const m = metrics(lv, g);
    expect(m.bugs).toEqual({ ...NO_BUGS, useAfterFree: 1 });
    expect(m.security).toEqual(NO_HOLES);
    expect(m.score).toBe(900);
  });

  it('counts each kind once per read, however many of the bytes are foreign', () => {
    // note "abc" (4 boxes) read at 2 over boxes written by two secrets and an untrusted value.
    const lv = level([
      { id: 'note', value: 'abc', arrive: 0, uses: [2] },
      { id: 's1', value: true, secret: true, arrive: 1 },
      { id: 's2', value: true, secret: true, arrive: 1 },
      { id: 'evil', value: 'x', untrusted: true, arrive: 1 },
    ]);
    const g = play(lv, ['malloc note', 'step', 'free note', 'malloc s1', 'malloc s2', 'malloc evil', 'step 2', 'end']);
    expect(metrics(lv, g).security).toEqual({ secretsLeaked: 1, attackerReads: 1 });
    expect(logOf(g, 'secretsLeaked')[0].text).toBe(
      'secret leaked: the program printed note and got "\\u0001\\u0001x": the s1\'s and s2\'s bytes',
    );
  });
});

describe('overflow into a neighbour', () => {
  it("a secret's spilled bytes, read by the neighbour: overflow, corrupt read and a leak", () => {
    // note "hi" @3..5 first; key "abc" (4 boxes) given 2 boxes @1: "c" and 0 spill into 3 and 4.
    const lv = level([
      { id: 'note', value: 'hi', arrive: 0, uses: [2] },
      { id: 'key', value: 'abc', secret: true, arrive: 1, uses: [2] },
    ]);
    const g = play(lv, ['malloc note @3', 'step', 'malloc key 2 @1', 'step 2', 'free key', 'free note', 'end']);
    expect(writersOf(g.state, 1, 5)).toEqual([1, 1, 1, 1, 0]);
    expect(logOf(g, 'secretsLeaked').map((e) => e.text)).toEqual([
      'secret leaked: the program printed note and got "c": the key\'s bytes',
    ]);
    const m = metrics(lv, g);
    // tick 2: note read at 3 finds [99 0 0] → "c", the key's bytes: a corrupt read and a leak.
    // key read at 1 finds its own [97 98 99 0]: no bug, and a secret's own bytes leak nothing.
    expect(m.bugs).toEqual({ ...NO_BUGS, overflow: 1, corruptRead: 1 });
    expect(m.security).toEqual({ secretsLeaked: 1, attackerReads: 0 });
    // Work: 1 + 1 (two mallocs @) + free key (no free neighbour: 1) + free note (merges both sides: 3) = 6.
    expect(m.work).toBe(6);
    // Oracle peak 3 + 4 = 7 ≥ the player's 5. 1000 - 100·2 - 300 = 500.
    expect(m.score).toBe(500);
  });

  it("an attacker's spilled bytes, read by the neighbour: a flag turned on", () => {
    // admin (bool false) @2; input "xy" (untrusted, 3 boxes) given 1 box @1: "y" lands on admin.
    const lv = level([
      { id: 'admin', value: false, arrive: 0, uses: [2] },
      { id: 'input', value: 'xy', untrusted: true, arrive: 1 },
    ]);
    const g = play(lv, ['malloc admin @2', 'step', 'malloc input 1 @1', 'step 2', 'free input', 'free admin', 'end']);
    expect(logOf(g, 'attackerReads').map((e) => e.text)).toEqual([
      "attacker-controlled read: admin read true from input's bytes: the attacker turned admin on",
    ]);
    const m = metrics(lv, g);
    expect(m.bugs).toEqual({ ...NO_BUGS, overflow: 1, corruptRead: 1 });
    expect(m.security).toEqual({ secretsLeaked: 0, attackerReads: 1 });
    expect(m.score).toBe(500);
  });
});

describe('pointers written by a set', () => {
  it("belong to the record written into: a set into a freed record writes the record's bytes, not the new owner's", () => {
    // r {p: null} @1 is freed; evil (untrusted u8 9) takes box 1; a set r.p = a at 2 writes box 1 as r's.
    const lv = level(
      [
        { id: 'a', value: 5, arrive: 0 },
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0, drop: 3 },
        { id: 'evil', value: 9, untrusted: true, arrive: 1, uses: [2] },
      ],
      { sets: [{ tick: 2, in: 'r', field: 'p', to: 'a' }] },
    );
    const g = play(lv, ['malloc r @1', 'malloc a @5', 'step', 'free r', 'malloc evil @1', 'step 2', 'end']);
    expect(writersOf(g.state, 1, 1)).toEqual([1]);
    // evil (untrusted) reads r's pointer: it is not trusted, so no attacker read; no secret either.
    expect(metrics(lv, g).security).toEqual(NO_HOLES);
    expect(metrics(lv, g).bugs).toEqual({ ...NO_BUGS, useAfterFree: 1, corruptRead: 1 });
  });
});

describe('collectors', () => {
  // junk "abc" (untrusted, 4 boxes) goes out of scope at 1; pw (secret, 3) is read at 3.
  // The trigger (half the heap) makes big's allocation at 2 collect: mark-compact slides
  // pw from 5 down to 1 over junk's dead boxes; copying copies it there from the other half.
  const lv = level(
    [
      { id: 'junk', value: 'abc', untrusted: true, arrive: 0, drop: 1 },
      { id: 'pw', value: 'pw', secret: true, arrive: 0, uses: [3] },
      { id: 'big', value: 'xyz', arrive: 2, uses: [3] },
    ],
    { ticks: 4, memory: 17, gc: { trigger: 0.5 } },
  );

  it.each([
    ['mark-compact', 5],
    ['copying', 13],
  ] as const)("%s moves the secret's block into dead attacker boxes, its writer with it: no hole", (name, from) => {
    const state = runCollector(lv, name, { verbose: true });
    expect(state.log.find((e) => e.kind === 'malloc' && e.value === 'pw')?.addr).toBe(from);
    expect(state.variables[1].addr).toBe(1);
    // boxes 1..3 were junk's; they hold pw's bytes now, written (as far as anyone can tell) by pw.
    expect(Array.from(state.bytes.slice(1, 4))).toEqual([112, 119, 0]);
    expect(writersOf(state, 1, 3)).toEqual([1, 1, 1]);
    expect(state.crash).toBeNull();
    expect(state.bugs).toEqual(NO_BUGS);
    expect(state.security).toEqual(NO_HOLES);
  });

  it("generational's scavenge copies the secret to the other half, its writer with it", () => {
    // The nursery: boxes 1..8 and 9..16. junk (4) and pw (3) fill the low half; big (5) at 2
    // does not fit there: a scavenge copies pw (junk is dead) to 9, and big is bumped in at 12.
    const young = level(
      [
        { id: 'junk', value: 'abc', untrusted: true, arrive: 0, drop: 1 },
        { id: 'pw', value: 'pw', secret: true, arrive: 0, uses: [3] },
        { id: 'big', value: 'abcd', arrive: 2, uses: [3] },
      ],
      { ticks: 4, memory: 33, gc: { nursery: 16 } },
    );
    const state = runCollector(young, 'generational');
    expect(state.variables.map((v) => v.addr)).toEqual([1, 9, 12]);
    expect(writersOf(state, 9, 3)).toEqual([1, 1, 1]);
    // the old copy's boxes keep their writer too: a stale copy is still the secret's bytes
    expect(writersOf(state, 5, 3)).toEqual([1, 1, 1]);
    expect(state.bugs).toEqual(NO_BUGS);
    expect(state.security).toEqual(NO_HOLES);
  });

  it('no collector opens a hole here', () => {
    for (const name of COLLECTORS) expect(runCollector(lv, name).security, name).toEqual(NO_HOLES);
  });
});

describe('score, stars and validation', () => {
  const base = {
    completed: true,
    bugs: { ...NO_BUGS, useAfterFree: 1 },
    security: { secretsLeaked: 1, attackerReads: 1 },
    pauseTicks: 0,
    garbageBoxTicks: 0,
    peak: 4,
  };

  it('each security event costs 300 by default, or the level\'s "security" weight', () => {
    const lv = level([{ id: 'a', value: 1, arrive: 0 }]);
    // 1000 - 100 - 300·2
    expect(scoreOf(lv, base, 4)).toBe(300);
    const cheap = level([{ id: 'a', value: 1, arrive: 0 }], { weights: { security: 50 } });
    expect(scoreOf(cheap, base, 4)).toBe(800);
  });

  it('a security hole alone keeps a run to one star', () => {
    expect(
      starsOf(
        {
          completed: true,
          bugs: NO_BUGS,
          security: { secretsLeaked: 0, attackerReads: 1 },
          leakedAtEnd: 0,
          score: 700,
        },
        0,
      ),
    ).toBe(1);
  });

  it('refuses a value marked both secret and untrusted, naming its path', () => {
    const r = validateLevel({
      id: 'x',
      title: 'X',
      memory: 16,
      ticks: 2,
      values: [
        { id: 'ok', value: 1, arrive: 0 },
        { id: 'both', value: 'pw', secret: true, untrusted: true, arrive: 0 },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        {
          path: 'values[1]',
          message:
            "`both` is marked both `secret` and `untrusted`; a value is either the program's secret (a password, a key) or an attacker's input, not both: remove one.",
        },
      ]);
  });

  it('refuses a secret that is not a boolean', () => {
    const r = validateLevel({
      id: 'x',
      title: 'X',
      memory: 16,
      ticks: 2,
      values: [{ id: 'pw', value: 'pw', secret: 'yes', arrive: 0 }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].path).toBe('values[0].secret');
  });
});

describe('the encoder ring', () => {
  it('says whose bytes the decoder read, and that the secret leaked', () => {
    const lv = level([
      { id: 'greeting', value: 'hi', arrive: 0, uses: [2] },
      { id: 'password', value: 'hun', secret: true, arrive: 1 },
    ]);
    const g = play(lv, ['malloc greeting', 'step', 'free greeting', 'malloc password', 'step 2']);
    const ring = ringAtHand(lv, g.state);
    expect(ring?.id).toBe('greeting');
    expect(ring?.read).toMatchObject({
      text: '"hun"',
      leaked: true,
      attacked: false,
      from: [{ writer: 'password', boxes: 4, secret: true, untrusted: false, own: false }],
    });
  });

  it('shows what the program decoded, its string read on past the record, and that the attacker steers it', () => {
    const lv = level([
      {
        id: 'session',
        fields: [
          { name: 'user', value: 'al' },
          { name: 'isAdmin', value: false },
        ],
        arrive: 0,
        uses: [2],
      },
      { id: 'msg', value: 'hey you', untrusted: true, arrive: 1 },
    ]);
    const g = play(lv, ['malloc session', 'step', 'free session', 'malloc msg', 'step 2']);
    expect(ringAtHand(lv, g.state)?.read).toMatchObject({
      bytes: [104, 101, 121, 32],
      text: '{user: "hey you", isAdmin: true}',
      expected: '{user: "al", isAdmin: false}',
      same: false,
      leaked: false,
      attacked: true,
      from: [{ writer: 'msg', boxes: 4, untrusted: true, own: false }],
    });
  });

  it("a clean read is all the value's own bytes", () => {
    const lv = level([{ id: 'pw', value: 'pw', secret: true, arrive: 0, uses: [0] }]);
    const g = play(lv, ['malloc pw', 'step']);
    expect(ringAtHand(lv, g.state)?.read).toMatchObject({
      leaked: false,
      attacked: false,
      from: [{ writer: 'pw', boxes: 3, own: true }],
    });
    expect(writersOf(g.state, 0, 1)).toEqual([NO_WRITER]);
  });
});
