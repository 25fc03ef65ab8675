// The engine has one public surface: outside src/engine/, code imports it only through
// src/engine/index.ts, so internals can move without touching the screens or the CLI.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const engine = join(src, 'engine');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|tsx|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Relative import specifiers of a file, static and dynamic. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] as string);
}

describe('the engine surface', () => {
  it('is the only engine module imported from outside src/engine/', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      if (file.startsWith(`${engine}/`)) continue;
      for (const spec of importsOf(file)) {
        const target = resolve(dirname(file), spec);
        if (target.startsWith(`${engine}/`) && target !== join(engine, 'index.js')) {
          offenders.push(`${relative(src, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the engine free of React, Ink, the file system and the clock', () => {
    const banned =
      /from\s+['"](react|ink|ink-[\w-]+|node:fs|node:fs\/promises|fs|node:child_process|node:worker_threads)['"]|Date\.now\(|new Date\(|performance\.now\(|Math\.random\(/;
    const offenders = sourceFiles(engine)
      .filter((f) => banned.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });
});
