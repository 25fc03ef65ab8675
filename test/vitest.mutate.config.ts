// The test run that mutation testing (npm run mutate) uses: the headless engine and level
// tests, and the screens' pure tests (views, models, input: no Ink). The screen (.tsx) and
// end-to-end tests drive the built bundle or Ink, slowly, and a mutant never reaches the bundle.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Each mutant stops at its first failing test, so the order of files sets the price of a
 * kill: the files that failed last time first (the next mutant is most often in the same
 * code), then the quickest. Vitest's own order runs the longest first.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const known = (f: TestSpecification) =>
      cache.getFileTestResults(`${f.project.name}:${relative(config.root, f.moduleId)}`);
    const rank = (f: TestSpecification) => {
      const r = known(f);
      return r ? (r.failed ? -1 : r.duration) : Number.MAX_SAFE_INTEGER;
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    // A timeline equals another, or a list of points, when their points are equal.
    setupFiles: ['test/support/timeline-equality.ts'],
    include: ['test/engine/**/*.test.ts', 'test/levels/**/*.test.ts', 'test/ui/*.test.ts'],
    testTimeout: 180_000,
    sequence: { sequencer: QuickestFirst },
    // Tests that pin running time at scale, not behaviour, skip themselves in this run.
    env: { CUBBIES_MUTATION_RUN: '1' },
  },
});
