// The comparison's worker thread: scoring a big level takes seconds, and the screen must
// answer keys meanwhile. The bundle starts itself as the worker (see src/cli/main.ts and
// useComparison.ts); this is what it runs there.
import { parentPort, workerData } from 'node:worker_threads';
import { compareLevel, compileLevel, type CollectorName, type Comparison, type Level } from '../engine/index.js';

export { WORKER_MARK } from './worker-mark.js';

/** What the screen asks the worker for. */
export interface ComparisonJob {
  level: Level;
  player?: readonly string[];
  playerName?: string;
  collectors: readonly CollectorName[];
}

export type WorkerMessage =
  | { type: 'progress'; name: string; done: number; total: number }
  | { type: 'done'; comparison: Comparison }
  | { type: 'failed'; message: string };

export function runComparisonWorker(): void {
  const job = (workerData as { job: ComparisonJob }).job;
  const post = (m: WorkerMessage) => parentPort?.postMessage(m);
  try {
    const level = compileLevel(job.level);
    const comparison = compareLevel(level, {
      ...(job.player ? { player: job.player } : {}),
      ...(job.playerName ? { playerName: job.playerName } : {}),
      collectors: job.collectors,
      onRun: (name, done, total) => post({ type: 'progress', name, done, total }),
    });
    post({ type: 'done', comparison });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
