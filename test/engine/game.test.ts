// The reducer: newGame and dispatch, typed or parsed commands, the undo stack, the log.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';
import type { Command } from '../../src/engine/run/commands.js';
import type { RunState } from '../../src/engine/run/state.js';

// a = 7 (u8, 1 box) read at 0, out of scope at 1; r = {p → a, n: 5} (pointer 1 box + u8 = 2 boxes), read at 1.
// At tick 1 the program sets r.p = null.
const lv = compileLevel({
  id: 'game',
  title: 'Game',
  memory: 16,
  ticks: 2,
  values: [
    { id: 'a', value: 7, arrive: 0, uses: [0], drop: 1 },
    {
      id: 'r',
      fields: [
        { name: 'p', ref: 'a' },
        { name: 'n', value: 5 },
      ],
      arrive: 0,
      uses: [1],
    },
  ],
  sets: [{ tick: 1, in: 'r', field: 'p', to: null }],
});

function play(commands: (string | Command)[], from: Game = newGame(lv)): Game {
  let g = from;
  for (const c of commands) {
    const r = dispatch(g, c);
    if (!r.ok) throw new Error(`${JSON.stringify(c)} was refused: ${r.error}`);
    g = r.game;
  }
  return g;
}

const CLEAN = ['malloc a', 'malloc r', 'step', 'step', 'free a', 'free r', 'end'];

describe('newGame', () => {
  it('starts before tick 0 with empty memory and nothing to undo', () => {
    const g = newGame(lv);
    expect(g.level).toBe(lv);
    expect(g.state.tick).toBe(0);
    expect(Array.from(g.state.bytes)).toEqual(new Array(16).fill(0));
    expect(g.state.blocks).toEqual([]);
    expect(g.state.variables).toEqual([
      { addr: 0, size: 0, freed: false, leakNoted: false },
      { addr: 0, size: 0, freed: false, leakNoted: false },
    ]);
    // r's pointer field starts out pointing at a (value index 0)
    expect(g.state.targets).toEqual([[], [0]]);
    expect(g.state).toMatchObject({
      used: 0,
      peak: 0,
      work: 0,
      finished: false,
      crash: null,
      verbose: true,
      log: [],
      timeline: [],
    });
    expect(g.past).toEqual([]);
    expect(g.commands).toEqual([]);
  });
});

