// The variables panel at one moment that has every status at once, worked by hand: its
// order (waiting, danger, leaks, reserved, live, reachable, done with), each row's address,
// next read in sight, whether its drop is in sight, the danger's touch and a reachable
// value's record. And the values waiting for a block, only within the lookahead.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { playCommands } from '../../../src/engine/run/headless.js';
import {
  allocatedValues,
  nextPending,
  nextUse,
  pendingValues,
  variables,
} from '../../../src/engine/views/variables.js';

const u8 = (id: string, arrive: number, uses: number[], drop?: number) => ({
  id,
  value: 1,
  type: 'u8',
  arrive,
  uses,
  ...(drop === undefined ? {} : { drop }),
});

const level = compileLevel({
  id: 'panel',
  title: 'Panel',
  memory: 32,
  ticks: 6,
  lookahead: 3,
  values: [
    u8('Q', 2, [2], 3), // arrives at 2 (listed first), has its block by then
    u8('L', 0, [3], 5), // live
    u8('K', 0, [0], 1), // leaked: out of scope, never freed
    u8('F', 0, [0], 1), // freed when done with
    u8('S', 0, [0], 1), // out of scope, but R points to it
    { id: 'R', fields: [{ name: 'p', ref: 'S' }], arrive: 0, uses: [4], drop: 5 },
    u8('D', 0, [3], 5), // freed too early: read at t3
    u8('W', 3, [3], 6), // arrives in sight, no block yet
    u8('X', 5, [5]), // past the horizon
  ],
} as unknown as Level);

const index = (id: string) => level.values.findIndex((v) => v.id === id);

/** Every value arriving at 0 gets its block. */
const AT_START = ['malloc L', 'malloc K', 'malloc S', 'malloc R', 'malloc F', 'malloc D'];

const atTick2 = () => playCommands(level, [...AT_START, 'step', 'free F', 'step', 'free D', 'malloc Q']).state;

describe('the variables panel', () => {
  it('at tick 2: every status, in the panel order, with what each row shows', () => {
    const state = atTick2();
    expect(state.tick).toBe(2);
    const rows = variables(level, state);
    expect(rows.map((r) => [r.id, r.status, r.addr, r.size, r.nextUse, r.dropInSight, r.danger])).toEqual([
      ['W', 'waiting', null, 1, 3, false, false],
      ['D', 'freed', 6, 1, 3, false, true],
      ['K', 'unreachable', 2, 1, null, true, false],
      ['Q', 'reserved', 5, 1, 2, true, false],
      ['L', 'live', 1, 1, 3, false, false],
      ['R', 'live', 4, 1, 4, false, false],
      ['S', 'reachable', 3, 1, null, true, false],
      ['F', 'freed', 5, 1, null, true, false],
    ]);
    expect(rows.every((r) => r.unknownAhead)).toBe(true);
    expect(rows.find((r) => r.id === 'D')!.touch).toEqual({ tick: 3, kind: 'read' });
    expect('touch' in rows.find((r) => r.id === 'F')!).toBe(false);
    expect(rows.find((r) => r.id === 'S')!.via).toBe('R');
    expect('via' in rows.find((r) => r.id === 'L')!).toBe(false);
    // At tick 1, S is still in scope: live, and no record is named for it though R points to it.
    const t1 = playCommands(level, [...AT_START, 'step']).state;
    const s1 = variables(level, t1).find((r) => r.id === 'S')!;
    expect(s1.status).toBe('live');
    expect('via' in s1).toBe(false);
    expect(rows.map((r) => [r.arrive, r.drop])[0]).toEqual([3, 6]);
  });

  it('once the last tick is in sight, a drop at the end of the program is in sight too', () => {
    const state = playCommands(level, [
      ...AT_START,
      'step',
      'free F',
      'step',
      'free D',
      'malloc Q',
      'malloc W',
      'step',
    ]).state;
    expect(state.tick).toBe(3);
    const rows = variables(level, state);
    expect(rows.every((r) => !r.unknownAhead)).toBe(true);
    const w = rows.find((r) => r.id === 'W')!;
    // W is dropped at 6, the program's end: not before the horizon (6), but nothing is hidden.
    expect([w.status, w.dropInSight]).toEqual(['reserved', true]);
    // X arrives at 5, now in sight.
    expect(rows.find((r) => r.id === 'X')!.status).toBe('waiting');
  });
});

describe('values waiting for a block', () => {
  it('within the lookahead only, soonest first, and the first of them is what m gives a block to', () => {
    const start = playCommands(level, []).state;
    expect(pendingValues(level, start).map((v) => level.values[v]!.id)).toEqual(['L', 'K', 'F', 'S', 'R', 'D', 'Q']);
    expect(nextPending(level, start)).toBe(index('L'));
    // The panel lists them by arrival, then level order: Q, first in the level, comes last.
    expect(variables(level, start).map((r) => r.id)).toEqual(['L', 'K', 'F', 'S', 'R', 'D', 'Q']);
    // L is read at 3, the horizon: not shown yet.
    expect(variables(level, start).find((r) => r.id === 'L')!.nextUse).toBeNull();
    // A block bigger than its value: the row shows the block's size; before any block, the value's.
    const big = playCommands(level, ['malloc L 3']).state;
    expect(variables(level, big).find((r) => r.id === 'L')).toMatchObject({ addr: 1, size: 3 });
    expect(variables(level, big).find((r) => r.id === 'K')).toMatchObject({ addr: null, size: 1 });
    const state = atTick2();
    // Q has its block; W arrives at 3, within sight; X at 5, past it.
    expect(pendingValues(level, state).map((v) => level.values[v]!.id)).toEqual(['W']);
    expect(nextPending(level, state)).toBe(index('W'));
    const all = playCommands(level, [...AT_START, 'step', 'step', 'malloc Q', 'malloc W']).state;
    expect(pendingValues(level, all)).toEqual([]);
    expect(nextPending(level, all)).toBeNull();
  });

  it('allocated values in index order; the next read at or after a tick', () => {
    const state = atTick2();
    // By address the owners are L, K, S, R, Q; by index Q comes first.
    expect(allocatedValues(state)).toEqual(['Q', 'L', 'K', 'S', 'R'].map(index));
    expect(nextUse(level, index('L'), 3)).toBe(3);
    expect(nextUse(level, index('L'), 4)).toBeNull();
    expect(nextUse(level, index('R'), 0)).toBe(4);
  });
});
