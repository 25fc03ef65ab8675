// Security holes: what an attacker gets from a bad read. Every box remembers the value
// whose write last put its byte there (its provenance); a read checks the bytes it
// decodes. A byte a secret wrote, read as another value, is a secret leaked; a byte an
// untrusted value wrote, read as a trusted value, is a read the attacker steers. Each
// kind counts at most once per read, besides the bug (use after free, overflow, corrupt
// read) that put the wrong bytes there.
import type { CompiledLevel, CompiledValue } from '../level/compile.js';
import { note } from './log.js';
import { NO_WRITER, type RunState } from './state.js';

/** Who wrote each of the `size` boxes from `addr` (NO_WRITER where no one did, or past the last box). */
export function writersOf(state: RunState, addr: number, size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push(state.writer[addr + i] ?? NO_WRITER);
  return out;
}

/** The holes a read of value v at `addr` opens, without counting them: cheap enough for every read. */
export function holesOfRead(
  level: CompiledLevel,
  state: RunState,
  v: CompiledValue,
  addr: number,
): { secrets: number[]; attackers: number[] } | null {
  let secrets: number[] | null = null;
  let attackers: number[] | null = null;
  for (let i = 0; i < v.size; i++) {
    const w = state.writer[addr + i];
    if (w === undefined || w === NO_WRITER || w === v.index) continue;
    const by = level.values[w];
    if (by.secret && !(secrets ??= []).includes(w)) secrets.push(w);
    if (by.untrusted && !v.untrusted && !(attackers ??= []).includes(w)) attackers.push(w);
  }
  return secrets || attackers ? { secrets: secrets ?? [], attackers: attackers ?? [] } : null;
}

function whose(level: CompiledLevel, writers: readonly number[]): string {
  const names = writers.map((w) => `${level.values[w].id}'s`);
  names[0] = `the ${names[0]}`;
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The first field of record v that holds a byte one of `writers` wrote, with its decoded text. */
function fieldHit(
  state: RunState,
  v: CompiledValue,
  addr: number,
  writers: readonly number[],
): CompiledValue['fields'][number] | null {
  for (const f of v.fields) {
    for (let i = 0; i < f.size; i++) if (writers.includes(state.writer[addr + f.offset + i])) return f;
  }
  return null;
}

/** What the attacker got, in the game's words, for a field (or a whole value) read from their bytes. */
function attackerGot(field: CompiledValue['fields'][number] | null, text: string): string {
  if (!field) return 'the attacker chose what the program sees';
  if (field.prim === null) return `the attacker chose where ${field.name} points`;
  if (field.prim.type === 'bool' && text === 'true') {
    const is = /^is([A-Z].*)$/.exec(field.name);
    return is ? `the attacker is ${is[1][0].toLowerCase()}${is[1].slice(1)}` : `the attacker set ${field.name}`;
  }
  return `the attacker chose ${field.name}`;
}

/** The text of one field of a read record, as decoded (`isAdmin: true` → `true`). */
function fieldText(decoded: string, field: CompiledValue['fields'][number]): string {
  const inner = decoded.startsWith('{') && decoded.endsWith('}') ? decoded.slice(1, -1) : decoded;
  for (const part of inner.split(', '))
    if (part.startsWith(`${field.name}: `)) return part.slice(field.name.length + 2);
  return decoded;
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
      `secret leaked: the program printed ${v.id} and got ${decoded}: ${whose(level, holes.secrets)} bytes`,
      { value: v.id, addr, bytes },
    );
  }
  if (holes.attackers.length > 0) {
    state.security.attackerReads++;
    const field = v.prim ? null : fieldHit(state, v, addr, holes.attackers);
    const what = field ? `${v.id}.${field.name} read ${fieldText(decoded, field)}` : `${v.id} read ${decoded}`;
    note(
      state,
      'attackerReads',
      `attacker-controlled read: ${what} from ${whose(level, holes.attackers)} bytes: ${attackerGot(field, field ? fieldText(decoded, field) : decoded)}`,
      { value: v.id, addr, bytes },
    );
  }
}
