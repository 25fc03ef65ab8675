import { describe, expect, it } from 'vitest';
import { compileLevel, type CompiledLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { validateLevel } from '../../../src/engine/level/validate.js';
import { playCommands } from '../../../src/engine/run/headless.js';
import { totalBugs } from '../../../src/engine/run/state.js';
import { oracleRun } from '../../../src/engine/scoring/oracle.js';
import { certifyLevel, certifyLevelJson, parOf, parRun, solveLevel } from '../../../src/engine/solver/par.js';
import { firstFitPlacement, lastTouches, valueSizes } from '../../../src/engine/solver/first-fit.js';
import { checkProgram } from '../../../src/engine/level/validate-program.js';
import { byTick } from '../../../src/engine/level/by-tick.js';
import { perfectPeak } from '../../../src/engine/solver/perfect-timing.js';
import { searchPlacements } from '../../../src/engine/solver/search.js';
import { generateLevel, rng } from '../../support/generate.js';

const level = (json: Partial<Level>): CompiledLevel =>
  compileLevel({ id: 'solver-test', title: 'Solver test', ...json } as Level);

/** First fit puts b right after a; a's hole is then too small for c. b at the high end leaves room. */
const puzzle = (): Partial<Level> => ({
  memory: 8,
  ticks: 3,
  values: [
    { id: 'a', value: 1000, type: 'u16', arrive: 0, uses: [0], drop: 1 },
    { id: 'b', value: 1000, type: 'u16', arrive: 0, uses: [2] },
    { id: 'c', value: 'abcd', arrive: 1, uses: [1], drop: 2 },
  ],
});

/** The puzzle with c one box longer: 8 boxes at tick 1, 7 usable. */
const tooBig = (): Partial<Level> => {
  const p = puzzle();
  p.values![2] = { ...p.values![2], value: 'abcde' };
  return p;
};

describe('the solver', () => {
  it('finishes a puzzle first fit cannot, and its replay is a clean run at the perfect peak', () => {
    const l = level(puzzle());
    expect(oracleRun(l).state.crash).toBe('oom');
    const { search, commands } = solveLevel(l);
    expect(search.status).toBe('finished');
    expect(commands).toContain('malloc b @6');
    const run = playCommands(l, commands!);
    expect(run.problems).toEqual([]);
    expect(run.state.finished && run.state.crash === null && run.state.tick === l.ticks).toBe(true);
    expect(totalBugs(run.state.bugs)).toBe(0);
    expect(run.state.used).toBe(0);
    expect(run.state.peak).toBe(perfectPeak(l));
    expect(perfectPeak(l)).toBe(7);
  });

  it('tries first fit first: low end of each run before its high end, in address order', () => {
    const l = level(puzzle());
    // a@1 b@3 fails for c; b@6 works: a, b (low), c fails, b (high), c = 4 placements.
    const s = searchPlacements(l);
    expect(s).toEqual({ status: 'finished', nodes: 4, placement: [1, 6, 1] });
  });

  it('gives up past its budget, and proves a level impossible when every layout fails', () => {
    const l = level(puzzle());
    expect(searchPlacements(l, 2).status).toBe('exhausted');
    // The puzzle takes 4 placements: a budget of 3 is one short, 4 is enough.
    expect(searchPlacements(l, 3)).toEqual({ status: 'exhausted', nodes: 3 });
    expect(searchPlacements(l, 4)).toMatchObject({ status: 'finished', nodes: 4 });
    const tight = level(tooBig());
    expect(searchPlacements(tight)).toMatchObject({ status: 'impossible', tick: 1, needs: 8 });
  });

  it('never searches a layout twice: two ways to reach the same layout count once', () => {
    // Found by scanning seeds: the search reaches one layout by two paths here, and counting
    // the second (a key that does not undo a value given back) makes it 30 placements.
    const l = compileLevel(generateLevel({ seed: 168, values: 20, memory: 15, lifetime: 1 }));
    expect(searchPlacements(l)).toMatchObject({ status: 'finished', nodes: 28 });
  });

  it('is deterministic', () => {
    const json = generateLevel({ seed: 7, values: 40, memory: 40 });
    const a = searchPlacements(compileLevel(json));
    const b = searchPlacements(compileLevel(structuredClone(json)));
    expect(a).toEqual(b);
  });

  it("its first path is the oracle's: the oracle finishes exactly when the search never steps back", () => {
    let both = 0;
    let solverOnly = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const json = generateLevel({ seed, values: 8 + Math.floor(r() * 30), memory: 12 + Math.floor(r() * 30) });
      const l = compileLevel(json);
      const cert = certifyLevel(l);
      const oracle = oracleRun(l).state;
      const oracleFinished = oracle.crash === null && oracle.finished;
      expect(cert.ok && cert.by === 'oracle').toBe(oracleFinished);
      if (oracleFinished) {
        both++;
        // The par is then the oracle's own replay (no addresses: first fit finds them).
        const par = parOf(l);
        expect(par.ok && par.commands).toEqual(oracleRun(l).commands);
      }
      if (cert.ok && cert.by === 'solver') {
        solverOnly++;
        const par = parOf(l);
        expect(par.ok && par.by).toBe('solver');
        const state = parRun(l)!;
        expect(state.crash).toBe(null);
        expect(state.tick).toBe(l.ticks);
        expect(totalBugs(state.bugs)).toBe(0);
        expect(state.leakedAtEnd).toBe(0);
        expect(state.peak).toBe(perfectPeak(l));
      }
    }
    expect(both).toBeGreaterThan(10);
    expect(solverOnly).toBeGreaterThan(3);
  });
});

