// Memory: boxes 0..memory-1, box 0 is NULL. Allocated blocks are kept sorted by start;
// the free list is the gaps between them (maximal free runs, in address order), so
// freeing coalesces with free neighbours by construction.
//
// A big block table also gets an index of its free runs (free-index.ts), so first fit
// need not scan it from the start. The index follows the table through insertBlock,
// removeBlock, removeBlocks and removeBlocksWhere: change a table in place only through these.
import { present } from '../invariant.js';
import { FreeIndex } from './free-index.js';

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

/** The free list: maximal free runs in address order, from box `from` (1: all of memory). */
export function freeRuns(blocks: readonly Block[], memory: number, from = 1): FreeRun[] {
  const runs: FreeRun[] = [];
  let at = from;
  for (const b of blocks) {
    if (b.start + b.size <= from) continue;
    if (b.start > at) runs.push({ start: at, size: b.start - at });
    at = b.start + b.size;
  }
  if (at < memory) runs.push({ start: at, size: memory - at });
  return runs;
}

/** The largest free run's size from box `from` on: how big a block could be placed there now. */
export function largestFreeRun(blocks: readonly Block[], memory: number, from = 1): number {
  const index = from === 1 ? indexFor(blocks, memory) : null;
  if (index) return index.largest();
  let most = 0;
  for (const r of freeRuns(blocks, memory, from)) most = Math.max(most, r.size);
  return most;
}

/** Below this many blocks a scan is as quick as the index. */
const INDEX_FROM_BLOCKS = 64;

interface Indexed {
  /** The index, made at the table's second first fit (a table used once is not worth it). */
  index: FreeIndex | null;
  /** The table's length when the index last followed it: a change made another way shows as a different length. */
  length: number;
  memory: number;
}

const indexes = new WeakMap<readonly Block[], Indexed>();

/** The table's index, kept in step, when it is worth one. */
function indexFor(blocks: readonly Block[], memory: number): FreeIndex | null {
  if (blocks.length < INDEX_FROM_BLOCKS) return null;
  const known = indexes.get(blocks);
  if (!known || known.memory !== memory || known.length !== blocks.length) {
    indexes.set(blocks, { index: null, length: blocks.length, memory });
    return null;
  }
  known.index ??= new FreeIndex(memory, blocks);
  return known.index;
}

/** Keeps a table's index in step with blocks the caller just put in (`free` false) or took out; `length` is the table's length before. */
function follow(blocks: readonly Block[], changed: readonly Block[], free: boolean, length: number): void {
  const known = followed(blocks, length);
  if (!known) return;
  for (let k = 0; k < changed.length; k++) {
    const b = changed[k] as Block;
    known.index?.set(b.start, b.size, free);
  }
  known.length = blocks.length;
}

/** The table's index record when it followed the table up to `length` blocks; else it is forgotten. */
function followed(blocks: readonly Block[], length: number): Indexed | undefined {
  const known = indexes.get(blocks);
  if (known && known.length !== length) {
    indexes.delete(blocks);
    return undefined;
  }
  return known;
}

/** First fit: the first free run that holds `size` boxes. `examined` counts runs looked at (its work). */
export function firstFit(
  blocks: readonly Block[],
  memory: number,
  size: number,
  from = 1,
  limit = memory,
): { addr: number | null; examined: number } {
  if (size > 0 && from >= 1 && limit <= memory) {
    const index = indexFor(blocks, memory);
    if (index) return index.firstFit(size, from, limit);
  }
  return scanFirstFit(blocks, size, from, limit);
}

/** First fit by a scan of the block table from the start. */
export function scanFirstFit(
  blocks: readonly Block[],
  size: number,
  from: number,
  limit: number,
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
    // mid < length: no check needed on this hot path.
    if ((blocks[mid] as Block).start < addr) lo = mid + 1;
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
  for (let j = Math.max(0, i); j < blocks.length && present(blocks[j]).start < start + size; j++) {
    const b = present(blocks[j]);
    if (b.start + b.size > start) return `box ${Math.max(b.start, start)} is already in use`;
  }
  return null;
}

/** Inserts a block (the range must be free). Mutates `blocks`. */
export function insertBlock(blocks: Block[], block: Block): void {
  const length = blocks.length;
  // splice moves the blocks after it at memmove speed: quicker than a loop here, though it makes an empty list.
  blocks.splice(lowerBound(blocks, block.start), 0, block);
  // `follow` for the one block, with no list made for it: every malloc comes here.
  const known = followed(blocks, length);
  if (!known) return;
  known.index?.set(block.start, block.size, false);
  known.length = blocks.length;
}

/** Removes the blocks among i..j-1 of the table that `drop` picks (in place, keeping the order of the rest). */
export function removeBlocksWhere(blocks: Block[], i: number, j: number, drop: (b: Block) => boolean): void {
  const length = blocks.length;
  const gone: Block[] = [];
  let w = i;
  for (let r = i; r < j; r++) {
    const b = blocks[r] as Block;
    if (drop(b)) gone.push(b);
    else blocks[w++] = b;
  }
  if (w === j) return;
  blocks.splice(w, j - w);
  follow(blocks, gone, true, length);
}

/** Removes blocks i..j-1 of the table (in place). */
export function removeBlocks(blocks: Block[], i: number, j = i + 1): void {
  const length = blocks.length;
  follow(blocks, blocks.splice(i, j - i), true, length);
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
  const prevEnd = i > 0 ? present(blocks[i - 1]).start + present(blocks[i - 1]).size : 1;
  const nextStart = i + 1 < blocks.length ? present(blocks[i + 1]).start : memory;
  const coalesced = (prevEnd < b.start ? 1 : 0) + (nextStart > b.start + b.size ? 1 : 0);
  removeBlocks(blocks, i);
  return { block: b, coalesced };
}

export function allocatedBoxes(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) n += b.size;
  return n;
}
