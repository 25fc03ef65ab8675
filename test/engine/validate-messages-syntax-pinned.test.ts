// Pins the edges of the JSON syntax sentences: which whitespace may sit between a trailing
// comma (or a colon) and the bracket after it, a mistake right after the first character,
// which error codes each special sentence is for, where a cut or a key test stops, and the
// fallbacks a level author sees when nothing more specific fits.
import { describe, expect, it } from 'vitest';
import { validateLevel, validateLevelText } from '../../src/engine/level/validate.js';
import { andList, syntaxMessage, syntaxOffset } from '../../src/engine/level/validate-messages.js';

/** Every problem of a text that does not parse: line, column and sentence. */
function problems(text: string): { line: number | undefined; column: number | undefined; message: string }[] {
  const r = validateLevelText(text);
  if (r.ok) throw new Error('expected a syntax error');
  return r.problems.map(({ line, column, message }) => ({ line, column, message }));
}

const TRAILING_COMMA = (bracket: string): string =>
  `This comma comes after the last item, before ${bracket}; JSON does not allow a comma after the last item, so remove it.`;
const VALUE_EXPECTED =
  'A value is expected here (a number, a string in double quotes, true, false, null, a [ ] list or a { } object).';
const BAD_ESCAPE = (esc: string): string =>
  `The escape ${esc} is not allowed in a JSON string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX).`;

describe('a trailing comma is found across any whitespace', () => {
  it.each([
    ['a tab', '[1,\t]'],
    ['a line break', '[1,\n]'],
    ['a carriage return', '[1,\r]'],
    ['a Windows line break', '[1,\r\n]'],
  ])('a comma, then %s, then ] is pointed at, on line 1, column 3', (_what, text) => {
    // Said once, at the comma itself, whatever the line the ] is on.
    expect(problems(text)).toEqual([{ line: 1, column: 3, message: TRAILING_COMMA(']') }]);
  });
});

describe('the very first character of the file counts as what came before', () => {
  it('a comma, colon or 0 at offset 0 is seen before the mistake after it', () => {
    // No real file reaches these (the first character would be the first mistake), so the
    // helpers are asked directly.
    expect(syntaxOffset('ValueExpected', ',]', 1)).toBe(0);
    expect(syntaxOffset('ValueExpected', ', }', 2)).toBe(0);
    expect(syntaxMessage('ValueExpected', ',]', 1, 1)).toBe(
      'this comma comes after the last item, before ]; JSON does not allow a comma after the last item, so remove it',
    );
    expect(syntaxMessage('ValueExpected', ':}', 1, 1)).toBe('a value is missing after the colon, before this }');
    expect(syntaxMessage('CommaExpected', '07', 1, 1)).toBe(
      'a number cannot start with 0 followed by more digits (write 7, not 07)',
    );
  });

  it('a file starting with } has nothing before it, so a comma after the } is not blamed', () => {
    expect(problems('},')).toEqual([{ line: 1, column: 1, message: VALUE_EXPECTED }]);
    expect(syntaxOffset('ValueExpected', '},', 0)).toBe(0);
    // Only spaces before the mistake: nothing before it either, so 0 is not a leading zero.
    expect(syntaxMessage('CommaExpected', ' 0', 1, 1)).toBe('a comma is missing before `0`');
  });
});

describe('each special sentence is kept for the mistake it is about', () => {
  it('a value missing inside a fresh list is not blamed on a colon or the end of the file', () => {
    expect(problems('{"a": [}')).toEqual([
      { line: 1, column: 8, message: VALUE_EXPECTED },
      { line: 1, column: 9, message: 'The file ends before the closing ] of a list.' },
    ]);
    expect(problems('[1, , 2]')).toEqual([{ line: 1, column: 5, message: VALUE_EXPECTED }]);
  });

  it('a key expected after a colon keeps the key sentence', () => {
    expect(syntaxMessage('PropertyNameExpected', '{"a":}', 5, 1)).toBe('a key in double quotes is expected here');
  });

  it('a missing closing bracket after a comma is not called a trailing comma, and stays where it is', () => {
    expect(syntaxOffset('CloseBracketExpected', '[1,}', 3)).toBe(3);
    expect(syntaxMessage('CloseBracketExpected', '[1,}', 3, 1)).toBe('a closing ] is missing');
  });

  it('a closing bracket missing before the end of the file is not said to be at the end', () => {
    expect(syntaxMessage('CloseBraceExpected', '{"a": 1 ]', 8, 1)).toBe('a closing } is missing');
    expect(syntaxMessage('CloseBracketExpected', '[1 }', 3, 1)).toBe('a closing ] is missing');
  });

  it('a key cut off by the end of the file is a missing colon, not a missing ]', () => {
    expect(problems('{"a"')).toEqual([{ line: 1, column: 5, message: 'A colon (:) is missing after the key.' }]);
  });

  it('the leading-zero sentence needs a missing comma and a digit right after the 0', () => {
    expect(problems('0 7')).toEqual([
      { line: 1, column: 3, message: 'There is more text after the end of the level.' },
    ]);
    expect(problems('[0 "a"]')).toEqual([{ line: 1, column: 4, message: 'A comma is missing before "a".' }]);
    expect(problems('[0 x]')).toEqual([
      {
        line: 1,
        column: 4,
        message:
          'Unexpected word "x": text must be in double quotes, and the only bare words JSON knows are true, false and null.',
      },
    ]);
  });
});

