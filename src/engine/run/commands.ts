// The command language (malloc, free, step, run, undo, end): one parser for keys, the
// command line, replays and tests, and one printer so a command always reads back the same way.
import { refused, type Refused } from './refusals.js';
import { present } from '../invariant.js';

export type Command =
  | { kind: 'malloc'; id: string; size?: number; at?: number }
  | { kind: 'free'; addr: number }
  | { kind: 'free'; id: string }
  /** Several targets (`free a b 12`): each freed in order, as one command. */
  | { kind: 'free'; targets: FreeTarget[] }
  | { kind: 'step'; n: number }
  | { kind: 'run' }
  | { kind: 'undo' }
  | { kind: 'end' };

/** One target of a free: the block starting at an address, or the block last returned to a value. */
export type FreeTarget = { addr: number } | { id: string };

/** The targets of a free command, one or several, in order. */
export function freeTargets(c: Extract<Command, { kind: 'free' }>): FreeTarget[] {
  if ('targets' in c) return c.targets;
  return 'id' in c ? [{ id: c.id }] : [{ addr: c.addr }];
}

/** A command read from text, or why the text is not one (code `badCommand`). */
export type Parsed = { ok: true; command: Command } | Refused;

export const COMMAND_HELP: ReadonlyArray<readonly [string, string]> = [
  ['malloc <id> [<size>] [@<addr>]', 'reserve a block for a value that arrives soon; first fit unless @addr'],
  [
    'free <addr> | free <id> [...]',
    'free the block starting at addr, or the block last returned to id; several at once: free a b 12',
  ],
  ['step [n]', 'run the next tick (or n ticks)'],
  ['run', 'run ticks until one needs a block, or the end'],
  ['undo', 'take back the last command'],
  ['end', 'finish after the last tick; before it, give up'],
];

const ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_STEPS = 100_000;

/** A box address or count: decimal or 0x hexadecimal. */
export function parseNumber(text: string): number | null {
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  return null;
}

export function parseCommand(input: string): Parsed {
  // Split at runs of spaces; the empty words at either end, if any, dropped.
  const words = input.split(/\s+/).filter((w) => w.length > 0);
  const fail = (reason: string): Parsed => refused({ code: 'badCommand', reason });
  if (words.length === 0) return fail('Type a command: malloc, free, step, run, undo or end.');
  const verb = present(words[0]);
  const args = words.slice(1);
  switch (verb.toLowerCase()) {
    case 'malloc': {
      const [id, ...rest] = args;
      if (!id) return fail('malloc needs a value id: malloc <id> [<size>] [@<addr>].');
      if (!ID.test(id)) return fail(`"${id}" is not a value id (letters, digits and _, not starting with a digit).`);
      const cmd: Command = { kind: 'malloc', id };
      for (const a of rest) {
        if (a.startsWith('@')) {
          if (cmd.at !== undefined) return fail('malloc takes one @address.');
          const at = parseNumber(a.slice(1));
          if (at === null) return fail(`"${a}" is not an address: write @12 or @0x0c.`);
          cmd.at = at;
        } else {
          if (cmd.size !== undefined) return fail(`malloc takes one size; "${a}" is one too many.`);
          const size = parseNumber(a);
          if (size === null || size < 1) return fail(`"${a}" is not a size: a whole number of boxes, at least 1.`);
          cmd.size = size;
        }
      }
      return { ok: true, command: cmd };
    }
    case 'free': {
      if (args.length === 0)
        return fail('free takes addresses or value ids: free 12, free 0x0c, free greeting or free a b 12.');
      const targets: FreeTarget[] = [];
      for (const a of args) {
        const addr = parseNumber(a.startsWith('@') ? a.slice(1) : a);
        if (addr !== null) targets.push({ addr });
        else if (ID.test(a)) targets.push({ id: a });
        else return fail(`"${a}" is neither an address nor a value id.`);
      }
      const [only] = targets;
      if (only && targets.length === 1) return { ok: true, command: { kind: 'free', ...only } };
      return { ok: true, command: { kind: 'free', targets } };
    }
    case 'step': {
      if (args.length > 1) return fail('step takes at most one number: step or step 5.');
      if (args.length === 0) return { ok: true, command: { kind: 'step', n: 1 } };
      const n = parseNumber(present(args[0]));
      if (n === null || n < 1 || n > MAX_STEPS)
        return fail(`"${args[0]}" is not a number of ticks (1 to ${MAX_STEPS}).`);
      return { ok: true, command: { kind: 'step', n } };
    }
    case 'run':
    case 'undo':
    case 'end':
      if (args.length > 0) return fail(`${verb} takes nothing after it.`);
      return { ok: true, command: { kind: verb.toLowerCase() as 'run' | 'undo' | 'end' } };
    default:
      return fail(`"${verb}" is not a command. Commands: malloc, free, step, run, undo, end.`);
  }
}

export function formatCommand(c: Command): string {
  switch (c.kind) {
    case 'malloc':
      return ['malloc', c.id, c.size !== undefined ? String(c.size) : '', c.at !== undefined ? `@${c.at}` : '']
        .filter(Boolean)
        .join(' ');
    case 'free':
      return `free ${freeTargets(c)
        .map((t) => ('id' in t ? t.id : String(t.addr)))
        .join(' ')}`;
    case 'step':
      return c.n === 1 ? 'step' : `step ${c.n}`;
    default:
      return c.kind;
  }
}
