// Each consequence of a mistake (use after free, double free, leak, ...) by a small scripted run: a tiny level written inline,
// typed commands through `dispatch`, and the exact metrics, derived by hand in comments.
//
// Cost model reminders: first fit costs 1 per free run examined, malloc @addr
// costs 1, free costs 1 plus 1 per free neighbour it coalesces with; a free that frees
// nothing (double or invalid) costs 1. Box 0 is NULL, so first fit starts at box 1.
// Byte values used below: "a"=97 "b"=98 "c"=99 "d"=100 "k"=107 "o"=111 "p"=112 "w"=119 "x"=120.
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';
import { play } from '../support/play.js';
import { metricsOf, mmu, scoreOf, starsOf, type Metrics } from '../../src/engine/scoring/metrics.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { playCommands } from '../../src/engine/run/headless.js';
import type { Level, LevelValue } from '../../src/engine/level/schema.js';
import { Timeline } from '../../src/engine/run/timeline.js';

function level(values: LevelValue[], rest: Partial<Level> = {}): CompiledLevel {
  return compileLevel({ id: 'test', title: 'Test', memory: 16, ticks: 3, values, ...rest });
}

/** The command must be refused with exactly this sentence, leaving the game untouched. */
function refuse(g: Game, command: string, sentence: string): void {
  const r = dispatch(g, command);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error).toBe(sentence);
  expect(r.game).toBe(g);
}

/** The run's metrics; its penalties, checked to add up to 1000 minus the score, are left out. */
function metrics(lv: CompiledLevel, g: Game, collectorScore: number | null = null): Omit<Metrics, 'penalties'> {
  const { penalties, ...m } = metricsOf(lv, g.state, oracleRun(lv).state.peak, collectorScore);
  expect(penalties.reduce((n, p) => n + p.points, 0)).toBe(1000 - m.score);
  return m;
}

const NO_BUGS = { useAfterFree: 0, corruptRead: 0, doubleFree: 0, invalidFree: 0, overflow: 0 };
const NO_HOLES = { secretsLeaked: 0, attackerReads: 0 };
const flat = (...used: number[]): Timeline => Timeline.of(used.map((u) => ({ used: u, garbage: 0, pause: 0 })));
const logOf = (g: Game, kind: string) => g.state.log.filter((e) => e.kind === kind);
const boxes = (g: Game, from: number, n: number) => Array.from(g.state.bytes.slice(from, from + n));

describe('use after free', () => {
  // pw "pw" = [112 119 0] arrives at 0, is read at 2; ok "ok" = [111 107 0] arrives at 1.
  const lv = level([
    { id: 'pw', value: 'pw', arrive: 0, uses: [2] },
    { id: 'ok', value: 'ok', arrive: 1 },
  ]);

  it("a freed password block reused by another value: the program reads the new owner's bytes", () => {
    const g = play(lv, [
      'malloc pw', //   first fit: 1 run examined → @1; work 1
      'step', //        tick 0: pw written at 1..3
      'free pw', //     right neighbour 4..15 is free: 1 + 1 coalesce; work 3
      'malloc ok', //   first fit: 1 run → @1 (pw's old block); work 4
      'step', //        tick 1: ok written over pw's boxes 1..3
      'step', //        tick 2: pw is read at 1, freed: reads "ok"
      'free ok', //     1 + 1 coalesce; work 6
      'end',
    ]);
    const uaf = logOf(g, 'useAfterFree');
    expect(uaf).toHaveLength(1);
    expect(uaf[0]).toMatchObject({
      tick: 2,
      value: 'pw',
      addr: 1,
      bytes: [111, 107, 0],
      text: 'use after free: the program reads pw at 1, freed; expected "pw", read "ok" (ok\'s data)',
    });
    expect(boxes(g, 1, 3)).toEqual([111, 107, 0]);
    // Oracle: pw @1 (3 boxes) at tick 0; ok (last touched at its arrival, 1) @4 at tick 1
    // while pw is still live: oracle peak 6. Player peak 3 ≤ 6: no peak penalty.
    // Score 1000 - 100·1 = 900; a bug: 1 star.
    expect(oracleRun(lv).state.peak).toBe(6);
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 3,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 6,
      peak: 3,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, useAfterFree: 1 },
      security: NO_HOLES,
      score: 900,
      stars: 1,
      timeline: flat(3, 3, 3), // pw before tick 0, ok before ticks 1 and 2
    });
  });

  it('a freed block nobody reused: the stale bytes are read back, still counted', () => {
    const g = play(lv, ['malloc pw', 'step', 'free pw', 'malloc ok @5', 'step', 'step']);
    const [uaf] = logOf(g, 'useAfterFree');
    expect(uaf.text).toBe('use after free: the program reads pw at 1, freed; expected "pw", read "pw" (stale bytes)');
    expect(g.state.bugs.useAfterFree).toBe(1);
  });

  it('a record arriving with a pointer to a freed value', () => {
    // v (1 box) arrives at 0; r = {p → v} (1 + 0 boxes: a pointer is 1 box in 16 boxes) at 1.
    const lv2 = level([
      { id: 'v', value: 9, arrive: 0 },
      { id: 'r', fields: [{ name: 'p', ref: 'v' }], arrive: 1 },
    ]);
    const g = play(lv2, ['malloc v', 'step', 'free v', 'malloc r @5', 'step']);
    const [uaf] = logOf(g, 'useAfterFree');
    // The entry names the freed value and its box (the screens point at them).
    expect(uaf).toEqual({
      tick: 1,
      kind: 'useAfterFree',
      text: 'use after free: r gets a pointer to v, whose block at 1 was freed',
      value: 'v',
      addr: 1,
    });
    // the pointer written is v's old address, 1
    expect(g.state.bytes[5]).toBe(1);
    expect(g.state.bugs).toEqual({ ...NO_BUGS, useAfterFree: 1 });
  });

  it('a pointer written into a freed record lands on whoever lives there now', () => {
    // r = {p → null} at 0 (1 box); at tick 1 the program sets r.p = v; w (u8 200) takes r's old box.
    const lv3 = level(
      [
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0 },
        { id: 'v', value: 7, arrive: 0 },
        { id: 'w', value: 200, arrive: 1, uses: [1] },
      ],
      { sets: [{ tick: 1, in: 'r', field: 'p', to: 'v' }] },
    );
    // r @1, v @2; free r; w by first fit @1; tick 1: w = 200 written at 1, then the set
    // writes v's address (2) at box 1, then w is read: 2, not 200.
    const g = play(lv3, ['malloc r', 'malloc v', 'step', 'free r', 'malloc w', 'step']);
    expect(g.state.variables[2].addr).toBe(1);
    expect(logOf(g, 'useAfterFree')).toEqual([
      {
        tick: 1,
        kind: 'useAfterFree',
        text: "use after free: the program writes r.p, but r's block at 1 was freed; the write lands on whoever lives there now",
        value: 'r',
        addr: 1,
      },
    ]);
    expect(logOf(g, 'corruptRead').map((e) => e.text)).toEqual([
      'corrupt read: w at 1 should be 200 but reads 2 [2]: something overwrote it',
    ]);
    expect(g.state.bugs).toEqual({ ...NO_BUGS, useAfterFree: 1, corruptRead: 1 });
  });
});

