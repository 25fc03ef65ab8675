// Generated puzzles: a fresh level from a seed, built from a planned solution. The plan
// places every block by hand (a random free run, a random end of it) with perfect timing,
// so a placement that finishes the level exists; the level is then kept only when the
// solver certifies it and it is as hard as asked: `easy` and `normal` are finished by
// first fit, `hard` defeats first fit (near the end a long value needs a run that only a
// careful placement keeps free). The same seed and difficulty give the same level.
import { compileLevel } from '../level/compile.js';
import type { Level, LevelValue } from '../level/schema.js';
import { validateLevel } from '../level/validate.js';
import { certifyLevel } from '../solver/par.js';
import { perfectPeak } from '../solver/perfect-timing.js';
import { prng, type Prng } from './prng.js';

import { DIFFICULTIES, type Difficulty } from '../vocabulary.js';
import { nth } from '../invariant.js';

export { DIFFICULTIES, type Difficulty };

export interface GenerateOptions {
  /** Any whole number from 0 to 4294967295. */
  seed: number;
  difficulty?: Difficulty;
}

interface Shape {
  memory: number;
  ticks: number;
  lookahead?: number;
  arrivals: [number, number];
  /** Ticks from arrival to last use. */
  life: [number, number];
  /** Share of usable memory perfect timing must hold at its peak, at least. */
  tightness: number;
}

const SHAPES: Record<Difficulty, Shape> = {
  easy: { memory: 24, ticks: 10, arrivals: [1, 2], life: [0, 4], tightness: 0.5 },
  normal: { memory: 40, ticks: 14, lookahead: 4, arrivals: [1, 3], life: [0, 6], tightness: 0.7 },
  hard: { memory: 48, ticks: 16, lookahead: 4, arrivals: [1, 3], life: [0, 9], tightness: 0.8 },
};

/** Attempts before settling for a level that is merely valid (never reached in practice). */
const ATTEMPTS = 400;
/** Placements the solver may need to certify a generated level. */
const MAX_NODES = 20_000;

const WORDS = [
  'apple',
  'bread',
  'cloud',
  'daisy',
  'ember',
  'fern',
  'grape',
  'hazel',
  'iris',
  'jade',
  'kiwi',
  'lemon',
  'mango',
  'nutmeg',
  'olive',
  'peach',
  'quill',
  'river',
  'sage',
  'thyme',
  'umber',
  'violet',
  'willow',
  'yarrow',
  'zinnia',
  'acorn',
  'basil',
  'cedar',
  'dune',
  'elm',
  'flint',
  'garnet',
  'heron',
  'ivy',
  'juniper',
  'kelp',
  'lark',
  'moss',
  'nettle',
  'oak',
  'pine',
  'quartz',
  'reed',
  'slate',
  'tulip',
  'vale',
  'wren',
  'yew',
];
const CHARS = { 2: ['é', 'ß', 'ñ'], 3: ['€', '→', '☃'], 4: ['🦀', '🌵', '🍋'] } as const;

interface Planned {
  id: string;
  arrive: number;
  /** The last tick that reads it. */
  last: number;
  size: number;
  start: number;
  big: boolean;
}

/** A level from a seed, certified by the solver. Pure: the same options give the same level. */
export function generateLevel(options: GenerateOptions): Level {
  const difficulty = options.difficulty ?? 'normal';
  const seed = Math.floor(Math.abs(options.seed)) % 4294967296;
  let fallback: Level | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const r = prng(mixSeed(seed, DIFFICULTIES.indexOf(difficulty), attempt));
    const level = build(r, seed, difficulty);
    if (!level || !validateLevel(level).ok) continue;
    fallback ??= level;
    const compiled = compileLevel(level);
    const cert = certifyLevel(compiled);
    // A certificate that took the search long to find would make the title screen wait.
    if (!cert.ok || cert.nodes > MAX_NODES) continue;
    if (perfectPeak(compiled) < SHAPES[difficulty].tightness * compiled.usable) continue;
    if ((difficulty === 'hard') === (cert.by === 'solver')) return level;
  }
  return fallback ?? build(prng(seed), seed, 'easy')!;
}

/** The level as its file: 2-space JSON and a final newline, the same bytes for the same level. */
export function levelFileText(level: Level): string {
  return `${JSON.stringify(level, null, 2)}\n`;
}

function mixSeed(seed: number, difficulty: number, attempt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(difficulty + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x27d4eb2f) ^ Math.imul(attempt + 1, 0x165667b1);
  return (h ^ (h >>> 13)) >>> 0;
}

/** The free list while planning: maximal free runs [start, end), in address order. */
type Runs = [number, number][];

/** The runs with boxes [start, start+size) taken out. */
function takeRun(gaps: Runs, start: number, size: number): Runs {
  const next: Runs = [];
  for (const [s, e] of gaps) {
    if (start >= e || start + size <= s) next.push([s, e]);
    else {
      if (s < start) next.push([s, start]);
      if (start + size < e) next.push([start + size, e]);
    }
  }
  return next;
}

/** The runs with p's boxes given back, coalesced with their neighbours. */
function giveRun(gaps: Runs, p: Planned): Runs {
  const all: Runs = [...gaps, [p.start, p.start + p.size]];
  all.sort((a, b) => a[0] - b[0]);
  const merged: Runs = [];
  for (const g of all) {
    const top = merged[merged.length - 1];
    if (top && top[1] === g[0]) top[1] = g[1];
    else merged.push([g[0], g[1]]);
  }
  return merged;
}

function build(r: Prng, seed: number, difficulty: Difficulty): Level | null {
  const plan = planSolution(r, difficulty);
  if (plan === null || plan.length < 4) return null;
  return puzzleLevel(r, seed, difficulty, plan);
}

