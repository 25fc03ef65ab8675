// The shipped bundle patches Ink's Output (src/bundle-options.mjs) to keep its work from
// one frame to the next. A patched Output must draw every frame exactly as Ink's own:
// random frames of styled, overlapping, partly repeated writes, drawn by both, in turn.
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
  write(x: number, y: number, text: string, options: { transformers: ((s: string) => string)[] }): void;
  get(): { output: string; height: number };
}
type OutputClass = new (size: { width: number; height: number }) => OutputLike;

const dir = mkdtempSync(join(tmpdir(), 'cubbies-ink-output-'));
const outputJs = join(createRequire(import.meta.url).resolve('ink'), '..', 'output.js');

async function bundled(name: string, plugins: unknown[]): Promise<OutputClass> {
  const outfile = join(dir, `${name}.mjs`);
  await build({ ...bundleOptions, entryPoints: [outputJs], outfile, plugins, logLevel: 'silent' });
  return ((await import(pathToFileURL(outfile).href)) as { default: OutputClass }).default;
}

const STYLES = [
  (s: string) => s,
  chalk.dim,
  chalk.bold,
  chalk.cyan,
  chalk.inverse,
  (s: string) => chalk.bold(chalk.magentaBright(s)),
  (s: string) => chalk.inverse(chalk.bold(chalk.dim(s))),
];

const segment = fc.record({ text: fc.stringMatching(/^[a-z ─│~漢]{0,5}$/), style: fc.nat(STYLES.length - 1) });
const write = fc.record({ x: fc.nat(15), y: fc.nat(3), segments: fc.array(segment, { minLength: 1, maxLength: 4 }) });
const frame = fc.array(write, { maxLength: 8 });

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
      fc.property(fc.array(frame, { minLength: 1, maxLength: 5 }), fc.boolean(), (frames, repeat) => {
        // Repeating the frames draws rows made of the very cells drawn before.
        for (const writes of repeat ? [...frames, ...frames] : frames) {
          const a = new patched({ width: 20, height: 4 });
          const b = new plain({ width: 20, height: 4 });
          for (const w of writes) {
            const text = w.segments.map((s) => STYLES[s.style]!(s.text)).join('');
            a.write(w.x, w.y, text, { transformers: [] });
            b.write(w.x, w.y, text, { transformers: [] });
          }
          expect(a.get()).toEqual(b.get());
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is the patched one: its caches outlive a frame, Ink's own do not", () => {
    const caches = (o: OutputLike) => (o as unknown as { caches: object }).caches;
    expect(caches(new patched({ width: 1, height: 1 }))).toBe(caches(new patched({ width: 2, height: 1 })));
    expect(caches(new plain({ width: 1, height: 1 }))).not.toBe(caches(new plain({ width: 2, height: 1 })));
  });
});
