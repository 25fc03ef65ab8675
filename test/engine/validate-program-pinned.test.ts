// The program check's edges that a level author meets rarely: a set naming an unknown
// record or target, or an inline field, writes nothing at all (it must not land on some
// other value or field and make it reachable), and a program whose reachability would
// take too long to check is stopped at the bound with one sentence saying where and why.
import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/engine/level/schema.js';
import { formatPath } from '../../src/engine/level/validate-messages.js';
import { checkProgram, SIMULATION_STEPS } from '../../src/engine/level/validate-program.js';

type Json = Record<string, any>;

const level = (values: Json[], extra: Json = {}): Level =>
  ({ id: 'p', title: 'P', memory: 64, ticks: 6, values, ...extra }) as Level;

const problems = (l: Level): [string, string][] =>
  checkProgram(l).issues.items.map((i) => [formatPath(i.at), i.message]);

describe('a set that names an unknown value writes nothing', () => {
  // Values 1 and 2 are records that stay in scope: a set whose unknown id were taken for
  // either would point its field at `c`, and `c`'s read at tick 4 would then be fine.
  const values = [
    { id: 'c', value: 7, arrive: 0, drop: 1, uses: [4] },
    { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0 },
    { id: 's', fields: [{ name: 'p', ref: null }], arrive: 0 },
  ];
  const unreachable = [
    'values[0].uses[0]',
    '`c` is read at tick 4, but it is unreachable then (its variable was dropped at tick 1 and nothing points to it)',
  ];

  it('an unknown record to write into: the write is skipped, so what it would point to stays unreachable', () => {
    const l = level(values, { sets: [{ tick: 0, in: 'nobody', field: 'p', to: 'c' }] });
    expect(problems(l)).toEqual([['sets[0].in', 'no value has the id `nobody`'], unreachable]);
  });

  it('an unknown target: the write is skipped, so no other value is pointed at', () => {
    // `c` is value 2 here: were the unknown target taken for it, `r.p` would point to `c`
    // and its read at tick 4 would be fine.
    const l = level(
      [
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0 },
        { id: 'x', value: 1, arrive: 0 },
        { id: 'c', value: 7, arrive: 0, drop: 1, uses: [4] },
      ],
      { sets: [{ tick: 0, in: 'r', field: 'p', to: 'ghost' }] },
    );
    expect(problems(l)).toEqual([
      ['sets[0].to', 'no value has the id `ghost`'],
      [
        'values[2].uses[0]',
        '`c` is read at tick 4, but it is unreachable then (its variable was dropped at tick 1 and nothing points to it)',
      ],
    ]);
  });
});

describe('a set that names an inline field writes nothing', () => {
  // `r` stays in scope; its field 0 holds a number and its field 1 is a pointer. Were the
  // bad set taken for a write into any pointer field of `r`, `c` would stay reachable and
  // its read at tick 4 would be fine.
  const values = [
    { id: 'c', value: 7, arrive: 0, drop: 1, uses: [4] },
    {
      id: 'r',
      fields: [
        { name: 'n', value: 1 },
        { name: 'p', ref: null },
      ],
      arrive: 0,
    },
  ];
  const unreachable = [
    'values[0].uses[0]',
    '`c` is read at tick 4, but it is unreachable then (its variable was dropped at tick 1 and nothing points to it)',
  ];
  const inline = 'so a set cannot write a pointer into it; its pointer fields are `p`';

  it('named by its number', () => {
    const l = level(values, { sets: [{ tick: 0, in: 'r', field: 0, to: 'c' }] });
    expect(problems(l)).toEqual([
      ['sets[0].field', `field 0 of \`r\` holds an inline value, not a pointer, ${inline}`],
      unreachable,
    ]);
  });

  it('named by its name', () => {
    const l = level(values, { sets: [{ tick: 0, in: 'r', field: 'n', to: 'c' }] });
    expect(problems(l)).toEqual([
      ['sets[0].field', `\`n\` of \`r\` holds an inline value, not a pointer, ${inline}`],
      unreachable,
    ]);
  });
});

