// The shipped bundle patches Ink's Output (src/bundle-options.mjs) to keep its work from
// one frame to the next. A patched Output must draw every frame exactly as Ink's own:
// random frames of styled, overlapping, partly repeated writes, drawn by both, in turn.
// And the texts Ink lays out are measured by a patched widest-line and a bounded
// measure-text: the same widths as their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import chalk from 'chalk';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module shared with src/build.mjs, without types
import { bundleOptions } from '../../src/bundle-options.mjs';

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((s: string, index: number) => string)[] }): void;
  get(): { output: string; height: number };
}
type OutputClass = new (size: { width: number; height: number }) => OutputLike;

const dir = mkdtempSync(join(tmpdir(), 'cubbies-ink-output-'));
const outputJs = join(createRequire(import.meta.url).resolve('ink'), '..', 'output.js');

async function bundledModule<T>(name: string, contents: string, plugins: unknown[]): Promise<T> {
  const outfile = join(dir, `${name}.mjs`);
  const stdin = { contents, resolveDir: join(outputJs, '..'), loader: 'js' as const };
  await build({ ...bundleOptions, stdin, outfile, plugins, logLevel: 'silent' });
  return ((await import(pathToFileURL(outfile).href)) as { default: T }).default;
}

/** Ink's Output, or widest-line and measure-text as Ink imports them: with the bundle's patches, or without. */
const bundled = (name: string, plugins: unknown[]) =>
  bundledModule<OutputClass>(name, "export { default } from './output.js';", plugins);
type WidestLine = (text: string) => number;
type MeasureText = (text: string) => { width: number; height: number };

const STYLES = [
  (s: string) => s,
  chalk.dim,
  chalk.bold,
  chalk.cyan,
  chalk.inverse,
  (s: string) => chalk.bold(chalk.magentaBright(s)),
  (s: string) => chalk.inverse(chalk.bold(chalk.dim(s))),
];

/**
 * Text as the screens write it (letters, box drawing, signs), and what they never do but
 * Ink must still draw as it does: wide and combining characters, emoji with their
 * selectors and modifiers, tabs, escapes that are no style, compound and 256-colour codes,
 * resets, a link.
 */