describe('overflow and corrupt read', () => {
  it("a neighbour's overflow overwrites a live value: overflow, then a corrupt read", () => {
    // memory 8. a = 7 (u8) arrives at 0, read at 1; b = "x" = [120 0] arrives at 1 in a 1-box block just before a.
    const lv = level(
      [
        { id: 'a', value: 7, arrive: 0, uses: [1] },
        { id: 'b', value: 'x', arrive: 1 },
      ],
      { memory: 8, ticks: 2 },
    );
    const g = play(lv, [
      'malloc a @2', // work 1
      'step', //        tick 0: box 2 = 7
      'malloc b 1 @1', // work 2
      'step', //        tick 1: b writes 120 at 1 and its terminator 0 at 2 (a's box); then a is read: 0
      'free a', //      blocks b@1, a@2: left neighbour allocated, right 3..7 free → 1 + 1; work 4
      'free b', //      b@1 alone: right neighbour free → 1 + 1; work 6
      'end',
    ]);
    expect(boxes(g, 1, 2)).toEqual([120, 0]);
    expect(logOf(g, 'overflow').map((e) => e.text)).toEqual([
      "overflow: b needs 2 boxes but its block has 1; the rest landed in box 2 (a's)",
    ]);
    expect(logOf(g, 'corruptRead')).toMatchObject([
      {
        tick: 1,
        value: 'a',
        addr: 2,
        bytes: [0],
        text: 'corrupt read: a at 2 should be 7 but reads 0 [0]: something overwrote it',
      },
    ]);
    // Oracle: a @1 (tick 0), b @2..3 (tick 1, a still live): peak 3. Player peak 2.
    // Score 1000 - 100·2 = 800.
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 2,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 6,
      peak: 2,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, overflow: 1, corruptRead: 1 },
      security: NO_HOLES,
      score: 800,
      stars: 1,
      timeline: flat(1, 2),
    });
  });

  it('a block smaller than its value: the bytes land in the next block and free boxes, counted once', () => {
    // n = 5 (u8) @3 arrives at 0, never read; s = "abcd" = [97 98 99 100 0] arrives at 1 in 2 boxes @1.
    const lv = level(
      [
        { id: 'n', value: 5, arrive: 0 },
        { id: 's', value: 'abcd', arrive: 1, uses: [1] },
      ],
      { ticks: 2 },
    );
    const g = play(lv, [
      'malloc n @3', //   work 1
      'step', //          tick 0: box 3 = 5
      'malloc s 2 @1', // work 2
      'step', //          tick 1: s writes 1..5; boxes 3 (n's), 4, 5 (free) take the spill; s reads back whole
      'free s', //        s@1..2 between box 1's left edge and n@3: nothing to coalesce → 1; work 3
      'free n', //        n@3: box 1..2 free on the left, 4..15 on the right → 1 + 2; work 6
      'end',
    ]);
    expect(boxes(g, 1, 5)).toEqual([97, 98, 99, 100, 0]);
    expect(logOf(g, 'overflow')).toMatchObject([
      {
        tick: 1,
        value: 's',
        addr: 1,
        bytes: [97, 98, 99, 100, 0],
        text: "overflow: s needs 5 boxes but its block has 2; the rest landed in box 3 (n's), box 4 (free), box 5 (free)",
      },
    ]);
    // Oracle: n @1 at tick 0, freed after it (never read); s @1..5 at tick 1: peak 5. Player peak 3.
    expect(oracleRun(lv).state.peak).toBe(5);
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 2,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 6,
      peak: 3,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, overflow: 1 },
      security: NO_HOLES,
      score: 900,
      stars: 1,
      timeline: flat(1, 3),
    });
  });

  it('a block at the end of memory too small for its value is an overflow too, though the bytes land nowhere', () => {
    // memory 8: s = "ab" = [97 98 0] in 1 box @7, the last box; 2 bytes would be boxes 8 and 9.
    const lv = level([{ id: 's', value: 'ab', arrive: 0 }], { memory: 8, ticks: 1 });
    const g = play(lv, ['malloc s 1 @7', 'step']);
    expect(g.state.bytes[7]).toBe(97);
    expect(g.state.bugs).toEqual({ ...NO_BUGS, overflow: 1 });
    expect(logOf(g, 'overflow').map((e) => e.text)).toEqual([
      'overflow: s needs 3 boxes but its block has 1; 2 bytes ran past the last box (7)',
    ]);
  });

  it('an overflow that lands in the next box and runs past the last one says both', () => {
    // memory 8: s = "abc" = [97 98 99 0] in 1 box @6: box 7 (free) takes 98, and 2 bytes run past it.
    const lv = level([{ id: 's', value: 'abc', arrive: 0 }], { memory: 8, ticks: 1 });
    const g = play(lv, ['malloc s 1 @6', 'step']);
    expect(logOf(g, 'overflow').map((e) => e.text)).toEqual([
      'overflow: s needs 4 boxes but its block has 1; the rest landed in box 7 (free), and 2 bytes ran past the last box (7)',
    ]);
  });

  it('a block larger than its value is no overflow', () => {
    const lv = level([{ id: 's', value: 'ab', arrive: 0, uses: [0] }], { ticks: 1 });
    const g = play(lv, ['malloc s 10', 'step', 'free s', 'end']);
    expect(g.state.bugs).toEqual(NO_BUGS);
    expect(metrics(lv, g)).toMatchObject({ completed: true, peak: 10, score: 1000 - 5 * (10 - 3) });
  });
});

