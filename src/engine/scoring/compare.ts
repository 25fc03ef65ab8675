// The side-by-side comparison: the player's run (a replay), the oracle and each
// collector asked for, all scored by the one formula against the peak perfect timing holds, and the
// player's stars against the level's default collector.
import type { CompiledLevel } from '../level/compile.js';
import { playCommands, type ReplayProblem } from '../run/headless.js';
import { metricsOf, revivedMetrics, starsOf, type Metrics } from './metrics.js';
import { oracleRun } from './oracle.js';
import { perfectPeak } from '../solver/perfect-timing.js';
import { runCollector } from '../runtime/index.js';
import type { CollectorName } from '../vocabulary.js';
import type { RunState } from '../run/state.js';

export type RunKind = 'player' | 'oracle' | 'collector';

export interface ComparedRun {
  name: string;
  kind: RunKind;
  metrics: Metrics;
}

export interface Comparison {
  level: string;
  defaultCollector: CollectorName;
  runs: ComparedRun[];
  /** Commands of the player's replay that the engine refused. */
  replayProblems: ReplayProblem[];
}

const collectorRuns = new WeakMap<CompiledLevel, Map<CollectorName, RunState>>();

/** A collector's finished run, computed once per level (runs are deterministic). */
export function collectorRun(level: CompiledLevel, name: CollectorName): RunState {
  let byName = collectorRuns.get(level);
  if (!byName) collectorRuns.set(level, (byName = new Map()));
  const known = byName.get(name);
  if (known) return known;
  const state = runCollector(level, name);
  byName.set(name, state);
  return state;
}

/** The score a run must reach for its third star: the level's default collector's. */
export function referenceScore(level: CompiledLevel): number {
  return metricsOf(level, collectorRun(level, level.gc.collector), perfectPeak(level), null, false).score;
}

/** Metrics of any run of this level, scored like every other; a collector's run gets no stars. */
export function scoreRun(level: CompiledLevel, state: RunState, kind: RunKind = 'player'): Metrics {
  return metricsOf(level, state, perfectPeak(level), referenceScore(level), kind !== 'collector');
}

export interface CompareOptions {
  player?: readonly string[];
  playerName?: string;
  collectors: readonly CollectorName[];
  /** Told before each run starts: its name, how many ran already, how many in all (for a progress line). */
  onRun?: (name: string, done: number, total: number) => void;
}

/**
 * One run of a comparison, independent of the others, so that the runs can be shared out
 * (between threads, at the edge) and put back together in order by `assembleComparison`.
 */
export type ComparisonJob =
  | { kind: 'player'; name: string; commands: readonly string[] }
  | { kind: 'oracle' }
  | { kind: 'collector'; name: CollectorName };

/** A job's outcome. Its stars are left out (null): they need the default collector's score, known at assembly. */
export interface JobResult {
  run: ComparedRun;
  replayProblems: ReplayProblem[];
}

/** The runs a comparison makes, in the order its table shows them. */
export function comparisonJobs(opts: Omit<CompareOptions, 'onRun'>): ComparisonJob[] {
  const jobs: ComparisonJob[] = [];
  if (opts.player) jobs.push({ kind: 'player', name: opts.playerName ?? 'you', commands: opts.player });
  jobs.push({ kind: 'oracle' });
  for (const name of opts.collectors) jobs.push({ kind: 'collector', name });
  return jobs;
}

/** The name a job's run goes by in the table and the progress line. */
export function jobName(job: ComparisonJob): string {
  return job.kind === 'oracle' ? 'oracle' : job.name;
}

/** Per level, the last collector run a comparison finished with: the next run takes over its boxes and variables. */
const spares = new WeakMap<CompiledLevel, RunState>();

/** Runs one job and scores it, without stars. */
export function runComparisonJob(level: CompiledLevel, job: ComparisonJob): JobResult {
  const peak = perfectPeak(level);
  if (job.kind === 'collector') {
    // Run afresh, not kept (collectorRun): a comparison needs only the metrics, and keeping
    // every collector's finished run made a big level's comparison hold hundreds of MB more.
    const state = runCollector(level, job.name, { reuse: spares.get(level), metricsOnly: true });
    const metrics = metricsOf(level, state, peak, null, false);
    // The metrics keep its timeline and nothing else of it: its boxes and variables go to the level's next run.
    spares.set(level, state);
    return { run: { name: job.name, kind: 'collector', metrics }, replayProblems: [] };
  }
  const played = job.kind === 'player' ? playCommands(level, job.commands) : oracleRun(level);
  // No stars yet: they are given at assembly, against the default collector's score.
  const metrics = metricsOf(level, played.state, peak, null, false);
  const replayProblems = job.kind === 'player' ? (played as { problems: ReplayProblem[] }).problems : [];
  return { run: { name: jobName(job), kind: job.kind, metrics }, replayProblems };
}

/**
 * The comparison from its jobs' results, in the jobs' order. The player's and the oracle's
 * stars are given here, against the default collector's score (`reference`): when not
 * given, taken from the results if that collector is among them, else worked out.
 */
export function assembleComparison(
  level: CompiledLevel,
  results: readonly JobResult[],
  reference?: number,
): Comparison {
  reference ??=
    results.find((r) => r.run.kind === 'collector' && r.run.name === level.gc.collector)?.run.metrics.score ??
    referenceScore(level);
  const runs = results.map(({ run }) =>
    run.kind === 'collector' ? run : { ...run, metrics: { ...run.metrics, stars: starsOf(run.metrics, reference) } },
  );
  const player = results.find((r) => r.run.kind === 'player');
  return { level: level.id, defaultCollector: level.gc.collector, runs, replayProblems: player?.replayProblems ?? [] };
}

/** A comparison as a worker's message brings it (its timelines bare columns), whole again. */
export function revivedComparison(c: Comparison): Comparison {
  return { ...c, runs: c.runs.map((r) => ({ ...r, metrics: revivedMetrics(r.metrics) })) };
}

export function compareLevel(level: CompiledLevel, opts: CompareOptions): Comparison {
  const jobs = comparisonJobs(opts);
  const results = jobs.map((job, done) => {
    opts.onRun?.(jobName(job), done, jobs.length);
    return runComparisonJob(level, job);
  });
  return assembleComparison(level, results);
}
