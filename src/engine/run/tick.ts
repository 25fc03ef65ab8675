// One tick of the program, in its four phases: arrive, set, use, drop.
// Everything is done to the bytes: a read through a stale address decodes whatever
// lives there now, and a write past a block's end lands in its neighbours' boxes.
import { decodePointer, decodePrimitive, encodePointer, showPrimitive } from '../level/encoding.js';
import {
  expectedBytes,
  holdsExpected,
  itemsAt,
  putExpected,
  type CompiledLevel,
  type CompiledValue,
} from '../level/compile.js';
import { blockAt } from './memory.js';
import { isRoot, type RunState } from './state.js';
import { note, showBytes } from './log.js';
import { holesOfRead, reportHoles, writersOf } from './security.js';
import { garbageNow, noteOutOfScope, noteTickPassed } from './garbage.js';
import { boxes, plural } from '../words.js';
import { reachedFrom } from './reachability.js';
import { present } from '../invariant.js';

/** A pointer the program wrote into a block: what a refcount collector's write barrier sees. */
export interface PointerWrite {
  /** The record written into (value index). */
  record: number;
  slot: number;
  old: number | null;
  now: number | null;
}

/** What a tick did beyond its program: which tick it was (its arrivals and drops are the program's, `level.program`), and the pointers it wrote. */
export interface TickReport {
  tick: number;
  writes: PointerWrite[];
}

/** Values that must have a block before `tick` can run and don't. */
export function missingBlocks(level: CompiledLevel, state: RunState, tick = state.tick): number[] {
  if (tick >= level.ticks) return [];
  return itemsAt(level.program.arrivals, tick).filter(
    (v) => present(state.variables[v]).addr === 0 || present(state.variables[v]).freed,
  );
}

/** Boxes allocated to arrived values that no root reaches, with their owners. */
export function garbageBlocks(level: CompiledLevel, state: RunState): { boxes: number; owners: number[] } {
  const t = state.tick;
  let candidates: number[] | null = null;
  for (const b of state.blocks) {
    const v = present(level.values[b.owner]);
    if (v.arrive < t && !isRoot(level, b.owner, t)) (candidates ??= []).push(b.owner);
  }
  if (!candidates) return { boxes: 0, owners: [] };
  // What the root records reach, as a set the size of that: this runs before every tick,
  // and an array over every value would make a run cost ticks × values.
  const seen = reachedFrom(state.rootRecords, (v) => state.targets[v]);
  const owners = candidates.filter((v) => !seen.has(v));
  let boxes = 0;
  for (const v of owners) boxes += present(state.variables[v]).size;
  return { boxes, owners };
}

/** Measures memory just before a tick runs: the timeline point and garbage-box-ticks. */
function measure(level: CompiledLevel, state: RunState, reportLeaks: boolean): void {
  const g = garbageNow(level, state, reportLeaks);
  state.timeline.push(state.used, g.boxes, state.pendingPause);
  state.pendingPause = 0;
  state.garbageBoxTicks += g.boxes;
  for (let k = 0; k < g.owners.length; k++) {
    const v = present(g.owners[k]);
    const span = state.garbageSpans[v];
    const size = present(state.variables[v]).size;
    if (span) {
      span.boxTicks += size;
      span.to = state.tick;
    } else state.garbageSpans[v] = { boxTicks: size, from: state.tick, to: state.tick };
  }
  if (!reportLeaks) return;
  for (const v of g.owners) {
    const s = present(state.variables[v]);
    if (s.leakNoted) continue;
    s.leakNoted = true;
    note(
      state,
      'leak',
      `leak: ${present(level.values[v]).id} is out of reach, but its block at ${s.addr} (${boxes(s.size)}) is still allocated`,
      { value: present(level.values[v]).id, addr: s.addr },
    );
  }
}

/**
 * Writes `writer`'s bytes from `addr`, spilling past `blockSize` into whoever comes next
 * (each box remembers who wrote it); returns what spilled where, and how many bytes fell
 * past the last box.
 */
function writeBytes(
  level: CompiledLevel,
  state: RunState,
  writer: number,
  addr: number,
  bytes: readonly number[],
  blockSize: number,
): { spilled: readonly string[]; lost: number } {
  // Made only when a write runs past its block: every arrival and set writes.
  let spilled: string[] | null = null;
  for (let i = 0; i < bytes.length; i++) {
    const a = addr + i;
    if (a >= level.memory) return { spilled: spilled ?? [], lost: bytes.length - i };
    state.bytes[a] = bytes[i]!;
    state.writer[a] = writer + 1;
    if (i >= blockSize) {
      const owner = blockAt(state.blocks, a);
      (spilled ??= []).push(owner ? `box ${a} (${present(level.values[owner.owner]).id}'s)` : `box ${a} (free)`);
    }
  }
  return spilled ? { spilled, lost: 0 } : NOTHING_SPILLED;
}
const NOTHING_SPILLED: { spilled: readonly string[]; lost: number } = Object.freeze({ spilled: [], lost: 0 });

