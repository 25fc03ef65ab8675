// How TypeBox's errors become a level author's sentences, at the edges: when a misspelt key
// gets a "did you mean" (ties, and the 64-character limit of the comparison), which error
// speaks for an unknown key, missing keys with "a"/"an", a level that is no object, and
// unions (nested, with constants, with a detail of their one fitting branch).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateLevel } from '../../src/engine/level/validate.js';
import {
  type SchemaError,
  translateSchemaErrors,
  unknownKeyMessage,
} from '../../src/engine/level/validate-messages.js';

type Json = Record<string, any>;

/** The README's example level, fresh for each case. */
const example = (): Json =>
  JSON.parse(readFileSync(new URL('./fixtures/validate-hello-pointers.json', import.meta.url), 'utf8'));

function problemsAfter(change: (level: Json) => void): { path: string; message: string }[] {
  const level = example();
  change(level);
  const r = validateLevel(level);
  if (r.ok) throw new Error('expected the level to be invalid');
  return r.problems.map(({ path, message }) => ({ path, message }));
}

/** A TypeBox-shaped error. */
const err = (
  keyword: string,
  schemaPath: string,
  instancePath: string,
  params: Record<string, unknown> = {},
  message = 'raw',
): SchemaError => ({ keyword, schemaPath, instancePath, params, message });

describe('the key a misspelt one may have meant', () => {
  it('is the first allowed key in schema order when two are equally close', () => {
    // `tn` is one edit from both `in` and `to`; `in` comes first in a set's keys.
    expect(problemsAfter((l) => void (l.sets[0].tn = 1))).toEqual([
      {
        path: 'sets[0].tn',
        message: '`tn` is not a set key (did you mean `in`?); allowed: tick, in, field, to.',
      },
    ]);
  });

  // No level key is that long, so a schema with one long key is made up here.
  const name64 = `${'k'.repeat(63)}a`;
  const name65 = `${'k'.repeat(64)}a`;
  const shown = (key: string) => `${key.slice(0, 39)}…`;
  const said = (key: string, allowed: string) =>
    unknownKeyMessage(key, '#', { type: 'object', properties: { [allowed]: {} } });

  it('is found for keys of up to 64 characters', () => {
    const key = 'k'.repeat(64); // one edit from name64
    expect(said(key, name64)).toBe(
      `\`${shown(key)}\` is not a level key (did you mean \`${name64}\`?); allowed: ${name64}`,
    );
  });

  it('is not looked for when the key or the allowed name is longer than 64 characters', () => {
    const key65 = `${'k'.repeat(64)}b`; // one edit from name65, and from name64 but for its length
    expect(said(key65, name64)).toBe(`\`${shown(key65)}\` is not a level key; allowed: ${name64}`);
    const key64 = 'k'.repeat(64); // one edit from name65
    expect(said(key64, name65)).toBe(`\`${shown(key64)}\` is not a level key; allowed: ${name65}`);
  });

  it('is none, and no key is allowed, when the object schema lists no properties', () => {
    // An object that allows no key at all; and a malformed schema whose properties is no object.
    expect(unknownKeyMessage('x', '#', { type: 'object', additionalProperties: false })).toBe(
      '`x` is not a level key; allowed: ',
    );
    expect(unknownKeyMessage('x', '#', { type: 'object', properties: 'ab' })).toBe('`x` is not a level key; allowed: ');
  });
});

