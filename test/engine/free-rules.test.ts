// Freeing several targets as one command, and the leak rule: a block whose value went out
// of reach may be freed in the gap right after that tick, never once another tick has run.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { formatCommand, parseCommand } from '../../src/engine/run/commands.js';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { mmu, runMmu } from '../../src/engine/scoring/metrics.js';
import { Timeline } from '../../src/engine/run/timeline.js';
import { scoreRun } from '../../src/engine/scoring/compare.js';
import { runCollector } from '../../src/engine/runtime/index.js';

const level = compileLevel({
  id: 'frees',
  title: 'Frees',
  memory: 16,
  ticks: 4,
  values: [
    { id: 'a', value: 1, type: 'u8', arrive: 0, uses: [0], drop: 1 },
    { id: 'b', value: 'hi', arrive: 0, uses: [0], drop: 1 },
    { id: 'c', value: 2, type: 'u8', arrive: 0, uses: [3] },
  ],
} as Level);

function play(commands: string[]): Game {
  let g = newGame(level);
  for (const c of commands) {
    const r = dispatch(g, c);
    if (!r.ok) throw new Error(`${c}: ${r.error}`);
    g = r.game;
  }
  return g;
}

describe('free with several targets', () => {
  it('parses and prints ids and addresses in order, one target as before', () => {
    const p = parseCommand('free a 0x05 b');
    expect(p.ok && p.command).toEqual({ kind: 'free', targets: [{ id: 'a' }, { addr: 5 }, { id: 'b' }] });
    expect(p.ok && formatCommand(p.command)).toBe('free a 5 b');
    expect(parseCommand('free a').ok && parseCommand('free 12')).toMatchObject({ command: { kind: 'free', addr: 12 } });
    expect(parseCommand('free a ?')).toMatchObject({ ok: false, error: '"?" is neither an address nor a value id.' });
  });

  it('frees each in order as one command: one replay line, one undo', () => {
    const g = play(['malloc a', 'malloc b', 'malloc c', 'step', 'free a b']);
    expect(g.state.blocks.map((b) => b.owner)).toEqual([2]);
    expect(g.commands.at(-1)).toBe('free a b');
    const back = dispatch(g, 'undo');
    expect(back.ok && back.game.state.blocks.length).toBe(3);
    const replayed = playCommands(level, g.commands);
    expect(replayed.problems).toEqual([]);
    expect(replayed.state.blocks).toEqual(g.state.blocks);
  });

  it('is refused whole when one target is, changing nothing, in a replay too', () => {
    const g = play(['malloc a', 'malloc b', 'malloc c', 'step']);
    const r = dispatch(g, 'free a nobody');
    expect(r).toMatchObject({ ok: false, code: 'unknownValue', error: 'There is no value called nobody.' });
    expect(r.game).toBe(g);
    const headless = playCommands(level, ['malloc a', 'malloc b', 'malloc c', 'step', 'free a b nobody']);
    expect(headless.problems).toHaveLength(1);
    expect(headless.state.blocks).toHaveLength(3);
    expect(headless.state.work).toBe(playCommands(level, ['malloc a', 'malloc b', 'malloc c', 'step']).state.work);
  });

  it('a target freed twice in one command is a double free, counted', () => {
    const g = play(['malloc a', 'malloc b', 'malloc c', 'step', 'free a a']);
    expect(g.state.bugs.doubleFree).toBe(1);
  });
});

describe('a leaked block can no longer be freed', () => {
  it('may be freed in the gap right after the tick its value went out of reach', () => {
    // a and b go out of scope in tick 1 (their drop).
    const g = play(['malloc a', 'malloc b', 'malloc c', 'step 2', 'free a', 'free 2']);
    expect(g.state.blocks.map((b) => b.owner)).toEqual([2]);
  });

  it('once a tick ran with it out of reach, free <id> and free <addr> refuse, saying why', () => {
    const g = play(['malloc a', 'malloc b', 'malloc c', 'step 2', 'step']);
    const byId = dispatch(g, 'free a');
    expect(byId).toMatchObject({ ok: false, code: 'leaked' });
    if (!byId.ok)
      expect(byId.error).toBe(
        "Can't free a's block at 1: a was already out of reach when tick 2 ran, so the program holds no pointer to it any more (a leak). Undo to go back to before that tick, when it could still be freed.",
      );
    expect(dispatch(g, 'free 2')).toMatchObject({ ok: false, code: 'leaked' });
    // Undo is the way back: before tick 2 ran, a could still be freed.
    const back = dispatch(g, 'undo');
    expect(back.ok && dispatch(back.game, 'free a').ok).toBe(true);
    // A value still in reach is freed as ever.
    expect(dispatch(g, 'free c').ok).toBe(true);
  });
});

describe('mmu counts the pause that ended in a crash', () => {
  it('a trailing pause lowers the worst window', () => {
    const tl = Timeline.of([0, 0, 0].map(() => ({ used: 0, garbage: 0, pause: 0 })));
    expect(mmu(tl)).toBe(1);
    expect(mmu(tl, 10, 3)).toBe(0.5);
  });

  it("a collector's out-of-memory run reports it", () => {
    const tight = compileLevel({
      id: 'tight',
      title: 'Tight',
      memory: 10,
      ticks: 3,
      values: [
        { id: 'x', value: 'abcd', arrive: 0, uses: [2] },
        { id: 'y', value: 'ab', arrive: 1, uses: [1], drop: 2 },
        { id: 'z', value: 'abcdef', arrive: 2, uses: [2] },
      ],
      gc: { workPerTick: 1 },
    } as Level);
    const state = runCollector(tight, 'mark-sweep');
    expect(state.crash).toBe('oom');
    expect(state.pendingPause).toBeGreaterThan(0);
    expect(scoreRun(tight, state, 'collector').mmu).toBeLessThan(1);
    // what the watch screen shows
    expect(runMmu(state)).toBe(scoreRun(tight, state, 'collector').mmu);
  });
});
