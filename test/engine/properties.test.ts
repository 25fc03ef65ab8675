// Property-based tests (fast-check) over generated levels and random command sequences.
// Bounded runs: the whole file takes a few seconds; the generous timeouts are for slow machines.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import { dispatch, newGame, type Game } from '../../src/engine/run/game.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { firstFit, freeRuns } from '../../src/engine/run/memory.js';
import { metricsOf } from '../../src/engine/scoring/metrics.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { missingBlocks } from '../../src/engine/run/tick.js';
import type { Level } from '../../src/engine/level/schema.js';
import { initialState, type RunState } from '../../src/engine/run/state.js';
import { applyMove } from '../../src/engine/run/moves.js';
import { parseCommand } from '../../src/engine/run/commands.js';
import { generateLevel } from '../support/generate.js';
import { runs } from '../support/runs.js';

/** A small generated level, its shape chosen by fast-check. */
const levelArb: fc.Arbitrary<{ source: Level; level: CompiledLevel }> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    values: fc.integer({ min: 1, max: 14 }),
    // small memories (1-box pointers) mostly, sometimes > 256 boxes (2-box pointers)
    memory: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 16, max: 80 }) },
      { weight: 1, arbitrary: fc.integer({ min: 257, max: 300 }) },
    ),
    ticks: fc.option(fc.integer({ min: 2, max: 12 }), { nil: undefined }),
    lifetime: fc.integer({ min: 1, max: 6 }),
    records: fc.double({ min: 0, max: 0.7, noNaN: true }),
    sets: fc.integer({ min: 0, max: 60 }),
    lookahead: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  })
  .map((o) => {
    const source = generateLevel(o);
    if (o.lookahead !== undefined) source.lookahead = o.lookahead;
    return { source, level: compileLevel(source) };
  });

/** A command chosen without knowing the level; `texts` turns it into typed commands for the game at hand. */
type Abstract =
  | { k: 'next'; size?: number; at?: number } // malloc the first value that needs a block
  | { k: 'fill'; step: boolean } // malloc every value that needs a block, by first fit, and maybe step
  | { k: 'malloc'; v: number; size?: number; at?: number }
  | { k: 'freeLive'; i: number; byId: boolean } // free a block that is allocated now
  | { k: 'freeAddr'; addr: number }
  | { k: 'freeId'; v: number }
  | { k: 'step'; n: number }
  | { k: 'run' }
  | { k: 'undo' }
  | { k: 'end' }
  | { k: 'junk'; text: string };

