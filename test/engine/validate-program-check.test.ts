// The program check (checkProgram) on its own, sentence for sentence and path for path:
// ids, a value's shape and size, its ticks at each edge, what a set names, and the
// simulation's writes (which happen, which are skipped) and its explanations of why a
// value is unreachable. Each case lists every problem the level has, so a problem made up
// or left out fails it as surely as a word changed.
import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/engine/level/schema.js';
import { formatPath } from '../../src/engine/level/validate-messages.js';
import { checkProgram } from '../../src/engine/level/validate-program.js';

type Json = Record<string, any>;

const level = (values: Json[], extra: Json = {}): Level =>
  ({ id: 'p', title: 'P', memory: 32, ticks: 10, values, ...extra }) as Level;

/** Every problem as [path, sentence], in the order the check finds them. */
const problems = (l: Level): [string, string][] =>
  checkProgram(l).issues.items.map((i) => [formatPath(i.at), i.message]);

describe('ids', () => {
  it('a repeated id names the first value that has it; a prototype name is refused', () => {
    const l = level([
      { id: 'a', value: 1, arrive: 0 },
      { id: 'a', value: 2, arrive: 0 },
      { id: 'constructor', value: 1, arrive: 0 },
      { id: 'a', value: 3, arrive: 0 },
      { id: '__proto__', value: 1, arrive: 0 },
    ]);
    expect(problems(l)).toEqual([
      ['values[1].id', '`a` is already the id of values[0]; value ids must be unique'],
      ['values[2].id', '`constructor` cannot be a value id: it is a JavaScript prototype name; choose another'],
      ['values[3].id', '`a` is already the id of values[0]; value ids must be unique'],
      ['values[4].id', '`__proto__` cannot be a value id: it is a JavaScript prototype name; choose another'],
    ]);
    expect([...checkProgram(l).facts.index]).toEqual([
      ['a', 0],
      ['constructor', 2],
      ['__proto__', 4],
    ]);
  });

  it('a long id is cut short in the sentence', () => {
    const id = `v${'x'.repeat(50)}`;
    const l = level([
      { id, value: 1, arrive: 0 },
      { id, value: 1, arrive: 0 },
    ]);
    expect(problems(l)).toEqual([
      ['values[1].id', `\`v${'x'.repeat(38)}…\` is already the id of values[0]; value ids must be unique`],
    ]);
  });
});