describe('double free', () => {
  it("through a stale id after the address was reused: the new owner's block is freed", () => {
    // a (1 box) arrives at 0, read at 0, out of scope at 1; b (1 box) arrives at 2, read at 2.
    const lv = level([
      { id: 'a', value: 1, arrive: 0, uses: [0], drop: 1 },
      { id: 'b', value: 2, arrive: 2, uses: [2] },
    ]);
    let g = play(lv, [
      'malloc a', //  @1; work 1
      'step', //      tick 0
      'free a', //    1 + 1 (right run); work 3
      'malloc b', //  first fit @1 (a's old block); work 4
      'free a', //    a's pointer is stale; b lives at 1 now: b's block is freed (1 + 1); work 6
    ]);
    expect(g.state.blocks).toEqual([]);
    expect(g.state.variables[1]).toMatchObject({ addr: 1, freed: true });
    expect(g.state.used).toBe(0);
    expect(logOf(g, 'doubleFree')).toMatchObject([
      {
        tick: 1,
        value: 'a',
        addr: 1,
        text: "double free: a's block at 1 was already freed, and b lives there now, so b's block was freed instead",
      },
    ]);
    g = play(lv, ['step'], g); // tick 1: nothing arrives
    // b lost its block: tick 2 can't run until it gets one again
    refuse(g, 'step', 'Tick 2 needs a block for b: malloc it first.');
    g = play(lv, ['malloc b', 'step', 'free b', 'end'], g); // @1: work 7; free: 1 + 1: work 9
    // Oracle: a @1 freed after tick 0, b @1 at tick 2: peak 1. Score 1000 - 100 = 900.
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 3,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 9,
      peak: 1,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, doubleFree: 1 },
      security: NO_HOLES,
      score: 900,
      stars: 1,
      timeline: flat(1, 0, 1),
    });
  });

  it('through a stale id or address nobody reused: counted, nothing else freed', () => {
    const lv = level(
      [
        { id: 'a', value: 1, arrive: 0, uses: [0], drop: 1 },
        { id: 'c', value: 3, arrive: 0 },
      ],
      { ticks: 2 },
    );
    const g = play(lv, [
      'malloc a', //  @1; work 1
      'malloc c', //  first fit: run 2..15 → @2; work 2
      'step', //      tick 0
      'free a', //    left edge, c on the right: 1; work 3
      'free a', //    stale, no block starts at 1: 1; work 4
      'free 1', //    the same address again: 1; work 5
      'step', //      tick 1
      'free c', //    box 1 free on the left, 3..15 on the right: 1 + 2; work 8
      'end',
    ]);
    expect(logOf(g, 'doubleFree').map((e) => e.text)).toEqual([
      "double free: a's block at 1 was already freed",
      "double free: the block at 1 (a's) was already freed",
    ]);
    // Oracle: a @1 and c @2 at tick 0: peak 2, as the player's. Score 1000 - 200 = 800.
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 2,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 8,
      peak: 2,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, doubleFree: 2 },
      security: NO_HOLES,
      score: 800,
      stars: 1,
      timeline: flat(2, 1),
    });
  });
});

