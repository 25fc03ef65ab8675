// `compare` on a big level shares its runs with a worker thread (src/cli/compare-threads.ts),
// started on the file's text before it is validated. Whatever thread ran each run, the
// report is the one-thread engine's, run for run; an invalid big level stops the worker
// and says why.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revivedResult, SHARE_FROM_CHARS, sharedJobs, timelineBuffers } from '../../src/cli/compare-threads.js';
import { comparisonJson } from '../../src/cli/report.js';
import {
  COLLECTORS,
  compareLevel,
  compileLevel,
  type Level,
  oracleRun,
  playCommands,
  runComparisonJob,
  Timeline,
} from '../../src/engine/index.js';
import { levelsDir } from '../../src/levels/load.js';
import { ensureBundle, runBin } from '../support/bundle.js';
import { generateLevel } from '../support/generate.js';

let dir: string;
let level: Level;
let text: string;
let replay: string[];

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-threads-'));
  // Big enough to be shared, with a refcount default so that the stars come from a run the
  // table may leave out.
  level = { ...generateLevel({ seed: 3, values: 3_000, memory: 512, lifetime: 10 }), id: 'shared-big' };
  level.gc = { ...level.gc, collector: 'refcount' };
  text = JSON.stringify(level, null, 1);
  writeFileSync(join(dir, 'big.json'), text);
  // The oracle's run with its last free left out: a leak, so the player's stars are not the oracle's.
  const oracle = oracleRun(compileLevel(level)).commands;
  const lastFree = oracle.map((c) => c.startsWith('free')).lastIndexOf(true);
  replay = oracle.filter((_, i) => i !== lastFree);
  expect(playCommands(compileLevel(level), replay).problems).toEqual([]);
  writeFileSync(join(dir, 'replay.json'), JSON.stringify({ level: level.id, commands: replay }));
  writeFileSync(join(dir, 'broken-big.json'), text.replace('"ticks"', '"tics"'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runBin(join(dir, 'home'), ...args);

describe('compare on two threads', () => {
  it('is used for this level: it is over the size from which runs are shared', () => {
    expect(text.length).toBeGreaterThanOrEqual(SHARE_FROM_CHARS);
  });

  it('shares the oracle, the collectors asked for and the default one, costliest first', () => {
    const compiled = compileLevel(level);
    const names = (cs: Parameters<typeof sharedJobs>[1]) =>
      sharedJobs(compiled, cs).map((j) => (j.kind === 'collector' ? j.name : j.kind));
    expect(names(null)).toEqual(['refcount', 'oracle']);
    expect(names(['copying'])).toEqual(['refcount', 'copying', 'oracle']);
    expect(names([...COLLECTORS])).toEqual([
      'incremental',
      'refcount',
      'mark-sweep',
      'oracle',
      'mark-compact',
      'generational',
      'copying',
    ]);
  });

  it("hands each run's timeline over as its columns, not copied, and gets back the very same result", () => {
    const compiled = compileLevel(level);
    for (const job of sharedJobs(compiled, [...COLLECTORS])) {
      const result = runComparisonJob(compiled, job);
      const points = result.run.metrics.timeline.points();
      expect(points.length).toBeGreaterThan(0);
      const sent = structuredClone(result, { transfer: timelineBuffers(result) });
      // Handed over: this side's columns are empty now.
      expect(result.run.metrics.timeline.used).toHaveLength(0);
      const back = revivedResult(sent);
      expect(back.run.metrics.timeline).toBeInstanceOf(Timeline);
      expect(back.run.metrics.timeline.points()).toEqual(points);
      expect({ ...back, run: { ...back.run, metrics: { ...back.run.metrics, timeline: null } } }).toEqual({
        ...result,
        run: { ...result.run, metrics: { ...result.run.metrics, timeline: null } },
      });
    }
  });

  for (const gc of [['all'], ['copying', 'mark-sweep'], []]) {
    it(`reports what the engine reports on one thread (--gc ${gc.join(',') || 'default'})`, () => {
      const r = run(
        'compare',
        join(dir, 'big.json'),
        '--replay',
        join(dir, 'replay.json'),
        '--json',
        ...(gc.length ? ['--gc', gc.join(',')] : []),
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const collectors =
        gc[0] === 'all' ? [...COLLECTORS] : gc.length ? (gc as (typeof COLLECTORS)[number][]) : ['refcount' as const];
      const expected = comparisonJson(
        compareLevel(compileLevel(level), { player: replay, playerName: 'replay', collectors }),
      );
      const out = JSON.parse(r.stdout) as { runs: { name: string; stars: number | null }[] };
      expect(out).toEqual(JSON.parse(JSON.stringify(expected)));
      // The stars were given against the default collector's score, whichever thread ran it.
      expect(out.runs[0]?.stars).toBe(1);
    }, 120_000);
  }

  it('certifies a file after comparing it: the sentence validate gives when no one can finish it', () => {
    // Two strings of 4 boxes alive at once in 7 usable boxes: each fits, both never do.
    const impossible = readFileSync(new URL('../engine/fixtures/validate-too-tight.json', import.meta.url), 'utf8');
    writeFileSync(join(dir, 'impossible.json'), impossible);
    const validated = run('validate', join(dir, 'impossible.json'));
    expect(validated.status).toBe(1);
    expect(validated.stderr).toContain('No placement finishes this level');
    const compared = run('compare', join(dir, 'impossible.json'), '--gc', 'all');
    expect(compared.status).toBe(1);
    expect(compared.stdout).toBe('');
    expect(compared.stderr).toBe(validated.stderr);
  });

  it('compares a file that only the solver finishes, as valid', () => {
    const puzzle = join(levelsDir(), '10-snug-fit.json');
    const r = run('compare', puzzle, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: { name: string; crash: string | null }[] };
    expect(out.runs.find((x) => x.name === 'oracle')?.crash).toBe('oom');
  });

  it('stops the worker and says why when the big level is invalid', () => {
    const r = run('compare', join(dir, 'broken-big.json'), '--gc', 'all');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is not a valid level');
    expect(r.stdout).toBe('');
  }, 60_000);
});
