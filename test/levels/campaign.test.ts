// The campaign: every file in levels/ is a valid level that its par finishes (the oracle,
// or on a placement puzzle the solver), with a solution replay that earns three stars
// against the level's default collector, and together they teach the campaign's ideas,
// easy to hard.
import { describe, expect, it } from 'vitest';
import { formatProblems, validateLevelText } from '../../src/engine/level/validate.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { metricsOf } from '../../src/engine/scoring/metrics.js';
import { isExploitable, totalBugs } from '../../src/engine/run/state.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { reviewCommands } from '../../src/engine/review/review.js';
import {
  campaignFiles,
  carelessCommands,
  collectorMetrics,
  defaultCollectorScore,
  loadCampaignLevel,
  oraclePeak,
  PUZZLES,
  playAndScore,
  readLevelText,
  readSolution,
  botCommands,
  solutionPath,
} from './campaign.js';

const files = campaignFiles();

/** The ideas of the campaign, in the order they are taught, with the level teaching each. */
const IDEAS: ReadonlyArray<readonly [idea: string, id: string]> = [
  ['a number in binary, word size', 'numbers-in-binary'],
  ['a character through the encoder ring (UTF-8)', 'encoder-ring'],
  ['strings and the terminator', 'strings-and-terminator'],
  ['malloc and the free list', 'the-free-list'],
  ['puzzle: what stays goes at one end, so what comes and goes leaves one run', 'room-for-the-photo'],
  ['free and the use-after-free trap', 'use-after-free'],
  ['security: a secret read through a stale pointer', 'password-in-the-greeting'],
  ['leaks and out of memory', 'leaks-and-out-of-memory'],
  ['fragmentation: placement matters', 'fragmentation'],
  ['puzzle: the smallest hole that holds a block (best fit) keeps the long holes whole', 'snug-fit'],
  ['puzzle: a block leans on the neighbour that stays, so its leftover boxes join a hole', 'lean-on-what-stays'],
  ['pointers and reachability', 'pointers-and-reachability'],
  ['security: attacker bytes read as a flag', 'stale-login-check'],
  ["cycles: refcount's blind spot", 'cycles'],
  ['pauses: a large live heap', 'pauses'],
  ['the generational hypothesis: most values die young', 'die-young'],
  ['incremental marking: a little at a time', 'a-little-at-a-time'],
  ['finale: a component tree churning', 'component-tree'],
];

/** Sentences in a text: ends of . ! ? followed by a space or the end. */
function sentences(text: string): number {
  return (text.trim().match(/[.!?](?=\s|$)/g) ?? []).length;
}

