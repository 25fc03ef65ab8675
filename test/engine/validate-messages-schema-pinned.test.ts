// How the structural sentences follow a schema: schema and instance paths read as JSON
// pointers, the kind of object an unknown key is named by, the words for each branch of a
// union, singular and plural limits, and what is said when a value or a detail is missing.
// Schemas other than the level's are real TypeBox schemas: what a schema change would make the validator say.
import { readFileSync } from 'node:fs';
import Type from 'typebox';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { LevelSchema } from '../../src/engine/level/schema.js';
import { validateLevel } from '../../src/engine/level/validate.js';
import {
  instanceToPath,
  type SchemaError,
  schemaAt,
  translateSchemaErrors,
  unknownKeyMessage,
} from '../../src/engine/level/validate-messages.js';

type Json = Record<string, any>;
type Schema = Record<string, unknown>;

const level = LevelSchema as unknown as Schema;

/** The README's example level, fresh for each case. */
const example = (): Json =>
  JSON.parse(readFileSync(new URL('./fixtures/validate-hello-pointers.json', import.meta.url), 'utf8'));

/** What the validator says of `data` against a TypeBox schema, with TypeBox's own errors. */
function said(schema: Schema, data: unknown): { at: (string | number)[]; message: string }[] {
  const errors = Value.Errors(schema as never, data) as unknown as SchemaError[];
  return translateSchemaErrors(errors, data, schema).map(({ at, message }) => ({ at: [...at], message }));
}

/** One hand-made TypeBox-shaped error. */
const error = (keyword: string, schemaPath: string, instancePath: string, params: Record<string, unknown> = {}) => ({
  keyword,
  schemaPath,
  instancePath,
  params,
  message: 'raw',
});

describe('paths read as JSON pointers', () => {
  it('a key with a # in it keeps its # in the path and the sentence', () => {
    const l = example();
    l.values[0]['a#b'] = 1;
    expect(validateLevel(l)).toEqual({
      ok: false,
      problems: [
        {
          path: 'values[0]["a#b"]',
          message: '`a#b` is not a value key; allowed: id, value, type, fields, arrive, uses, drop, secret, untrusted.',
        },
      ],
    });
  });

  it('a schemaPath that names no schema object gives nothing', () => {
    expect(schemaAt(level, '#/properties/values/items')).toBe(schemaAt(level, '#/properties/values')?.items);
    expect(schemaAt(level, '#/properties/nothing/deeper')).toBeUndefined();
    expect(schemaAt(level, '#/__proto__')).toBeUndefined(); // inherited, not the schema's own
    expect(schemaAt(level, '#/properties/id/pattern')).toBeUndefined(); // a string, not a schema
    expect(schemaAt({ properties: { x: null } }, '#/properties/x')).toBeUndefined();
  });

  it('an instancePath segment is an index only when it is all digits inside a list', () => {
    const data = { values: [{ uses: [3] }] };
    expect(instanceToPath(data, '/values/0/uses/0')).toEqual(['values', 0, 'uses', 0]);
    expect(instanceToPath(data, '/values/x1')).toEqual(['values', 'x1']);
    expect(instanceToPath(data, '/values/1x')).toEqual(['values', '1x']);
    // Past what the data holds, the path is still read, segment by segment.
    expect(instanceToPath({}, '/a/b')).toEqual(['a', 'b']);
  });

  it('a value the data does not hold is said to be nothing, even where a string has that property', () => {
    // Hand-made: TypeBox's errors always point at values the data holds.
    expect(
      translateSchemaErrors(
        [error('minimum', '#/properties/title', '/title/length', { limit: 5 })],
        { title: 'abc' },
        {
          properties: { title: { type: 'string' } },
        },
      ),
    ).toEqual([{ at: ['title', 'length'], message: 'must be at least 5, not nothing' }]);
  });
});

describe('the kind of object an unknown key is not a key of', () => {
  it('is the level for a document that is a list of objects', () => {
    const list = Type.Array(Type.Object({ size: Type.Optional(Type.Number()) }, { additionalProperties: false }));
    expect(said(list as unknown as Schema, [{ x: 1 }])).toEqual([
      { at: [0, 'x'], message: '`x` is not a level key; allowed: size' },
    ]);
  });

  it('is the name of a list of objects, whole when it does not end in s', () => {
    const schema = Type.Object({
      data: Type.Array(Type.Object({ size: Type.Optional(Type.Number()) }, { additionalProperties: false })),
    });
    expect(said(schema as unknown as Schema, { data: [{ x: 1 }] })).toEqual([
      { at: ['data', 0, 'x'], message: '`x` is not a data key; allowed: size' },
    ]);
  });

  it('is the property name for an object inside a union, not made singular', () => {
    // A real level cannot reach this: no object of the level schema is a union branch.
    const root = {
      properties: {
        weights: { anyOf: [{ type: 'object', properties: { bug: { type: 'integer' } } }, { type: 'null' }] },
      },
    };
    expect(unknownKeyMessage('bugs', '#/properties/weights/anyOf/0', root)).toBe(
      '`bugs` is not a `weights` key (did you mean `bug`?); allowed: bug',
    );
  });

  it('is the level when the path ends in a schema named properties, not a property', () => {
    // A real level cannot reach this: the level schema has no $defs.
    const root = { $defs: { properties: { type: 'object', properties: { size: { type: 'number' } } } } };
    expect(unknownKeyMessage('x', '#/$defs/properties', root)).toBe('`x` is not a level key; allowed: size');
  });
});

