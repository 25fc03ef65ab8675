// Small views the screens draw, headless: the horizon's words, the unsafe-free warning in
// each of its forms, the stars' rule, a read record decoded, and what went wrong in a run.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import type { ComparedRun } from '../../../src/engine/scoring/compare.js';
import { hiddenAhead, horizonOf, inSight, touchText } from '../../../src/engine/views/horizon.js';
import { problems } from '../../../src/engine/views/log.js';
import { decodeRead } from '../../../src/engine/views/ring.js';
import { starRule, starRuleForRuns, starsShown } from '../../../src/engine/views/stars.js';
import { freeRiskShort, freeRiskSentence, freeRisks } from '../../../src/engine/views/unsafe-free.js';
import { oracleRun } from '../../../src/engine/scoring/oracle.js';
import { fixture, play } from '../../ui/helpers.js';

const hello = fixture('hello.json'); // 12 ticks, lookahead 4

describe('the horizon', () => {
  it('sees from the next tick to run up to, not including, lookahead ticks on', () => {
    const g = play(hello, ['malloc greeting', 'step']); // next tick: 1, horizon: 5
    expect(horizonOf(hello, g.state)).toBe(5);
    expect([0, 1, 2, 4, 5, 6].map((t) => inSight(hello, g.state, t))).toEqual([false, true, true, true, false, false]);
    expect(hiddenAhead(hello, g.state)).toBe(true);
  });

  it('says a touch in a few words', () => {
    expect(touchText({ tick: 6, kind: 'read' })).toBe('read t6');
    expect(touchText({ tick: 7, kind: 'write', via: 'name' })).toBe('written t7');
    expect(touchText({ tick: 2, kind: 'pointer', via: 'user' })).toBe('pointed to t2');
  });
});

describe('the unsafe-free warning', () => {
  it('for a record written into later: its field, the tick, and a short form', () => {
    const g = play(hello, ['malloc greeting', 'malloc age', 'malloc user', 'step', 'step', 'step', 'step']);
    const risks = freeRisks(hello, g.state, 'free user');
    expect(risks).toEqual([{ value: 'user', addr: 5, touch: { tick: 7, kind: 'write', via: 'name' } }]);
    expect(freeRiskSentence(risks)).toBe('Unsafe free: user.name is written at t7 (a use after free).');
    expect(freeRiskShort(risks[0]!)).toBe('user written t7');
  });

  it('for a value a record will point to, and for several at once, in the order given', () => {
    const level = compileLevel({
      id: 'pointed',
      title: 'Pointed',
      memory: 16,
      ticks: 4,
      values: [
        { id: 'a', value: 1, arrive: 0, drop: 3 },
        { id: 'b', value: 2, arrive: 0, uses: [3] },
        { id: 'r', arrive: 2, fields: [{ name: 'to', ref: 'a' }] },
      ],
    } as Level);
    const g = play(level, ['malloc a', 'malloc b', 'step']);
    const risks = freeRisks(level, g.state, 'free b a');
    expect(risks.map((r) => r.value)).toEqual(['b', 'a']);
    expect(risks[1]!.touch).toEqual({ tick: 2, kind: 'pointer', via: 'r' });
    expect(freeRiskSentence(risks)).toBe(
      'Unsafe free: b is read at t3; r gets a pointer to a at t2 (a use after free).',
    );
    expect(freeRiskShort(risks[1]!)).toBe('a pointed to t2');
  });

  it('nothing to warn of: another command, a command that does not parse, a value or address with no block', () => {
    const level = compileLevel({
      id: 'quiet',
      title: 'Quiet',
      memory: 16,
      ticks: 4,
      values: [
        { id: 'a', value: 1, arrive: 0, uses: [3] },
        { id: 'b', value: 2, arrive: 0, uses: [3] },
      ],
    } as Level);
    const g = play(level, ['malloc a', 'malloc b', 'step', 'free b']);
    // a at 1, b at 2 (freed). Freeing a now is a use after free at t3, by id or by its address.
    expect(freeRisks(level, g.state, 'free a').map((r) => r.value)).toEqual(['a']);
    expect(freeRisks(level, g.state, 'free 1').map((r) => r.value)).toEqual(['a']);
    expect(freeRisks(level, g.state, 'free a 1').map((r) => r.value)).toEqual(['a']); // once, named twice
    expect(freeRisks(level, g.state, 'step')).toEqual([]);
    expect(freeRisks(level, g.state, 'free')).toEqual([]);
    expect(freeRisks(level, g.state, 'free b')).toEqual([]); // already freed
    expect(freeRisks(level, g.state, 'free nobody')).toEqual([]);
    expect(freeRisks(level, g.state, 'free 2')).toEqual([]); // b's old address: no block starts there
    expect(freeRisks(level, g.state, 'free 9')).toEqual([]);
  });
});