/** A small random level, tight enough in memory that first fit runs out on about half the seeds. */
function tightLevel(seed: number, mostValues: number): Level {
  const r = rng(seed);
  return generateLevel({
    seed,
    values: 8 + Math.floor(r() * mostValues),
    memory: 12 + Math.floor(r() * 30),
    sets: Math.floor(r() * 40),
  });
}

describe('first fit straight from the JSON (what validation runs)', () => {
  it("places every value where the search's first path does, and fails exactly when the oracle runs out of memory", () => {
    let finished = 0;
    let failed = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const json = tightLevel(seed, 30);
      const l = compileLevel(json);
      const quick = firstFitPlacement(json);
      // The search's first path, alone: a budget of one placement per arrival.
      const first = searchPlacements(l, l.values.length);
      const oracle = oracleRun(l).state;
      expect(quick !== null).toBe(oracle.crash === null && oracle.finished);
      if (quick) {
        finished++;
        expect(first.status).toBe('finished');
        expect(first.status === 'finished' && first.placement).toEqual(quick);
        expect(Array.from(valueSizes(json))).toEqual(l.values.map((v) => v.size));
        expect(Array.from(lastTouches(json))).toEqual(l.values.map((v) => v.lastTouch));
      } else failed++;
      expect(certifyLevelJson(structuredClone(json))).toEqual(certifyLevel(compileLevel(structuredClone(json))));
    }
    expect(finished).toBeGreaterThan(10);
    expect(failed).toBeGreaterThan(10);
  });

  it('places as the search does when hundreds of blocks are live at once (past the short table, into the index of free runs)', () => {
    for (const seed of [3, 11, 29]) {
      // Two arrivals a tick, each live up to 300 ticks: several hundred blocks, freed out of order.
      const json = generateLevel({ seed, values: 900, memory: 4096, lifetime: 300 });
      const live = new Array<number>(json.ticks + 1).fill(0);
      const last = lastTouches(json);
      json.values.forEach((v, i) => {
        live[v.arrive]! += 1;
        live[last[i]! + 1]! -= 1;
      });
      let most = 0;
      for (let t = 0, now = 0; t < json.ticks; t++) most = Math.max(most, (now += live[t]!));
      expect(most).toBeGreaterThan(300);
      const l = compileLevel(json);
      const quick = firstFitPlacement(json);
      const first = searchPlacements(l, l.values.length);
      expect(first.status).toBe('finished');
      expect(first.status === 'finished' && first.placement).toEqual(quick);
    }
  });

  it("takes validation's facts (last touches, arrivals) and places exactly as it does without them", () => {
    let withSets = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const json = tightLevel(seed, 40);
      const { issues, facts } = checkProgram(json);
      expect(issues.count).toBe(0);
      // Sets and refs move last touches past a value's own last read: the facts must count them.
      expect(Array.from(facts.last ?? [])).toEqual(Array.from(lastTouches(json)));
      expect(facts.arrivals).toEqual(byTick(json.ticks, json.values.length, (i) => json.values[i]!.arrive));
      expect(firstFitPlacement(json, facts)).toEqual(firstFitPlacement(json));
      if ((json.sets ?? []).length > 0) withSets++;
    }
    expect(withSets).toBeGreaterThan(50);
  });

  it('counts a set into the first value, and a set pointing to it, as touching it', () => {
    // Value 0 is read only at tick 0; a set writes into it at tick 3, and one points another record at it at tick 4.
    const json = {
      id: 'touch',
      title: 'Touch',
      memory: 16,
      ticks: 6,
      values: [
        { id: 'r', fields: [{ name: 'p', ref: null }], arrive: 0, uses: [0] },
        { id: 's', fields: [{ name: 'p', ref: null }], arrive: 0, uses: [1] },
      ],
      sets: [
        { tick: 3, in: 'r', field: 'p', to: null },
        { tick: 4, in: 's', field: 'p', to: 'r' },
        { tick: 2, in: 's', field: 'p', to: null },
      ],
    } as Level;
    const { issues, facts } = checkProgram(json);
    expect(issues.count).toBe(0);
    expect(Array.from(facts.last ?? [])).toEqual([4, 4]);
    expect(Array.from(lastTouches(json))).toEqual([4, 4]);
    const written = { ...json, sets: [{ tick: 3, in: 'r', field: 'p', to: null }] } as Level;
    expect(Array.from(checkProgram(written).facts.last ?? [])).toEqual([3, 1]);
  });
});