function addrOf(state: RunState) {
  return (v: number) => present(state.variables[v]).addr;
}

function arrive(level: CompiledLevel, state: RunState, v: CompiledValue, addrs: (v: number) => number): void {
  const variable = present(state.variables[v.index]);
  const targets = present(state.targets[v.index]);
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k];
    if (t !== null && t !== undefined && present(state.variables[t]).freed) {
      state.bugs.useAfterFree++;
      note(
        state,
        'useAfterFree',
        `use after free: ${v.id} gets a pointer to ${present(level.values[t]).id}, whose block at ${present(state.variables[t]).addr} was freed`,
        // About the freed value and its box, as when a set points a field at it.
        { value: present(level.values[t]).id, addr: present(state.variables[t]).addr },
      );
    }
  }
  // A value that fits its block (nearly every one) is written in place, with no list of its bytes made.
  if (!state.verbose && v.size <= variable.size && variable.addr + v.size <= level.memory) {
    putExpected(v, targets, addrs, level.ptrWidth, state.bytes, variable.addr);
    state.writer.fill(v.index + 1, variable.addr, variable.addr + v.size);
  } else writeByteByByte(level, state, v, variable, addrs);
  if (v.pointerOffsets.length > 0) state.rootRecords.push(v.index);
  state.focus = { value: v.index, tick: state.tick };
}

/** Writes an arriving value's bytes one by one, telling of them in a verbose run, and of any that spill past its block. */
function writeByteByByte(
  level: CompiledLevel,
  state: RunState,
  v: CompiledValue,
  variable: RunState['variables'][number],
  addrs: (v: number) => number,
): void {
  const bytes = expectedBytes(v, present(state.targets[v.index]), addrs, level.ptrWidth);
  const { spilled, lost } = writeBytes(level, state, v.index, variable.addr, bytes, variable.size);
  if (state.verbose)
    note(
      state,
      'arrive',
      `${v.id} arrives: ${showValue(v, present(state.targets[v.index]), addrs)} written at ${variable.addr} as ${showBytes(bytes)}`,
      { value: v.id, addr: variable.addr, bytes },
    );
  if (spilled.length > 0 || lost > 0) {
    state.bugs.overflow++;
    const where = [
      spilled.length > 0 ? `the rest landed in ${spilled.join(', ')}` : '',
      lost > 0 ? `${plural(lost, 'byte')} ran past the last box (${level.memory - 1})` : '',
    ]
      .filter(Boolean)
      .join(', and ');
    note(state, 'overflow', `overflow: ${v.id} needs ${v.size} boxes but its block has ${variable.size}; ${where}`, {
      value: v.id,
      addr: variable.addr,
      bytes,
    });
  }
}

function set(
  level: CompiledLevel,
  state: RunState,
  rec: number,
  slot: number,
  to: number | null,
  report: TickReport,
): void {
  const r = present(level.values[rec]);
  const s = present(state.variables[rec]);
  const f = present(r.pointerFields[slot]);
  const field = present(r.fields[f]).name;
  if (s.freed) {
    state.bugs.useAfterFree++;
    note(
      state,
      'useAfterFree',
      `use after free: the program writes ${r.id}.${field}, but ${r.id}'s block at ${s.addr} was freed; the write lands on whoever lives there now`,
      { value: r.id, addr: s.addr },
    );
  }
  if (to !== null && present(state.variables[to]).freed) {
    state.bugs.useAfterFree++;
    note(
      state,
      'useAfterFree',
      `use after free: ${r.id}.${field} now points to ${present(level.values[to]).id}, whose block at ${present(state.variables[to]).addr} was freed`,
      { value: present(level.values[to]).id, addr: present(state.variables[to]).addr },
    );
  }
  const old = present(present(state.targets[rec])[slot]);
  const bytes = encodePointer(to === null ? 0 : present(state.variables[to]).addr, level.ptrWidth);
  // The pointer belongs to the record written into, wherever its block is now.
  writeBytes(level, state, rec, s.addr + present(r.pointerOffsets[slot]), bytes, Infinity);
  present(state.targets[rec])[slot] = to;
  report.writes.push({ record: rec, slot, old, now: to });
  if (state.verbose)
    note(
      state,
      'set',
      `${r.id}.${field} = ${to === null ? 'null' : present(level.values[to]).id} (${showBytes(bytes)})`,
      {
        value: r.id,
      },
    );
}

/** What the program reads back for value v at its address: the decoder over the real bytes. */
export function readValue(_level: CompiledLevel, state: RunState, v: CompiledValue): { text: string; bytes: number[] } {
  const addr = present(state.variables[v.index]).addr;
  if (v.prim) {
    const d = decodePrimitive(state.bytes, addr, v.prim.type);
    return { text: d.text, bytes: d.bytes };
  }
  const bytes: number[] = [];
  for (let i = 0; i < v.size; i++) bytes.push(state.bytes[addr + i] ?? 0);
  return { text: recordText(v, state.bytes, addr), bytes };
}

