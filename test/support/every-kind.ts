// A valid level with one object of every kind the schema has, and every key each may hold:
// for the tests of what the validator reads from a level's structure (its keys, their count).
export const EVERY_KIND = {
  $schema: './schema.json',
  id: 'every-kind',
  title: 'Every kind of object',
  intro: 'One of each.',
  hints: ['a hint'],
  memory: 32,
  ticks: 4,
  lookahead: 4,
  values: [
    { id: 'a', value: 1, type: 'u8', arrive: 0, uses: [1], drop: 2, secret: false, untrusted: false },
    { id: 'r', fields: [{ name: 'p', ref: 'a' }, { name: 'n', value: 3, type: 'u8' }, { ref: null }], arrive: 0 },
  ],
  sets: [{ tick: 1, in: 'r', field: 'p', to: null }],
  gc: { collector: 'generational', trigger: 0.5, workPerTick: 8, nursery: 8, slice: 4 },
  weights: { bug: 100, security: 300, pauseTick: 20, garbageBoxTicksPerPoint: 2, peakBox: 5 },
};
