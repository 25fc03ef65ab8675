// Test configuration. It lives under test/ because the top level of the repo is fixed;
// `npm test` points vitest here.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    // A timeline equals another, or a list of points, when their points are equal.
    setupFiles: ['test/support/timeline-equality.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    // Tests that run the real binary share one build, made once before any test starts.
    globalSetup: ['test/support/global-setup.ts'],
    // Ink draws only the last frame when it thinks it runs in CI (CI=true, as .ci/run has);
    // the screen tests check frames as a player's terminal gets them.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
