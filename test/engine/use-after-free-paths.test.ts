// The use-after-free paths that no other test reaches on their own, each in a verbose run
// (play, with every log line) and a quiet one (replays and scoring, which skip decoding
// when the bytes are as expected): the counts must agree.
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import type { LevelValue } from '../../src/engine/level/schema.js';
import { dispatch, newGame } from '../../src/engine/run/game.js';
import { playCommands } from '../../src/engine/run/headless.js';
import type { RunState } from '../../src/engine/run/state.js';

function level(values: LevelValue[], sets: { tick: number; in: string; field: string; to: string | null }[] = []) {
  return compileLevel({ id: 'test', title: 'Test', memory: 16, ticks: 4, values, sets });
}

function verbose(lv: CompiledLevel, commands: string[]): RunState {
  let g = newGame(lv);
  for (const c of commands) {
    const r = dispatch(g, c);
    if (!r.ok) throw new Error(`"${c}" was refused: ${r.error}`);
    g = r.game;
  }
  return g.state;
}

function quiet(lv: CompiledLevel, commands: string[]): RunState {
  const { state, problems } = playCommands(lv, commands, false);
  expect(problems).toEqual([]);
  return state;
}

describe('a set that points a field at a value already freed', () => {
  // x (1 box, the byte 5) arrives at 0 and is read at 1; at tick 2 the program stores a
  // pointer to x in rec.p. Freeing x after its read (it is still in scope) leaves the set
  // storing a dangling pointer: a use after free, though no byte of x changed.
  const lv = level(
    [
      { id: 'x', value: 5, arrive: 0, uses: [1], drop: 3 },
      { id: 'rec', fields: [{ name: 'p', ref: null }], arrive: 0, uses: [3] },
    ],
    [{ tick: 2, in: 'rec', field: 'p', to: 'x' }],
  );
  const commands = ['malloc x @1', 'malloc rec @2', 'step 2', 'free x', 'step 2', 'free rec', 'end'];

  it('counts one use after free and says what the pointer now leads to', () => {
    const s = verbose(lv, commands);
    expect(s.bugs.useAfterFree).toBe(1);
    // The entry names the freed value and its box (the screens point at them).
    expect(s.log.find((e) => e.kind === 'useAfterFree')).toEqual({
      tick: 2,
      kind: 'useAfterFree',
      text: 'use after free: rec.p now points to x, whose block at 1 was freed',
      value: 'x',
      addr: 1,
    });
  });

  it('counts the same in a quiet run', () => {
    expect(quiet(lv, commands).bugs).toEqual(verbose(lv, commands).bugs);
    expect(quiet(lv, commands).bugs.useAfterFree).toBe(1);
  });

  it('is not counted when the target is still allocated', () => {
    const safe = ['malloc x @1', 'malloc rec @2', 'step 3', 'free x'];
    expect(quiet(lv, safe).bugs.useAfterFree).toBe(0);
  });
});

describe('a read of a freed block whose bytes nobody overwrote', () => {
  // w ("ab", 3 boxes) is read at 1 and 2; freed after tick 1, its boxes still hold "ab\0",
  // so the bytes read are the expected ones: still a use after free.
  const lv = level([{ id: 'w', value: 'ab', arrive: 0, uses: [1, 2] }]);
  const commands = ['malloc w @1', 'step 2', 'free w', 'step 2', 'end'];

  it('is a use after free in a verbose run', () => {
    const s = verbose(lv, commands);
    expect(s.bugs.useAfterFree).toBe(1);
    expect(s.bugs.corruptRead).toBe(0);
    expect(s.log.find((e) => e.kind === 'useAfterFree')?.tick).toBe(2);
  });

  it('is a use after free in a quiet run too', () => {
    const s = quiet(lv, commands);
    expect(s.bugs.useAfterFree).toBe(1);
    expect(s.bugs.corruptRead).toBe(0);
  });
});
