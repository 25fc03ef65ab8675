// Runs once before all test files: build the bundle the end-to-end tests run.
import { ensureBundle } from './bundle.js';

export default function setup(): void {
  ensureBundle();
}
