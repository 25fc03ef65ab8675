// The play screen's model: keys to command texts, without Ink.
import { describe, expect, it } from 'vitest';
import { initialModel, reduce, replayEdit, type KeyInfo, type PlayModel } from '../../src/ui/play/model.js';
import { complete, VERBS } from '../../src/ui/play/complete.js';
import { fixture, play } from './helpers.js';

const hello = fixture('hello.json');
const geo = { perRow: 8, pageRows: 6 };
const key = (m: PlayModel, input: string, k: KeyInfo = {}, source: 'board' | 'line' = 'board') =>
  reduce(m, { type: 'key', input, key: k, geo, source });

describe('play model', () => {
  it('moves the cursor within memory, by boxes and by rows', () => {
    let m = initialModel(hello, false);
    expect(m.cursor).toBe(1);
    m = key(m, 'j');
    expect(m.cursor).toBe(9);
    m = key(m, '', { upArrow: true });
    m = key(m, '', { upArrow: true });
    expect(m.cursor).toBe(0);
    m = key(m, '', { end: true });
    expect(m.cursor).toBe(31);
    m = key(m, 'l');
    expect(m.cursor).toBe(31);
  });

  it('sends every action as a command text through the engine, and keeps the replay', () => {
    let m = initialModel(hello, false);
    m = key(m, 'm');
    m = key(m, ' ');
    m = key(m, 'm');
    expect(m.game.commands).toEqual(['malloc greeting @1', 'step', 'malloc age @4']);
    m = key(m, 'h');
    m = key(m, 'f');
    expect(m.game.commands.at(-1)).toBe('free 4');
    m = key(m, 'u');
    expect(m.game.commands).toEqual(['malloc greeting @1', 'step', 'malloc age @4']);
    expect(m.message?.text).toBe('Took back: free 4');
  });

  it('after the text input submits, its own Enter is dropped but a quick next key still counts', () => {
    let m = initialModel(hello, false);
    m = reduce(m, { type: 'openCommand' });
    m = reduce(m, { type: 'editCommand', text: 'malloc greeting' });
    m = reduce(m, { type: 'submitCommand', fromInput: true });
    // The Enter that submitted reaches the line's key handler too: not a malloc at the cursor.
    const afterEnter = key(m, '', { return: true }, 'line');
    expect(afterEnter.game.commands).toEqual(['malloc greeting']);
    // A Space typed before the screen re-rendered still arrives through the line's handler: it steps.
    const afterSpace = key(m, ' ', {}, 'line');
    expect(afterSpace.game.commands).toEqual(['malloc greeting', 'step']);
  });

  it('a refusal leaves the game as it was and says why', () => {
    const m0 = initialModel(hello, false);
    const m = key(m0, ' ');
    expect(m.game).toBe(m0.game);
    expect(m.message).toEqual({ text: 'Tick 0 needs a block for greeting: malloc it first.', tone: 'error' });
  });

  it('text that arrives at once is taken key by key: `:step` opens the line with step in it, a newline submits', () => {
    let m = initialModel(hello, false);
    m = key(m, ':malloc greeting');
    expect(m.mode).toBe('command');
    expect(m.command).toBe('malloc greeting');
    m = initialModel(hello, false);
    m = key(m, ':malloc greeting @2\r ');
    // The line ran on the newline; the space after it stepped on the board.
    expect(m.game.commands).toEqual(['malloc greeting @2', 'step']);
    expect(m.mode).toBe('board');
  });

  it('a key the text input could not see yet is typed into the line; the Enter the input submitted is not run twice', () => {
    let m = initialModel(hello, false);
    m = key(m, ':');
    m = key(m, 's'); // from the board's handler, still subscribed
    expect(m.command).toBe('s');
    m = reduce(m, { type: 'editCommand', text: 'step' });
    m = reduce(m, { type: 'submitCommand', fromInput: true });
    expect(m.mode).toBe('board');
    m = key(m, '', { return: true }, 'line'); // the same Enter, seen by the line's own handler
    expect(m.game.commands).toEqual([]);
    expect(m.message?.text).toContain('needs a block');
    m = key(m, '', { return: true }, 'line'); // a second Enter: on the board, it mallocs
    expect(m.game.commands).toEqual(['malloc greeting @1']);
  });

  it('an edit from a text input that was just replaced is made again at the end of the line', () => {
    expect(replayEdit('mal', 'malgr', 'malloc ')).toBe('malloc gr');
    expect(replayEdit('mal', 'ma', 'malloc ')).toBe('malloc');
    expect(replayEdit('', 'x', 'step')).toBe('stepx');
    let m = initialModel(hello, false);
    m = key(m, ':');
    m = reduce(m, { type: 'editCommand', text: 'mal', from: { key: m.commandKey, base: '' } });
    const old = { key: m.commandKey, base: m.command };
    m = reduce(m, { type: 'complete' });
    expect(m.command).toBe('malloc ');
    m = reduce(m, { type: 'editCommand', text: 'malg', from: old });
    expect(m.command).toBe('malloc g');
  });

  it('history: up and down walk through earlier lines', () => {
    let m = initialModel(hello, false);
    for (const line of ['malloc greeting @1', 'step']) {
      m = key(m, ':');
      m = reduce(m, { type: 'editCommand', text: line });
      m = reduce(m, { type: 'submitCommand' });
    }
    m = key(m, ':');
    m = key(m, '', { upArrow: true }, 'line');
    expect(m.command).toBe('step');
    m = key(m, '', { upArrow: true }, 'line');
    expect(m.command).toBe('malloc greeting @1');
    m = key(m, '', { upArrow: true }, 'line');
    expect(m.command).toBe('malloc greeting @1');
    m = key(m, '', { downArrow: true }, 'line');
    expect(m.command).toBe('step');
    m = key(m, '', { downArrow: true }, 'line');
    expect(m.command).toBe('');
  });

  it('q asks while a run is in progress; e before the end asks to give up', () => {
    let m = initialModel(hello, false);
    expect(key(m, 'q').leave).toBe(true);
    m = key(m, 'm');
    m = key(m, 'q');
    expect(m).toMatchObject({ mode: 'confirm', confirm: 'quit', leave: false });
    m = key(m, 'n');
    expect(m.mode).toBe('board');
    m = key(m, 'e');
    expect(m).toMatchObject({ mode: 'confirm', confirm: 'giveUp' });
    m = key(m, 'y');
    expect(m.mode).toBe('end');
    expect(m.game.state.crash).toBe('abort');
  });

  it('f on box 0 or a free box says so without sending a command', () => {
    let m = initialModel(hello, false);
    m = key(m, 'h');
    m = key(m, 'f');
    expect(m.message?.text).toContain('Box 0 is NULL');
    m = key(m, 'l');
    m = key(m, 'f');
    expect(m.message?.text).toBe('Box 1 is free: there is no block here to free.');
    expect(m.game.commands).toEqual([]);
  });
});

