// Refused commands carry a code to match and a sentence made from it; nothing changes.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { applyMove } from '../../src/engine/run/moves.js';
import { REFUSAL_CODES, refusalText, type RefusalCode } from '../../src/engine/run/refusals.js';

// a (2 boxes) and b (4 boxes) arrive at 0; c (4 boxes) arrives at 3, past a lookahead of 2.
const lv = compileLevel({
  id: 'refusals',
  title: 'Refusals',
  memory: 8,
  ticks: 4,
  lookahead: 2,
  values: [
    { id: 'a', value: 'a', arrive: 0, uses: [0] },
    { id: 'b', value: 'abc', arrive: 0, uses: [0], drop: 1 },
    { id: 'c', value: 'abc', arrive: 3, uses: [3] },
  ],
});

function playedAfter(commands: string[]): Game {
  let g = newGame(lv);
  for (const c of commands) {
    const r = dispatch(g, c);
    if (!r.ok) throw new Error(`${c} was refused: ${r.error}`);
    g = r.game;
  }
  return g;
}

const CASES: [string[], string, RefusalCode][] = [
  [[], 'malloc', 'badCommand'],
  [[], 'undo', 'nothingToUndo'],
  [[], 'malloc nobody', 'unknownValue'],
  [[], 'free nobody', 'unknownValue'],
  [[], 'malloc c', 'beyondLookahead'],
  [['malloc a'], 'malloc a', 'alreadyHasBlock'],
  [[], 'malloc a 9', 'largerThanMemory'],
  [['malloc a @1'], 'malloc b @2', 'badPlacement'],
  [['malloc a @3'], 'malloc b', 'outOfMemory'],
  [[], 'free 0', 'freeNull'],
  [[], 'free 8', 'noSuchBox'],
  [[], 'free a', 'nothingToFree'],
  [[], 'step', 'needsBlock'],
  [['malloc a', 'malloc b', 'step'], 'malloc a', 'alreadyArrived'],
  [['end'], 'step', 'runOver'],
];

describe('refusals', () => {
  it.each(CASES)('after %j, %s is refused with %s and changes nothing', (before, command, code) => {
    const g = playedAfter(before);
    const r = dispatch(g, command);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.error).toMatch(/^[A-Za-z0-9"].*[.?!]$/);
    expect(r.game).toBe(g);
  });

  it('says out of memory with the sizes, in one sentence for the log and the refusal', () => {
    const g = playedAfter(['malloc a @3']);
    const r = dispatch(g, 'malloc b');
    expect(r.ok ? '' : r.error).toBe('Out of memory: b needs 4 boxes in a row, and the largest free run is 3.');
  });

  it('run tells when the program has ended; a step in the middle says nothing', () => {
    const g = playedAfter(['malloc a', 'malloc b']);
    const step = dispatch(g, 'step');
    expect(step.ok && step.message).toBe(undefined);
    const run = dispatch(g, 'run'); // stops at tick 3 where c needs a block: a sentence says so
    expect(run.ok && run.message).toBe(refusalText({ code: 'needsBlock', tick: 3, ids: ['c'] }));
    const end = dispatch(playedAfter(['malloc a', 'malloc b', 'step', 'free b', 'step 2', 'malloc c']), 'run');
    expect(end.ok && end.message).toBe(refusalText({ code: 'programEnded' }));
  });

  it('a move is never undo: the game undoes, and a move of undo is refused with nothing changed', () => {
    const state = newGame(lv).state;
    const before = structuredClone(state);
    const r = applyMove(lv, state, { kind: 'undo' });
    expect(r).toEqual({ ok: false, code: 'undoNotAMove', error: 'undo is handled by the game, not as a move.' });
    expect(state).toEqual(before);
  });

  it('has a sentence for every code', () => {
    const texts = new Set(
      REFUSAL_CODES.map((code) =>
        refusalText({
          code,
          reason: 'Type a command.',
          id: 'x',
          arrive: 2,
          lookahead: 1,
          addr: 3,
          size: 4,
          usable: 5,
          at: 6,
          problem: 'box 6 is already in use',
          largest: 2,
          memory: 8,
          tick: 1,
          ids: ['x'],
        } as never),
      ),
    );
    expect(texts.size).toBe(REFUSAL_CODES.length);
  });

  it('reports a replay undo with its sentence', () => {
    const { problems } = playCommands(lv, ['malloc a', 'undo']);
    expect(problems).toEqual([{ index: 1, command: 'undo', error: 'A replay does not store undo.' }]);
  });
});
