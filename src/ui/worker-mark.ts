/** The marker in workerData that tells the bundle to start as the comparison worker (see useComparison.ts). */
export const WORKER_MARK = 'cubbies-comparison-worker';