/** A record as the program decodes it from `mem` at box `at`: each field's value, a pointer as its address. */
export function recordText(v: CompiledValue, mem: ArrayLike<number>, at: number): string {
  const parts = v.fields.map((f) => {
    if (f.prim) return `${f.name}: ${decodePrimitive(mem, at + f.offset, f.prim.type).text}`;
    const p = decodePointer(mem, at + f.offset, f.size === 1 ? 1 : 2);
    return `${f.name}: ${p === 0 ? 'null' : `→${p}`}`;
  });
  return `{${parts.join(', ')}}`;
}

export function showValue(
  v: CompiledValue,
  targets: ReadonlyArray<number | null>,
  addrOf: (v: number) => number,
): string {
  if (v.prim) return showPrimitive(v.prim);
  let slot = 0;
  const parts = v.fields.map((f) => {
    if (f.prim) return `${f.name}: ${showPrimitive(f.prim)}`;
    const t = targets[slot++];
    return `${f.name}: ${t == null ? 'null' : `→${addrOf(t)}`}`;
  });
  return `{${parts.join(', ')}}`;
}

function use(level: CompiledLevel, state: RunState, v: CompiledValue, addrs: (v: number) => number): void {
  const s = present(state.variables[v.index]);
  const same =
    !s.freed && holdsExpected(v, present(state.targets[v.index]), addrs, level.ptrWidth, state.bytes, s.addr);
  const holes = holesOfRead(level, state, v, s.addr);
  // Decoding for the log only when someone will read it: a headless run keeps to the bytes.
  if (same && !holes && !state.verbose) return;
  const got = readValue(level, state, v);
  state.focus = {
    value: v.index,
    tick: state.tick,
    read: got.bytes,
    readFrom: writersOf(state, s.addr, got.bytes.length),
    readText: got.text,
  };
  const want = showValue(v, present(state.targets[v.index]), addrs);
  if (s.freed) {
    state.bugs.useAfterFree++;
    const owner = blockAt(state.blocks, s.addr);
    const who = owner ? `${present(level.values[owner.owner]).id}'s data` : 'stale bytes';
    note(
      state,
      'useAfterFree',
      `use after free: the program reads ${v.id} at ${s.addr}, freed; expected ${want}, read ${got.text} (${who})`,
      { value: v.id, addr: s.addr, bytes: got.bytes },
    );
  } else if (!same) {
    state.bugs.corruptRead++;
    note(
      state,
      'corruptRead',
      `corrupt read: ${v.id} at ${s.addr} should be ${want} but reads ${got.text} ${showBytes(got.bytes)}: something overwrote it`,
      { value: v.id, addr: s.addr, bytes: got.bytes },
    );
  } else if (state.verbose) {
    note(state, 'use', `read ${v.id} at ${s.addr}: ${showBytes(got.bytes)} → ${got.text}`, {
      value: v.id,
      addr: s.addr,
      bytes: got.bytes,
    });
  }
  if (holes) reportHoles(level, state, v, s.addr, got.text, holes, got.bytes);
}

/**
 * Runs the next tick. The caller has checked that every arriving value has a block.
 * `reportLeaks` logs values that became unreachable while still allocated (manual play).
 */
export function runTick(level: CompiledLevel, state: RunState, reportLeaks = false): TickReport {
  measure(level, state, reportLeaks);
  const t = state.tick;
  const { arrivals, reads, drops } = level.program;
  const sets = present(level.program.sets[t]);
  const report: TickReport = { tick: t, writes: [] };
  // Where each value lives, for the pointers a record's bytes hold: one function for the tick, not one a record.
  const addrs = addrOf(state);
  // Indexed loops over the tick's part of the program: this runs every tick of every run.
  for (let k = present(arrivals.start[t]), end = present(arrivals.start[t + 1]); k < end; k++) {
    const v = present(arrivals.items[k]);
    arrive(level, state, present(level.values[v]), addrs);
  }
  for (let k = 0; k < sets.length; k++) {
    const s = present(sets[k]);
    set(level, state, s.in, s.slot, s.to, report);
  }
  for (let k = present(reads.start[t]), end = present(reads.start[t + 1]); k < end; k++) {
    const v = present(reads.items[k]);
    use(level, state, present(level.values[v]), addrs);
  }
  for (let k = present(drops.start[t]), end = present(drops.start[t + 1]); k < end; k++) {
    const v = present(drops.items[k]);
    const i = state.rootRecords.indexOf(v);
    if (i >= 0) state.rootRecords.splice(i, 1);
    noteOutOfScope(state, v);
    if (state.verbose)
      note(state, 'drop', `${present(level.values[v]).id} goes out of scope`, {
        value: present(level.values[v]).id,
      });
  }
  state.tick = t + 1;
  noteTickPassed(level, state);
  return report;
}
