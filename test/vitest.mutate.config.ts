// The test run that mutation testing (npm run mutate) uses: the headless engine and level
// tests, and the screens' pure tests (views, models, input: no Ink). The screen (.tsx) and
// end-to-end tests drive the built bundle or Ink, slowly, and a mutant never reaches the bundle.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/engine/**/*.test.ts', 'test/levels/**/*.test.ts', 'test/ui/*.test.ts'],
    testTimeout: 180_000,
    // Tests that pin running time at scale, not behaviour, skip themselves in this run.
    env: { CUBBIES_MUTATION_RUN: '1' },
  },
});