/**
 * Found by scanning seeds: the values alive at any tick fit in memory, but every layout the
 * search can make leaves some arriving value without a run long enough.
 */
const fragmented = (): Level =>
  ({
    id: 'fragmented',
    title: 'Fragmented',
    memory: 10,
    ticks: 5,
    values: [
      { id: 'v0', value: 79, arrive: 0, uses: [1], drop: 2 },
      { id: 'v1', value: -15225, type: 'i16', arrive: 0, uses: [2], drop: 2 },
      { id: 'v2', value: 2, arrive: 1, uses: [1, 2], drop: 3 },
      { id: 'v3', value: -14193, type: 'i16', arrive: 1, uses: [1, 3], drop: 4 },
      { id: 'v4', value: 'x', arrive: 2, uses: [2, 3], drop: 3 },
      { id: 'v5', value: 'é', type: 'char', arrive: 2, uses: [], drop: 4 },
      { id: 'v6', value: 29, arrive: 3, uses: [3], drop: 5 },
      { id: 'v7', value: 35.375, type: 'f32', arrive: 3, drop: 5 },
      { id: 'v8', value: 'é', type: 'char', arrive: 4, uses: [], drop: 5 },
    ],
  }) as Level;

describe('a level no placement finishes', () => {
  it('with room enough at every tick: every layout was tried, and the sentence says so', () => {
    const l = compileLevel(fragmented());
    expect(perfectPeak(l)).toBeLessThanOrEqual(l.usable);
    expect(searchPlacements(l)).toEqual({ status: 'impossible', nodes: 82 });
    expect(solveLevel(l)).toEqual({ search: { status: 'impossible', nodes: 82 }, commands: null });
    expect(certifyLevel(l)).toEqual({
      ok: false,
      reason: 'impossible',
      nodes: 82,
      error:
        'No placement finishes this level: the solver tried every layout (82 placements) and some arriving value always finds no free run long enough; give it more memory or fewer values alive at once',
    });
    expect(parOf(l)).toEqual(certifyLevel(l));
    expect(parRun(l)).toBeNull();
  });

  it('with too little room at some tick: names the first tick that holds the most', () => {
    const l = level(tooBig());
    expect(certifyLevel(l)).toEqual({
      ok: false,
      reason: 'impossible',
      nodes: 0,
      error:
        'No placement finishes this level: even freed right after their last use, the values alive at tick 1 hold 8 boxes, more than the 7 usable; give it more memory or fewer values alive at once',
    });
    expect(parRun(l)).toBeNull();
    // The same 8 boxes alive again at tick 2 (b, and d in c's place): tick 1 is still named.
    const again = tooBig();
    again.ticks = 4;
    again.values!.push({ id: 'd', value: 'abcde', arrive: 2, uses: [2] } as Level['values'][number]);
    expect(searchPlacements(level(again))).toEqual({ status: 'impossible', nodes: 0, tick: 1, needs: 8 });
    // A later tick that holds more is named instead; the values before it are freed in time.
    const later = tooBig();
    later.ticks = 4;
    later.values!.push({ id: 'd', value: 'abcdef', arrive: 2, uses: [2] } as Level['values'][number]);
    expect(searchPlacements(level(later))).toEqual({ status: 'impossible', nodes: 0, tick: 2, needs: 9 });
  });
});

