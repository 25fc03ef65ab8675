// Every kind of structural problem a level author can make, with the sentence the validator
// gives for it, word for word: the kind of object named ("a `gc` key", "a value needs id and
// arrive"), the limit and what was found, the closest allowed key, and the words for a
// pattern, a union or a list of allowed names. Each level here has that one problem only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateLevel } from '../../src/engine/level/validate.js';
import { translateSchemaErrors } from '../../src/engine/level/validate-messages.js';

type Json = Record<string, any>;

/** The README's example level, fresh for each case. */
const example = (): Json =>
  JSON.parse(readFileSync(new URL('./fixtures/validate-hello-pointers.json', import.meta.url), 'utf8'));

/** The problems of the example after `change` (which may return a whole other document). */
function problemsAfter(change: (level: Json) => unknown): { path: string; message: string }[] {
  const level = example();
  const r = validateLevel(change(level) ?? level);
  if (r.ok) throw new Error('expected the level to be invalid');
  return r.problems.map(({ path, message }) => ({ path, message }));
}

const CASES: [string, (l: Json) => unknown, string, string][] = [
  ['an empty title', (l) => void (l.title = ''), 'title', 'must not be empty.'],
  [
    'a title too long',
    (l) => void (l.title = 'x'.repeat(81)),
    'title',
    'must be at most 80 characters long (it has 81).',
  ],
  [
    'a value id too long',
    (l) => void (l.values[0].id = 'a'.repeat(65)),
    'values[0].id',
    'must be at most 64 characters long (it has 65).',
  ],
  ['a trigger of 0', (l) => void (l.gc.trigger = 0), 'gc.trigger', 'must be more than 0, not 0.'],
  ['a trigger of 2', (l) => void (l.gc.trigger = 2), 'gc.trigger', 'must be at most 1, not 2.'],
  [
    'too many hints',
    (l) => void (l.hints = Array.from({ length: 21 }, () => 'h')),
    'hints',
    'must have at most 20 entries (it has 21).',
  ],
  [
    'a record without fields',
    (l) => void (l.values[2].fields = []),
    'values[2].fields',
    'must have at least one entry.',
  ],
  ['a level without values', (l) => void (l.values = []), 'values', 'must have at least one entry.'],
  [
    'a misspelt gc key',
    (l) => void (l.gc.colector = 'x'),
    'gc.colector',
    '`colector` is not a `gc` key (did you mean `collector`?); allowed: collector, trigger, workPerTick, nursery, slice.',
  ],
  [
    'a misspelt weights key',
    (l) => void (l.weights = { bugs: 1 }),
    'weights.bugs',
    '`bugs` is not a `weights` key (did you mean `bug`?); allowed: bug, security, pauseTick, garbageBoxTicksPerPoint, peakBox.',
  ],
  [
    'a misspelt value key',
    (l) => void (l.values[0].arive = 0),
    'values[0].arive',
    '`arive` is not a value key (did you mean `arrive`?); allowed: id, value, type, fields, arrive, uses, drop, secret, untrusted.',
  ],
  [
    'an unknown field key, too far from any to suggest',
    (l) => void (l.values[2].fields[0].rfe = 'x'),
    'values[2].fields[0].rfe',
    '`rfe` is not a field key; allowed: name, value, type, ref.',
  ],
  [
    'a misspelt set key',
    (l) => void (l.sets[0].too = null),
    'sets[0].too',
    '`too` is not a set key (did you mean `to`?); allowed: tick, in, field, to.',
  ],
  [
    'two keys missing from the level',
    (l) => {
      delete l.id;
      delete l.title;
    },
    '',
    '`id` and `title` are missing (a level needs id, title, memory, ticks and values).',
  ],
  [
    'one key missing from a value',
    (l) => void delete l.values[0].id,
    'values[0]',
    '`id` is missing (a value needs id and arrive).',
  ],
  ['a level that is a list', () => [1], '', 'A level must be an object ({ ... }), not a list.'],
  [
    'a level id that is no slug',
    (l) => void (l.id = 'Hello World'),
    'id',
    'must be a slug: lowercase letters and digits, words joined by single dashes (like "hello-pointers"), not "Hello World".',
  ],
  [
    'a value id that starts with a digit',
    (l) => void (l.values[0].id = '9lives'),
    'values[0].id',
    'must be a value id: a letter or _, then letters, digits or _ (like "greeting" or "user_2"), not "9lives".',
  ],
  [
    'an unknown type',
    (l) => void (l.values[1].type = 'u9'),
    'values[1].type',
    'must be one of u8, i8, u16, i16, u32, i32, f32, f64, bool, char or string, not "u9".',
  ],
  [
    'an unknown collector',
    (l) => void (l.gc.collector = 'gc'),
    'gc.collector',
    'must be one of mark-sweep, mark-compact, refcount, copying, generational or incremental, not "gc".',
  ],
  ['a negative field index', (l) => void (l.sets[0].field = -1), 'sets[0].field', 'must be at least 0, not -1.'],
  [
    'a field that is neither a name nor an index',
    (l) => void (l.sets[0].field = true),
    'sets[0].field',
    'must be a string or an integer of at least 0, not true.',
  ],
  ['a set to a number', (l) => void (l.sets[0].to = 5), 'sets[0].to', 'must be a value id or null, not 5.'],
  [
    'a value that is an object',
    (l) => void (l.values[0].value = {}),
    'values[0].value',
    'must be a number, a boolean or a string, not an object.',
  ],
  ['memory as text', (l) => void (l.memory = '32'), 'memory', 'must be an integer (a whole number), not "32".'],
  ['uses that are no list', (l) => void (l.values[0].uses = 3), 'values[0].uses', 'must be a list ([ ... ]), not 3.'],
  [
    'a secret that is text',
    (l) => void (l.values[0].secret = 'yes'),
    'values[0].secret',
    'must be true or false, not "yes".',
  ],
  [
    'a key that is no identifier, quoted in the path',
    (l) => void (l.values[0]['a b'] = 1),
    'values[0]["a b"]',
    '`a b` is not a value key; allowed: id, value, type, fields, arrive, uses, drop, secret, untrusted.',
  ],
  [
    'a key of 41 characters, cut to 40 in the path and the sentence',
    (l) => void (l.values[0]['k'.repeat(41)] = 1),
    `values[0]["${'k'.repeat(39)}…"]`,
    `\`${'k'.repeat(39)}…\` is not a value key; allowed: id, value, type, fields, arrive, uses, drop, secret, untrusted.`,
  ],
  [
    'a key of 40 characters, whole',
    (l) => void (l.values[0]['k'.repeat(40)] = 1),
    `values[0].${'k'.repeat(40)}`,
    `\`${'k'.repeat(40)}\` is not a value key; allowed: id, value, type, fields, arrive, uses, drop, secret, untrusted.`,
  ],
  [
    'a fraction where an integer of at least 8 goes: the type alone is said',
    (l) => void (l.memory = 7.5),
    'memory',
    'must be an integer (a whole number), not 7.5.',
  ],
  [
    'a set to text that is no value id: the detail of the one branch of that kind',
    (l) => void (l.sets[0].to = '9bad'),
    'sets[0].to',
    'must be a value id: a letter or _, then letters, digits or _ (like "greeting" or "user_2"), not "9bad".',
  ],
  [
    'a key with a slash and a tilde (escaped in the schema error, whole in the path)',
    (l) => void (l.values[0]['a/b~c'] = 1),
    'values[0]["a/b~c"]',
    '`a/b~c` is not a value key; allowed: id, value, type, fields, arrive, uses, drop, secret, untrusted.',
  ],
  [
    'a key of digits in an object (a key, not an index)',
    (l) => void (l.gc['0'] = 1),
    'gc["0"]',
    '`0` is not a `gc` key; allowed: collector, trigger, workPerTick, nursery, slice.',
  ],
];