/** Mostly absent, sometimes present. */
const rarely = <T>(a: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
const sizeArb = fc.integer({ min: 1, max: 9 });
const commandArb: fc.Arbitrary<Abstract> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      { k: fc.constant('next' as const), size: rarely(sizeArb), at: rarely(fc.nat(300)) },
      { requiredKeys: ['k'] },
    ),
  },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('fill' as const), step: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { k: fc.constant('malloc' as const), v: fc.nat(20), size: rarely(sizeArb), at: rarely(fc.nat(300)) },
      { requiredKeys: ['k', 'v'] },
    ),
  },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('freeLive' as const), i: fc.nat(20), byId: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('freeAddr' as const), addr: fc.nat(300) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('freeId' as const), v: fc.nat(20) }) },
  { weight: 8, arbitrary: fc.record({ k: fc.constant('step' as const), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'run' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'end' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('step 0', 'malloc', 'free', 'jump', 'malloc v0 @1 @2', 'free 0', 'run now')
      .map((text) => ({ k: 'junk' as const, text })),
  },
);

function texts(level: CompiledLevel, state: RunState, c: Abstract): string[] {
  const n = level.values.length;
  const at = (a: number | undefined) => (a === undefined ? '' : ` @${a % (level.memory + 2)}`);
  const size = (s: number | undefined) => (s === undefined ? '' : ` ${s}`);
  switch (c.k) {
    case 'next': {
      const v = missingBlocks(level, state)[0] ?? level.values.find((x) => x.arrive >= state.tick)?.index ?? 0;
      return [`malloc ${level.values[v].id}${size(c.size)}${at(c.at)}`];
    }
    case 'fill':
      return [...missingBlocks(level, state).map((v) => `malloc ${level.values[v].id}`), ...(c.step ? ['step'] : [])];
    case 'malloc':
      return [`malloc ${level.values[c.v % n].id}${size(c.size)}${at(c.at)}`];
    case 'freeLive': {
      if (state.blocks.length === 0) return ['free 1'];
      const b = state.blocks[c.i % state.blocks.length];
      return [c.byId ? `free ${level.values[b.owner].id}` : `free ${b.start}`];
    }
    case 'freeAddr':
      return [`free ${c.addr % (level.memory + 2)}`];
    case 'freeId':
      return [`free ${level.values[c.v % n].id}`];
    case 'step':
      return [c.n === 1 ? 'step' : `step ${c.n}`];
    case 'junk':
      return [c.text];
    default:
      return [c.k];
  }
}

/** Memory is consistent: blocks and free runs tile boxes 1..memory-1, tallies agree, variables agree with blocks. */
function memoryProblems(level: CompiledLevel, s: RunState): string[] {
  const problems: string[] = [];
  const cover = new Uint8Array(level.memory);
  let sum = 0;
  s.blocks.forEach((b, i) => {
    if (b.size < 1 || b.start < 1 || b.start + b.size > level.memory)
      problems.push(`block ${b.start}+${b.size} is outside boxes 1..${level.memory - 1}`);
    const prev = s.blocks[i - 1];
    if (prev && prev.start + prev.size > b.start)
      problems.push(`blocks at ${prev.start} and ${b.start} overlap or are out of order`);
    for (let a = b.start; a < b.start + b.size && a < level.memory; a++) cover[a]++;
    sum += b.size;
    const slot = s.variables[b.owner];
    if (slot.addr !== b.start || slot.size !== b.size || slot.freed)
      problems.push(`block at ${b.start} is not what its owner holds`);
  });
  const runs = freeRuns(s.blocks, level.memory);
  runs.forEach((r, i) => {
    if (r.size < 1) problems.push(`empty free run at ${r.start}`);
    const prev = runs[i - 1];
    if (prev && prev.start + prev.size >= r.start)
      problems.push(`free runs at ${prev.start} and ${r.start} are not maximal`);
    for (let a = r.start; a < r.start + r.size; a++) cover[a]++;
  });
  if (cover[0] !== 0) problems.push('box 0 (NULL) is covered');
  for (let a = 1; a < level.memory; a++) if (cover[a] !== 1) problems.push(`box ${a} is covered ${cover[a]} times`);
  if (s.used !== sum) problems.push(`used is ${s.used}, blocks hold ${sum}`);
  if (s.peak < s.used) problems.push(`peak ${s.peak} < used ${s.used}`);
  s.variables.forEach((slot, v) => {
    if (slot.addr !== 0 && !slot.freed && !s.blocks.some((b) => b.start === slot.addr && b.owner === v))
      problems.push(`value ${v} holds ${slot.addr}, which is not its block`);
  });
  for (const p of s.timeline.points())
    if (p.garbage < 0 || p.garbage > p.used || p.used > s.peak)
      problems.push(`bad timeline point ${JSON.stringify(p)}`);
  if (s.tick !== s.timeline.length) problems.push(`tick ${s.tick} but ${s.timeline.length} timeline points`);
  return problems;
}

function checkMemory(level: CompiledLevel, s: RunState): void {
  const problems = memoryProblems(level, s);
  if (problems.length > 0) expect(problems).toEqual([]);
}

const sizeOf = (l: CompiledLevel) => l.values.reduce((n, v) => n + v.size, 0);

/** The last tick that touches each value, worked out from the level file (not from the compiler). */
function lastTouches(source: Level): Map<string, number> {
  const last = new Map<string, number>();
  const touch = (id: string, t: number) => last.set(id, Math.max(last.get(id) ?? -1, t));
  for (const v of source.values) {
    touch(v.id, v.arrive);
    for (const u of v.uses ?? []) touch(v.id, u);
    for (const f of v.fields ?? []) if (typeof f.ref === 'string') touch(f.ref, v.arrive);
  }
  for (const s of source.sets ?? []) {
    touch(s.in, s.tick);
    if (s.to !== null) touch(s.to, s.tick);
  }
  return last;
}

describe('random command sequences through dispatch', () => {
  it('never throw, keep memory consistent, refuse without change, and replay to the same metrics', {
    timeout: 30_000,
  }, () => {
    fc.assert(
      fc.property(levelArb, fc.array(commandArb, { minLength: 1, maxLength: 80, size: 'max' }), ({ level }, cmds) => {
        let g: Game = newGame(level);
        for (const c of cmds) {
          for (const typed of texts(level, g.state, c)) {
            const r = dispatch(g, typed);
            if (!r.ok) {
              if (r.game !== g) expect.fail(`"${typed}" was refused but changed the game`);
              if (!/^\S.*\.$/.test(r.error)) expect.fail(`"${typed}" was refused with "${r.error}", not a sentence`);
            } else g = r.game;
            checkMemory(level, g.state);
            if (g.commands.length !== g.past.length) expect.fail('the replay and the undo stack differ in length');
          }
        }
        const oraclePeak = oracleRun(level).state.peak;
        const m = metricsOf(level, g.state, oraclePeak, null);
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1000);
        expect(m.completed).toBe(g.state.finished && g.state.crash === null);
        if (!m.completed) expect(m.score).toBe(0);
        const replay = playCommands(level, g.commands);
        expect(replay.problems).toEqual([]);
        expect(metricsOf(level, replay.state, oraclePeak, null)).toEqual(m);
        expect(replay.state.bytes).toEqual(g.state.bytes);
      }),
      { numRuns: runs(120) },
    );
  });

  it('undo always gives back the state before the command, down to the boxes', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(levelArb, fc.array(commandArb, { minLength: 1, maxLength: 30, size: 'max' }), ({ level }, cmds) => {
        let g: Game = newGame(level);
        for (const c of cmds) {
          if (c.k === 'undo') continue;
          for (const typed of texts(level, g.state, c)) {
            const before = structuredClone(g.state);
            const r = dispatch(g, typed);
            if (!r.ok) continue;
            const back = dispatch(r.game, 'undo');
            expect(back.ok).toBe(true);
            expect(back.game.state).toEqual(before);
            expect(back.game.commands).toEqual(g.commands);
            g = r.game;
          }
        }
      }),
      { numRuns: runs(60) },
    );
  });
});

