// The end screen's comparison, off the input path: scoring, comparing and running the
// collectors on a big level take seconds, so they run in a worker thread (the bundle
// started again as a worker) while the screen keeps answering keys; q and Ctrl+C act at
// once, and a new request (or leaving) stops the worker. Progress comes as each run starts.
//
// From the sources (tests), or with a compare function given instead of the engine's, the
// comparison runs on this thread, but after the first frame: the screen still appears at once.
import { useEffect, useState } from 'react';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import {
  compareLevel,
  revivedComparison,
  type CollectorName,
  type CompiledLevel,
  type Comparison,
} from '../engine/index.js';
import { WORKER_MARK, type ComparisonJob, type WorkerMessage } from './compare-worker.js';
import { inBundle } from './worker-mark.js';

export type CompareFn = (
  level: CompiledLevel,
  opts: { player?: readonly string[]; collectors: readonly CollectorName[] },
) => Comparison;

export interface ComparisonRequest {
  level: CompiledLevel;
  player?: readonly string[];
  collectors: readonly CollectorName[];
}

export type ComparisonProgress =
  | { status: 'running'; current: string | null; done: number; total: number; startedAt: number }
  | { status: 'done'; comparison: Comparison }
  | { status: 'failed'; message: string };

/** Runs a comparison in a worker thread; returns a function that stops it. */
function inWorker(req: ComparisonRequest, on: (m: WorkerMessage) => void): () => void {
  const job: ComparisonJob = {
    level: req.level.source,
    ...(req.player ? { player: req.player } : {}),
    collectors: req.collectors,
  };
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { [WORKER_MARK]: true, job } });
  // Its timelines come as bare columns (a structured clone keeps no class): made whole again.
  worker.on('message', (m: WorkerMessage) =>
    on(m.type === 'done' ? { ...m, comparison: revivedComparison(m.comparison) } : m),
  );
  worker.on('error', (error) => on({ type: 'failed', message: error.message }));
  worker.unref();
  return () => void worker.terminate();
}

/** Runs a comparison on this thread after the current frame; returns a function that cancels it. */
function later(req: ComparisonRequest, compare: CompareFn, on: (m: WorkerMessage) => void): () => void {
  const timer = setTimeout(() => {
    try {
      on({
        type: 'done',
        comparison: compare(req.level, { ...(req.player ? { player: req.player } : {}), collectors: req.collectors }),
      });
    } catch (error) {
      on({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, 0);
  return () => clearTimeout(timer);
}

/** Shown for a request whose work has not reported yet (the effect that starts it runs after the render). */
const STARTING: ComparisonProgress = { status: 'running', current: null, done: 0, total: 0, startedAt: 0 };

/**
 * The comparison for `req` (null: none wanted), as it arrives. Progress is kept with the
 * request it belongs to: in the render where the request changes, the last request's
 * comparison is not shown under the new one's heading.
 */
export function useComparison(req: ComparisonRequest | null, compare?: CompareFn): ComparisonProgress | null {
  const [held, setHeld] = useState<{ req: ComparisonRequest | null; progress: ComparisonProgress | null }>({
    req: null,
    progress: null,
  });
  useEffect(() => {
    if (!req) {
      setHeld({ req, progress: null });
      return;
    }
    const startedAt = Date.now();
    const set = (progress: ComparisonProgress) => setHeld({ req, progress });
    set({ status: 'running', current: null, done: 0, total: 0, startedAt });
    const on = (m: WorkerMessage) => {
      if (m.type === 'progress') set({ status: 'running', current: m.name, done: m.done, total: m.total, startedAt });
      else if (m.type === 'done') set({ status: 'done', comparison: m.comparison });
      else set({ status: 'failed', message: m.message });
    };
    const useWorker = inBundle() && (compare === undefined || compare === compareLevel);
    return useWorker ? inWorker(req, on) : later(req, compare ?? compareLevel, on);
  }, [req, compare]);
  if (!req) return null;
  return held.req === req ? held.progress : STARTING;
}

/** The progress line: `Scoring your run against the oracle and mark-sweep… (2 of 3: oracle)`. */
export function progressLine(p: ComparisonProgress & { status: 'running' }): string {
  const step = p.current ? ` (${p.done + 1} of ${p.total}: ${p.current})` : '';
  return `Scoring and comparing…${step}`;
}
