// What the comparison and the score promise beyond their hand-worked examples: runs made
// once per level, a job's result as the table assembles it, the reference score taken from
// the results, the oracle's run as quiet as a replay, and the floor at 0 exactly at 1000.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { playCommands } from '../../../src/engine/run/headless.js';
import {
  assembleComparison,
  collectorRun,
  type JobResult,
  runComparisonJob,
  scoreRun,
} from '../../../src/engine/scoring/compare.js';
import { oracleRun } from '../../../src/engine/scoring/oracle.js';
import { fixtureJson } from '../../ui/helpers.js';

const helloJson = fixtureJson('hello.json');

/** The oracle's replay with greeting freed twice: one double free, 100 points at the usual weight. */
function doubleFree(level: ReturnType<typeof compileLevel>): string[] {
  const commands = [...oracleRun(level).commands];
  commands.splice(commands.indexOf('free greeting') + 1, 0, 'free greeting');
  return commands;
}

describe("a collector's run", () => {
  it('is made once per level and collector, and again for another level', () => {
    const level = compileLevel(helloJson);
    const first = collectorRun(level, 'copying');
    expect(collectorRun(level, 'copying')).toBe(first);
    expect(collectorRun(level, 'refcount')).not.toBe(first);
    const again = compileLevel(helloJson);
    expect(collectorRun(again, 'copying')).not.toBe(first);
    expect(collectorRun(again, 'copying')).toEqual(first);
  });
});

describe('a comparison job', () => {
  const level = compileLevel(helloJson);

  it("leaves the stars of the player's and the oracle's runs to the assembly, and reports no refused command for the oracle", () => {
    const oracle = runComparisonJob(level, { kind: 'oracle' });
    expect(oracle.run).toMatchObject({ name: 'oracle', kind: 'oracle' });
    expect(oracle.run.metrics.stars).toBe(null);
    expect(oracle.replayProblems).toEqual([]);
    const player = runComparisonJob(level, { kind: 'player', name: 'you', commands: ['flurb', ...doubleFree(level)] });
    expect(player.run.metrics.stars).toBe(null);
    expect(player.replayProblems.map((p) => p.command)).toEqual(['flurb']);
    // Assembled, they get the stars scoreRun gives them.
    const c = assembleComparison(level, [player, oracle]);
    expect(c.runs.map((r) => r.metrics.stars)).toEqual([
      scoreRun(level, playCommands(level, doubleFree(level)).state).stars,
      scoreRun(level, oracleRun(level).state).stars,
    ]);
  });
});

describe('assembling a comparison', () => {
  const level = compileLevel(helloJson);
  const oracle = runComparisonJob(level, { kind: 'oracle' });
  const player = runComparisonJob(level, {
    kind: 'player',
    name: 'you',
    commands: ['flurb', ...oracleRun(level).commands],
  });
  /** The default collector's result, with its score changed: which score the stars were given against shows. */
  const defaultScored = (score: number): JobResult => {
    const r = runComparisonJob(level, { kind: 'collector', name: level.gc.collector });
    return { ...r, run: { ...r.run, metrics: { ...r.run.metrics, score } } };
  };

  it("gives the third star against the default collector's score among the results, not one worked out again", () => {
    const oracleScore = oracle.run.metrics.score;
    const against = (score: number) =>
      assembleComparison(level, [player, oracle, defaultScored(score)]).runs.map((r) => r.metrics.stars);
    expect(against(oracleScore)).toEqual([3, 3, null]);
    expect(against(oracleScore + 1)).toEqual([2, 2, null]);
    // A player's run that goes by the default collector's name is not the reference either.
    const namesake = runComparisonJob(level, {
      kind: 'player',
      name: level.gc.collector,
      commands: doubleFree(level),
    });
    expect(namesake.run.metrics.score).toBeLessThan(oracleScore);
    const withNamesake = assembleComparison(level, [namesake, oracle, defaultScored(oracleScore + 1)]);
    expect(withNamesake.runs[1]?.metrics.stars).toBe(2);
    // Another collector's score is not the reference: with none of the default's, it is worked out.
    const other = runComparisonJob(level, { kind: 'collector', name: 'refcount' });
    const lowered = { ...other, run: { ...other.run, metrics: { ...other.run.metrics, score: oracleScore + 1 } } };
    const worked = assembleComparison(level, [oracle, lowered]).runs[0]?.metrics.stars;
    expect(worked).toBe(scoreRun(level, oracleRun(level).state).stars);
  });

  it("takes the refused commands from the player's result wherever it stands among the results", () => {
    expect(assembleComparison(level, [oracle, player]).replayProblems.map((p) => p.command)).toEqual(['flurb']);
    expect(assembleComparison(level, [oracle, defaultScored(0)]).replayProblems).toEqual([]);
  });
});

describe("the oracle's run", () => {
  it('is the quiet run its replay makes: the same state, the same log', () => {
    const level = compileLevel(helloJson);
    const { state, commands } = oracleRun(level);
    expect(state.verbose).toBe(false);
    const replayed = playCommands(level, commands).state;
    expect(state.log).toEqual(replayed.log);
    expect(state).toEqual(replayed);
  });
});

describe('the floor at 0', () => {
  /** Hello with one double free worth `bug` points: nothing else is lost. */
  const lines = (bug: number) => {
    const level = compileLevel({ ...helloJson, weights: { bug } });
    const m = scoreRun(level, playCommands(level, doubleFree(level)).state);
    return { score: m.score, lines: m.penalties.map((p) => [p.cause, p.points]) };
  };

  it('gives nothing back when exactly 1000 points are lost, and what is past 1000 when more are', () => {
    expect(lines(1000)).toEqual({ score: 0, lines: [['bug', 1000]] });
    expect(lines(1003)).toEqual({
      score: 0,
      lines: [
        ['bug', 1003],
        ['floor', -3],
      ],
    });
    expect(lines(999)).toEqual({ score: 1, lines: [['bug', 999]] });
  });
});

describe("the peak line's names", () => {
  it('joins two names with "and", and three with commas then "and"', () => {
    const level = compileLevel(helloJson);
    const peakText = (commands: string[]) =>
      scoreRun(level, playCommands(level, commands).state).penalties.find((p) => p.cause === 'peak')?.text;
    const oracle = oracleRun(level).commands;
    const sized = (sizes: Record<string, number>) =>
      oracle.map((c) => {
        const id = /^malloc (\w+)$/.exec(c)?.[1];
        return id && sizes[id] ? `${c} ${sizes[id]}` : c;
      });
    expect(peakText(sized({ greeting: 5, age: 4 }))).toMatch(/\(greeting and age got more boxes than they need\)$/);
    expect(peakText(sized({ greeting: 5, age: 4, user: 6 }))).toMatch(
      /\(greeting, age and user got more boxes than they need\)$/,
    );
    expect(peakText(sized({ age: 4 }))).toMatch(/\(age got more boxes than it needs\)$/);
  });
});
