// Review: the moments of a run rebuilt from checkpoints are exactly the states the run
// had there, for the player's runs and every collector's; events land where they happened.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../src/engine/level/compile.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { dispatch, newGame } from '../../src/engine/run/game.js';
import { parseCommand } from '../../src/engine/run/commands.js';
import type { RunState } from '../../src/engine/run/state.js';
import { missingBlocks } from '../../src/engine/run/tick.js';
import { copyState } from '../../src/engine/run/copy.js';
import {
  MAX_CHECKPOINTS,
  eventMoment,
  momentAtTick,
  momentOfLogEntry,
  openingMoment,
  ownerDifferences,
  parseRunName,
  partnerOrder,
  reviewCollector,
  reviewRun,
  reviewCommands,
  reviewOracle,
} from '../../src/engine/review/index.js';
import { createRuntime } from '../../src/engine/runtime/runtime.js';
import { generateLevel } from '../support/generate.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Level } from '../../src/engine/level/schema.js';
import { runs } from '../support/runs.js';

const levelFile = (p: string) =>
  compileLevel(JSON.parse(readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)), 'utf8')) as Level);

/** Comparable: the boxes as a plain list. */
function plain(s: RunState) {
  return { ...s, bytes: [...s.bytes] };
}

/** The player's run kept whole: every state after each command, `step n` and `run` a state per tick. */
function keepEveryState(level: CompiledLevel, commands: readonly string[]): RunState[] {
  let game = newGame(level);
  const states = [game.state];
  for (const c of commands) {
    const p = parseCommand(c);
    if (!p.ok || p.command.kind === 'undo') continue;
    const cmd = p.command;
    if (cmd.kind === 'step' || cmd.kind === 'run') {
      const n = cmd.kind === 'step' ? cmd.n : level.ticks;
      for (let i = 0; i < n; i++) {
        const r = dispatch(game, 'step');
        if (!r.ok || r.message) {
          if (r.ok) {
            game = r.game;
            states.push(game.state);
          }
          break;
        }
        game = r.game;
        states.push(game.state);
      }
      continue;
    }
    const r = dispatch(game, cmd);
    if (r.ok) {
      game = r.game;
      states.push(game.state);
    }
  }
  return states;
}

/** A collector's run kept whole: a copy of the state at every moment, by the same rule the review uses. */
function keepEveryCollectorState(level: CompiledLevel, name: (typeof COLLECTORS)[number]): RunState[] {
  const rt = createRuntime(level, name, { gaps: true });
  const fp = (s: RunState) => `${s.tick}:${s.work}:${s.used}:${s.log.length}:${s.pauseTicks}`;
  const states = [copyState(rt.state)];
  let seen = fp(rt.state);
  for (let s = rt.next(); s; s = rt.next()) {
    if (s.kind === 'gap') {
      if (fp(rt.state) === seen) continue;
    } else if (!['alloc', 'collect', 'collected', 'oom', 'end'].includes(s.kind)) continue;
    seen = fp(rt.state);
    states.push(copyState(rt.state));
  }
  return states;
}

/** A player's commands for a level, chosen from a seed: mallocs (first fit or at random boxes), frees (some too early), steps, the end. */
function randomCommands(level: CompiledLevel, seed: number): string[] {
  let x = seed >>> 0;
  const rand = () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x / 2 ** 32;
  };
  let game = newGame(level);
  const out: string[] = [];
  const tryCmd = (c: string) => {
    const r = dispatch(game, c);
    if (r.ok) {
      game = r.game;
      out.push(c);
    }
  };
  for (let guard = 0; guard < 200 && !game.state.finished; guard++) {
    const s = game.state;
    const missing = missingBlocks(level, s);
    for (const v of missing)
      tryCmd(
        rand() < 0.3
          ? `malloc ${level.values[v].id} @${1 + Math.floor(rand() * (level.memory - 1))}`
          : `malloc ${level.values[v].id}`,
      );
    if (s.blocks.length > 0 && rand() < 0.4) tryCmd(`free ${s.blocks[Math.floor(rand() * s.blocks.length)].start}`);
    if (game.state.tick >= level.ticks || rand() < 0.05) {
      tryCmd('end');
      break;
    }
    const n = 1 + Math.floor(rand() * 3);
    const before = out.length;
    tryCmd(rand() < 0.1 ? 'run' : n === 1 ? 'step' : `step ${n}`);
    if (out.length === before) {
      tryCmd('end');
      break;
    }
  }
  return out;
}