/** The planned solution: each value's arrival, last tick, size and the place where it fits; null when the banner finds no room. */
function planSolution(r: Prng, difficulty: Difficulty): Planned[] | null {
  const shape = SHAPES[difficulty];
  const { memory, ticks } = shape;
  let gaps: Runs = [[1, memory]];
  const live: Planned[] = [];
  const plan: Planned[] = [];
  const names = shuffled(r, WORDS);
  const bigAt = difficulty === 'hard' ? ticks - 4 : -1;

  for (let t = 0; t < ticks; t++) {
    for (let i = live.length - 1; i >= 0; i--) {
      if (nth(live, i).last < t) {
        gaps = giveRun(gaps, nth(live, i));
        live.splice(i, 1);
      }
    }
    if (t === bigAt) {
      const [s, e] = gaps.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a), [0, 0]);
      if (e - s < 10) return null;
      const p: Planned = { id: 'banner', arrive: t, last: t + 2, size: e - s, start: s, big: true };
      gaps = takeRun(gaps, s, p.size);
      live.push(p);
      plan.push(p);
      continue;
    }
    if (t > bigAt && bigAt >= 0) continue;
    const arrivals = r.int(shape.arrivals[0], shape.arrivals[1]);
    for (let a = 0; a < arrivals; a++) {
      const size = r.pick([1, 1, 2, 2, 3, 4, 4, 5, 6, 8]);
      const fits = gaps.filter(([s, e]) => e - s >= size);
      if (fits.length === 0) break;
      const [s, e] = r.pick(fits);
      const start = r.next() < 0.5 ? s : e - size;
      // In a hard level, the values that arrive first tend to stay: they are the ones first fit scatters.
      const longLived = difficulty === 'hard' && r.next() < 0.35;
      const life = longLived ? bigAt + 2 - t : r.int(shape.life[0], shape.life[1]);
      const last = Math.min(ticks - 1, t + life);
      const p: Planned = { id: names[plan.length] ?? `v${plan.length}`, arrive: t, last, size, start, big: false };
      gaps = takeRun(gaps, start, size);
      live.push(p);
      plan.push(p);
    }
  }
  return plan;
}

/** The level around a planned solution: its values, title, intro and hints. */
function puzzleLevel(r: Prng, seed: number, difficulty: Difficulty, plan: Planned[]): Level {
  const { memory, ticks, lookahead } = SHAPES[difficulty];
  const values = plan.map((p) => plannedValue(r, p, ticks));
  const title = `Puzzle ${seed} (${difficulty})`;
  const banner = plan.find((p) => p.big);
  const intro =
    difficulty === 'easy'
      ? 'A generated puzzle. Each value arrives, is read, and is done: free it right after its last read, and memory is enough for the rest.'
      : difficulty === 'normal'
        ? 'A generated puzzle with little room to spare. You see only a few ticks ahead: free each value as soon as its last read has run, or the next arrival may find no room.'
        : `A generated puzzle that first fit cannot finish: later on a ${banner!.size}-box banner arrives and needs ${banner!.size} boxes in a row. Place the values before it so that a run that long is free when it comes (it shows in the program ahead once it is in sight).`;
  const hints =
    difficulty === 'hard'
      ? [
          'Values that stay until the banner arrives should sit together, at one end of memory.',
          'Short-lived values can reuse the same few boxes: put them where the long-lived ones are not.',
          '`cubbies solve` on this level prints a placement that works (the par).',
        ]
      : ['A value can be freed in the gap right after the tick of its last read.'];
  return {
    id: `puzzle-${difficulty}-${seed}`,
    title,
    intro,
    hints,
    memory,
    ticks,
    ...(lookahead !== undefined ? { lookahead } : {}),
    values,
  };
}

function plannedValue(r: Prng, p: Planned, ticks: number): LevelValue {
  const uses: number[] = [];
  for (let t = p.arrive; t < p.last; t++) if (t > p.arrive && r.next() < 0.3) uses.push(t);
  if (p.last > p.arrive || r.next() < 0.7) uses.push(p.last);
  const drop = Math.min(ticks, p.last + 1 + r.int(0, 2));
  const timing = { arrive: p.arrive, uses, drop };
  if (p.big) return { id: p.id, value: bannerText(p.size - 1), ...timing };
  const kind = r.int(0, 2);
  if (kind === 0 && p.size > 1)
    return { id: p.id, value: p.id.slice(0, p.size - 1).padEnd(p.size - 1, '.'), ...timing };
  switch (p.size) {
    case 1:
      return r.next() < 0.3
        ? { id: p.id, value: r.next() < 0.5, ...timing }
        : { id: p.id, value: r.int(0, 255), type: 'u8', ...timing };
    case 2:
      return kind === 1
        ? { id: p.id, value: r.pick(CHARS[2]), type: 'char', ...timing }
        : { id: p.id, value: r.int(-30000, 30000), type: 'i16', ...timing };
    case 3:
      return { id: p.id, value: r.pick(CHARS[3]), type: 'char', ...timing };
    case 4:
      return kind === 1
        ? { id: p.id, value: r.pick(CHARS[4]), type: 'char', ...timing }
        : { id: p.id, value: r.int(-2000000, 2000000), type: 'i32', ...timing };
    case 8:
      return { id: p.id, value: r.int(1, 99999) / 8, type: 'f64', ...timing };
    default:
      return { id: p.id, value: p.id.slice(0, p.size - 1).padEnd(p.size - 1, '.'), ...timing };
  }
}

function bannerText(length: number): string {
  const words = 'memory is a row of numbered boxes ';
  let s = '';
  while (s.length < length) s += words;
  return s.slice(0, length);
}

function shuffled<T>(r: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    const held = nth(out, i);
    out[i] = nth(out, j);
    out[j] = held;
  }
  return out;
}
