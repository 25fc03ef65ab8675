// Freeing by address and by name: a live block is freed, a freed one is a double free naming
// whose it was, an address no block starts at is an invalid free; each logged with its value
// and address. Out of memory is logged as well as refused.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { dispatch, type Game } from '../../src/engine/run/game.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { play } from '../ui/helpers.js';

// a, b and c (2 boxes each) arrive at 0 and stay in scope; nothing is garbage.
const lv = compileLevel({
  id: 'frees',
  title: 'Frees',
  memory: 8,
  ticks: 3,
  values: [
    { id: 'a', value: 'a', arrive: 0, uses: [2] },
    { id: 'b', value: 'b', arrive: 0, uses: [2] },
    { id: 'c', value: 'c', arrive: 1 },
  ],
} as Level);

const played = (commands: string[]): Game => play(lv, commands);
const last = (g: Game) => g.state.log.at(-1)!;

describe('free', () => {
  it('by the address of a live block frees it, as by its name', () => {
    const malloced = played(['malloc a @1', 'malloc b @3']);
    expect(last(malloced)).toMatchObject({ kind: 'malloc', value: 'b', addr: 3, text: 'malloc b: 2 boxes at 3' });
    const g = played(['malloc a @1', 'malloc b @3', 'free 3']);
    expect(g.state.blocks.map((b) => b.start)).toEqual([1]);
    expect(g.state.variables[1]).toMatchObject({ addr: 3, freed: true });
    expect(g.state.bugs.doubleFree + g.state.bugs.invalidFree).toBe(0);
    expect(last(g)).toMatchObject({ kind: 'free', value: 'b', addr: 3, text: "free 3: b's block is free again" });
  });

  it("of a freed block's address is a double free that names whose block it was", () => {
    const g = played(['malloc a @1', 'malloc b @3', 'free b', 'free 3']);
    expect(g.state.bugs).toMatchObject({ doubleFree: 1, invalidFree: 0 });
    expect(last(g)).toMatchObject({
      kind: 'doubleFree',
      value: 'b',
      addr: 3,
      text: "double free: the block at 3 (b's) was already freed",
    });
  });

  it('of an address no block starts at is an invalid free, not a double free', () => {
    // a is freed too: its old address is no excuse to call box 6 a double free.
    const g = played(['malloc a @1', 'malloc b @3', 'free 2', 'free a', 'free 6']);
    expect(g.state.bugs).toMatchObject({ doubleFree: 0, invalidFree: 2 });
    expect(last(g)).toMatchObject({ kind: 'invalidFree', addr: 6, text: 'invalid free: no block starts at box 6' });
    expect(last(g).value).toBeUndefined();
  });

  it('by name twice is a double free logged with the value and its old address', () => {
    const g = played(['malloc a @1', 'free a', 'free a']);
    expect(g.state.bugs.doubleFree).toBe(1);
    expect(last(g)).toMatchObject({
      kind: 'doubleFree',
      value: 'a',
      addr: 1,
      text: "double free: a's block at 1 was already freed",
    });
  });

  it('out of memory is refused, and changes nothing: no work counted, nothing logged', () => {
    const full = played(['malloc a @2', 'malloc b @5']); // free runs: 1, 4 and 7, one box each
    const r = dispatch(full, 'malloc c');
    expect(r.ok).toBe(false);
    expect(!r.ok && [r.code, r.error]).toEqual([
      'outOfMemory',
      'Out of memory: c needs 2 boxes in a row, and the largest free run is 1.',
    ]);
    expect(r.game).toBe(full);
    // In a headless run as well: the failed search's work is not counted.
    const before = playCommands(lv, ['malloc a @2', 'malloc b @5']).state;
    const after = playCommands(lv, ['malloc a @2', 'malloc b @5', 'malloc c']).state;
    expect(after.work).toBe(before.work);
    expect(after.log).toEqual(before.log);
  });

  it('of several targets, one refused, changes nothing in a headless run either: blocks, variables, bugs, work, log', () => {
    const setup = ['malloc a @1', 'malloc b @3', 'free b'];
    const before = playCommands(lv, setup, true).state;
    // b's free again is a double free (a bug), then a is freed, then nobody is refused: all of it is taken back.
    const after = playCommands(lv, [...setup, 'free b a nobody'], true);
    expect(after.problems.map((p) => p.error)).toEqual(['There is no value called nobody.']);
    const s = after.state;
    expect(s.blocks).toEqual(before.blocks);
    expect(s.variables).toEqual(before.variables);
    expect(s.bugs).toEqual(before.bugs);
    expect(s.used).toBe(before.used);
    expect(s.work).toBe(before.work);
    expect(s.log).toEqual(before.log);
  });

  it('remembers the blocks held at the peak, up to 256 of them; past that only the peak', () => {
    for (const n of [256, 257]) {
      const many = compileLevel({
        id: 'many',
        title: 'Many',
        memory: 600,
        ticks: 1,
        values: Array.from({ length: n }, (_, k) => ({ id: `v${k}`, value: k % 200, arrive: 0 })),
      } as Level);
      const { state } = playCommands(
        many,
        many.values.map((v) => `malloc ${v.id}`),
      );
      expect(state.peak).toBe(n);
      expect(state.peakHeld === null ? null : state.peakHeld.length).toBe(n === 256 ? 256 : null);
    }
  });
});