describe('which error speaks for an unknown key', () => {
  const gcRoot = {
    type: 'object',
    properties: {
      gc: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'], additionalProperties: false },
    },
  };

  it('its own error, where that stands in the list, even when the aggregate comes first', () => {
    // TypeBox lists the per-key errors before the aggregate; here the aggregate is first, so
    // the order shows that a key with its own error (a / or ~ in it, escaped in its pointer)
    // is not said again by the aggregate.
    const errors = [
      err('additionalProperties', '#/properties/gc', '/gc', { additionalProperties: ['x/y', 'p~q'] }),
      err('required', '#/properties/gc', '/gc', { requiredProperties: ['a'] }),
      err('boolean', '#/properties/gc/additionalProperties', '/gc/x~1y'),
      err('boolean', '#/properties/gc/additionalProperties', '/gc/p~0q'),
    ];
    expect(translateSchemaErrors(errors, { gc: { 'x/y': 1, 'p~q': 2 } }, gcRoot)).toEqual([
      { at: ['gc'], message: '`a` is missing (a gc needs a)' },
      { at: ['gc', 'x/y'], key: true, message: '`x/y` is not a `gc` key; allowed: a' },
      { at: ['gc', 'p~q'], key: true, message: '`p~q` is not a `gc` key; allowed: a' },
    ]);
  });

  it('the aggregate, when the other errors at the key are no unknown-key errors', () => {
    // TypeBox's real errors for an additionalProperties schema (not used by levels today): a
    // type error at the key, under .../additionalProperties, then the aggregate naming it.
    const root = {
      type: 'object',
      properties: { count: { type: 'integer' } },
      additionalProperties: { type: 'integer' },
    };
    const typed = [
      err('type', '#/additionalProperties', '/b', { type: 'integer' }, 'must be integer'),
      err('additionalProperties', '#', '', { additionalProperties: ['b'] }, 'must not have additional properties'),
    ];
    expect(translateSchemaErrors(typed, { b: 'x' }, root)).toEqual([
      { at: ['b'], message: 'must be an integer (a whole number), not "x"' },
      { at: ['b'], key: true, message: '`b` is not a level key; allowed: count' },
    ]);
    // A `false` schema elsewhere refusing the key, with only the aggregate for it (its
    // per-key error left out of TypeBox's list by hand).
    const falseRoot = {
      type: 'object',
      properties: { count: {} },
      allOf: [{ properties: { b: false } }],
      additionalProperties: false,
    };
    const refused = [
      err('boolean', '#/allOf/0/properties/b', '/b', {}, 'schema is false'),
      err('additionalProperties', '#', '', { additionalProperties: ['b'] }, 'must not have additional properties'),
    ];
    expect(translateSchemaErrors(refused, { b: 1 }, falseRoot)).toEqual([
      { at: ['b'], message: 'schema is false' },
      { at: ['b'], key: true, message: '`b` is not a level key; allowed: count' },
    ]);
  });

  it('a `false` schema of a declared key is said in the words TypeBox gives, not as an unknown key', () => {
    // TypeBox's real error for a property whose schema is `false`.
    const root = { type: 'object', properties: { a: { type: 'integer' }, old: false } };
    const errors = [err('boolean', '#/properties/old', '/old', {}, 'schema is false')];
    expect(translateSchemaErrors(errors, { old: 1 }, root)).toEqual([{ at: ['old'], message: 'schema is false' }]);
  });

  it('nothing, for an aggregate without a list of keys; the empty key, for a per-key error at the root', () => {
    // Neither is something TypeBox gives: made by hand.
    const root = { type: 'object', properties: { count: {} }, additionalProperties: false };
    expect(translateSchemaErrors([err('additionalProperties', '#', '', {})], { b: 1 }, root)).toEqual([]);
    expect(translateSchemaErrors([err('boolean', '#/additionalProperties', '')], { b: 1 }, root)).toEqual([
      { at: [], key: true, message: 'an empty key ("") is not a level key; allowed: count' },
    ]);
  });
});

describe('missing keys', () => {
  it('name the kind of object with "an" before a vowel', () => {
    // TypeBox's real error for an object in a list named `items`.
    const root = {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', required: ['a'], properties: { a: {} } } } },
    };
    const errors = [
      err(
        'required',
        '#/properties/items/items',
        '/items/0',
        { requiredProperties: ['a'] },
        'must have required properties a',
      ),
    ];
    expect(translateSchemaErrors(errors, { items: [{}] }, root)).toEqual([
      { at: ['items', 0], message: '`a` is missing (an item needs a)' },
    ]);
  });

  it('are each said, branch by branch, when TypeBox stopped before the union error', () => {
    // The first three of TypeBox's real errors for `{}` against "needs a, and b or c": its
    // error limit cut the anyOf error that follows them, so no union covers the branches.
    const root = { type: 'object', required: ['a'], anyOf: [{ required: ['b'] }, { required: ['c'] }] };
    const errors = [
      err('required', '#', '', { requiredProperties: ['a'] }),
      err('required', '#/anyOf/0', '', { requiredProperties: ['b'] }),
      err('required', '#/anyOf/1', '', { requiredProperties: ['c'] }),
    ];
    expect(translateSchemaErrors(errors, {}, root)).toEqual([
      { at: [], message: '`a` is missing (a level needs a)' },
      { at: [], message: '`b` is missing (a level needs b)' },
      { at: [], message: '`c` is missing (a level needs c)' },
    ]);
  });

  it('are not said when the error names none, and the needs are empty when the schema lists none', () => {
    // Made by hand: TypeBox always names the missing keys and takes them from the schema.
    const root = { type: 'object', properties: { a: {} } };
    expect(translateSchemaErrors([err('required', '#', '', {})], {}, root)).toEqual([]);
    expect(translateSchemaErrors([err('required', '#', '', { requiredProperties: ['a'] })], {}, root)).toEqual([
      { at: [], message: '`a` is missing (a level needs )' },
    ]);
  });
});