describe('stars', () => {
  const run = (kind: ComparedRun['kind'], stars: number | null) =>
    ({ kind, metrics: { stars } }) as unknown as ComparedRun;
  it("are the player's and the oracle's; a collector's run shows none", () => {
    expect(starsShown(run('player', 2))).toBe(2);
    expect(starsShown(run('oracle', 3))).toBe(3);
    expect(starsShown(run('collector', 1))).toBe(null);
  });
  it('say their rule, naming the collector the third star is measured against', () => {
    expect(starRule('refcount')).toBe("★ finished · ★★ no bugs, holes or leaks · ★★★ and a score ≥ refcount's");
    expect(starRuleForRuns('copying')).toBe(`stars: ${starRule('copying')} · none for collectors`);
  });
});

describe('a read record, decoded as the program does', () => {
  it('shows each field: inline values, a pointer as its address, 0 as null', () => {
    const user = hello.values[2]!;
    expect(decodeRead(hello, user, [0, 42])).toBe('{name: null, age: 42}');
    expect(decodeRead(hello, user, [7, 42])).toBe('{name: →7, age: 42}');
  });
  it('reads a 2-box pointer low byte first', () => {
    const wide = compileLevel({
      id: 'wide',
      title: 'Wide',
      memory: 1024,
      ticks: 2,
      values: [
        { id: 'a', value: 1, arrive: 0 },
        {
          id: 'r',
          arrive: 0,
          fields: [
            { name: 'p', ref: 'a' },
            { name: 'n', value: 5 },
          ],
        },
      ],
    } as Level);
    expect(decodeRead(wide, wide.values[1]!, [0x02, 0x01, 5])).toBe('{p: →258, n: 5}');
    expect(decodeRead(wide, wide.values[1]!, [0, 0, 5])).toBe('{p: null, n: 5}');
  });
});

describe('what went wrong in a run', () => {
  it('is the consequences in order, and the end only when the run crashed', () => {
    const early = play(hello, [
      'malloc greeting',
      'malloc age',
      'step',
      'free greeting',
      'malloc user',
      'step',
      'step',
    ]);
    // greeting freed at t1: user arrives at t2 pointing to it, and the program reads it at t2.
    expect(problems(early.state).map((e) => [e.kind, e.tick])).toEqual([
      ['useAfterFree', 2],
      ['useAfterFree', 2],
    ]);
    expect(early.state.log.length).toBeGreaterThan(4); // the rest of the log is not a problem
    const finished = play(hello, oracleRun(hello).commands);
    expect(finished.state.finished && finished.state.crash === null).toBe(true);
    expect(finished.state.log.some((e) => e.kind === 'end')).toBe(true);
    expect(problems(finished.state)).toEqual([]);
    const gaveUp = play(hello, ['malloc greeting', 'end']);
    expect(gaveUp.state.crash).toBe('abort');
    expect(problems(gaveUp.state).map((e) => e.kind)).toEqual(['end']);
  });
});
