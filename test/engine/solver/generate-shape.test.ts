// What a generated puzzle promises beyond being solvable: each difficulty's shape (memory,
// ticks, lookahead, arrivals, lifetimes, tightness), the cost of its certificate, the hard
// level's banner, the words it speaks, the variety of its values and reads, and how a seed
// is read. Each is a property over a few dozen seeds; the levels are made once and shared.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIFFICULTIES, type Difficulty, generateLevel, levelFileText } from '../../../src/engine/generate/generate.js';
import { prng } from '../../../src/engine/generate/prng.js';
import { type CompiledLevel, type CompiledValue, compileLevel, countAt } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { certifyLevel } from '../../../src/engine/solver/par.js';
import { perfectPeak } from '../../../src/engine/solver/perfect-timing.js';

/** Each difficulty's shape, as the generator states it: life is the most ticks from arrival to last read. */
const SHAPES = {
  easy: { memory: 24, ticks: 10, lookahead: undefined, arrivals: 2, life: 4, tightness: 0.5 },
  normal: { memory: 40, ticks: 14, lookahead: 4, arrivals: 3, life: 6, tightness: 0.7 },
  hard: { memory: 48, ticks: 16, lookahead: 4, arrivals: 3, life: 9, tightness: 0.8 },
} as const;
/** The most placements a generated level's certificate may take. */
const MAX_NODES = 20_000;
/** The words the banner's text repeats. */
const BANNER_WORDS = 'memory is a row of numbered boxes ';

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);
// A hard level takes many times as long to make as the others, so it has fewer seeds:
// 0 to 19 but 5 and 13 (left out only for taking long), and 40, 41, 52, 62 and 103. Some
// seeds have a first attempt turned down for being too loose (normal 3, 28 and 35, hard 40,
// 41 and 52) or for a certificate that takes too long (hard 6, 14, 62 and 103): with them
// the sample exercises those checks.
const SEEDS: Record<Difficulty, number[]> = {
  easy: upTo(36),
  normal: upTo(36),
  hard: [...upTo(20).filter((seed) => seed !== 5 && seed !== 13), 40, 41, 52, 62, 103],
};

interface Made {
  seed: number;
  json: Level;
  level: CompiledLevel;
}

// Levels are made once per test, not once per file: mutation testing (npm run mutate) runs
// for each mutant only the tests that ran its code, so a test reading levels another test
// made would never be run against the generator's mutants.
const made = new Map<string, Made[]>();
function levels(difficulty: Difficulty): Made[] {
  const key = `${expect.getState().currentTestName}|${difficulty}`;
  let list = made.get(key);
  if (!list) {
    list = SEEDS[difficulty].map((seed) => {
      const json = generateLevel({ seed, difficulty });
      return { seed, json, level: compileLevel(json) };
    });
    made.set(key, list);
  }
  return list;
}
const allValues = () =>
  DIFFICULTIES.flatMap((d) => levels(d).flatMap(({ level }) => level.values.filter((v) => v.id !== 'banner')));
const lastRead = (v: CompiledValue) => v.uses.at(-1);
const bannerOf = (level: CompiledLevel) => level.values.find((v) => v.id === 'banner');
const text = (v: CompiledValue) => String(v.prim!.value);

describe('a generated level has its difficulty’s shape', () => {
  for (const difficulty of DIFFICULTIES) {
    const shape = SHAPES[difficulty];

    it(`${difficulty}: ${shape.memory} boxes, ${shape.ticks} ticks, ${shape.lookahead ?? 'no'} lookahead, the level its file holds, named by its seed`, () => {
      for (const { seed, json } of levels(difficulty)) {
        expect(json.memory).toBe(shape.memory);
        expect(json.ticks).toBe(shape.ticks);
        expect(json.lookahead).toBe(shape.lookahead);
        expect(json.id).toBe(`puzzle-${difficulty}-${seed}`);
        expect(json.title).toContain(String(seed));
        // The level is exactly what its file says: nothing is lost or added by saving it.
        expect(JSON.parse(levelFileText(json))).toStrictEqual(json);
      }
    });

    it(`${difficulty}: perfect timing holds at least ${shape.tightness * 100}% of usable memory at its peak`, () => {
      for (const { level } of levels(difficulty)) {
        expect(perfectPeak(level)).toBeGreaterThanOrEqual(shape.tightness * level.usable);
      }
    });

    it(`${difficulty}: the certificate is ${difficulty === 'hard' ? 'the solver’s' : 'first fit’s'}, found within ${MAX_NODES} placements`, () => {
      for (const { level } of levels(difficulty)) {
        const cert = certifyLevel(level);
        expect(cert.ok && cert.by).toBe(difficulty === 'hard' ? 'solver' : 'oracle');
        expect(cert.nodes).toBeLessThanOrEqual(MAX_NODES);
      }
    });

    it(`${difficulty}: at most ${shape.arrivals} values arrive in a tick, each last read within ${shape.life} ticks of its arrival${difficulty === 'hard' ? ' or with the banner' : ''}`, () => {
      for (const { level } of levels(difficulty)) {
        expect(level.values.length).toBeGreaterThanOrEqual(4);
        for (let t = 0; t < level.ticks; t++)
          expect(countAt(level.program.arrivals, t)).toBeLessThanOrEqual(shape.arrivals);
        const banner = bannerOf(level);
        for (const v of level.values) {
          if (v === banner) continue;
          const last = lastRead(v);
          if (last === undefined) continue;
          // In a hard level a value may instead stay until the banner's last read.
          if (last === banner?.uses.at(-1)) continue;
          expect(last - v.arrive).toBeLessThanOrEqual(shape.life);
        }
      }
    });
  }

  it('hard: some of the values that arrive first stay until the banner has been read', () => {
    const stayers = levels('hard').flatMap(({ level }) =>
      level.values.filter((v) => v.arrive < 5 && lastRead(v) === bannerOf(level)!.uses.at(-1)),
    );
    expect(stayers.length).toBeGreaterThan(0);
  });
});