describe('invalid free and refused frees', () => {
  const lv = level([{ id: 's', value: 'ab', arrive: 0, uses: [1] }], { ticks: 2 });

  it('freeing the middle of a block, or a free box, is an invalid free and frees nothing', () => {
    const g = play(lv, [
      'malloc s', //  @1..3; work 1
      'free 2', //    the middle of s: invalid, 1; work 2
      'free 9', //    a free box: invalid, 1; work 3
      'step',
      'step', // s arrives, s is read intact at tick 1
      'free s', //    1 + 1; work 5
      'end',
    ]);
    expect(logOf(g, 'invalidFree').map((e) => e.text)).toEqual([
      'invalid free: no block starts at box 2',
      'invalid free: no block starts at box 9',
    ]);
    // Oracle peak 3, the same. Score 1000 - 200 = 800.
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 2,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 5,
      peak: 3,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: { ...NO_BUGS, invalidFree: 2 },
      security: NO_HOLES,
      score: 800,
      stars: 1,
      timeline: flat(3, 3),
    });
  });

  it('free 0 is free(NULL) and is refused; so are boxes and values that do not exist, and values with no block', () => {
    const g = play(lv, ['malloc s']);
    refuse(g, 'free 0', 'Free 0 is free(NULL): it does nothing.');
    refuse(g, 'free 0x0', 'Free 0 is free(NULL): it does nothing.');
    refuse(g, 'free 16', 'Box 16 does not exist (memory is boxes 0 to 15).');
    refuse(g, 'free nobody', 'There is no value called nobody.');
    refuse(newGame(lv), 'free s', 'Nothing to free: s has no block yet.');
  });
});

describe('out of memory', () => {
  // memory 8 (7 usable). a = "abcdef" (7 boxes) arrives at 0, read at 0, out of scope at 1; b (1 box) arrives at 1.
  const lv = level(
    [
      { id: 'a', value: 'abcdef', arrive: 0, uses: [0], drop: 1 },
      { id: 'b', value: 5, arrive: 1, uses: [1] },
    ],
    { memory: 8, ticks: 2 },
  );

  it('first fit finds no run: malloc is refused with a sentence and changes nothing', () => {
    const g = play(lv, ['malloc a', 'step']);
    refuse(g, 'malloc b', 'Out of memory: b needs 1 box in a row, and the largest free run is 0.');
    refuse(g, 'malloc b @3', "Can't put b at 3: box 3 is already in use.");
  });

  it('end while an arriving value fits nowhere: the run crashes out of memory', () => {
    const g = play(lv, ['malloc a', 'step', 'end']);
    expect(logOf(g, 'end').map((e) => e.text)).toEqual(['Out of memory at tick 1: the run crashed.']);
    expect(metrics(lv, g)).toEqual({
      completed: false,
      crash: 'oom',
      ticks: 1,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 1,
      peak: 7,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: NO_BUGS,
      security: NO_HOLES,
      score: 0,
      stars: 0,
      timeline: flat(7),
    });
    refuse(g, 'step', 'The run is over: undo, or start again.');
  });

  it('end before the last tick otherwise: the player gave up', () => {
    const g = play(lv, ['malloc a', 'step', 'free a', 'end']);
    expect(logOf(g, 'end').map((e) => e.text)).toEqual(['Gave up at tick 1.']);
    // work: malloc 1, free 1 (a fills memory: no free neighbour)
    expect(metrics(lv, g)).toMatchObject({
      completed: false,
      crash: 'abort',
      ticks: 1,
      work: 2,
      peak: 7,
      score: 0,
      stars: 0,
    });
    // giving up at the very start is an abort too
    expect(play(lv, ['end']).state.crash).toBe('abort');
  });

  it('the oracle, out of memory, crashes too; its refused malloc leaves no trace, so its replay agrees', () => {
    // memory 8: a = "ab" (3 boxes) read at 1; b = "abcde" (6 boxes) arrives at 1: the free run 4..7 holds 4.
    const lv2 = level(
      [
        { id: 'a', value: 'ab', arrive: 0, uses: [1] },
        { id: 'b', value: 'abcde', arrive: 1 },
      ],
      { memory: 8, ticks: 2 },
    );
    const oracle = oracleRun(lv2);
    expect(oracle.commands).toEqual(['malloc a', 'step', 'end']);
    // work: the malloc of a (1 run examined); the refused malloc of b counts nothing
    expect(oracle.state).toMatchObject({ crash: 'oom', tick: 1, work: 1, peak: 3 });
    const replay = playCommands(lv2, oracle.commands);
    expect(replay.problems).toEqual([]);
    expect(metricsOf(lv2, replay.state, 3, null)).toEqual(metricsOf(lv2, oracle.state, 3, null));
  });
});

