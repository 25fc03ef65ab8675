// Pins the small helpers at the end of the level validator, through validateLevelText and
// validateLevel: prototype keys found in a parsed value (and how deep it looks), problems
// of a parsed value in document order, the cap of 500 syntax problems and its last line,
// the catch-all sentence, the file's size in UTF-8 bytes and megabytes, and line and column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateLevel, validateLevelText, type Problem } from '../../src/engine/level/validate.js';
import { LIMITS } from '../../src/engine/level/schema.js';

const EXAMPLE = readFileSync(new URL('./fixtures/validate-hello-pointers.json', import.meta.url), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const example = (): Json => JSON.parse(EXAMPLE);

function problemsOf(r: ReturnType<typeof validateLevel>): Problem[] {
  if (r.ok) throw new Error('expected the level to be invalid');
  return r.problems;
}

const PROTO_KEY = (name: string) =>
  `\`${name}\` is not allowed as a key: it is a JavaScript prototype name, which untrusted files must not use; remove it.`;
const TOO_BIG = (bytes: string, mb: string) =>
  `The file is ${mb} MB (${bytes} bytes), more than the limit of 32 MB (33554432 bytes) for a level file.`;

describe('prototype keys in a parsed value', () => {
  /** An object with an own `__proto__` key (as JSON.parse makes it) inside `arrays` nested lists. */
  const nested = (arrays: number): unknown => {
    let v: unknown = JSON.parse('{"__proto__": 1}');
    for (let i = 0; i < arrays; i++) v = [v];
    return v;
  };

  it('are looked for 32 levels deep, and no deeper, lists counting as levels', () => {
    // The level is 0, values 1, values[0] 2, its value 3: inside 29 lists the object is at depth 32.
    const within = example();
    within.values[0].value = nested(29);
    expect(problemsOf(validateLevel(within))).toEqual([
      { path: 'values[0].value', message: 'must be a number, a boolean or a string, not a list.' },
      { path: `values[0].value${'[0]'.repeat(29)}.__proto__`, message: PROTO_KEY('__proto__') },
    ]);
    const beyond = example();
    beyond.values[0].value = nested(30);
    expect(problemsOf(validateLevel(beyond))).toEqual([
      { path: 'values[0].value', message: 'must be a number, a boolean or a string, not a list.' },
    ]);
  });
});

describe('the problems of a parsed value come in document order', () => {
  it('keys in the order the object lists them, at the top and inside a value, not in schema order', () => {
    const { memory: _memory, id: _id, ...rest } = example();
    const level = { memory: 'lots', ...rest, id: 7 };
    level.values[0] = { uses: 'x', arrive: 'soon', id: 'greeting', value: 1 };
    expect(problemsOf(validateLevel(level))).toEqual([
      { path: 'memory', message: 'must be an integer (a whole number), not "lots".' },
      { path: 'values[0].uses', message: 'must be a list ([ ... ]), not "x".' },
      { path: 'values[0].arrive', message: 'must be an integer (a whole number), not "soon".' },
      { path: 'id', message: 'must be a string (text in double quotes), not 7.' },
    ]);
  });

  it('a problem of the whole level comes before a problem inside it found earlier', () => {
    // The prototype key is found first, the missing key after: the level's own problem still leads.
    const level = example();
    delete level.ticks;
    Object.assign(level.values[1], JSON.parse('{"constructor": 1}'));
    expect(problemsOf(validateLevel(level))).toEqual([
      { path: '', message: '`ticks` is missing (a level needs id, title, memory, ticks and values).' },
      { path: 'values[1].constructor', message: PROTO_KEY('constructor') },
    ]);
  });

  it('a key Object.keys does not list (not enumerable) comes before every key it lists', () => {
    const level = example();
    level.$schema = 5; // the first key
    delete level.title;
    Object.defineProperty(level, 'title', { value: 5, enumerable: false });
    expect(problemsOf(validateLevel(level))).toEqual([
      { path: 'title', message: 'must be a string (text in double quotes), not 5.' },
      { path: '$schema', message: 'must be a string (text in double quotes), not 5.' },
    ]);
  });
});

describe('at most 500 syntax problems', () => {
  it('501 missing commas: the first 500, each at its line, then one line for the last', () => {
    const text = `[${Array.from({ length: 502 }, () => '1').join('\n')}]`;
    const p = problemsOf(validateLevelText(text));
    expect(p).toHaveLength(501);
    expect(p[0]).toEqual({ path: '', line: 2, column: 1, message: 'A comma is missing before `1`.' });
    expect(p[499]).toEqual({ path: '', line: 501, column: 1, message: 'A comma is missing before `1`.' });
    expect(p[500]).toEqual({ path: '', message: '…and 1 more problem; fix these first.' });
  });

  it('twice as many problems as are listed: still invalid, the other 500 counted on the last line', () => {
    // Kept and left out are added up: were they set against each other, 500 − 500 would say "no problem".
    const values = Array.from({ length: 1000 }, (_, i) => ({ id: `v${i}`, value: 1, arrive: 1, uses: [0] }));
    const r = validateLevel({ id: 'many', title: 'Many', memory: 64, ticks: 4, values });
    expect(r.ok).toBe(false);
    const p = problemsOf(r);
    expect(p).toHaveLength(501);
    expect(p[0]?.message).toBe('`v0` is read at tick 0, before it arrives at tick 1.');
    expect(p[500]).toEqual({ path: '', message: '…and 500 more problems; fix these first.' });
  });
});

describe('the catch-all for a bug in the validator', () => {
  it('something thrown that cannot even be shown is an "unknown error"', () => {
    // An object with no prototype has no toString: String() of it throws too.
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw Object.create(null);
        },
      },
    );
    expect(problemsOf(validateLevel(hostile))).toEqual([
      {
        path: '',
        message: 'The validator could not check this file (unknown error); please report this as a bug.',
      },
    ]);
  });
});

