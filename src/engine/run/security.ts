// Security holes: what an attacker gets from a bad read. Every box remembers the value
// whose write last put its byte there (its provenance); a read checks the bytes it
// decodes. A byte a secret wrote, read as another value, is a secret leaked; a byte an
// untrusted value wrote, read as a trusted value, is a read the attacker steers. Each
// kind counts at most once per read, besides the bug (use after free, overflow, corrupt
// read) that put the wrong bytes there.
import type { CompiledLevel, CompiledValue } from '../level/compile.js';
import { decodePointer, decodePrimitive } from '../level/encoding.js';
import { andList } from '../level/validate-messages.js';
import { note } from './log.js';
import { NO_WRITER, writerAt, type RunState } from './state.js';
import { present } from '../invariant.js';

/** Who wrote each of the `size` boxes from `addr` (NO_WRITER where no one did, or past the last box). */
export function writersOf(state: RunState, addr: number, size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(writerAt(state, addr + i));
  return out;
}

/** The holes a read of value v at `addr` opens, without counting them: cheap enough for every read. */
export function holesOfRead(
  level: CompiledLevel,
  state: RunState,
  v: CompiledValue,
  addr: number,
): { secrets: number[]; attackers: number[] } | null {
  // No secret and no attacker in the level: no byte read can be one of theirs (every read of every run asks).
  if (!level.holesPossible) return null;
  let secrets: number[] | null = null;
  let attackers: number[] | null = null;
  for (let i = 0; i < v.size; i++) {
    const w = writerAt(state, addr + i);
    if (w === NO_WRITER || w === v.index) continue;
    const by = present(level.values[w]);
    if (by.secret && !(secrets ??= []).includes(w)) secrets.push(w);
    if (by.untrusted && !v.untrusted && !(attackers ??= []).includes(w)) attackers.push(w);
  }
  return secrets || attackers ? { secrets: secrets ?? [], attackers: attackers ?? [] } : null;
}

/** `password's`, `pw's and key's`: whose bytes were read. */
function whose(level: CompiledLevel, writers: readonly number[]): string {
  return andList(writers.map((w) => `${present(level.values[w]).id}'s`));
}

type Field = CompiledValue['fields'][number];

/** The fields of record v that hold a byte one of `writers` wrote, each with what it decodes to now. */
function fieldsHit(
  state: RunState,
  v: CompiledValue,
  addr: number,
  writers: readonly number[],
): { f: Field; text: string }[] {
  const out: { f: Field; text: string }[] = [];
  for (const f of v.fields) {
    let hit = false;
    for (let i = 0; !hit && i < f.size; i++) hit = writers.includes(writerAt(state, addr + f.offset + i));
    if (!hit) continue;
    const at = addr + f.offset;
    const p = f.prim ? 0 : decodePointer(state.bytes, at, f.size === 1 ? 1 : 2);
    out.push({ f, text: f.prim ? decodePrimitive(state.bytes, at, f.prim.type).text : p === 0 ? 'null' : `→${p}` });
  }
  return out;
}

/** What the attacker got, in the game's words: a flag they turned on, a pointer they aimed, a field they chose. */
function attackerGot(hits: readonly { f: Field; text: string }[]): string {
  const flag = hits.find((h) => h.f.prim?.type === 'bool' && h.text === 'true');
  if (flag) {
    const is = /^is([A-Z])(.*)$/.exec(flag.f.name);
    return is
      ? `the attacker is ${present(is[1]).toLowerCase()}${present(is[2])}`
      : `the attacker turned ${flag.f.name} on`;
  }
  const pointer = hits.find((h) => h.f.prim === null);
  if (pointer) return `the attacker chose where ${pointer.f.name} points`;
  return `the attacker chose what ${present(hits[0]).f.name} says`;
}

/**
 * Counts and logs the holes of one read: value v read at `addr`, decoded as `decoded`.
 * Call it after the bug behind it was counted, so the log tells the story in order.
 */
export function reportHoles(
  level: CompiledLevel,
  state: RunState,
  v: CompiledValue,
  addr: number,
  decoded: string,
  holes: { secrets: number[]; attackers: number[] },
  bytes: number[],
): void {
  if (holes.secrets.length > 0) {
    state.security.secretsLeaked++;
    note(
      state,
      'secretsLeaked',
      `secret leaked: the program printed ${v.id} and got ${decoded}: the ${whose(level, holes.secrets)} bytes`,
      { value: v.id, addr, bytes },
    );
  }
  if (holes.attackers.length > 0) {
    state.security.attackerReads++;
    // A primitive is read as a whole: it is its own one field.
    const hits = v.prim
      ? [{ f: { name: v.id, offset: 0, size: v.size, prim: v.prim, bytes: [], ref: null }, text: decoded }]
      : fieldsHit(state, v, addr, holes.attackers);
    const what = v.prim ? `${v.id} read ${decoded}` : andList(hits.map((h) => `${v.id}.${h.f.name} read ${h.text}`));
    note(
      state,
      'attackerReads',
      `attacker-controlled read: ${what} from ${whose(level, holes.attackers)} bytes: ${attackerGot(hits)}`,
      { value: v.id, addr, bytes },
    );
  }
}
