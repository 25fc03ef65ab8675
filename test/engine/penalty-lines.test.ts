// Each penalty line's words, worked by hand on states set up to need them: who was held at
// the peak and why (one or several, in each grammatical number), the garbage line's order
// and its "and N more", the unfinished run's sentences, a pause still owed at the end.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { initialState, type RunState } from '../../src/engine/run/state.js';
import { Timeline } from '../../src/engine/run/timeline.js';
import { penaltiesOf, penaltyLine, type Penalty } from '../../src/engine/scoring/penalties.js';

// Eight values of one box each. a..d are last used at t1; e..h arrive at t3.
const levelJson = {
  id: 'lines',
  title: 'Lines',
  memory: 32,
  ticks: 6,
  values: [
    ...['a', 'b', 'c', 'd'].map((id) => ({ id, value: 1, type: 'u8', arrive: 0, uses: [1] })),
    ...['e', 'f', 'g', 'h'].map((id) => ({ id, value: 1, type: 'u8', arrive: 3, uses: [4] })),
  ],
};
const level = compileLevel(levelJson as Level);
const index = (id: string) => level.values.findIndex((v) => v.id === id);

/** A finished run whose peak of `peak` boxes at `at` held these blocks ([id, size]). */
function peakState(at: number, held: [string, number][] | null, peak = 9): RunState {
  const state = initialState(level, false);
  state.finished = true;
  state.tick = level.ticks;
  state.peak = peak;
  state.peakAt = at;
  state.peakHeld = held?.map(([id, size]) => ({ value: index(id), size })) ?? null;
  return state;
}

function peakLine(state: RunState, oraclePeak = 4): Penalty {
  const lines = penaltiesOf(level, state, true, oraclePeak);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('the peak line says who was held and why', () => {
  it('one value still held after its last use: its id is the line value', () => {
    const p = peakLine(peakState(3, [['a', 1]]));
    expect(p).toMatchObject({ cause: 'peak', tick: 3, value: 'a', points: 25 });
    expect(penaltyLine(p)).toBe('-25 peak: 9 boxes at t3 against 4 (a was still held after its last use)');
  });

  it('several stale values are named in a list, with no single value', () => {
    const p = peakLine(
      peakState(3, [
        ['a', 1],
        ['b', 1],
        ['c', 1],
      ]),
    );
    expect(p.value).toBeNull();
    expect(p.text).toBe('peak: 9 boxes at t3 against 4 (a, b and c were still held after their last use)');
  });

  it('past five names, the rest are counted', () => {
    const held: [string, number][] = ['a', 'b', 'c', 'd'].map((id) => [id, 1]);
    const p = peakLine(peakState(5, [...held, ['e', 1], ['f', 1], ['g', 1]]));
    // At t5 e..h are past their last use (t4) too: seven stale values.
    expect(p.text).toBe(
      'peak: 9 boxes at t5 against 4 (a, b, c, d, e and 2 more were still held after their last use)',
    );
  });

  it('a value placed at the peak while a stale one was held: placed before it was freed', () => {
    expect(
      peakLine(
        peakState(3, [
          ['a', 1],
          ['e', 1],
        ]),
      ).text,
    ).toBe('peak: 9 boxes at t3 against 4 (e was placed before a was freed)');
    expect(
      peakLine(
        peakState(3, [
          ['a', 1],
          ['b', 1],
          ['e', 1],
          ['f', 1],
        ]),
      ).text,
    ).toBe('peak: 9 boxes at t3 against 4 (e and f were placed before a and b were freed)');
  });

  it('values placed ahead of their tick, one and several', () => {
    const one = peakLine(peakState(1, [['e', 1]]));
    expect(one.text).toBe('peak: 9 boxes at t1 against 4 (e was placed ahead of its tick)');
    expect(one.value).toBe('e');
    expect(
      peakLine(
        peakState(1, [
          ['e', 1],
          ['f', 1],
        ]),
      ).text,
    ).toBe('peak: 9 boxes at t1 against 4 (e and f were placed ahead of their tick)');
  });

  it('blocks bigger than their value, one and several', () => {
    const one = peakLine(peakState(1, [['a', 3]]));
    expect(one.text).toBe('peak: 9 boxes at t1 against 4 (a got more boxes than it needs)');
    expect(one.value).toBe('a');
    expect(
      peakLine(
        peakState(1, [
          ['a', 3],
          ['b', 2],
        ]),
      ).text,
    ).toBe('peak: 9 boxes at t1 against 4 (a and b got more boxes than they need)');
  });

  it('every reason at once, in order, and no single value', () => {
    const p = peakLine(
      peakState(2, [
        ['a', 2],
        ['e', 1],
      ]),
    );
    expect(p.text).toBe(
      'peak: 9 boxes at t2 against 4 (a was still held after its last use; e was placed ahead of its tick; a got more boxes than it needs)',
    );
    expect(p.value).toBeNull();
  });

  it('nothing to blame, or too many blocks kept to say: the head alone', () => {
    expect(peakLine(peakState(1, [['a', 1]])).text).toBe('peak: 9 boxes at t1 against 4');
    expect(peakLine(peakState(3, null))).toEqual({
      points: 25,
      cause: 'peak',
      tick: 3,
      value: null,
      text: 'peak: 9 boxes at t3 against 4',
    });
  });

  it('exactly five names are all named', () => {
    const held: [string, number][] = ['a', 'b', 'c', 'd'].map((id) => [id, 1]);
    expect(peakLine(peakState(5, [...held, ['e', 1]])).text).toBe(
      'peak: 9 boxes at t5 against 4 (a, b, c, d and e were still held after their last use)',
    );
  });

  it('a level whose peak weighs nothing has no peak line', () => {
    const free = compileLevel({ ...levelJson, weights: { peakBox: 0 } } as Level);
    expect(penaltiesOf(free, peakState(3, [['a', 1]]), true, 4)).toEqual([]);
  });

  it('a peak at or under perfect timing costs nothing', () => {
    expect(penaltiesOf(level, peakState(3, [['a', 1]], 4), true, 4)).toEqual([]);
  });
});

describe('the garbage line', () => {
  function garbageState(spans: [string, number, number, number][]): RunState {
    const state = peakState(0, [], 0);
    for (const [id, boxTicks, from, to] of spans) state.garbageSpans[index(id)] = { boxTicks, from, to };
    state.garbageBoxTicks = spans.reduce((n, s) => n + s[1], 0) || 9;
    return state;
  }

  it('names the values by box-ticks, most first, the earlier first on a tie', () => {
    const lines = penaltiesOf(
      level,
      garbageState([
        ['b', 2, 4, 5],
        ['a', 6, 1, 3],
        ['d', 2, 2, 2],
      ]),
      true,
      0,
    );
    expect(lines.map(penaltyLine)).toEqual([
      '-5 garbage: 10 box-ticks unreachable but still allocated: a 6 (t1 to t3), d 2 (t2), b 2 (t4 to t5)',
    ]);
    expect(lines[0]).toMatchObject({ cause: 'garbage', value: null, tick: null });
  });

  it('exactly five values are all named', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const [line] = penaltiesOf(level, garbageState(ids.map((id, i) => [id, 10 - i, i, i + 1])), true, 0);
    expect(line!.text).toBe(
      'garbage: 40 box-ticks unreachable but still allocated: a 10 (t0 to t1), b 9 (t1 to t2), c 8 (t2 to t3), d 7 (t3 to t4), e 6 (t4 to t5)',
    );
  });

  it('one value: it is the line value', () => {
    const [line] = penaltiesOf(level, garbageState([['c', 4, 2, 5]]), true, 0);
    expect(line).toMatchObject({ value: 'c', points: 2, tick: null });
  });

  it('past five values, the rest are counted', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const [line] = penaltiesOf(level, garbageState(ids.map((id, i) => [id, 10 - i, i, i + 1])), true, 0);
    expect(line!.text).toBe(
      'garbage: 49 box-ticks unreachable but still allocated: a 10 (t0 to t1), b 9 (t1 to t2), c 8 (t2 to t3), d 7 (t3 to t4), e 6 (t4 to t5), and 2 more',
    );
  });

  it('a collector keeps no tally per value: the line says it waits for the collector', () => {
    const [line] = penaltiesOf(level, garbageState([]), true, 0);
    expect(line!.text).toBe('garbage: 9 box-ticks unreachable but still allocated, waiting for the collector');
    expect(line!.value).toBeNull();
  });
});

