import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCommand, parseCommand, parseNumber, type Command } from '../../src/engine/run/commands.js';
import { runs } from '../support/runs.js';

function parsed(text: string): Command {
  const p = parseCommand(text);
  if (!p.ok) throw new Error(`expected "${text}" to parse, got: ${p.error}`);
  return p.command;
}

function refused(text: string): string {
  const p = parseCommand(text);
  if (p.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(p.command)}`);
  return p.error;
}

describe('parseNumber', () => {
  it('reads decimal and 0x hexadecimal, nothing else', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber('0')).toBe(0);
    expect(parseNumber('0x0c')).toBe(12);
    expect(parseNumber('0X1F')).toBe(31);
    expect(parseNumber('0xff')).toBe(255);
    // A hex number is the whole text: not inside it ('10x1f'), not a prefix of it ('0x1fz').
    for (const bad of ['', '-1', '1.5', '1e3', '0x', '12a', 'x12', ' 1', '+3', '0b101', '10x1f', '0x1fz', '0x1g'])
      expect(parseNumber(bad)).toBeNull();
  });
});

describe('every command form parses to its command and prints back canonically', () => {
  // [typed, parsed, canonical text]
  const FORMS: [string, Command, string][] = [
    ['malloc greeting', { kind: 'malloc', id: 'greeting' }, 'malloc greeting'],
    ['malloc greeting 4', { kind: 'malloc', id: 'greeting', size: 4 }, 'malloc greeting 4'],
    ['malloc greeting @12', { kind: 'malloc', id: 'greeting', at: 12 }, 'malloc greeting @12'],
    ['malloc greeting @0x0c', { kind: 'malloc', id: 'greeting', at: 12 }, 'malloc greeting @12'],
    ['malloc greeting 4 @12', { kind: 'malloc', id: 'greeting', size: 4, at: 12 }, 'malloc greeting 4 @12'],
    // the address may come before the size; the printer puts the size first
    ['malloc greeting @12 4', { kind: 'malloc', id: 'greeting', size: 4, at: 12 }, 'malloc greeting 4 @12'],
    ['malloc _x9 0x10 @0x0C', { kind: 'malloc', id: '_x9', size: 16, at: 12 }, 'malloc _x9 16 @12'],
    ['free 12', { kind: 'free', addr: 12 }, 'free 12'],
    ['free 0x0c', { kind: 'free', addr: 12 }, 'free 12'],
    ['free @12', { kind: 'free', addr: 12 }, 'free 12'],
    ['free greeting', { kind: 'free', id: 'greeting' }, 'free greeting'],
    ['step', { kind: 'step', n: 1 }, 'step'],
    ['step 1', { kind: 'step', n: 1 }, 'step'],
    ['step 5', { kind: 'step', n: 5 }, 'step 5'],
    ['step 0x10', { kind: 'step', n: 16 }, 'step 16'],
    ['run', { kind: 'run' }, 'run'],
    ['undo', { kind: 'undo' }, 'undo'],
    ['end', { kind: 'end' }, 'end'],
    // case and spacing do not matter for the verb
    ['  MALLOC   greeting   ', { kind: 'malloc', id: 'greeting' }, 'malloc greeting'],
    ['Step\t3', { kind: 'step', n: 3 }, 'step 3'],
    ['END', { kind: 'end' }, 'end'],
  ];
  it.each(FORMS)('%j', (typed, command, canonical) => {
    const c = parsed(typed);
    expect(c).toEqual(command);
    expect(formatCommand(c)).toBe(canonical);
    // the canonical text is a fixed point: it parses to the same command
    expect(parsed(canonical)).toEqual(command);
  });

  it('round-trips any command: parse(format(c)) = c', () => {
    const id = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
    const num = fc.integer({ min: 1, max: 65535 });
    const command: fc.Arbitrary<Command> = fc.oneof(
      fc
        .record({
          kind: fc.constant('malloc' as const),
          id,
          size: fc.option(num, { nil: undefined }),
          at: fc.option(fc.nat(65535), { nil: undefined }),
        })
        .map((c) => {
          const out: Command = { kind: 'malloc', id: c.id };
          if (c.size !== undefined) out.size = c.size;
          if (c.at !== undefined) out.at = c.at;
          return out;
        }),
      fc.nat(65535).map((addr): Command => ({ kind: 'free', addr })),
      id.filter((s) => parseNumber(s) === null).map((i): Command => ({ kind: 'free', id: i })),
      fc.integer({ min: 1, max: 100_000 }).map((n): Command => ({ kind: 'step', n })),
      fc.constantFrom<Command>({ kind: 'run' }, { kind: 'undo' }, { kind: 'end' }),
    );
    fc.assert(
      fc.property(command, (c) => {
        expect(parsed(formatCommand(c))).toEqual(c);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('the bounds of a number of ticks', () => {
  it('step takes 1 to 100,000 ticks, both ends included', () => {
    expect(parseCommand('step 1')).toEqual({ ok: true, command: { kind: 'step', n: 1 } });
    expect(parseCommand('step 100000')).toEqual({ ok: true, command: { kind: 'step', n: 100_000 } });
    expect(parseCommand('step 0x186a0')).toEqual({ ok: true, command: { kind: 'step', n: 100_000 } });
  });
});

describe('malformed commands get one plain sentence', () => {
  const BAD: [string, RegExp][] = [
    ['', /^Type a command: malloc, free, step, run, undo or end\.$/],
    ['   ', /^Type a command/],
    ['allocate x', /^"allocate" is not a command\. Commands: malloc, free, step, run, undo, end\.$/],
    ['mallocx greeting', /^"mallocx" is not a command/],
    ['malloc', /^malloc needs a value id: malloc <id> \[<size>\] \[@<addr>\]\.$/],
    ['malloc 9lives', /^"9lives" is not a value id/],
    ['malloc @12', /^"@12" is not a value id/],
    ['malloc x 0', /^"0" is not a size: a whole number of boxes, at least 1\.$/],
    ['malloc x -3', /^"-3" is not a size/],
    ['malloc x big', /^"big" is not a size/],
    ['malloc x 2.5', /^"2\.5" is not a size/],
    ['malloc x 3 4', /^malloc takes one size; "4" is one too many\.$/],
    ['malloc x @1 @2', /^malloc takes one @address\.$/],
    ['malloc x @', /^"@" is not an address: write @12 or @0x0c\.$/],
    ['malloc x @twelve', /^"@twelve" is not an address/],
    ['malloc x @-1', /^"@-1" is not an address/],
    ['free', /^free takes addresses or value ids: free 12, free 0x0c, free greeting or free a b 12\.$/],
    ['free 1 !', /^"!" is neither an address nor a value id\.$/],
    ['free -1', /^"-1" is neither an address nor a value id\.$/],
    ['free 0xZZ', /^"0xZZ" is neither an address nor a value id\.$/],
    ['step 0', /^"0" is not a number of ticks \(1 to 100000\)\.$/],
    ['step 100001', /^"100001" is not a number of ticks/],
    ['step -2', /^"-2" is not a number of ticks/],
    ['step two', /^"two" is not a number of ticks/],
    ['step 1 2', /^step takes at most one number: step or step 5\.$/],
    ['run fast', /^run takes nothing after it\.$/],
    ['undo 2', /^undo takes nothing after it\.$/],
    ['end now please', /^end takes nothing after it\.$/],
  ];
  it.each(BAD)('%j', (text, sentence) => {
    const error = refused(text);
    expect(error).toMatch(sentence);
    // a plain sentence: one line, starts with a capital, a quote or the command's own name, ends with a full stop
    expect(error).not.toContain('\n');
    expect(error).toMatch(/^([A-Z"]|(malloc|free|step|run|undo|end) )/);
    expect(error).toMatch(/\.$/);
  });

  it('never throws on arbitrary text, and an accepted text prints to a canonical form that parses the same', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const p = parseCommand(text);
        if (p.ok) expect(parseCommand(formatCommand(p.command))).toEqual(p);
        else expect(p.error.length).toBeGreaterThan(0);
      }),
      { numRuns: runs(500) },
    );
  });
});