describe('the banner', () => {
  it('hard: one banner of at least 10 boxes arrives 4 ticks before the end, last read 2 ticks later, and nothing else arrives from then on', () => {
    for (const { level } of levels('hard')) {
      const banners = level.values.filter((v) => v.id === 'banner');
      expect(banners).toHaveLength(1);
      const banner = banners[0]!;
      expect(banner.arrive).toBe(level.ticks - 4);
      expect(lastRead(banner)).toBe(banner.arrive + 2);
      expect(banner.uses.every((t) => t > banner.arrive)).toBe(true);
      expect(banner.size).toBeGreaterThanOrEqual(10);
      expect(banner.size).toBeLessThanOrEqual(level.usable);
      for (const v of level.values) if (v !== banner) expect(v.arrive).toBeLessThan(banner.arrive);
    }
  });

  it('hard: the banner is text, the banner’s words over and over, and the intro names its size', () => {
    for (const { json, level } of levels('hard')) {
      const banner = bannerOf(level)!;
      expect(banner.prim!.type).toBe('string');
      const words = text(banner);
      expect(words.length).toBeGreaterThan(0);
      expect(BANNER_WORDS.repeat(Math.ceil(words.length / BANNER_WORDS.length)).startsWith(words)).toBe(true);
      expect(json.intro).toContain(`${banner.size}-box banner`);
      expect(json.intro).toContain(`needs ${banner.size} boxes in a row`);
    }
  });

  it('easy and normal: no banner', () => {
    for (const difficulty of ['easy', 'normal'] as const)
      for (const { level } of levels(difficulty)) expect(bannerOf(level)).toBeUndefined();
  });
});

describe('the words of a generated level', () => {
  it('value ids are distinct lower-case words, in another order for another seed', () => {
    for (const difficulty of DIFFICULTIES) {
      for (const { level } of levels(difficulty)) {
        const ids = level.values.map((v) => v.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[a-z]{3,}$/);
      }
      expect(new Set(levels(difficulty).map(({ level }) => level.values[0]!.id)).size).toBeGreaterThan(1);
    }
  });

  it('each difficulty has its own intro; only the hard one speaks of a banner', () => {
    const intros = DIFFICULTIES.map((d) => new Set(levels(d).map(({ json }) => json.intro)));
    const [easy, normal] = intros.map((set) => [...set]);
    expect(easy).toHaveLength(1);
    expect(normal).toHaveLength(1);
    for (const intro of [...easy!, ...normal!]) {
      expect(intro!.length).toBeGreaterThan(20);
      expect(intro).not.toMatch(/banner/);
    }
    expect(easy![0]).not.toBe(normal![0]);
    for (const { json } of levels('hard')) expect(json.intro).toMatch(/banner/);
  });

  it('every level has hints, none empty; the hard ones speak of the banner, the others do not', () => {
    for (const difficulty of DIFFICULTIES) {
      for (const { json } of levels(difficulty)) {
        const hints = json.hints ?? [];
        expect(hints.length).toBeGreaterThan(0);
        for (const hint of hints) expect(hint.trim().length).toBeGreaterThan(20);
        expect(hints.some((hint) => hint.includes('banner'))).toBe(difficulty === 'hard');
      }
    }
    // The hard hints also point to the solver's placement.
    expect(levels('hard')[0]!.json.hints!.some((hint) => hint.includes('cubbies solve'))).toBe(true);
  });
});