describe("a value's shape, type and size", () => {
  it('secret and untrusted together, and each alone', () => {
    const l = level([
      { id: 's', value: 1, arrive: 0, secret: true, untrusted: true },
      { id: 't', value: 1, arrive: 0, secret: true, untrusted: false },
      { id: 'u', value: 1, arrive: 0, secret: false, untrusted: true },
      { id: 'w', value: 1, arrive: 0, secret: true },
    ]);
    expect(problems(l)).toEqual([
      [
        'values[0]',
        "`s` is marked both `secret` and `untrusted`; a value is either the program's secret (a password, a key) or an attacker's input, not both: remove one",
      ],
    ]);
  });

  it('value and fields: both, neither; a record with a type', () => {
    const l = level([
      { id: 'both', value: 1, fields: [{ ref: null }], arrive: 0 },
      { id: 'neither', arrive: 0 },
      { id: 'typed', type: 'u8', fields: [{ ref: null }], arrive: 0 },
    ]);
    expect(problems(l)).toEqual([
      [
        'values[0]',
        '`both` has both `value` and `fields`; a value is either a primitive (`value`) or a record (`fields`), not both',
      ],
      [
        'values[1]',
        '`neither` has neither `value` nor `fields`; give it a `value` (a primitive) or `fields` (a record)',
      ],
      ['values[2].type', '`typed` is a record, and a record has no `type`; give its fields a `type` instead'],
    ]);
    // Neither is measured; the record with a type still has a size (its one pointer).
    expect([...checkProgram(l).facts.sizes]).toEqual([0, 0, 1]);
  });

  it("encoding's sentences become fragments: lowercase first, no final full stop, the rest kept", () => {
    const l = level([
      { id: 'c', value: 'ab', type: 'char', arrive: 0 },
      { id: 'h', value: 1.5, type: 'i32', arrive: 0 },
      { id: 'r', fields: [{ value: 'x', type: 'u8' }], arrive: 0 },
    ]);
    expect(problems(l)).toEqual([
      ['values[0].value', 'a char holds exactly one code point, but "ab" has 2'],
      ['values[1].value', '1.5 is not a whole number, so it cannot be i32'],
      ['values[2].fields[0].value', '"x" is text, so its type must be string or char, not u8'],
    ]);
  });

  it('a value that fills usable memory fits; one box more can never fit', () => {
    const l = level(
      [
        { id: 'fits', value: 'abcdef', arrive: 0 }, // 6 bytes and the 0: 7 boxes
        { id: 'big', value: 'abcdefg', arrive: 0 },
        {
          id: 'rec',
          fields: [
            { value: 1, type: 'u32' },
            { value: 1, type: 'u32' },
          ],
          arrive: 0,
        },
      ],
      { memory: 8 },
    );
    expect(problems(l)).toEqual([
      [
        'values[1]',
        '`big` takes 8 boxes, but memory has only 7 usable boxes (8 minus box 0, NULL), so it can never fit',
      ],
      [
        'values[2]',
        '`rec` takes 8 boxes, but memory has only 7 usable boxes (8 minus box 0, NULL), so it can never fit',
      ],
    ]);
    expect([...checkProgram(l).facts.sizes]).toEqual([7, 8, 8]);
  });

  it("sizes: a primitive's bytes, a record's fields with pointers of the memory's width, 0 when invalid", () => {
    const values = [
      { id: 'hi', value: 'Hi', arrive: 0 },
      { id: 'n', value: 1, type: 'u16', arrive: 0 },
      { id: 'rec', fields: [{ ref: null }, { value: 1 }, { value: 'é' }, { ref: 'hi' }], arrive: 0 },
      { id: 'badField', fields: [{ value: 300, type: 'u8' }, { ref: null }, { value: 1 }], arrive: 0 },
      { id: 'bothField', fields: [{ ref: null }, { value: 1, ref: null }], arrive: 0 },
      { id: 'emptyField', fields: [{ value: 1 }, {}], arrive: 0 },
      { id: 'bad', value: true, type: 'u8', arrive: 0 },
    ];
    // 1-box pointers up to 256 boxes of memory, 2 above.
    expect([...checkProgram(level(values, { memory: 256 })).facts.sizes]).toEqual([3, 2, 6, 0, 0, 0, 0]);
    expect([...checkProgram(level(values, { memory: 257 })).facts.sizes]).toEqual([3, 2, 8, 0, 0, 0, 0]);
    expect(problems(level(values, { memory: 257 }))).toEqual([
      ['values[3].fields[0].value', '300 does not fit in u8 (0 to 255)'],
      [
        'values[4].fields[1]',
        'a field has both `value` and `ref`; a field is either an inline value or a pointer, not both',
      ],
      [
        'values[5].fields[1]',
        'a field has neither `value` nor `ref`; give it an inline `value` or a pointer `ref` (an id or null)',
      ],
      ['values[6].value', 'true is a boolean, so its type must be bool, not u8'],
    ]);
  });
});

