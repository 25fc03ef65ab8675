// The comparison: the player's run (when there is one), the oracle, then each collector
// asked for, in that order, each scored the same way; progress told before each run.
import { describe, expect, it } from 'vitest';
import { collectorRun, compareLevel, scoreRun } from '../../src/engine/scoring/compare.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { fixture } from '../ui/helpers.js';

const hello = fixture('hello.json');

describe('compareLevel', () => {
  it("scores the player's run, the oracle and the collectors, in order, telling each run before it starts", () => {
    const player = ['malloc greeting', 'malloc age', 'step 2', 'malloc user', 'flurb', 'run', 'end'];
    const told: [string, number, number][] = [];
    const c = compareLevel(hello, {
      player,
      playerName: 'replay',
      collectors: ['refcount', 'copying'],
      onRun: (name, done, total) => told.push([name, done, total]),
    });
    expect(c.level).toBe('hello-pointers');
    expect(c.defaultCollector).toBe('mark-sweep');
    expect(c.runs.map((r) => [r.name, r.kind])).toEqual([
      ['replay', 'player'],
      ['oracle', 'oracle'],
      ['refcount', 'collector'],
      ['copying', 'collector'],
    ]);
    expect(told).toEqual([
      ['replay', 0, 4],
      ['oracle', 1, 4],
      ['refcount', 2, 4],
      ['copying', 3, 4],
    ]);
    expect(c.replayProblems.map((p) => [p.index, p.command])).toEqual([[4, 'flurb']]);
    // Each row is that run scored as scoreRun scores it.
    expect(c.runs[0]!.metrics).toEqual(scoreRun(hello, playCommands(hello, player).state));
    expect(c.runs[1]!.metrics).toEqual(scoreRun(hello, oracleRun(hello).state));
    expect(c.runs[2]!.metrics).toEqual(scoreRun(hello, collectorRun(hello, 'refcount'), 'collector'));
    expect(c.runs[2]!.metrics.stars).toBe(null); // a collector's run gets no stars
  });

  it("without a player's run: the oracle and the collectors; the player is 'you' by default", () => {
    const told: string[] = [];
    const c = compareLevel(hello, {
      collectors: ['mark-sweep'],
      onRun: (name, _d, total) => told.push(`${name}/${total}`),
    });
    expect(c.runs.map((r) => r.name)).toEqual(['oracle', 'mark-sweep']);
    expect(told).toEqual(['oracle/2', 'mark-sweep/2']);
    expect(c.replayProblems).toEqual([]);
    const toldMine: string[] = [];
    const mine = compareLevel(hello, {
      player: ['end'],
      collectors: [],
      onRun: (name, done, total) => toldMine.push(`${name} ${done}/${total}`),
    });
    expect(mine.runs.map((r) => [r.name, r.kind])).toEqual([
      ['you', 'player'],
      ['oracle', 'oracle'],
    ]);
    expect(toldMine).toEqual(['you 0/2', 'oracle 1/2']);
    // Progress is optional.
    expect(compareLevel(hello, { collectors: [] }).runs.map((r) => r.name)).toEqual(['oracle']);
  });
});
