// Memory: boxes 0..memory-1, box 0 is NULL. Allocated blocks are kept sorted by start;
// the free list is the gaps between them (maximal free runs, in address order), so
// freeing coalesces with free neighbours by construction.
import { nth } from '../invariant.js';

export interface Block {
  start: number;
  size: number;
  /** Index of the value the block was returned to. */
  owner: number;
}

export interface FreeRun {
  start: number;
  size: number;
}

/** The free list: maximal free runs in address order. */
export function freeRuns(blocks: readonly Block[], memory: number): FreeRun[] {
  const runs: FreeRun[] = [];
  let at = 1;
  for (const b of blocks) {
    if (b.start > at) runs.push({ start: at, size: b.start - at });
    at = b.start + b.size;
  }
  if (at < memory) runs.push({ start: at, size: memory - at });
  return runs;
}

/** The largest free run's size: how big a block could be placed now. */
export function largestFreeRun(blocks: readonly Block[], memory: number): number {
  let most = 0;
  for (const r of freeRuns(blocks, memory)) most = Math.max(most, r.size);
  return most;
}

/** First fit: the first free run that holds `size` boxes. `examined` counts runs looked at (its work). */
export function firstFit(
  blocks: readonly Block[],
  memory: number,
  size: number,
  from = 1,
  limit = memory,
): { addr: number | null; examined: number } {
  let examined = 0;
  let at = from;
  for (const b of blocks) {
    if (b.start + b.size <= from) continue;
    if (b.start >= limit) break;
    if (b.start > at) {
      examined++;
      if (b.start - at >= size) return { addr: at, examined };
    }
    at = Math.max(at, b.start + b.size);
  }
  if (at < limit) {
    examined++;
    if (limit - at >= size) return { addr: at, examined };
  }
  return { addr: null, examined };
}

/** Position of the first block whose start is >= addr (binary search). */
export function lowerBound(blocks: readonly Block[], addr: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nth(blocks, mid).start < addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The block that contains box `addr`, if any. */
export function blockAt(blocks: readonly Block[], addr: number): Block | undefined {
  const i = lowerBound(blocks, addr + 1) - 1;
  const b = blocks[i];
  return b && addr < b.start + b.size ? b : undefined;
}

/** The block that starts exactly at `addr`, if any. */
export function blockStartingAt(blocks: readonly Block[], addr: number): Block | undefined {
  const b = blocks[lowerBound(blocks, addr)];
  return b && b.start === addr ? b : undefined;
}

/** Why boxes start..start+size-1 can't take a block, or null when they can. */
export function rangeProblem(blocks: readonly Block[], memory: number, start: number, size: number): string | null {
  if (start === 0) return 'box 0 is NULL and can never be allocated';
  if (start < 0 || start >= memory) return `box ${start} does not exist (memory is boxes 0 to ${memory - 1})`;
  if (start + size > memory) return `${size} boxes from ${start} run past the last box (${memory - 1})`;
  const i = lowerBound(blocks, start + 1) - 1;
  for (let j = Math.max(0, i); j < blocks.length && nth(blocks, j).start < start + size; j++) {
    const b = nth(blocks, j);
    if (b.start + b.size > start) return `box ${Math.max(b.start, start)} is already in use`;
  }
  return null;
}

/** Inserts a block (the range must be free). Mutates `blocks`. */
export function insertBlock(blocks: Block[], block: Block): void {
  blocks.splice(lowerBound(blocks, block.start), 0, block);
}

/** Removes the block starting at `start`; returns how many free neighbours it coalesced with. Mutates `blocks`. */
export function removeBlock(
  blocks: Block[],
  start: number,
  memory: number,
): { block: Block; coalesced: number } | null {
  const i = lowerBound(blocks, start);
  const b = blocks[i];
  if (!b || b.start !== start) return null;
  const prevEnd = i > 0 ? nth(blocks, i - 1).start + nth(blocks, i - 1).size : 1;
  const nextStart = i + 1 < blocks.length ? nth(blocks, i + 1).start : memory;
  const coalesced = (prevEnd < b.start ? 1 : 0) + (nextStart > b.start + b.size ? 1 : 0);
  blocks.splice(i, 1);
  return { block: b, coalesced };
}

export function allocatedBoxes(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) n += b.size;
  return n;
}