describe('the size limit counts UTF-8 bytes, shown in megabytes and bytes', () => {
  const L = LIMITS.fileBytes;

  it.each([
    ['é, 2 bytes in 1 character', 'é', 1, '33554433'],
    ['😀, 4 bytes in a surrogate pair', '😀', 2, '33554434'],
  ])('a text exactly as long as the limit, with one %s, is too big', (_what, wide, units, bytes) => {
    const text = `"${wide}${'x'.repeat(L - 2 - units)}"`;
    expect(text.length).toBe(L);
    expect(problemsOf(validateLevelText(text))).toEqual([{ path: '', message: TOO_BIG(bytes, '32.0') }]);
  });

  it('a size that is not a whole number of megabytes has one decimal', () => {
    const text = `"${'x'.repeat(L + L / 64 - 2)}"`; // 32.5 MB
    expect(problemsOf(validateLevelText(text))).toEqual([{ path: '', message: TOO_BIG('34078720', '32.5') }]);
  });
});

describe('line and column of a syntax problem', () => {
  it.each([
    ['\\n', '\n'],
    ['\\r\\n (one line break, not two)', '\r\n'],
    ['a lone \\r', '\r'],
  ])('lines broken by %s: the comma missing at the start of line 3 is at line 3, column 1', (_what, br) => {
    const text = ['{', '"id": "x"', '"title": "T"', '}'].join(br);
    expect(problemsOf(validateLevelText(text))).toEqual([
      { path: '', line: 3, column: 1, message: 'A comma is missing before "title".' },
    ]);
  });

  it('columns count characters, not bytes', () => {
    expect(problemsOf(validateLevelText('{"é": "ü" "title": "T"}'))).toEqual([
      { path: '', line: 1, column: 11, message: 'A comma is missing before "title".' },
    ]);
  });
});

describe('what a level author is told, however the level reaches the validator', () => {
  it('a text longer than the limit in characters is said at its real size in UTF-8 bytes', () => {
    // As many two-byte characters as the limit has bytes: twice the limit in UTF-8.
    const L = LIMITS.fileBytes;
    const text = `"${'é'.repeat(L)}"`;
    expect(problemsOf(validateLevelText(text))).toEqual([{ path: '', message: TOO_BIG(String(2 * L + 2), '64.0') }]);
  });

  it('past 500 prototype keys, a parsed level counts the rest as its text does', () => {
    const text = `[${Array.from({ length: 501 }, () => '{"__proto__": 1}').join(', ')}]`;
    const fromText = problemsOf(validateLevelText(text));
    const fromValue = problemsOf(validateLevel(JSON.parse(text)));
    expect(fromText.at(-1)?.message).toBe('…and 2 more problems; fix these first.');
    expect(fromValue.at(-1)?.message).toBe(fromText.at(-1)?.message);
    expect(fromValue).toHaveLength(501);
  });

  it('a leading zero is shown with the number the author wrote', () => {
    expect(problemsOf(validateLevelText('{ "memory": 00012 }'))[0]?.message).toBe(
      'A number cannot start with 0 followed by more digits (write 12, not 00012).',
    );
  });

  it('an empty key is named as one', () => {
    const level = example();
    level.values[0][''] = 1;
    const [first] = problemsOf(validateLevel(level));
    expect(first?.path).toBe('values[0][""]');
    expect(first?.message).toMatch(/^an empty key \(""\) is not a value key; allowed: id, /);
  });
});
