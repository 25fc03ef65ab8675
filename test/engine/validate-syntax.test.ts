// Each JSON syntax mistake gets its own sentence, at its line and column; and the small
// word helpers the messages are built from.
import { describe, expect, it } from 'vitest';
import { describeProblem, validateLevel, validateLevelText } from '../../src/engine/level/validate.js';
import { andList, orList, showFound } from '../../src/engine/level/validate-messages.js';

/** The first problem of a text that does not parse: its column and sentence. */
function first(text: string): { column: number | undefined; message: string } {
  const r = validateLevelText(text);
  if (r.ok) throw new Error('expected a syntax error');
  return { column: r.problems[0]!.column, message: r.problems[0]!.message };
}

describe('a sentence for each syntax mistake', () => {
  it.each([
    [
      'a comma after the last key of an object',
      '{"id": "a",\n "title": "t",}',
      14,
      'This comma comes after the last item, before }; JSON does not allow a comma after the last item, so remove it.',
    ],
    [
      'a comma after the last item of a list',
      '{"uses": [1, 2,]}',
      15,
      'This comma comes after the last item, before ]; JSON does not allow a comma after the last item, so remove it.',
    ],
    ['a value missing before a }', '{"id": }', 8, 'A value is missing after the colon, before this }.'],
    ['a value missing before a ]', '[{"id": ]', 9, 'A value is missing after the colon, before this ].'],
    ['an empty key with no value', '{"": }', 6, 'A value is missing after the colon, before this }.'],
    ['a key missing between two commas', '{"id": 1, , "t": 2}', 11, 'A key in double quotes is expected here.'],
    [
      'a second byte-order mark at the start (the first is allowed)',
      '\uFEFF\uFEFF{"id": 1}',
      1,
      'The file starts with an invisible byte-order mark; save it as UTF-8 without a BOM.',
    ],
    ['a comma missing before a string', '{"id": "a" "title": "t"}', 12, 'A comma is missing before "title".'],
    ['a comma missing before true', '{"id": 1 true}', 10, 'A comma is missing before `true`.'],
    [
      'a long key after a missing comma, cut at 24 characters',
      '{ "id": "x" "titleeeeeeeeeeeeeeeeeeeeeeeeeeeee": 1 }',
      13,
      'A comma is missing before "titleeeeeeeeeeeeeeeeeee...',
    ],
    [
      'a number after a missing comma, in backquotes',
      '{ "id": "x", "memory": 16 17 }',
      27,
      'A comma is missing before `17`.',
    ],
    [
      'a number with a leading zero',
      '{ "memory": 07 }',
      14,
      'A number cannot start with 0 followed by more digits (write 7, not 07).',
    ],
    ['NaN', '{ "memory": NaN }', 13, 'NaN is not a JSON value; use a number.'],
    ['None', '{ "memory": None }', 13, 'JSON writes null, not None.'],
    ['an unquoted key', '{ memory: 16 }', 3, 'The key memory must be written in double quotes: "memory".'],
    [
      'a bare word',
      '{ "memory": sixteen }',
      13,
      'Unexpected word "sixteen": text must be in double quotes, and the only bare words JSON knows are true, false and null.',
    ],
    ['single quotes', "{ 'memory': 16 }", 3, 'JSON strings use double quotes ("), not single quotes.'],
    [
      'a byte-order mark inside the file',
      '{ "memory": \uFEFF16 }',
      13,
      'An invisible character (a byte-order mark, U+FEFF) is here; delete it.',
    ],
    ['a stray character', '{ "memory": @ }', 13, 'Unexpected character "@".'],
    ['a stray letter outside ASCII', '{ "memory": é }', 13, 'Unexpected character "é".'],
    ['a stray emoji, whole', '{ "memory": 😀 }', 13, 'Unexpected character "😀".'],
    ['a no-break space, named by its code point', '\u00a0{}', 1, 'Unexpected character U+00A0 (an invisible one).'],
    ['a zero-width space', '{ "memory": \u200b16 }', 13, 'Unexpected character U+200B (an invisible one).'],
    [
      'a raw tab in a string',
      '{ "title": "a\tb" }',
      12,
      'A string contains a control character (such as a tab or line break); write it as an escape like \\t or \\n.',
    ],
    [
      'a short \\u escape',
      '{ "title": "\\u00" }',
      12,
      'A \\u escape needs exactly four hexadecimal digits, like \\u00e9.',
    ],
    ['a number cut short', '{ "memory": 1. }', 13, 'A number ends too early (a digit is missing).'],
    [
      'a bad escape',
      '{ "title": "a\\qb" }',
      12,
      'The escape \\q is not allowed in a JSON string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX).',
    ],
    ['an object cut short', '{ "memory": 16', 15, 'The file ends before the closing } of an object.'],
    ['a list cut short', '{ "values": [1, 2', 18, 'The file ends before the closing ] of a list.'],
    ['a value cut short', '{ "memory": ', 13, 'The file ends where a value is expected.'],
    ['a comment', '{ /* c */ "memory": 16 }', 3, 'Comments are not allowed in JSON.'],
  ])('%s', (_what, text, column, message) => {
    expect(first(text)).toEqual({ column, message });
  });
});

describe('the words problems are built from', () => {
  it('lists with "or" and "and"', () => {
    expect(orList([])).toBe('');
    expect(orList(['a'])).toBe('a');
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
    expect(andList(['a'])).toBe('a');
    expect(andList(['a', 'b'])).toBe('a and b');
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('shows what was found: numbers, long strings cut at 37 characters, lists, objects, nothing', () => {
    expect(showFound(7.5)).toBe('7.5');
    expect(showFound(Number.POSITIVE_INFINITY)).toBe('a number too large to store');
    expect(showFound('abc')).toBe('"abc"');
    expect(showFound('x'.repeat(40))).toBe(JSON.stringify('x'.repeat(40)));
    expect(showFound('x'.repeat(41))).toBe(`"${'x'.repeat(37)}..."`);
    expect(showFound(null)).toBe('null');
    expect(showFound([1])).toBe('a list');
    expect(showFound(true)).toBe('true');
    expect(showFound({})).toBe('an object');
    expect(showFound(undefined)).toBe('nothing');
  });
});

describe('the validator never throws', () => {
  it('refuses what is not text, and says an internal failure is a bug, with what went wrong', () => {
    expect(validateLevelText(42 as unknown as string)).toEqual({
      ok: false,
      problems: [{ path: '', message: 'A level must be given as text.' }],
    });
    const hostile = { id: 'x' };
    Object.defineProperty(hostile, 'title', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(validateLevel(hostile)).toEqual({
      ok: false,
      problems: [{ path: '', message: 'The validator could not check this file (boom); please report this as a bug.' }],
    });
  });
});

describe('describeProblem', () => {
  it('puts the path first, else the line and column (column 1 when unknown), else the sentence alone', () => {
    expect(describeProblem({ path: 'values[1]', line: 3, column: 4, message: 'm' })).toBe('values[1]: m');
    expect(describeProblem({ path: '', line: 3, column: 4, message: 'm' })).toBe('line 3, column 4: m');
    expect(describeProblem({ path: '', line: 3, message: 'm' })).toBe('line 3, column 1: m');
    expect(describeProblem({ path: '', message: 'm' })).toBe('m');
  });
});