describe("a record's fields", () => {
  it('repeated and prototype names, a pointer with a type, refs to unknown ids', () => {
    const l = level([
      { id: 'ghost', value: 1, arrive: 0 },
      { id: 'GHOST', value: 1, arrive: 0 },
      { id: 'Big', value: 1, arrive: 0 },
      {
        id: 'r',
        fields: [
          { name: 'x', ref: null },
          { name: 'x', value: 1 },
          { value: 2 },
          { name: 'x', ref: null, type: 'u8' },
          { name: 'prototype', ref: 'Ghost' },
          { ref: 'nobody' },
          { value: 3 },
          { ref: 'bIG' },
        ],
        arrive: 0,
      },
    ]);
    expect(problems(l)).toEqual([
      ['values[3].fields[1].name', '`r` already has a field named `x` (fields[0]); field names must be unique'],
      ['values[3].fields[3].name', '`r` already has a field named `x` (fields[0]); field names must be unique'],
      ['values[3].fields[3].type', 'a pointer field (`ref`) has no `type`: it is always an address'],
      [
        'values[3].fields[4].name',
        '`prototype` cannot be a field name: it is a JavaScript prototype name; choose another',
      ],
      // The first id that differs only in case is suggested.
      ['values[3].fields[4].ref', 'no value has the id `Ghost` (did you mean `ghost`?)'],
      ['values[3].fields[5].ref', 'no value has the id `nobody`'],
      ['values[3].fields[7].ref', 'no value has the id `bIG` (did you mean `Big`?)'],
    ]);
    // A bad ref is still a pointer's width.
    expect(checkProgram(l).facts.sizes[3]).toBe(1 + 1 + 1 + 1 + 1 + 1 + 1 + 1);
  });

  // Each repeat names the first field of that name, however far back it is.
  it.each([7, 9, 20])('repeated names in a record of %i fields', (count) => {
    const fields = Array.from({ length: count }, (_, k) => ({ name: `f${k}`, value: k }));
    fields[3] = { name: 'f1', value: 3 };
    fields[count - 1] = { name: 'f1', value: 9 };
    fields[count - 2] = { name: 'f4', value: 9 };
    const path = (k: number) => `values[0].fields[${k}].name`;
    const repeat = (name: string, first: number) =>
      `\`r\` already has a field named \`${name}\` (fields[${first}]); field names must be unique`;
    expect(problems(level([{ id: 'r', fields, arrive: 0 }]))).toEqual([
      [path(3), repeat('f1', 1)],
      [path(count - 2), repeat('f4', 4)],
      [path(count - 1), repeat('f1', 1)],
    ]);
  });
});

describe('ticks at their edges (ticks is 10)', () => {
  it('arrive: 9 is the last tick, 10 is past it', () => {
    expect(problems(level([{ id: 'a', value: 1, arrive: 9, uses: [9] }]))).toEqual([]);
    expect(problems(level([{ id: 'a', value: 1, arrive: 10 }]))).toEqual([
      ['values[0].arrive', "`a` arrives at tick 10, but the program's ticks are 0 to 9 (`ticks` is 10)"],
    ]);
  });

  it('uses: from the arrival to the last tick, each after the one before', () => {
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [2, 9] }]))).toEqual([]);
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [2, 10, 5, 5, 1] }]))).toEqual([
      ['values[0].uses[1]', "`a` is read at tick 10, but the program's last tick is 9"],
      [
        'values[0].uses[2]',
        'tick 5 does not come after the previous use at tick 10; list uses in ascending order, each tick once',
      ],
      [
        'values[0].uses[3]',
        'tick 5 does not come after the previous use at tick 5; list uses in ascending order, each tick once',
      ],
      [
        'values[0].uses[4]',
        'tick 1 does not come after the previous use at tick 5; list uses in ascending order, each tick once',
      ],
      // Reported once: the simulation does not also find it unreachable at tick 1.
      ['values[0].uses[4]', '`a` is read at tick 1, before it arrives at tick 2'],
    ]);
  });

  it('drop: after the arrival, at most the number of ticks; a bad drop counts as none', () => {
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [3], drop: 3 }]))).toEqual([]);
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [9], drop: 10 }]))).toEqual([]);
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [9], drop: 2 }]))).toEqual([
      ['values[0].drop', '`a` is dropped at tick 2, but it arrives at tick 2; `drop` must come after `arrive`'],
    ]);
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [9], drop: 1 }]))).toEqual([
      ['values[0].drop', '`a` is dropped at tick 1, but it arrives at tick 2; `drop` must come after `arrive`'],
    ]);
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [9], drop: 11 }]))).toEqual([
      [
        'values[0].drop',
        '`a` is dropped at tick 11, after the program ends; `drop` may be at most 10 (`ticks`), or left out',
      ],
    ]);
    // A variable is dropped after the uses of its drop tick, not before.
    expect(problems(level([{ id: 'a', value: 1, arrive: 2, uses: [3, 4], drop: 3 }]))).toEqual([
      [
        'values[0].uses[1]',
        '`a` is read at tick 4, but it is unreachable then (its variable was dropped at tick 3 and nothing points to it)',
      ],
    ]);
  });
});

