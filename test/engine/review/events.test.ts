// The events of one step of a review, read from the log lines and the tallies between two
// moments: which log line each event points to, and the words it falls back on when the
// step logged none (a pause with no collection line, a crash with no out-of-memory or end
// line). Asked directly, with a log written by hand, since few real runs reach the fallbacks.
import { describe, expect, it } from 'vitest';
import type { Tallies } from '../../../src/engine/review/checkpoints.js';
import { eventsBetween } from '../../../src/engine/review/events.js';
import type { Moment } from '../../../src/engine/review/moment.js';
import type { LogEntry, RunState } from '../../../src/engine/run/state.js';

const line = (kind: LogEntry['kind'], text: string, tick = 3): LogEntry => ({ tick, kind, text });

/** Moment 5 at cell 4, its log `lines` long; `from` is the previous moment's log length. */
function between(lines: LogEntry[], from: number, before: Partial<Tallies>, after: Partial<Tallies>) {
  const moment: Moment = { index: 5, kind: 'tick', tick: 5, cell: 4, label: 'tick 4', logLength: lines.length };
  const tallies = (t: Partial<Tallies>): Tallies => ({ pauseTicks: 0, pauses: 0, crashed: false, ...t });
  return eventsBetween({ log: lines } as RunState, from, moment, tallies(before), tallies(after));
}

describe('a pause', () => {
  it('points to the first collection line of the step, and tells its length', () => {
    const lines = [
      line('collect', 'an earlier collection'),
      line('collect', 'mark-sweep: 3 boxes'),
      line('collect', 'x'),
    ];
    expect(between(lines, 1, { pauseTicks: 2 }, { pauseTicks: 5 })).toStrictEqual([
      { kind: 'pause', moment: 5, cell: 4, text: 'mark-sweep: 3 boxes', length: 3, logIndex: 1 },
    ]);
  });

  it.each([
    [1, 'a pause of 1 tick'],
    [2, 'a pause of 2 ticks'],
  ])('with no collection line in the step, says how long it was (%i) and points to no line', (length, text) => {
    const lines = [line('collect', 'before this step'), line('use', 'a read')];
    expect(between(lines, 1, {}, { pauseTicks: length })).toStrictEqual([
      { kind: 'pause', moment: 5, cell: 4, text, length },
    ]);
  });

  it('no pause when the pause ticks did not grow', () => {
    expect(between([line('collect', 'c')], 0, { pauseTicks: 4 }, { pauseTicks: 4 })).toStrictEqual([]);
  });
});

describe('a crash', () => {
  it.each(['oom', 'end'] as const)('points to the last %s line of the step, not a later line', (kind) => {
    const lines = [line('use', 'a read'), line(kind, 'out of memory: x'), line('leak', 'leak: y'), line('use', 'z')];
    expect(between(lines, 0, {}, { crashed: true }).filter((e) => e.kind === 'crash')).toStrictEqual([
      { kind: 'crash', moment: 5, cell: 4, text: 'out of memory: x', logIndex: 1 },
    ]);
  });

  it('takes the last of two such lines', () => {
    const lines = [line('oom', 'first'), line('end', 'second'), line('use', 'a read')];
    expect(between(lines, 0, {}, { crashed: true })).toStrictEqual([
      { kind: 'crash', moment: 5, cell: 4, text: 'second', logIndex: 1 },
    ]);
  });

  it("with no such line in the step (one before it is another step's), says the run crashed and points to no line", () => {
    const lines = [line('oom', 'an earlier step'), line('use', 'a read'), line('use', 'another')];
    expect(between(lines, 1, {}, { crashed: true })).toStrictEqual([
      { kind: 'crash', moment: 5, cell: 4, text: 'the run crashed' },
    ]);
  });

  it('only once: a run that had crashed before the step adds none', () => {
    expect(between([line('oom', 'o')], 0, { crashed: true }, { crashed: true })).toStrictEqual([]);
  });
});

describe('bugs, holes and leaks', () => {
  it("each log line of the step, at its own tick's cell but never past the moment's or before 0", () => {
    const lines = [
      line('leak', 'before the step', 1),
      line('useAfterFree', 'a read of a freed block', 2),
      line('leak', 'a leak', 9),
      line('arrive', 'routine', 3),
      line('leak', 'at tick -1', -1),
    ];
    expect(between(lines, 1, {}, {})).toStrictEqual([
      { kind: 'bug', moment: 5, cell: 2, text: 'a read of a freed block', logIndex: 1 },
      { kind: 'leak', moment: 5, cell: 4, text: 'a leak', logIndex: 2 },
      { kind: 'leak', moment: 5, cell: 0, text: 'at tick -1', logIndex: 4 },
    ]);
  });
});
