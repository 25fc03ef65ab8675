// Honest information: nothing past the level's lookahead reaches the views, a free the
// program in sight proves unsafe is found before it is made, and a safe one is not.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import {
  freeRisks,
  freeRiskSentence,
  horizonOf,
  nextFittingRun,
  nextTouch,
  ringAtHand,
  upcomingEvents,
  variables,
} from '../../src/engine/index.js';
import { fixture, fixtureJson, play } from './helpers.js';

const hello = fixture('hello.json'); // lookahead 4, 12 ticks
const id = (name: string) => hello.indexOf.get(name)!;

describe('honest views: the horizon', () => {
  it('the horizon is the next tick plus the lookahead, never past the program', () => {
    expect(horizonOf(hello, play(hello, []).state)).toBe(4);
    const g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 8']);
    expect(g.state.tick).toBe(10);
    expect(horizonOf(hello, g.state)).toBe(12);
  });

  it('a read past the horizon is not shown; once in sight it is', () => {
    let g = play(hello, ['malloc greeting @1', 'step']);
    // greeting is read at t2 and t5; at tick 1 the player sees ticks 1 to 4.
    let v = variables(hello, g.state).find((x) => x.id === 'greeting')!;
    expect(v.nextUse).toBe(2);
    g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 2']);
    // at tick 3, ticks 3..6 are in sight: t5 is.
    v = variables(hello, g.state).find((x) => x.id === 'greeting')!;
    expect(v.nextUse).toBe(5);
    expect(v.dropInSight).toBe(true); // greeting's scope ends at t6
    // age is read at t3, and nothing later: but the program goes on past the horizon.
    g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 2']);
    const age = variables(hello, g.state).find((x) => x.id === 'age')!;
    expect(age).toMatchObject({ status: 'live', nextUse: null, unknownAhead: true, dropInSight: true });
  });

  it('no view names a tick past the horizon, at every step of a run', () => {
    const level = compileLevel({ ...fixtureJson('hello.json'), lookahead: 2 });
    const commands = ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5'];
    for (let n = 0; n <= commands.length; n++) {
      const g = play(level, commands.slice(0, n));
      const horizon = horizonOf(level, g.state);
      for (const v of variables(level, g.state)) {
        if (v.nextUse !== null) expect(v.nextUse).toBeLessThan(horizon);
        if (v.touch) expect(v.touch.tick).toBeLessThan(horizon);
      }
      for (const e of upcomingEvents(level, g.state)) expect(e.tick).toBeLessThan(Math.max(horizon, level.ticks));
      const ring = ringAtHand(level, g.state);
      if (ring) expect(ring.tick).toBeLessThan(horizon);
    }
  });
});

