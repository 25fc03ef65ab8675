/** The marker in workerData that tells the bundle to start as a worker (see main.ts): the end screen's comparison, or compare's second thread. */
export const WORKER_MARK = 'cubbies-comparison-worker';

declare const __CUBBIES_VERSION__: string | undefined;

/** True in the bundle (dist/cubbies.js), which can start itself as a worker; false from the sources (tests). */
export function inBundle(): boolean {
  return typeof __CUBBIES_VERSION__ === 'string';
}
