// Whether a parsed level has the schema's structure: the question every file is asked
// first (nearly every one answers yes, and then needs nothing more of TypeBox).
//
// TypeBox checks a closed object (`additionalProperties: false`) by listing its keys and
// testing each against a pattern of the allowed names: on a level of 100,000 values that
// was more than half of its check. So the six closed objects of a level (the level, a
// value, a field, a set, gc, weights) are checked in two parts, both made from the schema:
// TypeBox's check with those six left open, then one pass over their keys that finds each
// among its object's properties and counts them (the count the repeated-key test needs
// anyway). Together they answer as TypeBox's check of the schema; any object added to the
// schema later stays closed, so TypeBox still checks its keys.
import { Compile } from 'typebox/schema';
import { FieldSchema, GcSchema, type Level, LevelSchema, SetSchema, ValueSchema, WeightsSchema } from './schema.js';

type Closed = { properties: Record<string, unknown>; additionalProperties?: unknown };

/** A closed object's schema, left open (its properties are still checked). */
function opened<T extends Closed>(schema: T): T {
  const { additionalProperties: _, ...open } = schema;
  return open as T;
}

/** LevelSchema with its six closed objects left open. */
function openLevelSchema(): unknown {
  const level = LevelSchema.properties;
  const value = ValueSchema.properties;
  return {
    ...opened(LevelSchema),
    properties: {
      ...level,
      values: {
        ...level.values,
        items: {
          ...opened(ValueSchema),
          properties: { ...value, fields: { ...value.fields, items: opened(FieldSchema) } },
        },
      },
      sets: { ...level.sets, items: opened(SetSchema) },
      gc: opened(level.gc),
      weights: opened(level.weights),
    },
  };
}

const names = (schema: Closed): ReadonlySet<string> => new Set(Object.keys(schema.properties));

/**
 * The check, made afresh from the schema: the key count of a parsed level of the schema's
 * structure, else null. The validator makes it once (`wellFormedKeys`); a test makes its
 * own, so that what it tests is made from the code under test.
 */
export function structureCheck(): (json: unknown) => number | null {
  const compiled = Compile(openLevelSchema() as typeof LevelSchema);
  const keys = {
    level: names(LevelSchema),
    value: names(ValueSchema),
    field: names(FieldSchema),
    set: names(SetSchema),
    gc: names(GcSchema),
    weights: names(WeightsSchema),
  };
  return (json) => {
    if (!compiled.Check(json)) return null;
    const level = json as Level;
    // Plain loops: this runs once, cold, over up to 100,000 values.
    let n = known(level, keys.level);
    for (let i = 0; i < level.values.length; i++) {
      const v = level.values[i] as Level['values'][number];
      n = add(n, known(v, keys.value));
      const fields = v.fields;
      if (fields) for (let k = 0; k < fields.length; k++) n = add(n, known(fields[k] as object, keys.field));
    }
    const sets = level.sets ?? [];
    for (let i = 0; i < sets.length; i++) n = add(n, known(sets[i] as object, keys.set));
    if (level.gc) n = add(n, known(level.gc, keys.gc));
    if (level.weights) n = add(n, known(level.weights, keys.weights));
    return n < 0 ? null : n;
  };
}

let made: ((json: unknown) => number | null) | undefined;

/**
 * How many keys a parsed level holds (its own, its values', their fields', its sets', gc's
 * and weights') when it has the schema's structure, as TypeBox's check of LevelSchema finds
 * it; null when it has not.
 */
export function wellFormedKeys(json: unknown): number | null {
  made ??= structureCheck();
  return made(json);
}

/** An object's keys when each is one of `names`; -1 when one is not. */
function known(x: object, names: ReadonlySet<string>): number {
  let n = 0;
  for (const key in x) {
    if (!names.has(key)) return -1;
    n++;
  }
  return n;
}

/** Two counts added, -1 staying -1 (a key found not to be the schema's). */
const add = (n: number, m: number): number => (n < 0 || m < 0 ? -1 : n + m);