describe('leak', () => {
  it('never freeing: garbage counted per tick once out of scope, all of it leaked at the end', () => {
    // k = 1000 as i16 = [0xe8 0x03] (2 boxes) arrives at 0, read at 0, out of scope at 1; 4 ticks.
    const lv = level([{ id: 'k', value: 1000, type: 'i16', arrive: 0, uses: [0], drop: 1 }], { ticks: 4 });
    const g = play(lv, ['malloc k', 'run', 'end']);
    expect(boxes(g, 1, 2)).toEqual([0xe8, 0x03]);
    // Before tick 0 k has not arrived; before tick 1 it is still in scope (dropped during tick 1);
    // before ticks 2 and 3 it is unreachable: 2 boxes × 2 ticks = 4 garbage box-ticks.
    expect(logOf(g, 'leak')).toMatchObject([
      {
        tick: 2,
        value: 'k',
        addr: 1,
        text: 'leak: k is out of reach, but its block at 1 (2 boxes) is still allocated',
      },
    ]);
    expect(logOf(g, 'end').map((e) => e.text)).toEqual(['Program finished: 0 bugs, 2 boxes never freed.']);
    // Oracle peak 2, the same. Score 1000 - floor(4 / 2) = 998; leaked: 1 star.
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 4,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 1,
      peak: 2,
      garbageBoxTicks: 4,
      leakedAtEnd: 2,
      mmu: 1,
      bugs: NO_BUGS,
      security: NO_HOLES,
      score: 998,
      stars: 1,
      timeline: [
        { used: 2, garbage: 0, pause: 0 },
        { used: 2, garbage: 0, pause: 0 },
        { used: 2, garbage: 2, pause: 0 },
        { used: 2, garbage: 2, pause: 0 },
      ],
    });
  });

  it('a value out of scope but still pointed to is no garbage until the pointer goes', () => {
    // v (1 box) out of scope at 1; r = {p → v, n: 7} (2 boxes) in scope to the end; at tick 2, r.p = null.
    const lv = level(
      [
        { id: 'v', value: 9, arrive: 0, uses: [0], drop: 1 },
        {
          id: 'r',
          fields: [
            { name: 'p', ref: 'v' },
            { name: 'n', value: 7 },
          ],
          arrive: 0,
        },
      ],
      { ticks: 5, sets: [{ tick: 2, in: 'r', field: 'p', to: null }] },
    );
    const g = play(lv, [
      'malloc v', // @1; work 1
      'malloc r', // @2..3; work 2
      'run', //      ticks 0..4
      'free r', //   v on the left, 4..15 free on the right: 1 + 1; work 4
      'end',
    ]);
    // r's bytes: the pointer to v (1), then 7, until the set at tick 2 writes 0
    expect(boxes(g, 2, 2)).toEqual([0, 7]);
    // Before ticks 0, 1: in scope or not arrived. Before 2: reached through r.p.
    // Before 3 and 4: unreachable: 1 box × 2 ticks.
    expect(logOf(g, 'leak').map((e) => [e.tick, e.text])).toEqual([
      [3, 'leak: v is out of reach, but its block at 1 (1 box) is still allocated'],
    ]);
    // Oracle: v @1, r @2 at tick 0: peak 3. Score 1000 - floor(2 / 2) = 999.
    expect(metrics(lv, g)).toEqual({
      completed: true,
      crash: null,
      ticks: 5,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 4,
      peak: 3,
      garbageBoxTicks: 2,
      leakedAtEnd: 1,
      mmu: 1,
      bugs: NO_BUGS,
      security: NO_HOLES,
      score: 999,
      stars: 1,
      timeline: [
        { used: 3, garbage: 0, pause: 0 },
        { used: 3, garbage: 0, pause: 0 },
        { used: 3, garbage: 0, pause: 0 },
        { used: 3, garbage: 1, pause: 0 },
        { used: 3, garbage: 1, pause: 0 },
      ],
    });
  });
});