describe('a set that names a field past the end of its record writes nothing', () => {
  // Fields are numbered record by record in one list, so `r`'s field 1 would be `s`'s field
  // 0, a pointer: were the number not checked against `r`'s own count, the set would point
  // `s.p` at `c`, and `c`'s read at tick 4 would be fine.
  it('is refused, and the next record keeps its pointer', () => {
    const l = level(
      [
        { id: 'c', value: 7, arrive: 0, drop: 1, uses: [4] },
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0 },
        { id: 's', fields: [{ name: 'p', ref: null }], arrive: 0 },
      ],
      { sets: [{ tick: 0, in: 'r', field: 1, to: 'c' }] },
    );
    expect(problems(l)).toEqual([
      ['sets[0].field', '`r` has 1 field (numbered from 0), so there is no field 1; its pointer fields are `p`'],
      [
        'values[0].uses[0]',
        '`c` is read at tick 4, but it is unreachable then (its variable was dropped at tick 1 and nothing points to it)',
      ],
    ]);
  });
});

describe('the bound on checking reachability', () => {
  it('a long list whose only pointer from a root is moved every tick is stopped at the bound, with one sentence', () => {
    // A list of n records hangs from `x.p` or `y.p`, whichever pointed to its head last. Each
    // tick one of them takes the head and the other lets go, so the path the last read was
    // traced along is broken, and reading the tail climbs the whole list again: about 2n
    // steps a tick, so the bound is passed near tick SIMULATION_STEPS / 2n. Unlike the
    // long-chain test of validate.test.ts, this one also runs in the mutation run (where it
    // is the only test to reach the bound): the program check alone takes about a second.
    const n = 5000;
    const ticks = 6000;
    const list: Json[] = [];
    for (let k = n - 1; k >= 0; k--)
      list.push({ id: `n${k}`, fields: [{ name: 'next', ref: k === n - 1 ? null : `n${k + 1}` }], arrive: 0, drop: 1 });
    const tail = list[0] as Json;
    tail.uses = Array.from({ length: ticks - 1 }, (_, t) => t + 1);
    const values = [
      ...list,
      { id: 'x', fields: [{ name: 'p', ref: 'n0' }], arrive: 0 },
      { id: 'y', fields: [{ name: 'p', ref: null }], arrive: 0 },
    ];
    const sets: Json[] = [];
    for (let t = 1; t < ticks; t++) {
      const [take, release] = t % 2 === 1 ? ['y', 'x'] : ['x', 'y'];
      sets.push({ tick: t, in: take, field: 'p', to: 'n0' }, { tick: t, in: release, field: 'p', to: null });
    }
    const checked = checkProgram(level(values, { memory: 16_384, ticks, sets }));
    const found = checked.issues.items.map((i): [string, string] => [formatPath(i.at), i.message]);
    expect(found).toHaveLength(1);
    // A program stopped part way gives the par check no last touches or arrivals to trust.
    expect(checked.facts.last).toBeUndefined();
    expect(checked.facts.arrivals).toBeUndefined();
    expect(checked.facts.sizes).toHaveLength(n + 2);
    const [path, message] = found[0] as [string, string];
    expect(path).toBe('');
    const at =
      /^checking reachability took more than 50,000,000 steps by tick (\d+) \(long chains of pointers, read after their variables are dropped while other pointers keep changing\), so the program after it was not checked; shorten those chains$/.exec(
        message,
      );
    expect(at).not.toBeNull();
    const tick = Number(at?.[1]);
    expect(SIMULATION_STEPS).toBe(50_000_000);
    // Between 2n - 2 and 2n + 8 steps a tick (the read, and the two sets' own checks).
    expect(tick).toBeGreaterThanOrEqual(Math.floor(SIMULATION_STEPS / (2 * n + 8)));
    expect(tick).toBeLessThanOrEqual(Math.ceil(SIMULATION_STEPS / (2 * n - 2)) + 1);
  });
});