describe('the campaign folder', () => {
  it('holds at least eighteen levels, numbered 01, 02, … in file order', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    files.forEach((f, i) => {
      expect(f).toMatch(/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.json$/);
      expect(Number(f.slice(0, 2)), f).toBe(i + 1);
    });
  });

  it('has unique ids, each the file name after its number', () => {
    const ids = files.map((f) => JSON.parse(readLevelText(f)).id as string);
    expect(new Set(ids).size).toBe(ids.length);
    files.forEach((f, i) => expect(f).toBe(`${f.slice(0, 2)}-${ids[i]}.json`));
  });

  it('covers the ideas, in the order they are taught', () => {
    const ids = files.map((f) => JSON.parse(readLevelText(f)).id as string);
    const positions = IDEAS.map(([idea, id]) => {
      expect(ids, `no level teaches ${idea} (expected id ${id})`).toContain(id);
      return ids.indexOf(id);
    });
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe.each(files)('%s', (file) => {
  const text = readLevelText(file);

  it('starts with "$schema" pointing at the generated schema', () => {
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(raw)[0]).toBe('$schema');
    expect(raw.$schema).toBe('./schema.json');
  });

  it('validates', () => {
    const checked = validateLevelText(text);
    expect(checked.ok ? '' : formatProblems(file, checked.problems)).toBe('');
  });

  it('has a title, an intro of two or three sentences and one to three hints', () => {
    const { json } = loadCampaignLevel(file);
    expect(json.title.trim()).not.toBe('');
    const intro = json.intro ?? '';
    expect(intro.trim()).not.toBe('');
    expect(sentences(intro), intro).toBeGreaterThanOrEqual(2);
    expect(sentences(intro), intro).toBeLessThanOrEqual(3);
    const hints = json.hints ?? [];
    expect(hints.length).toBeGreaterThanOrEqual(1);
    expect(hints.length).toBeLessThanOrEqual(3);
    for (const h of hints) expect(h.trim()).not.toBe('');
  });

  it('keeps to 256 boxes, so a pointer is one box and the grid fits the screen', () => {
    const { level } = loadCampaignLevel(file);
    expect(level.memory).toBeLessThanOrEqual(256);
    expect(level.ptrWidth).toBe(1);
  });

  it('is finished by the oracle with no bug, unless it is a placement puzzle, where first fit runs out of memory', () => {
    const { json, level } = loadCampaignLevel(file);
    const m = metricsOf(level, oracleRun(level).state, oraclePeak(level), null);
    expect(totalBugs(m.bugs)).toBe(0);
    expect(m.crash).toBe(PUZZLES.includes(json.id) ? 'oom' : null);
    expect(m.completed).toBe(!PUZZLES.includes(json.id));
  });

  it('has a solution replay that earns three stars against the default collector', () => {
    const { json, level } = loadCampaignLevel(file);
    const solution = readSolution(json.id);
    expect(solution, `missing ${solutionPath(json.id)}`).not.toBeNull();
    expect(solution!.level).toBe(json.id);
    const { metrics, problems } = playAndScore(level, solution!.commands);
    expect(problems).toEqual([]);
    expect(metrics.completed).toBe(true);
    expect(totalBugs(metrics.bugs)).toBe(0);
    expect(metrics.leakedAtEnd).toBe(0);
    expect(metrics.score).toBeGreaterThanOrEqual(defaultCollectorScore(level));
    expect(metrics.stars).toBe(3);
  });

  it('is never exploitable under any collector: none frees what the program can still reach', () => {
    const { level } = loadCampaignLevel(file);
    for (const name of COLLECTORS) {
      const m = collectorMetrics(level, name);
      expect(m.security, name).toEqual({ secretsLeaked: 0, attackerReads: 0 });
      expect(isExploitable(m.security), name).toBe(false);
    }
  });

  it('does not give three stars to a player who never frees', () => {
    const { level } = loadCampaignLevel(file);
    const { metrics } = playAndScore(level, carelessCommands(level, null));
    expect(metrics.stars).toBeLessThan(3);
  });
});

/** Each level's own lesson: the trap it sets really springs, and the collectors behave as its intro says. */
describe('the lessons', () => {
  const byId = new Map(files.map((f) => [JSON.parse(readLevelText(f)).id as string, f]));
  const load = (id: string) => loadCampaignLevel(byId.get(id)!).level;
  const solution = (id: string) => readSolution(id)!.commands;
  /** The solution with the first `from` command replaced by `to`. */
  const edit = (commands: string[], from: string, to: string[]) => {
    const i = commands.indexOf(from);
    if (i < 0) throw new Error(`the solution has no "${from}"`);
    return [...commands.slice(0, i), ...to, ...commands.slice(i + 1)];
  };

  it('numbers-in-binary: a u8 is one box, an i16 two, stored lowest byte first', () => {
    const level = load('numbers-in-binary');
    const size = (id: string) => level.values[level.indexOf.get(id)!].size;
    expect(size('age')).toBe(1);
    expect(size('temperature')).toBe(2);
    const { state } = playAndScore(level, ['malloc age @1', 'step', 'malloc temperature @2', 'step']);
    expect([...state.bytes.slice(1, 4)]).toEqual([42, 216, 255]);
  });

  it('encoder-ring: H, é, € and 🦀 take 1, 2, 3 and 4 boxes', () => {
    const level = load('encoder-ring');
    expect(['h', 'e_acute', 'euro', 'crab'].map((id) => level.values[level.indexOf.get(id)!].size)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('strings-and-terminator: a block one box short spills the terminator into the neighbour', () => {
    const level = load('strings-and-terminator');
    const commands = edit(solution('strings-and-terminator'), 'malloc word', ['malloc word 3']);
    const { metrics } = playAndScore(level, commands);
    expect(metrics.bugs.overflow).toBe(1);
    expect(metrics.bugs.corruptRead).toBeGreaterThanOrEqual(1);
    expect(metrics.stars).toBe(1);
  });

  it('the-free-list: never freeing runs out before the watermelon; the merged run holds it', () => {
    const level = load('the-free-list');
    expect(playAndScore(level, carelessCommands(level, null)).metrics.crash).toBe('oom');
    // The watermelon (11 boxes) is larger than any block freed before it (4 or 5 boxes):
    // it fits only in the run that coalescing made of their neighbouring boxes.
    const { state, metrics } = playAndScore(level, solution('the-free-list'));
    expect(metrics.stars).toBe(3);
    const melon = level.values.findIndex((v) => v.id === 'melon');
    const freedBefore = level.values.filter((v) => v.drop <= (level.values[melon]?.arrive ?? 0));
    expect(freedBefore.length).toBeGreaterThan(1);
    for (const v of freedBefore) expect(v.size).toBeLessThan(level.values[melon]?.size ?? 0);
    const block = state.variables[melon];
    expect(block?.addr).toBe(1);
    expect(block?.size).toBe(11);
  });

  it("use-after-free: freeing the password early lets the program read the attacker's guess", () => {
    const level = load('use-after-free');
    // The tempting mistake: free the password, not seen for a while, instead of username.
    // username is then out of reach and never freed: once leaked, it can no longer be.
    const commands = solution('use-after-free')
      .filter((c) => c !== 'free password')
      .map((c) => (c === 'free username' ? 'free password' : c));
    const { metrics, state, problems } = playAndScore(level, commands);
    expect(problems).toEqual([]);
    expect(metrics.bugs.useAfterFree).toBeGreaterThanOrEqual(1);
    expect(metrics.stars).toBe(1);
    const read = state.log.find((e) => e.kind === 'useAfterFree' && e.value === 'password');
    expect(read?.text).toContain('letmein');
  });

  it('password-in-the-greeting: freeing the greeting because it looks done prints the password', () => {
    const level = load('password-in-the-greeting');
    const careless = playAndScore(level, botCommands(level));
    expect(careless.problems).toEqual([]);
    expect(careless.metrics.completed).toBe(true);
    expect(careless.metrics.bugs.useAfterFree).toBeGreaterThanOrEqual(1);
    expect(careless.metrics.security.secretsLeaked).toBeGreaterThanOrEqual(1);
    expect(isExploitable(careless.metrics.security)).toBe(true);
    expect(careless.metrics.stars).toBe(1);
    const leak = careless.state.log.find((e) => e.kind === 'secretsLeaked');
    expect(leak?.text).toBe('secret leaked: the program printed greeting and got "hunter2": the password\'s bytes');
    // The solution keeps the greeting to its end of scope: no hole, and the score to prove it.
    const safe = playAndScore(level, solution('password-in-the-greeting'));
    expect(safe.metrics.security).toEqual({ secretsLeaked: 0, attackerReads: 0 });
    expect(careless.metrics.score).toBeLessThanOrEqual(safe.metrics.score - 400);
  });

  it('stale-login-check: freeing the session at logout lets the attacker answer the admin check', () => {
    const level = load('stale-login-check');
    const careless = playAndScore(level, botCommands(level));
    expect(careless.problems).toEqual([]);
    expect(careless.metrics.completed).toBe(true);
    expect(careless.metrics.bugs.useAfterFree).toBeGreaterThanOrEqual(1);
    expect(careless.metrics.security.attackerReads).toBeGreaterThanOrEqual(1);
    expect(isExploitable(careless.metrics.security)).toBe(true);
    expect(careless.metrics.stars).toBe(1);
    const hole = careless.state.log.find((e) => e.kind === 'attackerReads');
    expect(hole?.tick).toBe(8);
    expect(hole?.text).toContain("session.isAdmin read true from msg's bytes: the attacker is admin");
    const safe = playAndScore(level, solution('stale-login-check'));
    expect(safe.metrics.security).toEqual({ secretsLeaked: 0, attackerReads: 0 });
  });

  it("stale-login-check: the review marks the attacker's read as a security event at tick 8, after its use after free", () => {
    const level = load('stale-login-check');
    const review = reviewCommands(level, botCommands(level));
    const marks = review.events.filter((e) => e.kind === 'bug' || e.kind === 'security');
    expect(marks.map((e) => [e.kind, e.cell])).toEqual([
      ['bug', 8],
      ['security', 8],
    ]);
    expect(marks[1].text).toContain('the attacker is admin');
    expect(reviewCommands(level, solution('stale-login-check')).events.some((e) => e.kind === 'security')).toBe(false);
  });

  it('leaks-and-out-of-memory: a player who never frees runs out of memory', () => {
    const level = load('leaks-and-out-of-memory');
    const { metrics } = playAndScore(level, carelessCommands(level, null));
    expect(metrics.crash).toBe('oom');
    expect(metrics.stars).toBe(0);
  });

  it('fragmentation: mark-sweep runs out of memory, mark-compact finishes', () => {
    const level = load('fragmentation');
    expect(level.gc.collector).toBe('mark-sweep');
    expect(collectorMetrics(level, 'mark-sweep').crash).toBe('oom');
    const compact = collectorMetrics(level, 'mark-compact');
    expect(compact.completed).toBe(true);
  });

  it('fragmentation: freeing on time but by first fit in the wrong places fails; packing succeeds', () => {
    const level = load('fragmentation');
    // Freeing each code when its variable goes out of scope, one tick late, by first fit: holes.
    expect(playAndScore(level, carelessCommands(level, 0)).metrics.completed).toBe(false);
    // The same frees, with the tiles packed at the bottom and the codes taking turns at the top.
    const tiles = ['sea', 'elm', 'ice', 'mud', 'sky', 'fir', 'oak'];
    const packed: string[] = [];
    tiles.forEach((tile, i) => {
      if (i >= 2) packed.push(`free raw${i - 1}`);
      packed.push(`malloc raw${i + 1} @${i % 2 === 0 ? 60 : 56}`, `malloc ${tile} @${1 + 4 * i}`, 'step');
    });
    packed.push('free raw6', 'malloc world', 'step', 'free raw7', 'step');
    packed.push(...tiles.map((t) => `free ${t}`), 'free world', 'step', 'end');
    const { metrics, problems } = playAndScore(level, packed);
    expect(problems).toEqual([]);
    expect(metrics.completed).toBe(true);
    expect(metrics.stars).toBeGreaterThanOrEqual(2);
  });

  it('pointers-and-reachability: freeing name when its variable goes out of scope is a use-after-free', () => {
    const level = load('pointers-and-reachability');
    const { metrics } = playAndScore(level, carelessCommands(level, 0));
    expect(metrics.bugs.useAfterFree).toBeGreaterThanOrEqual(1);
    expect(metrics.stars).toBe(1);
  });

  it('cycles: refcount never frees the two unbroken cycles; a tracing collector does', () => {
    const level = load('cycles');
    expect(level.gc.collector).toBe('refcount');
    const size = (id: string) => level.values[level.indexOf.get(id)!].size;
    const rc = collectorMetrics(level, 'refcount');
    expect(rc.completed).toBe(true);
    expect(rc.leakedAtEnd).toBe(size('menu') + size('item') + size('tab') + size('panel'));
    expect(collectorMetrics(level, 'mark-sweep').leakedAtEnd).toBe(0);
  });

  it('pauses: mark-sweep stops the program for long pauses over the live cache', () => {
    const level = load('pauses');
    expect(level.gc.collector).toBe('mark-sweep');
    const ms = collectorMetrics(level, 'mark-sweep');
    expect(ms.completed).toBe(true);
    expect(ms.longestPause).toBeGreaterThanOrEqual(10);
    expect(ms.mmu).toBe(0);
  });

  it("die-young: generational's pauses are under half of mark-compact's longest, and it never leaks", () => {
    const level = load('die-young');
    expect(level.gc.collector).toBe('generational');
    const gen = collectorMetrics(level, 'generational');
    const mc = collectorMetrics(level, 'mark-compact');
    expect(gen.completed).toBe(true);
    expect(mc.completed).toBe(true);
    expect(gen.longestPause * 2).toBeLessThan(mc.longestPause);
    // Short and frequent: more pauses than mark-compact's.
    expect(gen.pauses).toBeGreaterThan(mc.pauses);
    expect(gen.leakedAtEnd).toBe(0);
  });

  it("a-little-at-a-time: incremental's longest pause is under half of mark-sweep's, with a higher mmu, paid in work", () => {
    const level = load('a-little-at-a-time');
    expect(level.gc.collector).toBe('incremental');
    const inc = collectorMetrics(level, 'incremental');
    const ms = collectorMetrics(level, 'mark-sweep');
    expect(inc.completed).toBe(true);
    expect(ms.completed).toBe(true);
    expect(inc.longestPause * 2).toBeLessThan(ms.longestPause);
    expect(inc.mmu).toBeGreaterThan(ms.mmu);
    expect(inc.work).toBeGreaterThan(ms.work);
    expect(inc.garbageBoxTicks).toBeGreaterThan(ms.garbageBoxTicks);
  });

  it('component-tree: freeing a component when its variable goes out of scope breaks the render', () => {
    const level = load('component-tree');
    expect(level.source.sets?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(playAndScore(level, carelessCommands(level, 0)).metrics.bugs.useAfterFree).toBeGreaterThan(0);
    expect(playAndScore(level, carelessCommands(level, null)).metrics.crash).toBe('oom');
  });
});
