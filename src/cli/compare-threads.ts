// `compare` on both cores. A big level's runs (the oracle and each collector) are
// independent, so this thread and one worker thread (the bundle started again, as for the
// end screen's comparison) take them from one shared queue, the costliest first.
//
// The worker is started before the file is read, so that it boots while this thread reads,
// and starts on the text as soon as it is given, while this thread still validates it: it
// parses and compiles the level and takes runs at once. Its results are used only once this
// thread has found the very same text valid; an invalid level stops it. Whatever the
// worker did not finish (it failed, or died) this thread runs itself, so the comparison
// is the same, run for run, as the one-thread `compareLevel`.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import {
  assembleComparison,
  type CollectorName,
  type ComparisonJob,
  type Comparison,
  type CompiledLevel,
  type JobResult,
  jobName,
  type Level,
  revivedMetrics,
  runComparisonJob,
} from '../engine/index.js';
import { loadedFromText } from '../levels/load.js';
import { inBundle, WORKER_MARK } from '../ui/worker-mark.js';

/** Below this much level text a comparison takes well under a second: a second thread costs more than it saves. */
export const SHARE_FROM_CHARS = 256 * 1024;

/** Is the file at `path` big enough to share its comparison? Its size in bytes: at least its length in characters. */
export function worthSharing(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size >= SHARE_FROM_CHARS;
  } catch {
    return false; // reading it will say what is wrong
  }
}

/** The worker's heap at most: several times what the biggest level within the limits needs. */
const WORKER_HEAP_MB = 2048;

/** What the worker is started with (the level's text comes after, in a message). */
interface ShareData {
  /** The collectors asked for; null: the level's default one. */
  collectors: CollectorName[] | null;
  /** One Int32: the index of the next job to take. */
  queue: SharedArrayBuffer;
}

// A result's timeline goes as its columns, whose buffers are handed over, not copied.
type ShareMessage = { type: 'result'; index: number; result: JobResult } | { type: 'failed'; message: string };

/** The buffers of a result's timeline: handed over with the worker's message rather than copied. */
export function timelineBuffers(result: JobResult): ArrayBuffer[] {
  const { used, garbage, pause } = result.run.metrics.timeline;
  return [used.buffer, garbage.buffer, pause.buffer] as ArrayBuffer[];
}

/** A job's result as the worker's message brings it, whole again. */
export function revivedResult(result: JobResult): JobResult {
  return { ...result, run: { ...result.run, metrics: revivedMetrics(result.run.metrics) } };
}

/** The task marker in workerData that starts the bundle as this worker (see main.ts). */
export const SHARE_TASK = 'compare-share';

/** The collectors' usual cost on big levels, costliest first: taking the costliest first keeps both threads busy to the end. */
const COSTLIEST_FIRST: readonly CollectorName[] = [
  'incremental',
  'refcount',
  'mark-sweep',
  'mark-compact',
  'generational',
  'copying',
];

/**
 * The runs both threads share, in the order they are taken: the collectors asked for and
 * the default one (its score gives the stars), costliest first, with the oracle among them.
 */
export function sharedJobs(level: CompiledLevel, collectors: readonly CollectorName[] | null): ComparisonJob[] {
  const names = new Set([...(collectors ?? []), level.gc.collector]);
  const ordered = COSTLIEST_FIRST.filter((c) => names.has(c)).map(
    (name): ComparisonJob => ({ kind: 'collector', name }),
  );
  ordered.splice(Math.min(3, ordered.length), 0, { kind: 'oracle' });
  return ordered;
}

/** A comparison shared with a worker thread, started before the level is read, and given its text before it is validated. */
export interface SharedComparison {
  /** Gives the worker the level's text, as this thread read it: it starts on it at once. */
  give(text: string): void;
  /** Runs this thread's share once the level is known valid, and puts the comparison together. */
  compare(
    level: CompiledLevel,
    opts: {
      player?: readonly string[];
      playerName?: string;
      onRun?: (name: string, done: number, total: number) => void;
    },
  ): Promise<Comparison>;
  /** Stops the worker (the level was invalid, or nothing more is wanted). */
  stop(): void;
}

