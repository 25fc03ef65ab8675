import { describe, expect, it } from 'vitest';
import {
  boxesView,
  nextPending,
  nextUse,
  pendingValues,
  problems,
  ringAtHand,
  ringOf,
  upcomingEvents,
  variables,
} from '../../src/engine/index.js';
import { fixture, play } from './helpers.js';

const hello = fixture('hello.json');
const id = (name: string) => hello.indexOf.get(name)!;

describe('view: variables', () => {
  it('before anything: the first arrivals are waiting, in arrival order', () => {
    const g = play(hello, []);
    const vars = variables(hello, g.state);
    // lookahead 4: greeting (t0), age (t1), user (t2) are all visible
    expect(vars.map((v) => [v.id, v.status, v.addr])).toEqual([
      ['greeting', 'waiting', null],
      ['age', 'waiting', null],
      ['user', 'waiting', null],
    ]);
    expect(vars[0].size).toBe(3);
    expect(vars[2].size).toBe(2);
  });

  it('reserved, live, reachable only through another, unreachable and freed', () => {
    let g = play(hello, ['malloc greeting @1']);
    expect(variables(hello, g.state).find((v) => v.id === 'greeting')!.status).toBe('reserved');
    g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step']);
    const byId = (name: string) => variables(hello, g.state).find((v) => v.id === name)!;
    expect(byId('greeting')).toMatchObject({ status: 'live', addr: 1, size: 3, nextUse: 5 });
    // user's read at t8 is past what the player sees (ticks 3 to 6): its future is unknown
    expect(byId('user')).toMatchObject({ status: 'live', addr: 5, nextUse: null, unknownAhead: true });
    // greeting out of scope after tick 6, but user.name still points to it
    g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 5']);
    const vars = variables(hello, g.state);
    expect(vars.find((v) => v.id === 'greeting')).toMatchObject({ status: 'reachable', via: 'user' });
    // age dropped at 4 and never freed: a leak
    expect(vars.find((v) => v.id === 'age')!.status).toBe('unreachable');
    // tick 7 sets user.name = NULL: greeting is unreachable too
    // age is freed in the gap right after the tick it went out of scope (once leaked, it could not be)
    g = play(hello, [
      'malloc greeting @1',
      'step',
      'malloc age @4',
      'step',
      'malloc user @5',
      'step 3',
      'free age',
      'step 3',
    ]);
    const after = variables(hello, g.state);
    expect(after.find((v) => v.id === 'greeting')!.status).toBe('unreachable');
    expect(after.find((v) => v.id === 'age')).toMatchObject({ status: 'freed', addr: 4, danger: false });
  });

  it('a value freed while still in use is flagged as a danger', () => {
    const g = play(hello, ['malloc greeting @1', 'step', 'free greeting']);
    const v = variables(hello, g.state).find((x) => x.id === 'greeting')!;
    expect(v).toMatchObject({ status: 'freed', danger: true, nextUse: 2 });
    expect(variables(hello, g.state)[0].id).toBe('age'); // waiting comes first
  });

  it('nextUse finds the next read at or after a tick', () => {
    expect(nextUse(hello, id('greeting'), 0)).toBe(2);
    expect(nextUse(hello, id('greeting'), 3)).toBe(5);
    expect(nextUse(hello, id('greeting'), 6)).toBeNull();
  });

  it('pending values are those arriving within the lookahead without a block', () => {
    let g = play(hello, []);
    expect(pendingValues(hello, g.state)).toEqual([id('greeting'), id('age'), id('user')]);
    expect(nextPending(hello, g.state)).toBe(id('greeting'));
    g = play(hello, ['malloc greeting @1']);
    expect(nextPending(hello, g.state)).toBe(id('age'));
  });
});

