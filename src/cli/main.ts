// The `cubbies` executable: bundled by src/build.mjs into dist/cubbies.js.
// All the command line lives in ./program.ts; this file only wires the process.

import { isMainThread, workerData } from 'node:worker_threads';
import { guardStream } from '../ui/sanitise.js';
import { WORKER_MARK } from '../ui/worker-mark.js';
import { reportCrash, runCli } from './program.js';

// The bundle started as the end screen's comparison worker (see src/ui/useComparison.ts).
const asWorker = !isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true;

if (asWorker) {
  // Two kinds: the end screen's comparison, and `compare`'s second thread (src/cli/compare-threads.ts).
  const { task } = workerData as { task?: string };
  if (task === 'compare-share') (await import('./compare-threads.js')).runShareWorker();
  else (await import('../ui/compare-worker.js')).runComparisonWorker();
} else {
  // The last guard: nothing written to the terminal carries an escape sequence from a file.
  guardStream(process.stdout);
  guardStream(process.stderr);

  let crashed = false;
  function crash(error: unknown): void {
    if (crashed) return;
    crashed = true;
    reportCrash(error);
    process.exit(1);
  }
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  // A closed pipe (`cubbies levels | head -1`) is not an error worth a report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      crash(error);
    });
  }

  // Set exitCode rather than calling process.exit, so piped output is flushed first.
  process.exitCode = await runCli(process.argv.slice(2));
}