describe('refused steps and mallocs', () => {
  const lv = level(
    [
      { id: 'a', value: 1, arrive: 0, uses: [0] },
      { id: 'b', value: 2, arrive: 0 },
      { id: 'c', value: 3, arrive: 1 },
      { id: 'd', value: 4, arrive: 2 },
    ],
    { lookahead: 2 },
  );

  it('step is refused while an arriving value has no block; a longer step stops there', () => {
    refuse(newGame(lv), 'step', 'Tick 0 needs a block for a, b: malloc them first.');
    refuse(play(lv, ['malloc a']), 'step', 'Tick 0 needs a block for b: malloc it first.');
    refuse(play(lv, ['malloc a']), 'run', 'Tick 0 needs a block for b: malloc it first.');
    const r = dispatch(play(lv, ['malloc a', 'malloc b']), 'step 3');
    expect(r).toMatchObject({ ok: true, message: 'Tick 1 needs a block for c: malloc it first.' });
    expect(r.game.state.tick).toBe(1);
    expect(r.game.commands.at(-1)).toBe('step 3');
  });

  it('malloc is refused beyond the lookahead, after arrival, when the value has a block, or too big', () => {
    const g = play(lv, ['malloc a']);
    // lookahead 2 at tick 0: ticks 0 and 1 are in sight, d arrives at 2
    refuse(g, 'malloc d', 'd arrives at tick 2, further ahead than you can see (2 ticks).');
    refuse(g, 'malloc a', 'a already has a block at 1; free it first to move it.');
    refuse(g, 'malloc nobody', 'There is no value called nobody.');
    refuse(g, 'malloc b 16', '16 boxes is more than all of memory (15 usable boxes).');
    refuse(g, 'malloc b @0', "Can't put b at 0: box 0 is NULL and can never be allocated.");
    refuse(g, 'malloc b @1', "Can't put b at 1: box 1 is already in use.");
    refuse(g, 'malloc b 3 @14', "Can't put b at 14: 3 boxes from 14 run past the last box (15).");
    refuse(g, 'malloc b @16', "Can't put b at 16: box 16 does not exist (memory is boxes 0 to 15).");
    const later = play(lv, ['malloc b', 'step', 'malloc c'], g);
    refuse(later, 'malloc a', 'a already arrived at tick 0; a block is reserved before a value arrives.');
    // after tick 0 ran, d (tick 2) is within sight
    expect(dispatch(later, 'malloc d').ok).toBe(true);
    // a value freed before it arrives can be given a block again
    const again = play(lv, ['free c', 'malloc c @9'], later);
    expect(again.state.variables[2]).toMatchObject({ addr: 9, freed: false });
  });

  it('after the last tick only end is left', () => {
    const lv1 = level([{ id: 'a', value: 1, arrive: 0 }], { ticks: 1 });
    const g = play(lv1, ['malloc a', 'step']);
    refuse(g, 'step', 'The program has ended: type end to finish.');
    refuse(g, 'run', 'The program has ended: type end to finish.');
    const done = play(lv1, ['end'], g);
    refuse(done, 'end', 'The run is over: undo, or start again.');
    refuse(done, 'free a', 'The run is over: undo, or start again.');
  });
});

describe('undo', () => {
  const lv = level([
    { id: 'pw', value: 'pw', arrive: 0, uses: [2] },
    { id: 'ok', value: 'ok', arrive: 1 },
  ]);

  it('restores the exact previous state, bytes included, and drops the command from the replay', () => {
    const before = play(lv, ['malloc pw', 'step', 'free pw']);
    const snapshot = structuredClone(before.state);
    let g = play(lv, ['malloc ok', 'step', 'step'], before);
    // the later commands changed the boxes (ok over pw) and counted a use after free
    expect(boxes(g, 1, 3)).toEqual([111, 107, 0]);
    expect(g.state.bugs.useAfterFree).toBe(1);
    for (const expected of [['malloc ok', 'step'], ['malloc ok'], []]) {
      const r = dispatch(g, 'undo');
      expect(r.ok).toBe(true);
      g = r.game;
      expect(g.commands).toEqual([...before.commands, ...expected]);
    }
    expect(g.state).toBe(before.state);
    expect(g.state).toEqual(snapshot);
    expect(boxes(g, 1, 3)).toEqual([112, 119, 0]);
    expect(g.commands).toEqual(['malloc pw', 'step', 'free pw']);
  });

  it('says what it took back, refuses when there is nothing, and reopens a finished run', () => {
    refuse(newGame(lv), 'undo', 'Nothing to undo.');
    const g = play(lv, ['malloc pw', 'end']);
    expect(g.state.crash).toBe('abort');
    const r = dispatch(g, 'undo');
    expect(r).toMatchObject({ ok: true, message: 'Took back: end' });
    expect(r.game.state.finished).toBe(false);
    expect(r.game.state.crash).toBeNull();
    expect(dispatch(r.game, 'step').ok).toBe(true);
  });

  it('a refused command is not stored and leaves nothing to undo', () => {
    const g = play(lv, ['malloc pw']);
    const r = dispatch(g, 'malloc pw');
    expect(r.ok).toBe(false);
    expect(r.game.commands).toEqual(['malloc pw']);
    expect(r.game.past).toHaveLength(1);
  });
});