describe('a run that did not finish', () => {
  function unfinished(tick: number, crash: RunState['crash']): string {
    const state = initialState(level, false);
    state.tick = tick;
    state.crash = crash;
    const lines = penaltiesOf(level, state, false, 0);
    expect(lines.at(-1)).toMatchObject({ cause: 'crash', tick, points: 1000 });
    return lines.at(-1)!.text;
  }

  it('says why, in each case', () => {
    expect(unfinished(2, 'oom')).toBe('out of memory at t2: a run that crashes scores 0');
    expect(unfinished(3, 'abort')).toBe('gave up at t3: a run that is not finished scores 0');
    expect(unfinished(5, null)).toBe('not finished: the program stopped at t5 of 6, and an unfinished run scores 0');
    expect(unfinished(6, null)).toBe('not finished: type end to finish, an unfinished run scores 0');
  });
});

describe('pauses', () => {
  it('a pause still owed at the end is a line at the tick it would have stopped', () => {
    const state = peakState(0, [], 0);
    state.timeline = Timeline.of([
      { used: 0, garbage: 0, pause: 0 },
      { used: 0, garbage: 0, pause: 2 },
    ]);
    state.pendingPause = 1;
    expect(penaltiesOf(level, state, true, 0).map(penaltyLine)).toEqual([
      '-40 pause: the collector stopped the program for 2 ticks before t1',
      '-20 pause: the collector stopped the program for 1 tick before t6',
    ]);
  });
});

describe('the peak is when it was first reached', () => {
  it('reached again later at the same height, it stays at the first tick, with the blocks held then', () => {
    const two = compileLevel({
      id: 'again',
      title: 'Again',
      memory: 16,
      ticks: 2,
      values: [
        { id: 'a', value: 1000, type: 'u16', arrive: 0, uses: [0] },
        { id: 'b', value: 1000, type: 'u16', arrive: 1, uses: [1] },
      ],
    } as Level);
    const { state } = playCommands(two, ['malloc a', 'step', 'free a', 'malloc b', 'step', 'free b', 'end']);
    expect([state.peak, state.peakAt]).toEqual([2, 0]);
    expect(state.peakHeld).toEqual([{ value: 0, size: 2 }]);
  });
});