describe('completion', () => {
  it('completes verbs, then the ids that make sense for the verb', () => {
    expect(VERBS).toEqual(['malloc', 'free', 'step', 'run', 'undo', 'end']);
    const s0 = play(hello, []).state;
    expect(complete('ma', hello, s0)).toEqual({ text: 'malloc ', candidates: [] });
    expect(complete('malloc g', hello, s0)).toEqual({ text: 'malloc greeting ', candidates: [] });
    expect(complete('malloc ', hello, s0).candidates).toEqual(['greeting', 'age', 'user']);
    expect(complete('', hello, s0).candidates).toEqual(VERBS);
    const s1 = play(hello, ['malloc greeting @1', 'malloc age @4']).state;
    expect(complete('free ', hello, s1).candidates).toEqual(['greeting', 'age']);
    expect(complete('free a', hello, s1).text).toBe('free age ');
    expect(complete('step 3', hello, s1)).toEqual({ text: 'step 3', candidates: [] });
    expect(complete('x y z', hello, s1)).toEqual({ text: 'x y z', candidates: [] });
  });
});

describe('play model: honest moves', () => {
  const big = fixture('big.json'); // 256 boxes

  it('PgDn and PgUp scroll the view with the cursor: the cursor keeps its place on the screen', () => {
    let m = initialModel(big, false);
    m = key(m, '', { downArrow: true }); // cursor 9: row 1 of the view, top 0
    expect(m.top).toBe(0);
    m = key(m, '', { pageDown: true });
    expect(m.cursor).toBe(9 + 6 * 8);
    expect(m.top).toBe(6 * 8); // the view moved a page too
    m = key(m, '', { pageDown: true });
    expect((m.cursor - m.top) / 8).toBeCloseTo(1 + 1 / 8); // same row on the screen
    m = key(m, '', { pageUp: true });
    expect(m.top).toBe(6 * 8);
    expect(m.cursor).toBe(9 + 6 * 8);
    // At the end of memory the view stops, the cursor still moves.
    for (let i = 0; i < 10; i++) m = key(m, '', { pageDown: true });
    expect(m.top).toBe(256 - 6 * 8);
    expect(m.cursor).toBeGreaterThanOrEqual(m.top);
  });

  it('m on a box in use moves the cursor to the next free run that fits, and says so', () => {
    let m = initialModel(hello, false);
    m = key(m, 'm'); // greeting at 1..3, cursor at 4
    m = key(m, 'h'); // back on greeting's last box
    const before = m.game.commands.length;
    m = key(m, 'm'); // age needs 1 box: the next free run is 4–31
    expect(m.game.commands.length).toBe(before); // nothing malloc'd yet
    expect(m.cursor).toBe(4);
    expect(m.message?.text).toBe(
      "Box 3 is greeting's: moved to the next free run that holds age (4–31); m again mallocs there.",
    );
    m = key(m, 'm');
    expect(m.game.commands.at(-1)).toBe('malloc age @4');
  });

  it('an unsafe free waits for a yes; n keeps the block, y frees it; a safe free is made at once', () => {
    let m = initialModel(hello, false);
    m = key(m, 'm');
    m = key(m, ' '); // greeting arrived at 1; read at t2, in sight
    m = reduce(m, { type: 'moveTo', addr: 1 });
    m = key(m, 'f');
    expect(m.mode).toBe('confirm');
    expect(m.confirm).toBe('free');
    expect(m.pendingFree?.why).toContain('greeting is read at t2');
    expect(m.game.commands).toEqual(['malloc greeting @1', 'step']);
    const kept = key(m, 'n');
    expect(kept.game.commands).toEqual(['malloc greeting @1', 'step']);
    expect(kept.mode).toBe('board');
    const freed = key(m, 'y');
    expect(freed.game.commands.at(-1)).toBe('free 1');
    // From the command line too.
    let c = reduce(kept, { type: 'openCommand', text: 'free greeting' });
    c = reduce(c, { type: 'submitCommand' });
    expect(c.mode).toBe('confirm');
    // age, after its last read with nothing in sight reading it: no question.
    let s = play(hello, ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 2']);
    let sm: PlayModel = { ...initialModel(hello, false), game: s };
    sm = reduce(sm, { type: 'openCommand', text: 'free age' });
    sm = reduce(sm, { type: 'submitCommand' });
    expect(sm.mode).toBe('board');
    expect(sm.game.commands.at(-1)).toBe('free age');
    s = sm.game;
    expect(s.state.variables[hello.indexOf.get('age')!].freed).toBe(true);
  });
});

describe('play model: the command line across openings', () => {
  it('an edit from the input of a line already submitted does not land in the next line', () => {
    let m = initialModel(hello, false);
    m = reduce(m, { type: 'openCommand' });
    const first = m.commandKey;
    m = reduce(m, { type: 'editCommand', text: 'malloc greeting', from: { key: first, base: '' } });
    m = reduce(m, { type: 'submitCommand', fromInput: true });
    // ":" typed at once: the board opens a new line, and the old input (not re-rendered yet) sees ":" too.
    m = key(m, ':', {}, 'line');
    expect(m.mode).toBe('command');
    m = reduce(m, { type: 'editCommand', text: 'malloc greeting:', from: { key: first, base: 'malloc greeting' } });
    expect(m.command).toBe('');
    // The new line's own input still types.
    m = reduce(m, { type: 'editCommand', text: 's', from: { key: m.commandKey, base: '' } });
    expect(m.command).toBe('s');
  });
});