describe('the oracle on the README example level', () => {
  const example = level(
    [
      { id: 'greeting', value: 'Hi', arrive: 0, uses: [2, 5], drop: 6 },
      { id: 'age', value: 42, type: 'u8', arrive: 1, uses: [3], drop: 4 },
      {
        id: 'user',
        fields: [
          { name: 'name', ref: 'greeting' },
          { name: 'age', value: 42 },
        ],
        arrive: 2,
        uses: [8],
        drop: 10,
      },
    ],
    {
      id: 'hello-pointers',
      title: 'Hello, pointers',
      memory: 32,
      ticks: 12,
      lookahead: 4,
      sets: [{ tick: 7, in: 'user', field: 'name', to: null }],
    },
  );

  it('plays the commands a perfect programmer would, with the metrics worked out by hand', () => {
    // Sizes: greeting "Hi" = [72 105 0] 3 boxes; age 1 box; user = pointer (1 box, memory ≤ 256) + u8 = 2 boxes.
    // Last touch: greeting: read at 5 (user points to it from 2): 5. age: read at 3. user: read at 8 (set at 7).
    //  t0: malloc greeting → @1 (1 run examined)                  work 1, used 3
    //  t1: malloc age → runs: 4..31 → @4                          work 2, used 4
    //  t2: malloc user → run 5..31 → @5                           work 3, used 6 (the peak)
    //  t4: free age (after its read at 3): greeting and user around it: 1       work 4, used 5
    //  t6: free greeting (after 5): box 4 is free on its right: 1 + 1           work 6, used 2
    //  t9: free user (after 8): free on both sides: 1 + 2                       work 9, used 0
    const o = oracleRun(example);
    expect(o.commands).toEqual([
      'malloc greeting',
      'step',
      'malloc age',
      'step',
      'malloc user',
      'step 2',
      'free age',
      'step 2',
      'free greeting',
      'step 3',
      'free user',
      'step 3',
      'end',
    ]);
    expect(Array.from(o.state.bytes.slice(1, 7))).toEqual([72, 105, 0, 42, 0, 42]); // user.name nulled at tick 7
    expect(metricsOf(example, o.state, o.state.peak, null)).toEqual({
      completed: true,
      crash: null,
      ticks: 12,
      pauseTicks: 0,
      pauses: 0,
      longestPause: 0,
      work: 9,
      peak: 6,
      garbageBoxTicks: 0,
      leakedAtEnd: 0,
      mmu: 1,
      bugs: NO_BUGS,
      security: NO_HOLES,
      score: 1000,
      stars: 2,
      penalties: [],
      timeline: flat(3, 4, 6, 6, 5, 5, 2, 2, 2, 0, 0, 0),
    });
    // the same commands typed by a player give the same metrics
    const { penalties: _, ...same } = metricsOf(example, o.state, 6, null);
    expect(metrics(example, play(example, o.commands))).toEqual(same);
  });
});