describe('the words for the branches of a union the value fits none of', () => {
  it.each<[string, Schema, string]>([
    ['a constant, as written in JSON', Type.Literal('auto') as unknown as Schema, '"auto"'],
    [
      'a number, whatever string pattern it carries',
      { type: 'number', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      'a number',
    ],
    ['a number with a minimum, not an integer', Type.Number({ minimum: 0 }) as unknown as Schema, 'a number'],
    ['an integer without a minimum', Type.Integer() as unknown as Schema, 'an integer (a whole number)'],
    ['a branch of no one type', Type.Enum(['a', 'b']) as unknown as Schema, 'something else'],
  ])('%s', (_what, branch, word) => {
    const schema = { type: 'object', properties: { v: { anyOf: [branch, { type: 'null' }] } } };
    expect(said(schema, { v: true })).toEqual([{ at: ['v'], message: `must be ${word} or null, not true` }]);
  });
});

describe('the one branch of the value’s own kind says its detail', () => {
  it('a list too long for the list branch is told its length, in the singular for a limit of 1', () => {
    const schema = Type.Object({ v: Type.Union([Type.Array(Type.Number(), { maxItems: 1 }), Type.Null()]) });
    expect(said(schema as unknown as Schema, { v: [1, 2] })).toEqual([
      { at: ['v'], message: 'must have at most 1 entry (it has 2)' },
    ]);
  });

  it('a null that fails a refinement of the null branch is told that refinement, not its type', () => {
    // Hand-made: the level schema has no refinements; TypeBox reports one under its own keyword.
    const root = { properties: { ref: { anyOf: [{ type: 'null' }, { type: 'object', properties: {} }] } } };
    const errors = [
      { ...error('~refine', '#/properties/ref/anyOf/0', '/ref'), message: 'only a record may point nowhere' },
      error('type', '#/properties/ref/anyOf/1', '/ref', { type: 'object' }),
      error('anyOf', '#/properties/ref', '/ref'),
    ];
    expect(translateSchemaErrors(errors, { ref: null }, root)).toEqual([
      { at: ['ref'], message: 'only a record may point nowhere' },
    ]);
  });
});

describe('limits and what was found', () => {
  it('a limit of 1 is said in the singular', () => {
    const schema = Type.Object({ c: Type.String({ maxLength: 1 }), pair: Type.Array(Type.Number(), { maxItems: 1 }) });
    expect(said(schema as unknown as Schema, { c: 'ab', pair: [1, 2] })).toEqual([
      { at: ['c'], message: 'must be at most 1 character long (it has 2)' },
      { at: ['pair'], message: 'must have at most 1 entry (it has 2)' },
    ]);
  });

  it('an enum of lists names each as JSON', () => {
    const schema = {
      type: 'object',
      properties: {
        size: {
          enum: [
            [8, 8],
            [16, 16],
          ],
        },
      },
    };
    expect(said(schema, { size: [4, 4] })).toEqual([
      { at: ['size'], message: 'must be one of [8,8] or [16,16], not a list' },
    ]);
  });

  it('what the error or the data does not give is a ? or left empty, never made up', () => {
    // Hand-made: TypeBox always gives the pattern and the allowed values, and points at a value the data holds.
    const root = { properties: { title: { type: 'string' }, hints: { type: 'array' }, code: { type: 'string' } } };
    const errors = [
      error('maxLength', '#/properties/title', '/title', { limit: 80 }),
      error('maxItems', '#/properties/hints', '/hints', { limit: 20 }),
      error('pattern', '#/properties/code', '/code'),
      error('enum', '#/properties/code', '/code'),
    ];
    expect(translateSchemaErrors(errors, { code: 'x' }, root)).toEqual([
      { at: ['title'], message: 'must be at most 80 characters long (it has ?)' },
      { at: ['hints'], message: 'must have at most 20 entries (it has ?)' },
      { at: ['code'], message: 'must match the pattern , not "x"' },
      { at: ['code'], message: 'must be one of , not "x"' },
    ]);
  });
});