describe('the sentence for each kind of structural problem', () => {
  for (const [what, change, path, message] of CASES)
    it(what, () => {
      expect(problemsAfter(change)).toEqual([{ path, message }]);
    });
});

describe('the sentence for each schema keyword, whatever the schema says today', () => {
  // Keywords the level schema does not use yet, or only with one limit: what a schema
  // change would make the validator say. The root schema is one object of those shapes.
  const root = {
    type: 'object',
    properties: {
      level: { type: 'integer', exclusiveMaximum: 10 },
      name: { type: 'string', minLength: 3, pattern: '^x+$' },
      tags: { type: 'array', minItems: 2 },
      kind: { const: 'box' },
      mode: { anyOf: [{ const: 'on' }, { const: 'off' }] },
    },
  };
  const data = { level: 12, name: 'ab', tags: [], kind: 'bag', mode: 'dim' };
  const said = (keyword: string, key: string, params: Record<string, unknown>, schemaPath = `#/properties/${key}`) =>
    translateSchemaErrors([{ keyword, schemaPath, instancePath: `/${key}`, params, message: 'raw' }], data, root).map(
      (i) => i.message,
    );

  it('names each limit and what was found', () => {
    expect(said('exclusiveMaximum', 'level', { limit: 10 })).toEqual(['must be less than 10, not 12']);
    expect(said('minLength', 'name', { limit: 3 })).toEqual(['must be at least 3 characters long']);
    expect(said('minItems', 'tags', { limit: 2 })).toEqual(['must have at least 2 entries']);
    expect(said('pattern', 'name', {})).toEqual(['must match the pattern ^x+$, not "ab"']);
    expect(said('const', 'kind', { allowedValue: 'box' })).toEqual(['must be "box", not "bag"']);
    expect(said('somethingNew', 'kind', {})).toEqual(['raw']);
  });

  it('says each unknown key once, from the aggregate error when TypeBox gave no error of its own for it', () => {
    const gcRoot = { type: 'object', properties: { gc: { type: 'object', properties: { a: { type: 'integer' } } } } };
    const gcData = { gc: { b: 1, 'c/d': 2 } };
    const aggregate = {
      keyword: 'additionalProperties',
      schemaPath: '#/properties/gc',
      instancePath: '/gc',
      params: { additionalProperties: ['b', 'c/d'] },
      message: 'raw',
    };
    const perKey = {
      keyword: 'boolean',
      schemaPath: '#/properties/gc/additionalProperties',
      instancePath: '/gc/b',
      params: {},
      message: 'raw',
    };
    const expected = [
      { at: ['gc', 'b'], key: true, message: '`b` is not a `gc` key (did you mean `a`?); allowed: a' },
      { at: ['gc', 'c/d'], key: true, message: '`c/d` is not a `gc` key; allowed: a' },
    ];
    expect(translateSchemaErrors([aggregate], gcData, gcRoot)).toEqual(expected);
    expect(translateSchemaErrors([perKey, aggregate], gcData, gcRoot)).toEqual(expected);
  });

  it('says a repeated error once, and a union by its one branch of the right kind', () => {
    const minimum = {
      keyword: 'exclusiveMaximum',
      schemaPath: '#/properties/level',
      instancePath: '/level',
      params: { limit: 10 },
      message: 'raw',
    };
    expect(translateSchemaErrors([minimum, { ...minimum }], data, root)).toEqual([
      { at: ['level'], message: 'must be less than 10, not 12' },
    ]);
    const unionRoot = {
      type: 'object',
      properties: {
        mode: {
          anyOf: [
            { type: 'string', pattern: '^x+$' },
            { type: 'integer', minimum: 3 },
          ],
        },
      },
    };
    const union = [
      { keyword: 'anyOf', schemaPath: '#/properties/mode', instancePath: '/mode', params: {}, message: 'raw' },
      {
        keyword: 'pattern',
        schemaPath: '#/properties/mode/anyOf/0',
        instancePath: '/mode',
        params: { pattern: '^x+$' },
        message: 'raw',
      },
      {
        keyword: 'type',
        schemaPath: '#/properties/mode/anyOf/1',
        instancePath: '/mode',
        params: { type: 'integer' },
        message: 'raw',
      },
    ];
    expect(translateSchemaErrors(union, { mode: 'yy' }, unionRoot)).toEqual([
      { at: ['mode'], message: 'must match the pattern ^x+$, not "yy"' },
    ]);
    // A number fits the other branch: its own detail is said.
    const numeric = [
      union[0]!,
      {
        keyword: 'type',
        schemaPath: '#/properties/mode/anyOf/0',
        instancePath: '/mode',
        params: { type: 'string' },
        message: 'raw',
      },
      {
        keyword: 'minimum',
        schemaPath: '#/properties/mode/anyOf/1',
        instancePath: '/mode',
        params: { limit: 3 },
        message: 'raw',
      },
    ];
    expect(translateSchemaErrors(numeric, { mode: 1 }, unionRoot)).toEqual([
      { at: ['mode'], message: 'must be at least 3, not 1' },
    ]);
  });

  it('lists a union of constants as its values', () => {
    expect(said('anyOf', 'mode', {})).toEqual(['must be one of on or off, not "dim"']);
  });
});

describe('the key a misspelt one may have meant', () => {
  const meant = (key: string) => {
    const said = problemsAfter((l) => void (l.gc[key] = 1));
    return /did you mean `(\w+)`/.exec(said[0]?.message ?? '')?.[1] ?? null;
  };

  it('is the allowed key within a third of its length in edits, whatever the case', () => {
    expect(meant('wrkPerTck')).toBe('workPerTick'); // 2 edits in 9 characters
    expect(meant('Trigger')).toBe('trigger');
    expect(meant('collectorxxx')).toBe('collector'); // 3 edits in 12
  });

  it('is none when the key is too far off, too short to guess, or four characters longer', () => {
    expect(meant('nurse')).toBe(null); // 2 edits in 5
    expect(meant('sl')).toBe(null);
    expect(meant('collectorxxxx')).toBe(null); // 4 edits in 13 would do, but it is 4 longer
  });
});
