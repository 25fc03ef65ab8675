// `validate` on both cores. Certifying a big level (first fit, else the solver) takes about
// as long as all its other checks, and needs only the level's JSON: so a worker thread (the
// bundle started again) parses the text and certifies it while this thread checks it. The
// verdict counts only once this thread has found the very same text well formed; a level
// that is not stops the worker. If the worker fails, this thread certifies the level itself.
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { certifyLevelJson, type Level, type Verdict, verdictOf } from '../engine/index.js';
import { inBundle, WORKER_MARK } from '../ui/worker-mark.js';
import { SHARE_FROM_CHARS } from './compare-threads.js';

/** The task marker in workerData that starts the bundle as this worker (see main.ts). */
export const CERTIFY_TASK = 'certify';

/** The worker's heap at most: it parses a file not yet known valid. */
const WORKER_HEAP_MB = 2048;

type CertifyMessage = { type: 'verdict'; verdict: Verdict } | { type: 'failed'; message: string };

/** A certification under way on another thread. */
export interface PendingVerdict {
  /** The verdict, or null if the worker failed (then certify here). */
  verdict(): Promise<Verdict | null>;
  /** Stops the worker (the level was not well formed, or the verdict is in). */
  stop(): void;
}

/** Starts certifying the level's text on a worker when it is big enough and a worker can be had; else null. */
export function startCertification(text: string): PendingVerdict | null {
  if (!inBundle() || text.length < SHARE_FROM_CHARS) return null;
  let worker: Worker;
  try {
    worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { [WORKER_MARK]: true, task: CERTIFY_TASK, text },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
  } catch {
    return null;
  }
  const answer = new Promise<Verdict | null>((resolve) => {
    worker.on('message', (m: CertifyMessage) => resolve(m.type === 'verdict' ? m.verdict : null));
    worker.on('error', () => resolve(null));
    worker.on('exit', () => resolve(null));
  });
  const stop = () => void worker.terminate();
  return {
    stop,
    async verdict() {
      const v = await answer;
      stop();
      return v;
    },
  };
}

/** The worker's side: parse the text and certify it. */
export function runCertifyWorker(): void {
  const { text } = workerData as { text: string };
  const post = (m: CertifyMessage) => parentPort?.postMessage(m);
  try {
    const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Level;
    post({ type: 'verdict', verdict: verdictOf(certifyLevelJson(json)) });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
