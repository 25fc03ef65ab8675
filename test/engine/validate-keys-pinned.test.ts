// Pins the nesting limit and the repeated-key scan as a level author sees them: which bracket
// is named too deep (through objects or lists, beside a shallow sibling, after strings and
// stray closers), and that a repeated key is reported where it stands, beside lists and colons
// in strings, and as the only repeat in an object of many different keys.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, validateLevelText, type Problem } from '../../src/engine/level/validate.js';

const EXAMPLE = readFileSync(new URL('./fixtures/validate-hello-pointers.json', import.meta.url), 'utf8');
const TOO_DEEP = 'The JSON is nested more than 32 levels deep here; a level never needs more than 5.';

function problemsOf(text: string): Problem[] {
  const r = validateLevelText(text);
  if (r.ok) throw new Error('expected the level to be invalid');
  return r.problems;
}
const tooDeepAt = (line: number, column: number): Problem[] => [{ path: '', line, column, message: TOO_DEEP }];

describe('the nesting limit, for text that parses', () => {
  it('counts objects nested in objects: the 33rd `{` is named', () => {
    expect(MAX_DEPTH).toBe(32);
    // `{"a":` is 5 characters, so the 33rd brace is at column 32 * 5 + 1.
    expect(problemsOf(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`)).toEqual(tooDeepAt(1, 161));
    // 32 levels is within the limit: the level's own problems are reported instead.
    expect(problemsOf(`${'{"a":'.repeat(32)}1${'}'.repeat(32)}`)).toEqual([
      {
        path: '',
        line: 1,
        column: 1,
        message:
          '`id`, `title`, `memory`, `ticks` and `values` are missing (a level needs id, title, memory, ticks and values).',
      },
      {
        path: 'a',
        line: 1,
        column: 2,
        message:
          '`a` is not a level key; allowed: $schema, id, title, intro, hints, memory, ticks, lookahead, values, sets, gc, weights.',
      },
    ]);
  });

  it('counts lists nested in lists from the top: the 33rd `[` is named', () => {
    expect(problemsOf(`${'['.repeat(33)}${']'.repeat(33)}`)).toEqual(tooDeepAt(1, 33));
    expect(problemsOf(`${'['.repeat(32)}${']'.repeat(32)}`)).toEqual([
      { path: '', line: 1, column: 1, message: 'A level must be an object ({ ... }), not a list.' },
    ]);
  });

  it.each([
    // The shallow sibling on either side: the depth is the deepest branch's, not that of
    // the branch looked at last (after the deep one, the shallow one is).
    ['in an object, first', `{"a": {}, "b": ${'['.repeat(32)}${']'.repeat(32)}}`, 47],
    ['in an object, last', `{"b": ${'['.repeat(32)}${']'.repeat(32)}, "a": {}}`, 38],
    ['in a list, first', `[{}, ${'['.repeat(32)}${']'.repeat(32)}]`, 37],
    ['in a list, last', `[${'['.repeat(32)}${']'.repeat(32)}, {}]`, 33],
  ])('a deep branch beside a shallow one %s is still too deep', (_where, text, column) => {
    expect(problemsOf(text)).toEqual(tooDeepAt(1, column));
  });

  it('a list nested 200,000 deep that parses is named at its 33rd bracket (the walk of the parsed value stops past the limit)', () => {
    expect(problemsOf(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toEqual(tooDeepAt(1, 33));
  });
});

describe('the nesting limit, for text that does not parse', () => {
  const commaBefore = (close: string, column: number): Problem[] => [
    {
      path: '',
      line: 1,
      column,
      message: `This comma comes after the last item, before ${close}; JSON does not allow a comma after the last item, so remove it.`,
    },
  ];

  it.each([
    ['brackets inside a string do not nest', `{"id": "${'['.repeat(40)}", }`, commaBefore('}', 50)],
    ['an escaped quote does not end the string', `{"id": "\\"${'['.repeat(40)}", }`, commaBefore('}', 52)],
    // Forty closed lists and objects side by side are never deeper than 3.
    ['closed brackets do not add up', `{"values": [${'[], {}, '.repeat(40)}]}`, commaBefore(']', 331)],
  ])('%s: the syntax error is reported, not the nesting', (_what, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });

  it.each([
    // A string cut short ends at its line break; the brackets on the next line count.
    ['after a string cut short at its line break', `{"id": "abc\n${'['.repeat(33)}`, 2, 32],
    // Short strings (odd and even lengths) before the brackets end at their closing quotes.
    ['after strings that end', `{"id": "x", "title": ${'['.repeat(33)}`, 1, 53],
    // A stray closer at the start does not lower the depth below the top.
    ['after a stray closer', `]${'['.repeat(33)}`, 1, 34],
  ])('the 33rd bracket %s is named as too deep', (_where, text, line, column) => {
    expect(problemsOf(text)).toEqual(tooDeepAt(line, column));
  });
});

describe('a repeated key next to lists', () => {
  const repeated = (key: string, line: number) => ({
    path: key,
    line,
    column: 3,
    message: `\`${key}\` appears more than once in this object; JSON keeps only the last one, so remove the others.`,
  });
  const missing = (keys: string) => ({
    path: '',
    line: 1,
    column: 1,
    message: `${keys} are missing (a level needs id, title, memory, ticks and values).`,
  });

  // List items are no keys: counted as keys, a list's items would stand in for the colon of
  // the dropped repeat (and of a colon in a string), and the repeat would go unseen.
  it.each([
    [
      'one list item balances the repeat',
      '{\n  "id": "a",\n  "hints": ["x"],\n  "id": "b"\n}',
      [missing('`title`, `memory`, `ticks` and `values`'), repeated('id', 4)],
    ],
    [
      'two list items balance the repeat and a colon in a string',
      '{\n  "hints": ["x", "y"],\n  "title": "T",\n  "title": "U: V"\n}',
      [missing('`id`, `memory`, `ticks` and `values`'), repeated('title', 4)],
    ],
  ])('%s: the repeat is still reported where it stands', (_case, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });
});

describe('repeated keys in an object of many keys', () => {
  const repeats = (text: string) => problemsOf(text).filter((p) => p.message.includes('appears more than once'));
  // Forty different keys in `gc`, one a line after its last key (line 18), from line 19 on.
  const many = Array.from({ length: 40 }, (_, k) => `    "k${k}": ${k}`).join(',\n');
  const withKeys = (extra: string) => EXAMPLE.replace('"workPerTick": 8', `"workPerTick": 8,\n${many}${extra}`);

  it('only the real repeat is reported, at its line and column, however many keys come before it', () => {
    expect(repeats(withKeys(',\n    "k7": 0'))).toEqual([
      {
        path: 'gc.k7',
        line: 59,
        column: 5,
        message: '`k7` appears more than once in this object; JSON keeps only the last one, so remove the others.',
      },
    ]);
  });

  it('forty different keys are no repeats when the key scan runs for a colon in a string', () => {
    const text = withKeys('').replace('"title": "', '"title": "a: ');
    expect(text).toContain('"title": "a: ');
    expect(repeats(text)).toEqual([]);
    expect(problemsOf(text)[0]).toEqual({
      path: 'gc.k0',
      line: 19,
      column: 5,
      message: '`k0` is not a `gc` key; allowed: collector, trigger, workPerTick, nursery, slice.',
    });
  });
});