describe('honest views: unsafe frees', () => {
  it('a free of a value still read in sight is found, with the tick of the read', () => {
    const g = play(hello, ['malloc greeting @1', 'step']);
    const risks = freeRisks(hello, g.state, 'free greeting');
    expect(risks).toEqual([{ value: 'greeting', addr: 1, touch: { tick: 2, kind: 'read' } }]);
    expect(freeRisks(hello, g.state, 'free 1')).toEqual(risks); // by address, the same
    expect(freeRiskSentence(risks)).toBe('Unsafe free: greeting is read at t2 (a use after free).');
  });

  it('a free with no read in sight is not flagged, nor is any other command', () => {
    // After tick 2, greeting's next read (t5) is in sight (ticks 2 to 5): flagged.
    let g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step']);
    expect(freeRisks(hello, g.state, 'free greeting').map((r) => r.touch.tick)).toEqual([5]);
    // After tick 3, age was read at t3 for the last time, and no read of it is in sight.
    g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 2']);
    expect(freeRisks(hello, g.state, 'free age')).toEqual([]);
    expect(freeRisks(hello, g.state, 'step')).toEqual([]);
    expect(freeRisks(hello, g.state, 'free nobody')).toEqual([]);
    // A block reserved for a value still to arrive is not in use yet.
    g = play(hello, ['malloc greeting @1']);
    expect(freeRisks(hello, g.state, 'free greeting')).toEqual([]);
  });

  it('a pointer stored to a freed value, or into it, counts as a touch', () => {
    // user arrives at t2 with a ref to greeting: freeing greeting before that is unsafe,
    // even when greeting itself is not read then.
    const json = fixtureJson('hello.json');
    const later = compileLevel({
      ...json,
      values: json.values.map((v) => (v.id === 'greeting' ? { ...v, uses: [5] } : v)),
    });
    const g = play(later, ['malloc greeting @1', 'step', 'malloc age @4', 'step']);
    expect(nextTouch(later, g.state, id('greeting'))).toEqual({ tick: 2, kind: 'pointer', via: 'user' });
    // t7 sets user.name: a write into user.
    const late = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 4']);
    expect(nextTouch(hello, late.state, id('user'))).toEqual({ tick: 7, kind: 'write', via: 'name' });
  });

  it('a freed value is a danger in the variables only when the program in sight needs it', () => {
    let g = play(hello, ['malloc greeting @1', 'step', 'free greeting']);
    expect(variables(hello, g.state).find((v) => v.id === 'greeting')).toMatchObject({
      status: 'freed',
      danger: true,
      touch: { tick: 2, kind: 'read' },
    });
    // age freed after its last read: still in scope till t4, but nothing in sight reads it.
    g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 2', 'free age']);
    expect(variables(hello, g.state).find((v) => v.id === 'age')).toMatchObject({ status: 'freed', danger: false });
  });
});

describe('honest views: where a block fits', () => {
  it('the next free run that fits at or after a box, else the first from the start', () => {
    const g = play(hello, ['malloc greeting @1', 'malloc age @10']);
    // free: 4–9 (6), 11–31 (21)
    expect(nextFittingRun(hello, g.state, 2, 3)).toEqual({ run: { start: 4, size: 6 }, wrapped: false });
    expect(nextFittingRun(hello, g.state, 10, 3)).toEqual({ run: { start: 11, size: 21 }, wrapped: false });
    expect(nextFittingRun(hello, g.state, 10, 22)).toBeNull();
    const full = play(hello, ['malloc greeting @1', 'malloc age 26 @4']); // 30 used: 2 free boxes at 30–31
    expect(nextFittingRun(hello, full.state, 29, 2)).toEqual({ run: { start: 30, size: 2 }, wrapped: false });
    expect(nextFittingRun(hello, full.state, 29, 3)).toBeNull();
    // Nothing after box 30 holds 2 boxes: the first run from the start that does.
    const gap = play(hello, ['malloc greeting 2 @3', 'malloc age 27 @5']); // free: 1–2, 32.. none
    expect(nextFittingRun(hello, gap.state, 20, 2)).toEqual({ run: { start: 1, size: 2 }, wrapped: true });
  });
});

describe('honest views: the encoder ring names the tick that read', () => {
  it('a read at t2 is still "read at t2" after a tick that reads nothing', () => {
    // greeting is read at t2; tick 3 reads age, tick 4 reads nothing.
    const g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step']);
    expect(ringAtHand(hello, g.state)).toMatchObject({ id: 'greeting', source: 'read', tick: 2 });
    const later = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 3']);
    expect(later.state.tick).toBe(5);
    expect(ringAtHand(hello, later.state)).toMatchObject({ id: 'age', source: 'read', tick: 3 });
  });
});

describe('honest views: several frees at once', () => {
  it('free a b 12 is flagged for each target still needed in sight, in order', () => {
    const g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step']);
    // greeting is read at t2 (and user points to it then); age is read at t3.
    const risks = freeRisks(hello, g.state, 'free age greeting');
    expect(risks.map((r) => [r.value, r.touch.tick])).toEqual([
      ['age', 3],
      ['greeting', 2],
    ]);
    expect(freeRiskSentence(risks)).toBe('Unsafe free: age is read at t3; greeting is read at t2 (a use after free).');
  });
});
