// The level format, written once: the TypeScript types, the structural validator and
// levels/schema.json all come from this file.
// A namespace import, not the default one: esbuild then keeps only the builders used (a
// few KB, not all of TypeBox's type system, which the game would parse at every start).
import * as Type from 'typebox';
import type { Static } from 'typebox';
import { COLLECTORS } from '../vocabulary.js';

export const LIMITS = {
  fileBytes: 32 * 1024 * 1024,
  values: 100_000,
  sets: 100_000,
  usesPerValue: 100_000,
  fields: 256,
  hints: 20,
  text: 4000,
  stringValue: 1000,
} as const;

export const PRIMITIVE_TYPES = [
  'u8',
  'i8',
  'u16',
  'i16',
  'u32',
  'i32',
  'f32',
  'f64',
  'bool',
  'char',
  'string',
] as const;

const Id = Type.String({
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  maxLength: 64,
  description: 'A value id: a letter or _, then letters, digits or _.',
});
const Tick = Type.Integer({ minimum: 0, maximum: 100_000 });
const PrimitiveValue = Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: LIMITS.stringValue })], {
  description: 'A number, a boolean, or a string (a character when "type" is "char").',
});
const PrimitiveType = Type.Enum(PRIMITIVE_TYPES, {
  description:
    'How the value is encoded. Default: integer 0..255 → u8, other integer → i32, else f64; string → string.',
});

export const FieldSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 64 })),
    value: Type.Optional(PrimitiveValue),
    type: Type.Optional(PrimitiveType),
    ref: Type.Optional(Type.Union([Id, Type.Null()], { description: "A pointer to another value's block, or null." })),
  },
  { additionalProperties: false, description: 'A record field: an inline "value", or a "ref" pointer.' },
);

export const ValueSchema = Type.Object(
  {
    id: Id,
    value: Type.Optional(PrimitiveValue),
    type: Type.Optional(PrimitiveType),
    fields: Type.Optional(Type.Array(FieldSchema, { minItems: 1, maxItems: LIMITS.fields })),
    arrive: Tick,
    uses: Type.Optional(
      Type.Array(Tick, {
        maxItems: LIMITS.usesPerValue,
        description: 'Ticks at which the program reads it, ascending.',
      }),
    ),
    drop: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000,
        description: 'Tick at which its variable goes out of scope; default: the program end.',
      }),
    ),
    secret: Type.Optional(
      Type.Boolean({
        description: 'A password or a key: no other value may ever read its bytes. Not with "untrusted".',
      }),
    ),
    untrusted: Type.Optional(
      Type.Boolean({
        description:
          "It comes from outside (an attacker's input): a trusted read of its bytes is steered by the attacker.",
      }),
    ),
  },
  { additionalProperties: false },
);

export const SetSchema = Type.Object(
  {
    tick: Tick,
    in: Id,
    field: Type.Union([Type.String({ maxLength: 64 }), Type.Integer({ minimum: 0 })]),
    to: Type.Union([Id, Type.Null()]),
  },
  {
    additionalProperties: false,
    description: 'At "tick", the program writes a pointer to "to" (or null) into a field of the record "in".',
  },
);

export const GcSchema = Type.Object(
  {
    collector: Type.Optional(Type.Enum(COLLECTORS, { description: 'The default collector (mark-sweep when absent).' })),
    trigger: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1,
        description:
          'Fraction of usable memory allocated at which it collects before allocating; 1.0: only when an allocation fails.',
      }),
    ),
    workPerTick: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Work units one tick of pause buys.' }),
    ),
    nursery: Type.Optional(
      Type.Integer({
        minimum: 2,
        maximum: 65534,
        description:
          'generational: boxes of the nursery at the low end of memory, an even number (two equal halves); default a quarter of usable memory.',
      }),
    ),
    slice: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        description: 'incremental: work units of one marking or sweeping slice between ticks; default workPerTick.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const WeightsSchema = Type.Object(
  {
    bug: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    security: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    pauseTick: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    garbageBoxTicksPerPoint: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    peakBox: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  {
    additionalProperties: false,
    description:
      'Score weights, overriding the defaults (bug 100, security 300, pauseTick 20, garbageBoxTicksPerPoint 2, peakBox 5).',
  },
);

export const LevelSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ maxLength: 500 })),
    id: Type.String({
      pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
      maxLength: 64,
      description: 'A slug: lowercase letters, digits and dashes.',
    }),
    title: Type.String({ minLength: 1, maxLength: 80 }),
    intro: Type.Optional(Type.String({ maxLength: LIMITS.text })),
    hints: Type.Optional(Type.Array(Type.String({ maxLength: LIMITS.text }), { maxItems: LIMITS.hints })),
    memory: Type.Integer({ minimum: 8, maximum: 65536, description: 'Number of boxes, box 0 (NULL) included.' }),
    ticks: Type.Integer({ minimum: 1, maximum: 100_000 }),
    lookahead: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    values: Type.Array(ValueSchema, { minItems: 1, maxItems: LIMITS.values }),
    sets: Type.Optional(Type.Array(SetSchema, { maxItems: LIMITS.sets })),
    gc: Type.Optional(GcSchema),
    weights: Type.Optional(WeightsSchema),
  },
  { additionalProperties: false, title: 'Cubbies level' },
);

export type Level = Static<typeof LevelSchema>;
export type LevelValue = Static<typeof ValueSchema>;
export type LevelField = Static<typeof FieldSchema>;
export type LevelSet = Static<typeof SetSchema>;