describe('value sizes and last touches from the JSON', () => {
  it('size a record by its fields, a pointer by the width of an address', () => {
    const json = {
      id: 'sizes',
      title: 'Sizes',
      memory: 300,
      ticks: 2,
      values: [
        { id: 'n', value: 7, type: 'u32', arrive: 0 },
        { id: 'r', fields: [{ ref: 'n' }, { value: 'hi' }, { value: 1, type: 'u16' }], arrive: 1, uses: [1] },
      ],
    } as unknown as Level;
    // Memory past 256 boxes: an address takes 2 boxes.
    expect(Array.from(valueSizes(json))).toEqual([4, 2 + 3 + 2]);
    expect(Array.from(valueSizes(json))).toEqual(compileLevel(json).values.map((v) => v.size));
    // n has no uses: its arrival is its last touch, until r points to it at tick 1.
    expect(Array.from(lastTouches(json))).toEqual([1, 1]);
    expect(Array.from(lastTouches({ ...json, values: [{ ...json.values[0]!, arrive: 1 }] }))).toEqual([1]);
  });
});

describe('validation asks for a par', () => {
  it('refuses a level whose search runs out of budget, saying so', () => {
    // Found by scanning seeds: first fit fails, and 200,000 placements find no way through.
    const json = generateLevel({ seed: 21, values: 120, memory: 48, records: 0, lifetime: 12 });
    const r = validateLevel(json);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        {
          path: '',
          message: expect.stringContaining(
            'First fit runs out of memory, and the solver tried 200,000 placements without finishing the level',
          ),
        },
      ]);
    // Validation searched once; the compiled level's certificate is the same one.
    expect(certifyLevel(compileLevel(json))).toMatchObject({ ok: false, reason: 'exhausted', nodes: 200_000 });
  });

  it('accepts a puzzle the solver finishes, refuses one no placement finishes, with a sentence', () => {
    expect(validateLevel({ id: 'p', title: 'P', ...puzzle() }).ok).toBe(true);
    const r = validateLevel({ id: 'p', title: 'P', ...tooBig() });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        {
          path: '',
          message: expect.stringMatching(
            /^No placement finishes this level: .* at tick 1 hold 8 boxes, more than the 7 usable/,
          ),
        },
      ]);
  });
});