describe('mmu', () => {
  const tl = (...pauses: number[]): Timeline => Timeline.of(pauses.map((pause) => ({ used: 0, garbage: 0, pause })));

  it('is 1 with no pauses, and for no ticks at all', () => {
    expect(mmu(new Timeline())).toBe(1);
    expect(mmu(tl(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toBe(1);
  });

  it('is the worst share of program ticks over any 10-tick window', () => {
    // 12 ticks, 3 pause ticks before tick 5: 5 program ticks, 3 paused, 7 program ticks = 15 ticks;
    // a window of 10 holding the 3 paused ticks has 7 program ticks: 0.7
    expect(mmu(tl(0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0))).toBe(0.7);
    // pauses of 4 before ticks 3 and 4: 1 1 1 0000 1 0000 1 1 1 1 1 1 (20 ticks); 8 paused ticks with one
    // program tick between them: every window of 10 holds at least 2 program ticks: 0.2
    expect(mmu(tl(0, 0, 0, 4, 4, 0, 0, 0, 0, 0))).toBe(0.2);
    // a pause longer than the window: a window of 10 paused ticks: 0
    expect(mmu(tl(0, 12, 0))).toBe(0);
  });

  it('reads a timeline filled to its room (64 points) to its last point and no further', () => {
    const full = (...pauses: number[]) => {
      const t = tl(...pauses, ...new Array<number>(64 - pauses.length).fill(0));
      expect(t.length).toBe(t.pause.length);
      return t;
    };
    expect(mmu(full())).toBe(1);
    expect(mmu(full(0, 0, 0, 0, 0, 3))).toBe(0.7);
  });

  it('uses the whole run when it is shorter than the window, rounded to 3 decimals', () => {
    // 5 program ticks and 2 paused ticks: 7 ticks, 5/7 = 0.714
    expect(mmu(tl(2, 0, 0, 0, 0))).toBe(0.714);
    // with a window of 2: a pause of 1 then a program tick: 1/2
    expect(mmu(tl(0, 1, 0), 2)).toBe(0.5);
  });

  it('is the least sum of any window of the slots written out, on many random runs', () => {
    // The definition, spelled out: every slot listed, every window summed.
    const byDefinition = (pauses: number[], window: number, trailing: number): number => {
      const slots: number[] = [];
      for (const p of pauses) slots.push(...Array<number>(p).fill(0), 1);
      slots.push(...Array<number>(trailing).fill(0));
      if (slots.length === 0) return 1;
      const w = Math.min(window, slots.length);
      let least = w;
      for (let i = 0; i + w <= slots.length; i++)
        least = Math.min(
          least,
          slots.slice(i, i + w).reduce((a, b) => a + b),
        );
      return Math.round((least / w) * 1000) / 1000;
    };
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 300; k++) {
      const pauses = Array.from({ length: rand(30) }, () => (rand(3) === 0 ? rand(14) : 0));
      const window = 1 + rand(12);
      const trailing = rand(4) === 0 ? rand(15) : 0;
      expect(mmu(tl(...pauses), window, trailing)).toBe(byDefinition(pauses, window, trailing));
    }
  });
});

describe('score and stars', () => {
  const base = {
    completed: true,
    bugs: { ...NO_BUGS, useAfterFree: 1, overflow: 1 },
    security: NO_HOLES,
    pauseTicks: 4,
    garbageBoxTicks: 10,
    peak: 12,
  };

  it("1000 - 100·bugs - 20·pauseTicks - floor(garbage / 2) - 5·(peak over the oracle's), at least 0", () => {
    const lv = level([{ id: 'a', value: 1, arrive: 0 }]);
    // 1000 - 100·2 - 20·4 - floor(10/2) - 5·(12-9) = 1000 - 200 - 80 - 5 - 15 = 700
    expect(scoreOf(lv, base, 9)).toBe(700);
    // a peak under the oracle's earns nothing extra: 1000 - 200 - 80 - 5 = 715
    expect(scoreOf(lv, base, 20)).toBe(715);
    // floor: 11 garbage box-ticks cost 5 points, like 10
    expect(scoreOf(lv, { ...base, garbageBoxTicks: 11 }, 12)).toBe(715);
    // never below 0
    expect(scoreOf(lv, { ...base, bugs: { ...NO_BUGS, doubleFree: 11 } }, 12)).toBe(0);
    // a run that did not finish scores 0
    expect(scoreOf(lv, { ...base, completed: false }, 12)).toBe(0);
  });

  it('takes its weights from the level', () => {
    const lv = level([{ id: 'a', value: 1, arrive: 0 }], {
      weights: { bug: 50, pauseTick: 10, garbageBoxTicksPerPoint: 3, peakBox: 1 },
    });
    // 1000 - 50·2 - 10·4 - floor(10/3) - 1·(12-9) = 1000 - 100 - 40 - 3 - 3 = 854
    expect(scoreOf(lv, base, 9)).toBe(854);
    // a partial override keeps the other defaults: 1000 - 0·2 - 20·4 - floor(10/2) - 5·3 = 900
    const partial = level([{ id: 'a', value: 1, arrive: 0 }], { weights: { bug: 0 } });
    expect(scoreOf(partial, base, 9)).toBe(900);
  });

  it("★ finished, ★★ no bugs and nothing leaked, ★★★ and at least the collector's score", () => {
    const clean = { completed: true, bugs: NO_BUGS, security: NO_HOLES, leakedAtEnd: 0, score: 950 };
    expect(starsOf({ ...clean, completed: false, score: 0 }, null)).toBe(0);
    expect(starsOf({ ...clean, bugs: { ...NO_BUGS, invalidFree: 1 } }, 0)).toBe(1);
    expect(starsOf({ ...clean, leakedAtEnd: 1 }, 0)).toBe(1);
    expect(starsOf(clean, null)).toBe(2);
    expect(starsOf(clean, 951)).toBe(2);
    expect(starsOf(clean, 950)).toBe(3);
    expect(starsOf(clean, 600)).toBe(3);
  });

  it("metricsOf puts it together: a clean run with the collector's score beaten has 3 stars", () => {
    const lv = level([{ id: 'a', value: 1, arrive: 0, uses: [1] }], { ticks: 2 });
    const g = play(lv, ['malloc a', 'step 2', 'free a', 'end']);
    expect(metrics(lv, g, 1000)).toMatchObject({ completed: true, score: 1000, stars: 3 });
    expect(metrics(lv, g, null)).toMatchObject({ stars: 2 });
  });
});