describe('view: upcoming events', () => {
  it('shows the program ahead as pseudo-code within the lookahead', () => {
    const g = play(hello, []);
    const lines = upcomingEvents(hello, g.state).map((e) => `t${e.tick}: ${e.text}`);
    expect(lines).toEqual([
      't0: greeting = "Hi" (string)',
      't1: age = 42 (u8)',
      't2: user = {name: &greeting, age: 42} (record)',
      't2: print(greeting)',
      't3: print(age)',
    ]);
    expect(upcomingEvents(hello, g.state)[0].needsBlock).toBe(true);
  });

  it('shows sets, drops and the end', () => {
    const g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 4']);
    const lines = upcomingEvents(hello, g.state).map((e) => `t${e.tick}: ${e.text}`);
    expect(lines).toContain('t6: } // greeting out of scope');
    expect(lines).toContain('t7: user.name = NULL');
    const end = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 8']);
    expect(upcomingEvents(hello, end.state).at(-1)!.kind).toBe('end');
  });

  it('respects a limit', () => {
    expect(upcomingEvents(hello, play(hello, []).state, 2)).toHaveLength(2);
  });
});

describe('view: encoder ring', () => {
  it('shows the next pending value before anything was written', () => {
    const ring = ringAtHand(hello, play(hello, []).state)!;
    expect(ring).toMatchObject({ id: 'greeting', shown: '"Hi"', source: 'pending', type: 'string' });
    expect(ring.segments.map((s) => [s.label, s.codePoint, s.bytes])).toEqual([
      ['H', 'U+0048', [72]],
      ['i', 'U+0069', [105]],
      ['end', undefined, [0]],
    ]);
    expect(ring.segments[0].bits).toEqual(['01001000']);
  });

  it('on a read, decodes the bytes actually read', () => {
    const g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step']);
    const ring = ringAtHand(hello, g.state)!;
    expect(ring).toMatchObject({ id: 'greeting', source: 'read' });
    expect(ring.read).toMatchObject({ bytes: [72, 105, 0], text: '"Hi"', same: true });
  });

  it('on a use after free, the decoded bytes differ from what was written', () => {
    // greeting freed at t1, and age put over its first box: reading greeting at t2 sees age's 42
    const g = play(hello, [
      'malloc greeting @1',
      'step',
      'free greeting',
      'malloc age @1',
      'step',
      'malloc user @5',
      'step',
    ]);
    const ring = ringAtHand(hello, g.state)!;
    expect(ring.id).toBe('greeting');
    expect(ring.read!.same).toBe(false);
    expect(ring.read!.text).toBe('"*i"');
  });

  it('shows a record field by field, pointers as addresses', () => {
    const g = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step']);
    const ring = ringOf(hello, g.state, id('user'), 'written');
    expect(ring.shown).toBe('{name: →1, age: 42}');
    expect(ring.segments.map((s) => [s.label, s.bytes])).toEqual([
      ['name: &greeting', [1]],
      ['age: 42', [42]],
    ]);
    // before any write, the value at hand is the last one written: age, at tick 1
    expect(ringAtHand(hello, play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step']).state)!.id).toBe(
      'age',
    );
  });
});

describe('view: boxes', () => {
  it('gives owners, block starts and stale owners of a window', () => {
    const g = play(hello, ['malloc greeting @1', 'step', 'free greeting', 'malloc age @2']);
    const b = boxesView(hello, g.state, 0, 6);
    expect([...b.owner]).toEqual([-1, -1, id('age'), -1, -1, -1]);
    expect([...b.stale]).toEqual([-1, id('greeting'), -1, id('greeting'), -1, -1]);
    expect([...b.start]).toEqual([0, 0, 1, 0, 0, 0]);
    const w = boxesView(hello, g.state, 30, 8);
    expect(w.owner.length).toBe(2);
  });
});

describe('view: problems', () => {
  it('lists the consequences with their ticks', () => {
    const g = play(hello, ['malloc greeting @1', 'step', 'free greeting', 'free greeting']);
    const p = problems(g.state);
    expect(p.map((e) => [e.tick, e.kind])).toEqual([[1, 'doubleFree']]);
  });
});