describe('a level as a whole', () => {
  it('is "an object" when the type TypeBox names has no words', () => {
    // Made by hand: a type list such as ["object", "null"] is not in the word list.
    const errors = [err('type', '#', '', { type: ['object', 'null'] })];
    expect(translateSchemaErrors(errors, [1], { type: 'object' })).toEqual([
      { at: [], message: 'a level must be an object, not a list' },
    ]);
  });

  it('gets the plain sentence for a keyword other than its type', () => {
    // TypeBox's real error for an object with too few keys.
    const errors = [err('minProperties', '#', '', { limit: 2 }, 'must not have fewer than 2 properties')];
    expect(translateSchemaErrors(errors, {}, { type: 'object', minProperties: 2 })).toEqual([
      { at: [], message: 'must not have fewer than 2 properties' },
    ]);
  });
});

describe('unions', () => {
  it('a union inside a union says both', () => {
    // TypeBox's real errors for `true` against (string or integer) or null, under key n.
    const root = {
      type: 'object',
      properties: { n: { anyOf: [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }, { type: 'null' }] } },
    };
    const errors = [
      err('type', '#/properties/n/anyOf/0/anyOf/0', '/n', { type: 'string' }),
      err('type', '#/properties/n/anyOf/0/anyOf/1', '/n', { type: 'integer' }),
      err('anyOf', '#/properties/n/anyOf/0', '/n'),
      err('type', '#/properties/n/anyOf/1', '/n', { type: 'null' }),
      err('anyOf', '#/properties/n', '/n'),
    ];
    expect(translateSchemaErrors(errors, { n: true }, root)).toEqual([
      { at: ['n'], message: 'must be a string or an integer (a whole number), not true' },
      // An inner union has no short name of its own.
      { at: ['n'], message: 'must be something else or null, not true' },
    ]);
  });

  it('a constant and an integer: both named, the constant quoted, when text fits neither', () => {
    const root = { type: 'object', properties: { n: { anyOf: [{ const: 'auto' }, { type: 'integer', minimum: 1 }] } } };
    const errors = [
      err('const', '#/properties/n/anyOf/0', '/n', { allowedValue: 'auto' }),
      err('type', '#/properties/n/anyOf/1', '/n', { type: 'integer' }),
      err('anyOf', '#/properties/n', '/n'),
    ];
    expect(translateSchemaErrors(errors, { n: 'x' }, root)).toEqual([
      { at: ['n'], message: 'must be "auto" or an integer of at least 1, not "x"' },
    ]);
  });

  it('the detail of the one fitting branch is found below it, at the same value only', () => {
    // TypeBox's real errors for 0 against null or (an integer with allOf: at least 1).
    const root = {
      type: 'object',
      properties: { n: { anyOf: [{ type: 'null' }, { type: 'integer', allOf: [{ minimum: 1 }] }] } },
    };
    const errors = [
      err('type', '#/properties/n/anyOf/0', '/n', { type: 'null' }),
      err('minimum', '#/properties/n/anyOf/1/allOf/0', '/n', { comparison: '>=', limit: 1 }),
      err('anyOf', '#/properties/n', '/n'),
    ];
    expect(translateSchemaErrors(errors, { n: 0 }, root)).toEqual([
      { at: ['n'], message: 'must be at least 1, not 0' },
    ]);
    // Another set's `to` of the wrong type does not hide this one's pattern detail.
    expect(
      problemsAfter((l) => {
        l.sets[0].to = 5;
        l.sets.push({ tick: 8, in: 'user', field: 'age', to: '9bad' });
      }),
    ).toEqual([
      { path: 'sets[0].to', message: 'must be a value id or null, not 5.' },
      {
        path: 'sets[1].to',
        message:
          'must be a value id: a letter or _, then letters, digits or _ (like "greeting" or "user_2"), not "9bad".',
      },
    ]);
  });

  it('a fitting branch with a type error among its errors is not taken for its detail', () => {
    // -1.5 is no integer and below 0: the union is said whole, not "must be an integer".
    expect(problemsAfter((l) => void (l.sets[0].field = -1.5))).toEqual([
      { path: 'sets[0].field', message: 'must be a string or an integer of at least 0, not -1.5.' },
    ]);
  });

  it('a fitting branch without errors of its own, or a union without branches, is said from the schema', () => {
    // Made by hand: only the union's own error, no branch errors.
    const root = {
      type: 'object',
      properties: { n: { anyOf: [{ type: 'integer', minimum: 3 }, { type: 'null' }] }, e: { anyOf: [] } },
    };
    expect(translateSchemaErrors([err('anyOf', '#/properties/n', '/n')], { n: 1 }, root)).toEqual([
      { at: ['n'], message: 'must be an integer of at least 3 or null, not 1' },
    ]);
    expect(translateSchemaErrors([err('anyOf', '#/properties/e', '/e')], { e: 5 }, root)).toEqual([
      { at: ['e'], message: 'must be , not 5' },
    ]);
  });
});