describe('what a set names', () => {
  const values = [
    { id: 'r', fields: [{ name: 'p', ref: null }, { name: 'n', value: 1 }, { ref: null }], arrive: 0 },
    { id: 'a', value: 1, arrive: 0 },
    { id: 'flat', fields: [{ name: 'v', value: 1 }], arrive: 0 },
  ];
  const withSet = (set: Json) => level(values, { sets: [{ tick: 1, in: 'r', field: 'p', to: 'a', ...set }] });

  it('the fields a set may write, by name and by number', () => {
    expect(problems(withSet({}))).toEqual([]);
    expect(problems(withSet({ field: 2 }))).toEqual([]);
    expect(problems(withSet({ field: 0, to: null, tick: 9 }))).toEqual([]);
  });

  it.each([
    [{ tick: 10 }, 'sets[0].tick', "a set at tick 10 is after the program's last tick, 9"],
    [{ in: 'R' }, 'sets[0].in', 'no value has the id `R` (did you mean `r`?)'],
    [{ in: 'a' }, 'sets[0].in', '`a` is not a record (it has no `fields`), so it has no pointer field to set'],
    [
      { field: 3 },
      'sets[0].field',
      '`r` has 3 fields (numbered from 0), so there is no field 3; its pointer fields are `p` and fields[2]',
    ],
    [
      { field: 1 },
      'sets[0].field',
      'field 1 of `r` holds an inline value, not a pointer, so a set cannot write a pointer into it; its pointer fields are `p` and fields[2]',
    ],
    [{ field: 'q' }, 'sets[0].field', '`r` has no field named `q`; its pointer fields are `p` and fields[2]'],
    [
      { field: 'n' },
      'sets[0].field',
      '`n` of `r` holds an inline value, not a pointer, so a set cannot write a pointer into it; its pointer fields are `p` and fields[2]',
    ],
    [{ in: 'flat', field: 'p' }, 'sets[0].field', '`flat` has no field named `p`; it has no pointer fields'],
    [
      { in: 'flat', field: 1 },
      'sets[0].field',
      '`flat` has 1 field (numbered from 0), so there is no field 1; it has no pointer fields',
    ],
    [{ to: 'A' }, 'sets[0].to', 'no value has the id `A` (did you mean `a`?)'],
    [{ to: 'zz' }, 'sets[0].to', 'no value has the id `zz`'],
  ])('%j', (set, path, message) => {
    expect(problems(withSet(set))).toEqual([[path, message]]);
  });
});

