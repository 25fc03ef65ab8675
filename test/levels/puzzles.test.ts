// Play that makes you think: a player who mallocs by first fit and frees what the panel
// says is done runs out of memory on the placement puzzles, a player who knows each
// puzzle's idea finishes, and only on the puzzles is the par the solver's.
import { describe, expect, it } from 'vitest';
import { totalBugs } from '../../src/engine/run/state.js';
import { parOf } from '../../src/engine/solver/par.js';
import { botCommands, campaignFiles, loadCampaignLevel, playAndScore, PUZZLES, readSolution } from './campaign.js';

const files = campaignFiles();
const levels = files.map((f) => loadCampaignLevel(f));
const byId = new Map(levels.map((l) => [l.json.id, l.level]));
const load = (id: string) => byId.get(id)!;
/** The solution with the first `from` command replaced by `to`. */
const edit = (commands: readonly string[], from: string, to: string) => {
  const i = commands.indexOf(from);
  if (i < 0) throw new Error(`the solution has no "${from}"`);
  return [...commands.slice(0, i), to, ...commands.slice(i + 1)];
};
const solution = (id: string) => readSolution(id)!.commands;
/** The first command of a replay that was refused, and why: where a changed solution goes wrong. */
const firstRefusal = (id: string, commands: readonly string[]) => playAndScore(load(id), commands).problems[0];

describe('the first-fit bot (first fit, frees each value after its last visible read)', () => {
  const results = levels.map(({ json, level }) => ({ id: json.id, ...playAndScore(level, botCommands(level)) }));

  it('runs out of memory on at least three campaign levels', () => {
    const oom = results.filter((r) => r.metrics.crash === 'oom').map((r) => r.id);
    expect(oom.length).toBeGreaterThanOrEqual(3);
  });

  it.each(PUZZLES)('runs out of memory on the puzzle %s, with no bug before it', (id) => {
    const r = results.find((x) => x.id === id)!;
    expect(r.metrics.crash).toBe('oom');
    expect(r.metrics.stars).toBe(0);
    expect(totalBugs(r.metrics.bugs)).toBe(0);
    expect(r.state.tick).toBeLessThan(load(id).ticks);
  });
});

describe('each puzzle is won by its idea', () => {
  it('room-for-the-photo: user and city at the top leave the photo one run; either one by first fit cuts it', () => {
    const level = load('room-for-the-photo');
    const commands = solution('room-for-the-photo');
    const won = playAndScore(level, commands).metrics;
    expect(won.stars).toBe(3);
    for (const id of ['user', 'city']) {
      const placed = commands.find((c) => c.startsWith(`malloc ${id} @`))!;
      const at = Number(placed.split('@')[1]);
      expect(at + level.values[level.indexOf.get(id)!].size - 1, `${id} ends below the top`).toBeGreaterThan(
        level.memory - 10,
      );
      const refused = firstRefusal('room-for-the-photo', edit(commands, placed, `malloc ${id}`));
      expect(refused?.command, `${id} by first fit`).toBe('malloc photo');
      expect(refused?.error).toMatch(/^Out of memory: photo needs 22 boxes in a row/);
    }
  });

  it('snug-fit: best fit (the smallest hole that holds each block) finishes with three stars', () => {
    const level = load('snug-fit');
    const { metrics, problems } = playAndScore(level, botCommands(level, 'best'));
    expect(problems).toEqual([]);
    expect(metrics.completed).toBe(true);
    expect(metrics.stars).toBe(3);
  });

  it('snug-fit: the tag by first fit nibbles the long hole and a picture finds no room', () => {
    const refused = firstRefusal('snug-fit', edit(solution('snug-fit'), 'malloc tag @18', 'malloc tag'));
    expect(refused?.command).toMatch(/^malloc (sunrise|sunset)$/);
    expect(refused?.error).toMatch(/^Out of memory/);
  });

  it('lean-on-what-stays: best fit is not enough; leaning both blocks on the title finishes, either way round', () => {
    const level = load('lean-on-what-stays');
    expect(playAndScore(level, botCommands(level, 'best')).metrics.crash).toBe('oom');
    const commands = solution('lean-on-what-stays');
    // date at the bottom of its hole (first fit), beside the first draft: the report has no run.
    const refused = firstRefusal('lean-on-what-stays', edit(commands, 'malloc date @11', 'malloc date'));
    expect(refused?.command).toBe('malloc report');
    expect(refused?.error).toMatch(/^Out of memory/);
    // The other way round: author against the title from below, date against it from above.
    const swapped = edit(edit(commands, 'malloc date @11', 'malloc date @18'), 'malloc author', 'malloc author @12');
    const { metrics, problems } = playAndScore(level, swapped);
    expect(problems).toEqual([]);
    expect(metrics.stars).toBe(3);
  });
});

describe('the par', () => {
  // That it earns three stars on every level is par.test.ts; here: who found it.
  it.each(files)("%s: the par is the solver's exactly on the placement puzzles", (file) => {
    const { json, level } = loadCampaignLevel(file);
    const par = parOf(level);
    expect(par.ok && par.by).toBe(PUZZLES.includes(json.id) ? 'solver' : 'oracle');
  });
});