describe('dispatch', () => {
  it('logs every event of a played game, in phase order, with the real bytes', () => {
    const g = play(CLEAN);
    expect(g.state.log.map((e) => [e.tick, e.kind, e.text])).toEqual([
      [0, 'malloc', 'malloc a: 1 box at 1'],
      [0, 'malloc', 'malloc r: 2 boxes at 2'],
      // tick 0: arrive (in the level's order), then use
      [0, 'arrive', 'a arrives: 7 written at 1 as [7]'],
      [0, 'arrive', 'r arrives: {p: →1, n: 5} written at 2 as [1 5]'],
      [0, 'use', 'read a at 1: [7] → 7'],
      // tick 1: set, use, drop
      [1, 'set', 'r.p = null ([0])'],
      [1, 'use', 'read r at 2: [0 5] → {p: null, n: 5}'],
      [1, 'drop', 'a goes out of scope'],
      [2, 'free', "free 1: a's block is free again"],
      [2, 'free', "free 2: r's block is free again"],
      [2, 'end', 'Program finished: 0 bugs, 0 boxes never freed.'],
    ]);
    expect(Array.from(g.state.bytes.slice(0, 4))).toEqual([0, 7, 0, 5]);
    // the encoder ring's value at hand: the last read, r, at tick 1, with the bytes found, who wrote them and what they decode to
    expect(g.state.focus).toEqual({ value: 1, tick: 1, read: [0, 5], readFrom: [1, 1], readText: '{p: null, n: 5}' });
  });

  it('takes parsed commands as well as text, and stores canonical text', () => {
    const typed = play(['MALLOC a @0x01', 'malloc   r', 'step 0x2']);
    const parsed = play([
      { kind: 'malloc', id: 'a', at: 1 },
      { kind: 'malloc', id: 'r' },
      { kind: 'step', n: 2 },
    ]);
    expect(typed.commands).toEqual(['malloc a @1', 'malloc r', 'step 2']);
    expect(parsed.commands).toEqual(typed.commands);
    expect(parsed.state).toEqual(typed.state);
  });

  it('reports why a command was refused and hands back the very same game', () => {
    const g = play(['malloc a']);
    const cases: [string, string, string][] = [
      ['', 'Type a command: malloc, free, step, run, undo or end.', 'badCommand'],
      ['malloc', 'malloc needs a value id: malloc <id> [<size>] [@<addr>].', 'badCommand'],
      ['step', 'Tick 0 needs a block for r: malloc it first.', 'needsBlock'],
      ['malloc a', 'a already has a block at 1; free it first to move it.', 'alreadyHasBlock'],
      ['free 5', '', ''], // accepted: an invalid free is a consequence, not a refusal
    ];
    for (const [c, error, code] of cases) {
      const r = dispatch(g, c);
      if (error === '') {
        expect(r.ok).toBe(true);
        continue;
      }
      expect(r).toEqual({ game: g, ok: false, code, error });
    }
  });

  it('gives a message when a step stops early or the program ends', () => {
    const r1 = dispatch(play(['malloc a', 'malloc r']), 'run');
    expect(r1).toMatchObject({ ok: true, message: 'The program has ended: type end to finish.' });
    expect(r1.game.state.tick).toBe(2);
    expect(r1.game.commands.at(-1)).toBe('run');
    const r2 = dispatch(play(['malloc a', 'malloc r']), 'step');
    expect(r2).toMatchObject({ ok: true });
    expect(r2.ok && r2.message).toBeUndefined();
  });

  it('never changes an earlier state: each one stays as it was when it was made', () => {
    const states: RunState[] = [];
    const copies: RunState[] = [];
    let g = newGame(lv);
    for (const c of [...CLEAN.slice(0, -1), 'undo', 'undo', 'free a', 'malloc a @9', 'free r', 'end']) {
      states.push(g.state);
      copies.push(structuredClone(g.state));
      const r = dispatch(g, c);
      g = r.game;
    }
    states.forEach((s, i) => expect(s, `state ${i}`).toEqual(copies[i]));
    // a step made new boxes (and a new record of who wrote them), not a change to the old
    // ones; malloc and free never write a box, so their states share the arrays
    const commands = [...CLEAN.slice(0, -1), 'undo', 'undo', 'free a', 'malloc a @9', 'free r'];
    commands.forEach((c, i) => {
      const [before, after] = [states[i], states[i + 1]];
      if (c === 'undo' || before === after) return;
      expect(after.bytes === before.bytes, c).toBe(!c.startsWith('step'));
      expect(after.writer === before.writer, c).toBe(!c.startsWith('step'));
    });
    // 12 states seen, 9 distinct: two undos went back to states seen before, and 'malloc a @9'
    // (a has arrived already) was refused and left the state as it was
    expect(new Set(states).size).toBe(9);
  });

  it('run, like step, writes new boxes and leaves the state before it as it was: undo gives it back', () => {
    const before = play(['malloc a', 'malloc r']);
    const copy = structuredClone(before.state);
    const after = play(['run'], before);
    // The program ran (both values were written), into boxes of its own.
    expect(after.state.tick).toBeGreaterThan(0);
    expect(after.state.bytes).not.toEqual(copy.bytes);
    expect(after.state.bytes).not.toBe(before.state.bytes);
    expect(after.state.writer).not.toBe(before.state.writer);
    expect(before.state).toEqual(copy);
    expect(play(['undo'], after).state).toEqual(copy);
  });

  it('keeps earlier states cheap: parts a command did not touch are shared', () => {
    const g1 = play(['malloc a', 'malloc r', 'step']);
    const g2 = play(['free 9'], g1); // an invalid free: only the tallies and the log change
    expect(g2.state).not.toBe(g1.state);
    expect(g2.state.blocks).toBe(g1.state.blocks);
    expect(g2.state.variables).toBe(g1.state.variables);
    expect(g2.state.timeline).toBe(g1.state.timeline);
    expect(g2.state.bugs).not.toBe(g1.state.bugs);
    expect(g2.state.bugs.invalidFree).toBe(1);
    expect(g1.state.bugs.invalidFree).toBe(0);
  });

  it('undo pops one command at a time, down to the start', () => {
    let g = play(CLEAN);
    for (let left = CLEAN.length; left > 0; left--) {
      const r = dispatch(g, { kind: 'undo' });
      expect(r).toMatchObject({ ok: true, message: `Took back: ${CLEAN[left - 1]}` });
      g = r.game;
      expect(g.commands).toEqual(CLEAN.slice(0, left - 1));
      expect(g.past).toHaveLength(left - 1);
    }
    expect(g.state).toEqual(newGame(lv).state);
    expect(dispatch(g, 'undo')).toEqual({ game: g, ok: false, code: 'nothingToUndo', error: 'Nothing to undo.' });
  });
});

describe('a read of a record', () => {
  it('decodes a two-box pointer low byte first: 300 is [44 1]', () => {
    // Memory of 512 boxes: a pointer takes two, low byte first. x sits at 300 = 1·256 + 44.
    const wide = compileLevel({
      id: 'wide',
      title: 'Wide',
      memory: 512,
      ticks: 2,
      values: [
        { id: 'x', value: 7, arrive: 0, uses: [1] },
        {
          id: 'rec',
          fields: [
            { name: 'p', ref: 'x' },
            { name: 'n', value: 5 },
          ],
          arrive: 0,
          uses: [1],
        },
      ],
    });
    const g = play(['malloc x @300', 'malloc rec @2', 'step', 'step'], newGame(wide));
    const read = g.state.log.find((e) => e.kind === 'use' && e.value === 'rec');
    expect(read?.text).toBe('read rec at 2: [44 1 5] → {p: →300, n: 5}');
  });
});

describe('undo past the kept states', () => {
  // 260 ticks, one value read every tick: 1 malloc + 260 steps = 261 commands, more than UNDO_STATES.
  const long = compileLevel({
    id: 'long',
    title: 'Long',
    memory: 16,
    ticks: 260,
    values: [{ id: 'x', value: 'ok', arrive: 0, uses: Array.from({ length: 260 }, (_, t) => t) }],
  });

  it('keeps at most UNDO_STATES earlier states, and still undoes every command exactly', async () => {
    const { UNDO_STATES } = await import('../../src/engine/run/game.js');
    let g = newGame(long);
    const states: RunState[] = [g.state];
    for (const c of ['malloc x @3', ...Array.from({ length: 260 }, () => 'step')]) {
      g = play([c], g);
      states.push(g.state);
    }
    expect(g.past.length).toBe(UNDO_STATES);
    for (let i = states.length - 2; i >= 0; i--) {
      const r = dispatch(g, 'undo');
      expect(r.ok).toBe(true);
      g = r.game;
      // The bytes, the log, every tally: the same state whether it was kept or replayed.
      expect(g.state).toEqual(states[i]);
      expect(g.commands.length).toBe(i);
    }
    expect(dispatch(g, 'undo').ok).toBe(false);
  });
});