describe('the simulation: which writes happen', () => {
  it('a ref to a value not there yet is not written, so what it would have kept alive is not', () => {
    const l = level([
      { id: 'r', fields: [{ name: 'p', ref: 'b' }], arrive: 0 },
      { id: 'b', value: 1, arrive: 1, uses: [5], drop: 2 },
    ]);
    expect(problems(l)).toEqual([
      [
        'values[0].fields[0].ref',
        '`r` arrives at tick 0 with a pointer to `b`, which does not exist yet at tick 0 (it arrives at tick 1)',
      ],
      [
        'values[1].uses[0]',
        '`b` is read at tick 5, but it is unreachable then (its variable was dropped at tick 2 and nothing points to it)',
      ],
    ]);
  });

  it('a ref to a value that never arrives', () => {
    const l = level([
      { id: 'r', fields: [{ ref: 'late' }], arrive: 0 },
      { id: 'late', value: 1, arrive: 10 },
    ]);
    expect(problems(l)).toEqual([
      ['values[1].arrive', "`late` arrives at tick 10, but the program's ticks are 0 to 9 (`ticks` is 10)"],
      [
        'values[0].fields[0].ref',
        '`r` arrives at tick 0 with a pointer to `late`, which does not exist yet at tick 0 (it never arrives)',
      ],
    ]);
  });

  it('a set into a record not there yet is not written', () => {
    // Were it written, r.p would hold a when r arrives (its null ref writes nothing) and keep it alive.
    const l = level(
      [
        { id: 'a', value: 1, arrive: 0, uses: [5], drop: 3 },
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 2 },
      ],
      { sets: [{ tick: 1, in: 'r', field: 'p', to: 'a' }] },
    );
    expect(problems(l)).toEqual([
      [
        'sets[0].in',
        'at tick 1 the program writes a pointer into `r`, which does not exist yet at tick 1 (it arrives at tick 2)',
      ],
      [
        'values[0].uses[0]',
        '`a` is read at tick 5, but it is unreachable then (its variable was dropped at tick 3 and nothing points to it)',
      ],
    ]);
  });

  it('a set of a pointer to a value not there yet is not written: the old pointer stays', () => {
    const l = level(
      [
        { id: 'a', value: 1, arrive: 0, uses: [5], drop: 2 },
        { id: 'r', fields: [{ ref: 'a' }], arrive: 0 },
        { id: 'b', value: 1, arrive: 3 },
      ],
      { sets: [{ tick: 1, in: 'r', field: 0, to: 'b' }] },
    );
    expect(problems(l)).toEqual([
      [
        'sets[0].to',
        'at tick 1 the program points `r`.fields[0] at `b`, which does not exist yet at tick 1 (it arrives at tick 3)',
      ],
    ]);
  });

  it('a set into the first value listed is written like any other', () => {
    // Were it skipped, a would be unreachable when it is read at tick 5.
    const l = level(
      [
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0 },
        { id: 'a', value: 1, arrive: 0, uses: [5], drop: 2 },
      ],
      { sets: [{ tick: 1, in: 'r', field: 'p', to: 'a' }] },
    );
    expect(problems(l)).toEqual([]);
  });

  it('a set of a pointer to an unknown id is not written: the old pointer stays', () => {
    // Were it written (as null), a would be unreachable when it is read at tick 5.
    const l = level(
      [
        { id: 'a', value: 1, arrive: 0, uses: [5], drop: 2 },
        { id: 'r', fields: [{ ref: 'a' }], arrive: 0 },
      ],
      { sets: [{ tick: 3, in: 'r', field: 0, to: 'nope' }] },
    );
    expect(problems(l)).toEqual([['sets[0].to', 'no value has the id `nope`']]);
  });

  it('a set that is there but unreachable is still written: one mistake, one problem', () => {
    const l = level(
      [
        { id: 'c', value: 1, arrive: 0, uses: [5], drop: 1 },
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0 },
      ],
      { sets: [{ tick: 3, in: 'r', field: 'p', to: 'c' }] },
    );
    expect(problems(l)).toEqual([
      [
        'sets[0].to',
        'at tick 3 the program points `r`.p at `c`, but `c` is unreachable then (its variable was dropped at tick 1 and nothing points to it)',
      ],
    ]);
  });

  it('a ref at arrival to an unreachable value is still written', () => {
    const l = level([
      { id: 'c', value: 1, arrive: 0, uses: [5], drop: 1 },
      { id: 'r', fields: [{ ref: 'c' }], arrive: 3 },
    ]);
    expect(problems(l)).toEqual([
      [
        'values[1].fields[0].ref',
        '`r` arrives at tick 3 with a pointer to `c`, but `c` is unreachable then (its variable was dropped at tick 1 and nothing points to it)',
      ],
    ]);
  });

  it('a set of null cuts a pointer; a set into an unknown field writes nothing', () => {
    const base = [
      { id: 'a', value: 1, arrive: 0, uses: [5], drop: 2 },
      {
        id: 'r',
        fields: [
          { name: 'p', ref: 'a' },
          { name: 'n', value: 0 },
        ],
        arrive: 0,
      },
    ];
    expect(problems(level(base, { sets: [{ tick: 3, in: 'r', field: 'p', to: null }] }))).toEqual([
      [
        'values[0].uses[0]',
        '`a` is read at tick 5, but it is unreachable then (its variable was dropped at tick 2, and sets[0] at tick 3 overwrote the last pointer to it)',
      ],
    ]);
    expect(problems(level(base, { sets: [{ tick: 3, in: 'r', field: 'n', to: null }] }))).toEqual([
      [
        'sets[0].field',
        '`n` of `r` holds an inline value, not a pointer, so a set cannot write a pointer into it; its pointer fields are `p`',
      ],
    ]);
    expect(problems(level(base, { sets: [{ tick: 3, in: 'r', field: 5, to: null }] }))).toEqual([
      ['sets[0].field', '`r` has 2 fields (numbered from 0), so there is no field 5; its pointer fields are `p`'],
    ]);
  });

  it('sets at one tick run in list order, and the last unlink is named', () => {
    const l = level(
      [
        { id: 'a', value: 1, arrive: 0, uses: [5], drop: 1 },
        { id: 'b', value: 1, arrive: 0 },
        { id: 'r', fields: [{ name: 'p', ref: 'a' }], arrive: 0 },
      ],
      {
        sets: [
          { tick: 2, in: 'r', field: 'p', to: 'a' }, // the same pointer again: unlinks nothing
          { tick: 3, in: 'r', field: 'p', to: 'b' },
          { tick: 3, in: 'r', field: 'p', to: 'a' },
          { tick: 4, in: 'r', field: 'p', to: null },
        ],
      },
    );
    expect(problems(l)).toEqual([
      // sets[1] has just moved the pointer to b when sets[2] runs; sets[2] still writes it.
      [
        'sets[2].to',
        'at tick 3 the program points `r`.p at `a`, but `a` is unreachable then (its variable was dropped at tick 1, and sets[1] at tick 3 overwrote the last pointer to it)',
      ],
      [
        'values[0].uses[0]',
        '`a` is read at tick 5, but it is unreachable then (its variable was dropped at tick 1, and sets[3] at tick 4 overwrote the last pointer to it)',
      ],
    ]);
  });
});

