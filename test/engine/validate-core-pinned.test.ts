// Pins the edges of the validator's core: which repeated problems fold into one line
// (same sentence, paths differing in one index, rising, three or more in a row) and how
// that line reads; the size limit to the byte; the nesting limit, counted outside strings
// and not looked for under a key JSON drops for a repeat; a repeated key's schema problem.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblems, validateLevelText, type Problem } from '../../src/engine/level/validate.js';
import { LIMITS } from '../../src/engine/level/schema.js';

const EXAMPLE = readFileSync(new URL('./fixtures/validate-hello-pointers.json', import.meta.url), 'utf8');

function problemsOf(text: string): Problem[] {
  const r = validateLevelText(text);
  if (r.ok) throw new Error('expected the level to be invalid');
  return r.problems;
}

/** formatProblems of problems at these paths, all saying `m` unless a path is given as [path, message]. */
function lines(...paths: (string | [string, string])[]): string[] {
  const problems = paths.map((p) =>
    typeof p === 'string' ? { path: p, message: 'm' } : { path: p[0], message: p[1] },
  );
  return formatProblems('f', problems).split('\n');
}

const DEEP = 'The JSON is nested more than 32 levels deep here; a level never needs more than 5.';
const REPEATED = (key: string): string =>
  `\`${key}\` appears more than once in this object; JSON keeps only the last one, so remove the others.`;
const nest = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('which repeated problems make one line', () => {
  it.each([
    [
      'paths with the same indexes but different keys',
      ['values[1].drop', 'values[2].arrive', 'values[3].drop'],
      ['f values[1].drop: m', 'f values[2].arrive: m', 'f values[3].drop: m'],
    ],
    [
      // The middle path starts like the others but goes one index further.
      'a path with one index more in the middle',
      ['values[1]', 'values[2][3]', 'values[3]'],
      ['f values[1]: m', 'f values[2][3]: m', 'f values[3]: m'],
    ],
    [
      'a third path that differs from the first in another index',
      ['values[1].uses[0]', 'values[2].uses[0]', 'values[1].uses[5]'],
      ['f values[1].uses[0]: m', 'f values[2].uses[0]: m', 'f values[1].uses[5]: m'],
    ],
    [
      'indexes going down',
      ['values[3]', 'values[2]', 'values[1]'],
      ['f values[3]: m', 'f values[2]: m', 'f values[1]: m'],
    ],
    [
      'an index said twice',
      ['values[1]', 'values[2]', 'values[2]'],
      ['f values[1]: m', 'f values[2]: m', 'f values[2]: m'],
    ],
    [
      'an index lower than the one before it, though higher than the first',
      ['values[1]', 'values[3]', 'values[2]'],
      ['f values[1]: m', 'f values[3]: m', 'f values[2]: m'],
    ],
    [
      'an index lower than the first, then rising again',
      ['values[5]', 'values[1]', 'values[2]'],
      ['f values[5]: m', 'f values[1]: m', 'f values[2]: m'],
    ],
    ['only two in a row', ['values[1]', 'values[2]'], ['f values[1]: m', 'f values[2]: m']],
  ])('no grouping for %s', (_what, paths, expected) => {
    expect(lines(...paths)).toEqual(expected);
  });

  it('three in a row with gaps in their indexes make one line with the first and last index', () => {
    expect(lines('values[2].drop', 'values[7].drop', 'values[40].drop')).toEqual(['f values[2…40].drop: m (3 values)']);
  });

  it('the count is of the run itself, after problems that stay apart', () => {
    expect(lines(['id', 'other'], ['title', 'other'], 'values[1].drop', 'values[2].drop', 'values[3].drop')).toEqual([
      'f id: other',
      'f title: other',
      'f values[1…3].drop: m (3 values)',
    ]);
  });

  it('the noun is the last name before the varying index, or "items" when there is none', () => {
    expect(lines('grid.rows[0]', 'grid.rows[1]', 'grid.rows[2]')).toEqual(['f grid.rows[0…2]: m (3 rows)']);
    expect(lines('rows[0][1]', 'rows[0][2]', 'rows[0][3]')).toEqual(['f rows[0][1…3]: m (3 items)']);
  });

  it('the sentence loses all its closing dots and spaces before the count', () => {
    const three = ['values[1]', 'values[2]', 'values[3]'].map((path) => ({ path, message: 'is cut short... ' }));
    expect(formatProblems('f', three)).toBe('f values[1…3]: is cut short (3 values)');
  });

  it('a grouped line keeps the location of its first problem', () => {
    const three = [4, 5, 6].map((k) => ({ path: `values[${k}].drop`, line: k + 10, column: 3, message: 'bad.' }));
    expect(formatProblems('x.json', three)).toBe('x.json:14:3 values[4…6].drop: bad (3 values)');
  });
});