/**
 * With two threads running collectors on a machine of two cores or fewer, V8's helper
 * threads only get in the way: whatever they take on waits for a core both threads already
 * hold, while the thread that handed it over waits for it, or runs slower code meanwhile.
 * - Parallel scavenges: each young-generation collection hands part of its copying to
 *   them (`compare --gc all` on a 100,000-value level about 10% slower with them).
 * - Optimising compilation in the background, and of a hot loop (on-stack replacement):
 *   a run's functions and loops keep running unoptimised until a helper gets a core (the
 *   same comparison about 5% quicker, and 6% less CPU, compiling each on the thread that
 *   asked for it; measured with both threads' flags as here, 12 alternating turns).
 * V8 reads these flags at each scavenge or compilation, so they can be set now, for both
 * threads; concurrent marking cannot (V8 aborts).
 */
function fewerHelpersWhenCoresAreFew(): void {
  if (availableParallelism() > 2) return;
  setFlagsFromString('--no-parallel-scavenge');
  setFlagsFromString('--no-concurrent-recompilation');
  setFlagsFromString('--no-concurrent-osr');
}

/** Starts the worker when a worker can be had (in the bundle); else null (compare on one thread). */
export function startSharedComparison(collectors: CollectorName[] | null): SharedComparison | null {
  if (!inBundle()) return null;
  const queue = new SharedArrayBuffer(4);
  const data: ShareData = { collectors, queue };
  fewerHelpersWhenCoresAreFew();
  let worker: Worker;
  try {
    worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { [WORKER_MARK]: true, task: SHARE_TASK, data },
      // It starts before the file is known valid: a hostile one stops at this size, not the machine's.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
  } catch {
    return null;
  }
  const fromWorker = new Map<number, JobResult>();
  let ended = false;
  let wake: () => void = () => {};
  const end = () => {
    ended = true;
    wake();
  };
  worker.on('message', (m: ShareMessage) => {
    if (m.type === 'result') fromWorker.set(m.index, revivedResult(m.result));
    else end();
    wake();
  });
  worker.on('error', end);
  worker.on('exit', end);
  const stop = () => void worker.terminate();

  return {
    give: (text) => worker.postMessage(text),
    stop,
    async compare(level, opts) {
      const jobs = sharedJobs(level, collectors);
      const taken = new Int32Array(queue);
      const total = jobs.length + (opts.player ? 1 : 0);
      let done = 0;
      const mine = new Map<number, JobResult>();
      let player: JobResult | undefined;
      if (opts.player) {
        const job: ComparisonJob = { kind: 'player', name: opts.playerName ?? 'you', commands: opts.player };
        opts.onRun?.(jobName(job), done++, total);
        player = runComparisonJob(level, job);
      }
      for (let i = Atomics.add(taken, 0, 1); i < jobs.length; i = Atomics.add(taken, 0, 1)) {
        const job = jobs[i] as ComparisonJob;
        opts.onRun?.(jobName(job), done + i, total);
        mine.set(i, runComparisonJob(level, job));
      }
      // The worker's share: wait for each result, or for the worker to end, telling of a run still going.
      for (;;) {
        const going = jobs.findIndex((_, i) => !mine.has(i) && !fromWorker.has(i));
        if (ended || going < 0) break;
        opts.onRun?.(jobName(jobs[going] as ComparisonJob), total - jobs.length + going, total);
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      stop();
      const result = (i: number): JobResult => {
        const r = mine.get(i) ?? fromWorker.get(i);
        if (r) return r;
        const job = jobs[i] as ComparisonJob;
        const redone = runComparisonJob(level, job);
        mine.set(i, redone);
        return redone;
      };
      const byName = new Map(jobs.map((job, i) => [jobName(job), result(i)]));
      const table: JobResult[] = [];
      if (player) table.push(player);
      table.push(byName.get('oracle') as JobResult);
      for (const c of collectors ?? [level.gc.collector]) table.push(byName.get(c) as JobResult);
      const reference = (byName.get(level.gc.collector) as JobResult).run.metrics.score;
      return assembleComparison(level, table, reference);
    },
  };
}

/** The worker's side: once given the text, parse and compile it, then take jobs until none is left. */
export function runShareWorker(): void {
  parentPort?.once('message', (text: string) => shareRuns(text));
}

function shareRuns(text: string): void {
  const { collectors, queue } = (workerData as { data: ShareData }).data;
  const post = (m: ShareMessage) => parentPort?.postMessage(m, m.type === 'result' ? timelineBuffers(m.result) : []);
  try {
    const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Level;
    const level = loadedFromText('', json).level;
    const jobs = sharedJobs(level, collectors);
    const taken = new Int32Array(queue);
    for (let i = Atomics.add(taken, 0, 1); i < jobs.length; i = Atomics.add(taken, 0, 1))
      post({ type: 'result', index: i, result: runComparisonJob(level, jobs[i] as ComparisonJob) });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
