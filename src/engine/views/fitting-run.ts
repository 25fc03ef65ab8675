// Where a block of a given size can go: the free runs that fit, from a box onwards.
import type { CompiledLevel } from '../level/compile.js';
import { freeRuns, type FreeRun } from '../run/memory.js';
import type { RunState } from '../run/state.js';

/**
 * The first free run starting at or after box `from` (a box in use) that holds `size` boxes; when none does,
 * the first that fits from the start of memory (`wrapped`). null when no run fits at all.
 */
export function nextFittingRun(
  level: CompiledLevel,
  state: RunState,
  from: number,
  size: number,
): { run: FreeRun; wrapped: boolean } | null {
  const fits = freeRuns(state.blocks, level.memory).filter((r) => r.size >= size);
  // Room from the box on: a run that ends before it has none.
  const after = fits.find((r) => r.start + r.size - Math.max(from, r.start) >= size);
  if (after)
    return {
      run: { start: Math.max(after.start, from), size: after.start + after.size - Math.max(from, after.start) },
      wrapped: false,
    };
  const first = fits[0];
  return first ? { run: first, wrapped: true } : null;
}