describe('the oracle', () => {
  it('never has a bug, never holds garbage, frees each value right after its last touch, and replays exactly', {
    timeout: 30_000,
  }, () => {
    fc.assert(
      fc.property(levelArb, ({ source, level }) => {
        const o = oracleRun(level);
        const m = metricsOf(level, o.state, o.state.peak, null);
        expect(m.bugs).toEqual({ useAfterFree: 0, corruptRead: 0, doubleFree: 0, invalidFree: 0, overflow: 0 });
        expect(m.garbageBoxTicks).toBe(0);
        expect(m.leakedAtEnd).toBe(0);
        expect(o.state.finished).toBe(true);
        if (m.completed) {
          expect(o.state.used).toBe(0);
          expect(m.score).toBe(1000);
          // before each tick t, exactly the values that arrived by t and are still touched at t or later are allocated
          const last = lastTouches(source);
          const want = Array.from({ length: level.ticks }, (_, t) =>
            source.values
              .filter((v) => v.arrive <= t && last.get(v.id)! >= t)
              .reduce((n, v) => n + level.values[level.indexOf.get(v.id)!].size, 0),
          );
          expect(m.timeline.points().map((p) => p.used)).toEqual(want);
        } else {
          // it only ever fails for lack of room: some value arriving next fits nowhere
          expect(m.crash).toBe('oom');
          expect(
            missingBlocks(level, o.state).some(
              (v) => firstFit(o.state.blocks, level.memory, level.values[v].size).addr === null,
            ),
          ).toBe(true);
        }
        // First fit never reaches past 1 + the boxes handed out so far, so when every value fits at
        // once the oracle cannot run out of memory.
        if (sizeOf(level) <= level.usable) expect(m.completed).toBe(true);
        const replay = playCommands(level, o.commands);
        expect(replay.problems).toEqual([]);
        expect(metricsOf(level, replay.state, o.state.peak, null)).toEqual(m);
        checkMemory(level, o.state);
      }),
      { numRuns: runs(300) },
    );
  });

  it('completes exactly when memory reaches past the highest box it uses with room to spare', {
    timeout: 30_000,
  }, () => {
    // First fit places every block where it would in a larger memory, until one fails to fit: so the
    // oracle finishes in a memory of M boxes exactly when M ≥ the highest block end of a roomy run.
    // (Not merely when M - 1 ≥ its peak: first fit fragments, so the highest end can pass the peak.)
    fc.assert(
      fc.property(levelArb, ({ source }) => {
        // the same pointer width as the level, and room for every value at once
        const roomy = { ...source, memory: source.memory <= 256 ? 256 : 1024 };
        const o = oracleRun(compileLevel(roomy));
        expect(o.state.crash).toBeNull();
        const high = highestEnd(compileLevel(roomy), o.commands);
        expect(high).toBeGreaterThanOrEqual(o.state.peak + 1);
        // the smallest memory with the same pointer width
        const least = source.memory > 256 ? 257 : 8;
        const fits = compileLevel({ ...source, memory: Math.max(least, high) });
        expect(oracleRun(fits).state.crash).toBeNull();
        expect(oracleRun(fits).state.peak).toBe(o.state.peak);
        if (high - 1 >= least) {
          expect(oracleRun(compileLevel({ ...source, memory: high - 1 })).state.crash).toBe('oom');
        }
      }),
      { numRuns: runs(150) },
    );
  });
});

/** The highest block end (start + size) a run of these commands ever reaches. */
function highestEnd(level: CompiledLevel, commands: readonly string[]): number {
  const state = initialState(level, false);
  let high = 1;
  for (const c of commands) {
    const p = parseCommand(c);
    if (!p.ok) throw new Error(p.error);
    applyMove(level, state, p.command);
    for (const b of state.blocks) high = Math.max(high, b.start + b.size);
  }
  return high;
}
