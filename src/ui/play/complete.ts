// Tab completion on the command line: the verb first, then a value id (for malloc, the
// values waiting for a block; for free, the values holding one; else any).
import { COMMAND_HELP } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import type { RunState } from '../../engine/index.js';
import { allocatedValues, pendingValues } from '../../engine/index.js';

export const VERBS: readonly string[] = [...new Set(COMMAND_HELP.map(([usage]) => usage.split(' ')[0]))];

export interface Completion {
  /** The line after completion (unchanged when nothing fits). */
  text: string;
  /** What fits, when more than one thing does. */
  candidates: string[];
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function completeWord(before: string, word: string, options: readonly string[]): Completion {
  const fits = options.filter((o) => o.startsWith(word));
  if (fits.length === 0) return { text: before + word, candidates: [] };
  if (fits.length === 1) return { text: `${before}${fits[0]} `, candidates: [] };
  const p = commonPrefix(fits);
  return { text: before + (p.length > word.length ? p : word), candidates: fits };
}

/** Candidate ids for the verb's first argument. */
export function idsFor(verb: string, level: CompiledLevel, state: RunState): string[] {
  const ids = (list: number[]) => [...new Set(list)].map((v) => level.values[v].id);
  if (verb === 'malloc') {
    const pending = ids(pendingValues(level, state));
    return pending.length > 0 ? pending : level.values.map((v) => v.id);
  }
  if (verb === 'free') {
    const held = ids(allocatedValues(state));
    return held.length > 0 ? held : level.values.map((v) => v.id);
  }
  return [];
}

export function complete(line: string, level: CompiledLevel, state: RunState): Completion {
  const m = /^(\s*)(\S*)$/.exec(line);
  if (m) return completeWord(m[1], m[2], VERBS);
  const arg = /^(\s*(\S+)\s+)(\S*)$/.exec(line);
  if (arg) {
    const verb = arg[2].toLowerCase();
    return completeWord(arg[1], arg[3], idsFor(verb, level, state));
  }
  return { text: line, candidates: [] };
}