describe('the simulation: why a value is unreachable', () => {
  const holders = (n: number, fieldsEach = 1) =>
    level([
      { id: 'x', value: 1, arrive: 0, uses: [5], drop: 1 },
      ...Array.from({ length: n }, (_, k) => ({
        id: `r${k + 1}`,
        fields: Array.from({ length: fieldsEach }, () => ({ ref: 'x' })),
        arrive: 0,
        drop: 1,
      })),
    ]);
  const read = (owners: string) => [
    [
      'values[0].uses[0]',
      `\`x\` is read at tick 5, but it is unreachable then (its variable was dropped at tick 1, and what points to it (${owners}) is unreachable too)`,
    ],
  ];

  it('names each record that points to it once, up to three, then counts the rest', () => {
    expect(problems(holders(1, 2))).toEqual(read('`r1`'));
    expect(problems(holders(3))).toEqual(read('`r1`, `r2` and `r3`'));
    expect(problems(holders(4))).toEqual(read('`r1`, `r2`, `r3` and 1 more'));
    expect(problems(holders(6, 2))).toEqual(read('`r1`, `r2`, `r3` and 3 more'));
  });

  it('names the records in file order, not in the order their pointers were written', () => {
    const l = level(
      [
        { id: 'x', value: 1, arrive: 0, uses: [5], drop: 1 },
        { id: 'r1', fields: [{ name: 'p', ref: null }], arrive: 0, drop: 2 },
        { id: 'r2', fields: [{ name: 'p', ref: null }], arrive: 0, drop: 2 },
        { id: 'r3', fields: [{ name: 'p', ref: null }], arrive: 0, drop: 2 },
      ],
      {
        sets: [
          { tick: 1, in: 'r3', field: 'p', to: 'x' },
          { tick: 1, in: 'r2', field: 'p', to: 'x' },
          { tick: 1, in: 'r1', field: 'p', to: 'x' },
          // r2's pointer is moved and put back: it is now the last written.
          { tick: 1, in: 'r2', field: 'p', to: null },
          { tick: 1, in: 'r2', field: 'p', to: 'x' },
        ],
      },
    );
    expect(problems(l)).toEqual(read('`r1`, `r2` and `r3`'));
  });

  it('a value listed first is named when its last pointer is cut (index 0 is a value)', () => {
    const l = level(
      [
        { id: 'x', value: 1, arrive: 0, uses: [5], drop: 1 },
        { id: 'r', fields: [{ ref: 'x' }], arrive: 0 },
      ],
      { sets: [{ tick: 2, in: 'r', field: 0, to: 'r' }] },
    );
    expect(problems(l)).toEqual([
      [
        'values[0].uses[0]',
        '`x` is read at tick 5, but it is unreachable then (its variable was dropped at tick 1, and sets[0] at tick 2 overwrote the last pointer to it)',
      ],
    ]);
  });
});
