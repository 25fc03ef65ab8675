// The side-by-side comparison: the player's run (a replay), the oracle and each
// collector asked for, all scored by the one formula against the peak perfect timing holds, and the
// player's stars against the level's default collector.
import type { CompiledLevel } from '../level/compile.js';
import { playCommands, type ReplayProblem } from '../run/headless.js';
import { metricsOf, type Metrics } from './metrics.js';
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

export function compareLevel(level: CompiledLevel, opts: CompareOptions): Comparison {
  const runs: ComparedRun[] = [];
  let replayProblems: ReplayProblem[] = [];
  const total = (opts.player ? 1 : 0) + 1 + opts.collectors.length;
  const starting = (name: string) => opts.onRun?.(name, runs.length, total);
  if (opts.player) {
    starting(opts.playerName ?? 'you');
    const played = playCommands(level, opts.player);
    replayProblems = played.problems;
    runs.push({ name: opts.playerName ?? 'you', kind: 'player', metrics: scoreRun(level, played.state) });
  }
  starting('oracle');
  runs.push({ name: 'oracle', kind: 'oracle', metrics: scoreRun(level, oracleRun(level).state) });
  for (const c of opts.collectors) {
    starting(c);
    runs.push({ name: c, kind: 'collector', metrics: scoreRun(level, collectorRun(level, c), 'collector') });
  }
  return { level: level.id, defaultCollector: level.gc.collector, runs, replayProblems };
}
