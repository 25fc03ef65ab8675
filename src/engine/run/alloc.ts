// malloc and free over a run's state, with the allocator's work: 1 per free run searched,
// 1 per malloc at an address, 1 per free plus 1 per coalesce.
// Used by the player's commands, the oracle and the automatic runtime alike.
import { firstFit, insertBlock, rangeProblem, removeBlock, blockStartingAt, largestFreeRun } from './memory.js';
import type { CompiledLevel } from '../level/compile.js';
import { PEAK_HELD_LIMIT, type RunState } from './state.js';
import { note } from './log.js';
import { noteFreed } from './garbage.js';
import type { Refusal } from './refusals.js';
import { boxes } from '../words.js';
import { present } from '../invariant.js';

/** Hands the block start..start+size-1 to value v (the range must be free). */
export function placeBlock(state: RunState, v: number, start: number, size: number): void {
  insertBlock(state.blocks, { start, size, owner: v });
  const s = present(state.variables[v]);
  s.addr = start;
  s.size = size;
  s.freed = false;
  s.leakNoted = false;
  state.used += size;
  if (state.used > state.peak) {
    state.peak = state.used;
    state.peakAt = state.tick;
    state.peakHeld =
      state.blocks.length <= PEAK_HELD_LIMIT ? state.blocks.map((b) => ({ value: b.owner, size: b.size })) : null;
  }
}

export type MallocResult = { ok: true; addr: number } | { ok: false; refusal: Refusal };

/** malloc for value v: at `at`, or by first fit from the free list. */
export function malloc(level: CompiledLevel, state: RunState, v: number, size: number, at?: number): MallocResult {
  const id = present(level.values[v]).id;
  let addr: number;
  if (at !== undefined) {
    const problem = rangeProblem(state.blocks, level.memory, at, size);
    if (problem) return { ok: false, refusal: { code: 'badPlacement', id, at, problem } };
    state.work += 1;
    addr = at;
  } else {
    const fit = firstFit(state.blocks, level.memory, size);
    state.work += fit.examined;
    if (fit.addr === null) {
      const largest = largestFreeRun(state.blocks, level.memory);
      return { ok: false, refusal: { code: 'outOfMemory', id, size, largest } };
    }
    addr = fit.addr;
  }
  placeBlock(state, v, addr, size);
  if (state.verbose) note(state, 'malloc', `malloc ${id}: ${boxes(size)} at ${addr}`, { value: id, addr });
  return { ok: true, addr };
}

/** Frees the block that starts at addr; returns its owner, or null when no block starts there. */
export function freeBlockAt(level: CompiledLevel, state: RunState, addr: number): number | null {
  const removed = removeBlock(state.blocks, addr, level.memory);
  if (!removed) return null;
  state.work += 1 + removed.coalesced;
  state.used -= removed.block.size;
  const s = present(state.variables[removed.block.owner]);
  if (s.addr === addr) {
    noteFreed(level, state, removed.block.owner);
    s.freed = true;
  }
  return removed.block.owner;
}

/**
 * A block can be freed in the gap right after the tick in which its value went out of
 * reach (the end of its scope); once a tick has run with it out of reach, it is leaked:
 * the program holds no pointer to it, so it can no longer be freed.
 */
function leakedBlockAt(level: CompiledLevel, state: RunState, addr: number): Refusal | null {
  const b = blockStartingAt(state.blocks, addr);
  if (!b) return null;
  const span = state.garbageSpans[b.owner];
  if (!span || present(state.variables[b.owner]).addr !== addr) return null;
  return { code: 'leaked', id: present(level.values[b.owner]).id, addr, since: span.from };
}

export type FreeResult = { ok: true } | { ok: false; refusal: Refusal };

/** The player's `free <addr>`, with double and invalid frees as consequences. */
export function freeAddress(level: CompiledLevel, state: RunState, addr: number): FreeResult {
  if (addr === 0) return { ok: false, refusal: { code: 'freeNull' } };
  if (addr < 0 || addr >= level.memory)
    return { ok: false, refusal: { code: 'noSuchBox', addr, memory: level.memory } };
  const leak = leakedBlockAt(level, state, addr);
  if (leak) return { ok: false, refusal: leak };
  const owner = freeBlockAt(level, state, addr);
  if (owner !== null) {
    const id = present(level.values[owner]).id;
    if (state.verbose) note(state, 'free', `free ${addr}: ${id}'s block is free again`, { value: id, addr });
    return { ok: true };
  }
  state.work += 1;
  const stale = state.variables.findIndex((s) => s.addr === addr && s.freed);
  if (stale >= 0) {
    state.bugs.doubleFree++;
    note(
      state,
      'doubleFree',
      `double free: the block at ${addr} (${present(level.values[stale]).id}'s) was already freed`,
      {
        value: present(level.values[stale]).id,
        addr,
      },
    );
  } else {
    state.bugs.invalidFree++;
    note(state, 'invalidFree', `invalid free: no block starts at box ${addr}`, { addr });
  }
  return { ok: true };
}

/** The player's `free <id>`: frees the block last returned to id, whoever owns it now. */
export function freeValue(level: CompiledLevel, state: RunState, v: number): FreeResult {
  const s = present(state.variables[v]);
  const id = present(level.values[v]).id;
  if (s.addr === 0) return { ok: false, refusal: { code: 'nothingToFree', id } };
  if (!s.freed) return freeAddress(level, state, s.addr);
  // A stale pointer: free() gets an address that was freed before.
  const now = blockStartingAt(state.blocks, s.addr);
  state.bugs.doubleFree++;
  if (now) {
    const victim = present(level.values[now.owner]).id;
    freeBlockAt(level, state, s.addr);
    note(
      state,
      'doubleFree',
      `double free: ${id}'s block at ${s.addr} was already freed, and ${victim} lives there now, so ${victim}'s block was freed instead`,
      { value: id, addr: s.addr },
    );
  } else {
    state.work += 1;
    note(state, 'doubleFree', `double free: ${id}'s block at ${s.addr} was already freed`, { value: id, addr: s.addr });
  }
  return { ok: true };
}