describe('a missing comma', () => {
  it('shows a key of exactly 24 characters whole, without "..."', () => {
    expect(problems('{"id": "a" "abcdefghijklmnopqrstuv": 1}')).toEqual([
      { line: 1, column: 12, message: 'A comma is missing before "abcdefghijklmnopqrstuv".' },
    ]);
  });

  it('cuts a key of 25 characters, its quotes counted, to its first 24 and "..."', () => {
    expect(problems('{"id": "a" "abcdefghijklmnopqrstuvw": 1}')).toEqual([
      { line: 1, column: 12, message: 'A comma is missing before "abcdefghijklmnopqrstuvw...' },
    ]);
  });

  it('says only "a comma is missing" when there is nothing but space to show', () => {
    expect(syntaxMessage('CommaExpected', '[1 ', 2, 1)).toBe('a comma is missing');
    expect(syntaxMessage('CommaExpected', '[1', 2, 0)).toBe('a comma is missing');
  });
});

describe('an unquoted key or a bare word', () => {
  it.each([
    [
      'a key with a space before its colon',
      '{ memory : 16 }',
      'The key memory must be written in double quotes: "memory".',
    ],
    [
      'a key of more than 10 letters',
      '{ workPerTick: 1 }',
      'The key workPerTick must be written in double quotes: "workPerTick".',
    ],
    [
      'a bare word with a colon later on the line',
      '{ "memory": sixteen, "x": 1 }',
      'Unexpected word "sixteen": text must be in double quotes, and the only bare words JSON knows are true, false and null.',
    ],
  ])('%s', (_what, text, message) => {
    expect(problems(text)[0]!.message).toBe(message);
  });
});

describe('a bad escape', () => {
  it('is named from its own string, not an earlier one', () => {
    expect(problems('{ "title": "a\\qb", "id": "c\\xd" }')).toEqual([
      { line: 1, column: 12, message: BAD_ESCAPE('\\q') },
      { line: 1, column: 26, message: BAD_ESCAPE('\\x') },
    ]);
  });

  it('past the first 2000 characters of a string gets the general escape sentence', () => {
    expect(problems(`{ "title": "${'x'.repeat(2100)}\\q" }`)).toEqual([
      {
        line: 1,
        column: 12,
        message: 'This escape is not allowed in a JSON string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX).',
      },
    ]);
  });
});

describe('fallbacks', () => {
  it('an error code without words of its own is "not valid JSON"', () => {
    expect(syntaxMessage('SomeNewCode', '{}', 0, 1)).toBe('this is not valid JSON');
  });

  it('an empty "and" list is empty', () => {
    expect(andList([])).toBe('');
  });

  it.each([
    ['a function', () => 1],
    ['a bigint', 10n],
    ['a symbol', Symbol('s')],
  ])('a level that is %s is named by its kind', (kind, level) => {
    expect(validateLevel(level)).toEqual({
      ok: false,
      problems: [{ path: '', message: `A level must be an object ({ ... }), not ${kind}.` }],
    });
  });
});

describe('sentences about what a level author wrote', () => {
  it('a bad escape after an allowed \\\\ is named as written, not from the second backslash', () => {
    // A Windows path: "C:\\Users" is fine, "\d" is the mistake.
    expect(problems('{ "title": "C:\\\\Users\\dir" }')).toEqual([{ line: 1, column: 12, message: BAD_ESCAPE('\\d') }]);
  });

  it('a key cut short because it is padded with spaces still ends in "..."', () => {
    expect(problems(`{"id": "a" "title${' '.repeat(30)}": 1}`)[0]!.message).toBe('A comma is missing before "title...');
  });
});