describe('the size limit', () => {
  it('a file of exactly the limit is read (here: only spaces, so empty); one byte more is refused', () => {
    expect(problemsOf(' '.repeat(LIMITS.fileBytes))).toEqual([
      {
        path: '',
        line: 1,
        column: 1,
        message: 'The file is empty; a level is a JSON object: { "id": ..., "title": ..., ... }.',
      },
    ]);
    expect(problemsOf(' '.repeat(LIMITS.fileBytes + 1))).toEqual([
      {
        path: '',
        message:
          'The file is 32.0 MB (33554433 bytes), more than the limit of 32 MB (33554432 bytes) for a level file.',
      },
    ]);
  });

  it('a byte-order mark counts towards the limit (3 bytes in UTF-8)', () => {
    expect(problemsOf(`\uFEFF${' '.repeat(LIMITS.fileBytes - 3)}`)[0]!.message).toBe(
      'The file is empty; a level is a JSON object: { "id": ..., "title": ..., ... }.',
    );
    expect(problemsOf(`\uFEFF${' '.repeat(LIMITS.fileBytes - 2)}`)).toEqual([
      {
        path: '',
        message:
          'The file is 32.0 MB (33554433 bytes), more than the limit of 32 MB (33554432 bytes) for a level file.',
      },
    ]);
  });
});

describe('the nesting limit', () => {
  // The limit is looked for in the text only when the parsed value nests too deep (or does
  // not parse): a value JSON drops for a repeated key is not looked at, and the repeat is
  // what the author is told. Once it is removed, what is left is checked.
  it('a list 33 deep under a key JSON drops for a repeat: the repeat is said, not the depth', () => {
    expect(problemsOf(`{"id": ${nest(33)}, "id": "x"}`)).toEqual([
      {
        path: '',
        line: 1,
        column: 1,
        message:
          '`title`, `memory`, `ticks` and `values` are missing (a level needs id, title, memory, ticks and values).',
      },
      { path: 'id', line: 1, column: 76, message: REPEATED('id') },
    ]);
  });

  it('the same when the kept value nests exactly 32 deep in all, the most that is allowed', () => {
    expect(problemsOf(`{"a": ${nest(33)}, "a": ${nest(31)}}`)).toEqual([
      {
        path: '',
        line: 1,
        column: 1,
        message:
          '`id`, `title`, `memory`, `ticks` and `values` are missing (a level needs id, title, memory, ticks and values).',
      },
      { path: 'a', line: 1, column: 75, message: REPEATED('a') },
      {
        path: 'a',
        line: 1,
        column: 75,
        message:
          '`a` is not a level key; allowed: $schema, id, title, intro, hints, memory, ticks, lookahead, values, sets, gc, weights.',
      },
    ]);
    // One level more in the kept value, and the first bracket too deep is pointed at.
    expect(problemsOf(`{"a": ${nest(33)}, "a": ${nest(32)}}`)).toEqual([
      { path: '', line: 1, column: 38, message: DEEP },
    ]);
  });

  it('brackets inside strings do not count', () => {
    // Does not parse: the trailing comma is the problem, not the 40 brackets in the title.
    expect(problemsOf(`{"title": "${'['.repeat(40)}", }`)).toEqual([
      {
        path: '',
        line: 1,
        column: 53,
        message:
          'This comma comes after the last item, before }; JSON does not allow a comma after the last item, so remove it.',
      },
    ]);
    // Parses and is too deep: pointed at the 33rd level (the { is the first), not at one in the string.
    expect(problemsOf(`{"t": "${'['.repeat(40)}", "a": ${nest(33)}}`)).toEqual([
      { path: '', line: 1, column: 87, message: DEEP },
    ]);
  });

  it('a string cut short by a line break ends there, so deep brackets on the next line are found', () => {
    expect(problemsOf(`{"a": "oops\n ${'['.repeat(40)}`)).toEqual([{ path: '', line: 2, column: 33, message: DEEP }]);
  });

  it('objects count as lists do, with a byte-order mark left out of the columns', () => {
    expect(problemsOf(`\uFEFF{"a":\n  ${'{"b":'.repeat(40)}`)).toEqual([
      { path: '', line: 2, column: 158, message: DEEP },
    ]);
  });
});

describe('a repeated key', () => {
  it('still gets the schema problem of the value JSON keeps, after the repeat', () => {
    // Line 8 of the example is `  "ticks": 12,`; the repeat's key and its value are pointed at.
    expect(problemsOf(EXAMPLE.replace('"ticks": 12,', '"ticks": 12, "ticks": "soon",'))).toEqual([
      { path: 'ticks', line: 8, column: 16, message: REPEATED('ticks') },
      { path: 'ticks', line: 8, column: 25, message: 'must be an integer (a whole number), not "soon".' },
    ]);
  });
});