describe('the values of generated levels', () => {
  it('come in every encoding the plan has for their size, and in no other', () => {
    const kinds = new Map<number, Set<string>>();
    for (const v of allValues()) {
      const set = kinds.get(v.size) ?? new Set<string>();
      set.add(v.prim!.type);
      kinds.set(v.size, set);
    }
    const sorted = Object.fromEntries(
      [...kinds].sort(([a], [b]) => a - b).map(([size, set]) => [size, [...set].sort()]),
    );
    expect(sorted).toEqual({
      1: ['bool', 'u8'],
      2: ['char', 'i16', 'string'],
      3: ['char', 'string'],
      4: ['char', 'i32', 'string'],
      5: ['string'],
      6: ['string'],
      8: ['f64', 'string'],
    });
  });

  it('a text value is the start of its id, padded with dots; numbers take both signs, floats have fractions, booleans both values', () => {
    const values = allValues();
    const ofType = (type: string) => values.filter((v) => v.prim!.type === type).map((v) => v.prim!.value);
    const strings = values.filter((v) => v.prim!.type === 'string');
    for (const v of strings) expect(text(v)).toBe(v.id.slice(0, text(v).length).padEnd(text(v).length, '.'));
    expect(strings.some((v) => text(v).endsWith('.'))).toBe(true);
    for (const type of ['i16', 'i32']) {
      const numbers = ofType(type) as number[];
      expect(numbers.some((n) => n < 0)).toBe(true);
      expect(numbers.some((n) => n > 0)).toBe(true);
    }
    const floats = ofType('f64') as number[];
    expect(floats.some((n) => !Number.isInteger(n))).toBe(true);
    expect(new Set(ofType('bool'))).toEqual(new Set([true, false]));
    const bytes = ofType('u8') as number[];
    expect(new Set(bytes).size).toBeGreaterThan(10);
  });

  it('reads vary: some values are never read, some only as they arrive, some several times with ticks between; none that stays is read as it arrives', () => {
    const values = allValues();
    expect(values.some((v) => v.uses.length === 0)).toBe(true);
    expect(values.some((v) => v.uses.length === 1 && v.uses[0] === v.arrive)).toBe(true);
    expect(values.some((v) => v.uses.length > 1)).toBe(true);
    // Read at some ticks of its life and not at others.
    expect(values.some((v) => v.uses.length > 0 && v.uses.length < lastRead(v)! - v.arrive)).toBe(true);
    for (const v of values) if (lastRead(v)! > v.arrive) expect(v.uses).not.toContain(v.arrive);
  });
});

describe('seeds', () => {
  it('a seed is any whole number folded into 0..4294967295: adding 2^32, negating or adding a fraction gives the same level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (seed, fraction) => {
          const text = levelFileText(generateLevel({ seed, difficulty: 'easy' }));
          expect(generateLevel({ seed, difficulty: 'easy' }).id).toBe(`puzzle-easy-${seed}`);
          for (const other of [seed + 2 ** 32, -seed, seed + fraction, -(seed + fraction), seed + 5 * 2 ** 32])
            expect(levelFileText(generateLevel({ seed: other, difficulty: 'easy' }))).toBe(text);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('the difficulty is normal unless asked', () => {
    expect(generateLevel({ seed: 7 })).toStrictEqual(generateLevel({ seed: 7, difficulty: 'normal' }));
  });
});

describe('prng', () => {
  // mulberry32 as published, written independently: the same seed must give the same
  // numbers on every machine and in every version, or a shared seed would make another level.
  function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
      a |= 0;
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('is mulberry32: the same seed gives the same floats in [0, 1)', () => {
    for (const seed of [0, 1, 42, 0x9e3779b9, 4294967295]) {
      const ours = prng(seed);
      const theirs = mulberry32(seed);
      for (let i = 0; i < 50; i++) {
        const x = ours.next();
        expect(x).toBe(theirs());
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(1);
      }
    }
    expect(prng(-1).next()).toBe(prng(4294967295).next());
  });

  it('int gives every whole number from lo to hi and none outside; pick every element', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 6 }),
        (seed, lo, span) => {
          const r = prng(seed);
          const seen = new Set<number>();
          for (let i = 0; i < 200; i++) {
            const n = r.int(lo, lo + span);
            expect(Number.isInteger(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(lo);
            expect(n).toBeLessThanOrEqual(lo + span);
            seen.add(n);
          }
          expect(seen.size).toBe(span + 1);
          const items = ['a', 'b', 'c', 'd'];
          const picked = new Set(Array.from({ length: 100 }, () => r.pick(items)));
          expect(picked).toEqual(new Set(items));
        },
      ),
      { numRuns: 20 },
    );
  });
});