const smallLevel = fc
  .record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    values: fc.integer({ min: 1, max: 12 }),
    memory: fc.integer({ min: 16, max: 60 }),
    ticks: fc.integer({ min: 2, max: 14 }),
    records: fc.double({ min: 0, max: 0.7, noNaN: true }),
    sets: fc.integer({ min: 0, max: 40 }),
    collector: fc.constantFrom('mark-sweep', 'mark-compact', 'refcount', 'copying' as const),
  })
  .map((o) => compileLevel(generateLevel({ ...o, lifetime: 5 })));

describe('review: moments rebuilt from checkpoints', () => {
  it('the state rebuilt at every moment of a random player run equals the state that run had there', () => {
    fc.assert(
      fc.property(
        smallLevel,
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 5 }),
        (level, seed, spacing) => {
          const commands = randomCommands(level, seed);
          const whole = keepEveryState(level, commands);
          const review = reviewCommands(level, commands, 'you', 'player', { spacing, maxCheckpoints: 3 });
          expect(review.moments.length).toBe(whole.length);
          // Out of order too: backwards, then forwards, so both the checkpoints and the warm cursor are used.
          const order = [...whole.keys()].reverse().concat([...whole.keys()]);
          for (const i of order) expect(plain(review.stateAt(i))).toEqual(plain(whole[i]));
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it('the state rebuilt at every moment of each collector run equals the state that run had there', () => {
    fc.assert(
      fc.property(
        smallLevel,
        fc.constantFrom(...COLLECTORS),
        fc.integer({ min: 1, max: 4 }),
        (level, name, spacing) => {
          const whole = keepEveryCollectorState(level, name);
          const review = reviewCollector(level, name, { spacing, maxCheckpoints: 3 });
          expect(review.moments.length).toBe(whole.length);
          const order = [...whole.keys()].reverse().concat([...whole.keys()]);
          for (const i of order) expect(plain(review.stateAt(i))).toEqual(plain(whole[i]));
          // A runtime standing at a moment goes on to the same end as the run itself.
          const mid = Math.floor(whole.length / 2);
          const rt = review.runtimeAt(mid);
          expect(plain(copyState(rt.state))).toEqual(plain(whole[mid]));
          while (rt.next());
          expect(rt.state.work).toBe(review.final.work);
          expect(rt.state.log.length).toBe(review.final.log.length);
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it("prepares a moment ahead in small slices, and stateAt then hands out that very state, equal to the run's", () => {
    fc.assert(
      fc.property(
        smallLevel,
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (level, seed, picks) => {
          const commands = randomCommands(level, seed);
          const whole = keepEveryState(level, commands);
          const review = reviewCommands(level, commands, 'you', 'player', { spacing: 4, maxCheckpoints: 3 });
          for (const pick of picks) {
            const i = pick % whole.length;
            // Slices interleaved with other moments asked for meanwhile, as keys would.
            let calls = 0;
            while (!review.prepare(i)) {
              calls++;
              expect(calls).toBeLessThan(whole.length + 2);
              if (calls === 1) review.stateAt((i + 1) % whole.length);
            }
            const ready = review.stateAt(i);
            expect(plain(ready)).toEqual(plain(whole[i]));
            expect(review.prepare(i)).toBe(true);
            expect(review.stateAt(i)).toBe(ready);
          }
        },
      ),
      { numRuns: runs(40) },
    );
  });

  it('prepares a moment far from any checkpoint over several slices, each a little replay', () => {
    const level = compileLevel(generateLevel({ seed: 5, values: 60, memory: 96, ticks: 120, lifetime: 6 }));
    const commands = randomCommands(level, 77);
    const whole = keepEveryState(level, commands);
    const review = reviewCommands(level, commands, 'you', 'player', { spacing: 64, maxCheckpoints: 2 });
    expect(review.spacing).toBeGreaterThan(40);
    let most = 0;
    for (const i of [whole.length - 1, Math.floor(whole.length / 2), review.spacing - 1, 1]) {
      let calls = 1;
      while (!review.prepare(i)) calls++;
      most = Math.max(most, calls);
      expect(plain(review.stateAt(i))).toEqual(plain(whole[i]));
    }
    // Far from its checkpoint, a moment takes several slices: no single call replays it all.
    expect(most).toBeGreaterThan(2);
  });

  it('keeps a bounded number of checkpoints on a long run, spaced wider as it grows', () => {
    const level = compileLevel(generateLevel({ seed: 3, values: 400, memory: 200, ticks: 2000, lifetime: 6 }));
    const review = reviewOracle(level);
    expect(review.moments.length).toBeGreaterThan(2000);
    expect(review.checkpoints).toBeLessThanOrEqual(MAX_CHECKPOINTS);
    expect(review.spacing).toBeGreaterThan(16);
    const last = review.moments.length - 1;
    expect(review.stateAt(last).finished).toBe(true);
    expect(review.stateAt(last).log.length).toBe(review.final.log.length);
  });
});

describe('review: events and moving between them', () => {
  const level = levelFile('levels/06-use-after-free.json');
  // The password freed while it is still read: the guess lands in its boxes.
  const commands = [
    'malloc password',
    'malloc username',
    'step',
    'malloc banner',
    'step 2',
    'free username',
    'free password',
    'step',
    'free banner',
    'malloc guess',
    'step 4',
    'free guess',
    'end',
  ];
  const review = reviewCommands(level, commands);

  it('opens on the first bug: the moment right after the tick that read freed boxes', () => {
    const first = openingMoment(review.events);
    const m = review.moments[first];
    expect(m.kind).toBe('tick');
    const bug = review.events.find((e) => e.kind === 'bug')!;
    expect(bug.text).toMatch(/use after free: the program reads password/);
    expect(m.cell).toBe(6);
    expect(m.label).toBe('tick 6 ran');
    expect(review.stateAt(first).log[bug.logIndex!].kind).toBe('useAfterFree');
    // One moment back, the bug has not happened yet.
    expect(review.stateAt(first - 1).bugs.useAfterFree).toBe(0);
    expect(review.stateAt(first).bugs.useAfterFree).toBe(1);
  });

  it('finds the next and previous events, the moment at a tick, and the moment of a log entry', () => {
    // Freeing the password twice as well: a double free, then the use after free.
    const twice = [...commands.slice(0, 9), 'free password', ...commands.slice(9)];
    const review = reviewCommands(level, twice);
    const bugs = review.events.filter((e) => e.kind === 'bug');
    expect(bugs[0].text).toMatch(/double free/);
    expect(bugs.length).toBe(2);
    expect(eventMoment(review.events, 0, 1)).toBe(bugs[0].moment);
    expect(eventMoment(review.events, bugs[0].moment, 1)).toBe(bugs[1].moment);
    expect(eventMoment(review.events, bugs[1].moment, -1)).toBe(bugs[0].moment);
    expect(eventMoment(review.events, bugs[0].moment, -1)).toBeNull();
    const at3 = momentAtTick(review.moments, 3);
    expect(review.moments[at3].tick).toBe(3);
    expect(review.moments[at3 + 1].tick).toBe(4);
    expect(momentOfLogEntry(review.moments, bugs[1].logIndex!)).toBe(bugs[1].moment);
  });

  it('marks the boxes whose owner differs between two runs at the same tick', () => {
    const collector = reviewCollector(level, 'mark-sweep');
    const i = openingMoment(review.events);
    const mine = review.stateAt(i);
    const theirs = collector.stateAt(momentAtTick(collector.moments, review.moments[i].tick));
    const diff = ownerDifferences(level, mine, theirs, 0, level.memory);
    expect(diff.some((d) => d === 1)).toBe(true);
    const same = ownerDifferences(level, mine, mine, 0, level.memory);
    expect(same.every((d) => d === 0)).toBe(true);
  });

  it('marks a collector run pauses with their length, at the start of the collection', () => {
    const pauses = levelFile('levels/15-pauses.json');
    const r = reviewCollector(pauses, pauses.gc.collector);
    const p = r.events.filter((e) => e.kind === 'pause');
    expect(p.length).toBe(r.final.pauses);
    expect(p.reduce((n, e) => n + (e.length ?? 0), 0)).toBe(r.final.pauseTicks);
    expect(r.moments[p[0].moment].kind).toBe('collect');
  });
});

describe('review: runs by name', () => {
  it('reviews the par: the solver’s run where first fit runs out of memory, finished at its last moment', () => {
    const level = levelFile('levels/09-fragmentation.json');
    const oracle = reviewRun(level, 'oracle', undefined);
    const par = reviewRun(level, 'par', undefined);
    expect(par.ok && oracle.ok).toBe(true);
    if (!par.ok || !oracle.ok) return;
    const end = par.review.stateAt(par.review.moments.length - 1);
    expect(end.finished).toBe(true);
    expect(par.review.name).toBe('par');
    // The partner list offers the par right after the oracle.
    expect(partnerOrder(level, 'you', true).slice(0, 3)).toEqual([level.gc.collector, 'oracle', 'par']);
  });

  it('says why a run cannot be reviewed: no run of yours yet, or a name that is not a run', () => {
    const level = levelFile('levels/06-use-after-free.json');
    const you = reviewRun(level, 'you', undefined);
    expect(you.ok).toBe(false);
    if (!you.ok) expect(you.error).toBe('There is no run of yours on use-after-free to review yet.');
    const bad = parseRunName('mine');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^'mine' is not a run; choose you, oracle, par, mark-sweep/);
  });
});