const PLAIN = fc.stringMatching(/^[a-z ─│~≠∅▶✖·…]{0,5}$/);
const ODD_TEXTS = [
  '漢',
  '⌚',
  '✅',
  'é',
  'e\u0301',
  '❤️',
  '👍🏽',
  '🇫🇷',
  '\t',
  '\u200d',
  '\u001b[x',
  '\u001b[1xm',
  '\u001b[1;31m',
  '\u001b[38;5;208m',
  '\u001b[0m',
  '\u001b[m',
  '\u001b[22m',
  '\u001b]8;;https://x.y\u0007link\u001b]8;;\u0007',
];
const ODD = fc.constantFrom(...ODD_TEXTS);
const segment = fc.record({
  text: fc.oneof({ arbitrary: PLAIN, weight: 5 }, { arbitrary: ODD, weight: 1 }),
  style: fc.nat(STYLES.length - 1),
});
/** A write: one or more lines (a <Text> of several lines, or a grid drawn as one), at times partly off the frame. */
const write = fc.record({
  type: fc.constant('write' as const),
  x: fc.integer({ min: -2, max: 21 }),
  y: fc.integer({ min: -1, max: 5 }),
  lines: fc.array(fc.array(segment, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  transform: fc.nat(2),
});
const bound = fc.option(fc.integer({ min: -1, max: 21 }), { nil: undefined });
/** A box with overflow hidden: Ink clips what is written inside it. */
const clip = fc.record({ type: fc.constant('clip' as const), x1: bound, x2: bound, y1: bound, y2: bound });
const unclip = fc.record({ type: fc.constant('unclip' as const) });
const operation = fc.oneof(
  { arbitrary: write, weight: 6 },
  { arbitrary: clip, weight: 1 },
  { arbitrary: unclip, weight: 1 },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;
const frame = fc.array(operation, { maxLength: 8 });

/** Ink's transformers: none, a style on every line, or one that depends on the line's index. */
const TRANSFORMS: ((line: string, index: number) => string)[][] = [
  [],
  [(line) => chalk.cyan(line)],
  [(line, index) => (index % 2 === 1 ? chalk.bold(line) : line), (line) => `${line}.`],
];

function draw(Output: OutputClass, ops: readonly Operation[], width: number, height: number) {
  const o = new Output({ width, height }) as OutputLike & {
    clip(c: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
    unclip(): void;
  };
  for (const op of ops) {
    if (op.type === 'clip') o.clip({ x1: op.x1, x2: op.x2, y1: op.y1, y2: op.y2 });
    else if (op.type === 'unclip') o.unclip();
    else {
      const text = op.lines.map((line) => line.map((s) => STYLES[s.style]!(s.text)).join('')).join('\n');
      o.write(op.x, op.y, text, { transformers: TRANSFORMS[op.transform]! });
    }
  }
  return o.get();
}

describe("the bundle's patched Ink Output", () => {
  let patched: OutputClass;
  let plain: OutputClass;
  let level: typeof chalk.level;
  beforeAll(async () => {
    level = chalk.level;
    chalk.level = 3;
    patched = await bundled('patched', bundleOptions.plugins);
    plain = await bundled('plain', []);
  }, 60_000);
  afterAll(() => {
    chalk.level = level;
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every frame of a sequence as Ink does', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), write), { maxLength: 6 }),
        fc.boolean(),
        (frames, repeat, edits, twoSizes) => {
          const sequence = repeat ? [...frames, ...frames] : [...frames];
          // Frames that each change one operation of the one before: most rows are written as before.
          for (const [at, w] of edits) {
            const next = [...sequence[sequence.length - 1]!];
            if (next.length > 0) next[at % next.length] = w;
            else next.push(w);
            sequence.push(next);
          }
          sequence.forEach((ops, i) => {
            // Frames of two sizes in turn (as Ink's static output and its frame) keep apart.
            const [width, height] = twoSizes && i % 2 === 1 ? [12, 3] : [20, 4];
            expect(draw(patched, ops, width, height)).toEqual(draw(plain, ops, width, height));
          });
        },
      ),
      { numRuns: 400 },
    );
    // Each odd text, alone, styled, between letters, and cut off at the frame's edge.
    for (const odd of ODD_TEXTS) {
      const ops: Operation[] = [0, 1, 3].flatMap((style, y) => [
        { type: 'write', x: 0, y, lines: [[{ text: odd, style }]], transform: 0 },
        { type: 'write', x: 17, y, lines: [[{ text: `a${odd}${odd}b`, style }]], transform: 0 },
      ]);
      expect(draw(patched, ops, 20, 4)).toEqual(draw(plain, ops, 20, 4));
    }
  });

  it("measures every text as widest-line and measure-text do, again and past their caches' size", async () => {
    const plugins = bundleOptions.plugins;
    const widest = await bundledModule<WidestLine>('widest', "export { default } from 'widest-line';", plugins);
    const widestOwn = await bundledModule<WidestLine>('widest-own', "export { default } from 'widest-line';", []);
    const measure = await bundledModule<MeasureText>(
      'measure',
      "export { default } from './measure-text.js';",
      plugins,
    );
    const measureOwn = await bundledModule<MeasureText>(
      'measure-own',
      "export { default } from './measure-text.js';",
      [],
    );
    const codes = fc.constantFrom(
      '\u001b[12345m',
      '\u001b[38;2;255;100;0m',
      '\u001b[1;;2m',
      '\u001b[;1m',
      '\u009b1m',
      '',
    );
    const line = fc
      .array(fc.tuple(segment, codes), { maxLength: 5 })
      .map((parts) => parts.map(([s, code]) => `${STYLES[s.style]!(s.text)}${code}`).join(''));
    const text = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (texts) => {
        for (const t of [...texts, ...texts]) {
          expect(widest(t)).toBe(widestOwn(t));
          expect(measure(t)).toEqual(measureOwn(t));
        }
      }),
      { numRuns: 400 },
    );
    // Each odd text, alone, styled, and between letters.
    for (const odd of ODD_TEXTS) {
      for (const t of [odd, chalk.cyan(odd), `a${odd}b`, `${chalk.dim(odd)}\n${odd}${odd}`]) {
        expect(widest(t)).toBe(widestOwn(t));
        expect(measure(t)).toEqual(measureOwn(t));
      }
    }
    // Past the caches' size, the first ones are measured again, alike.
    const many = Array.from({ length: 5000 }, (_, i) => `${chalk.cyan(String(i))} │ ${'─'.repeat(i % 7)}`);
    for (const t of [...many, ...many.slice(0, 10)]) {
      expect(widest(t)).toBe(widestOwn(t));
      expect(measure(t)).toEqual(measureOwn(t));
    }
  });

  it("is the patched one: its caches outlive a frame, Ink's own do not", () => {
    const caches = (o: OutputLike) => (o as unknown as { caches: object }).caches;
    expect(caches(new patched({ width: 1, height: 1 }))).toBe(caches(new patched({ width: 2, height: 1 })));
    expect(caches(new plain({ width: 1, height: 1 }))).not.toBe(caches(new plain({ width: 2, height: 1 })));
  });
});
