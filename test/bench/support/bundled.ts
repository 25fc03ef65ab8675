// The screens as the player runs them: screens.ts bundled with the shipped build's esbuild
// settings and Ink patches (src/bundle-options.mjs), written to a temporary file and
// imported. Timing the sources through tsx would time node_modules' Ink without the
// patches, and React's development build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
// @ts-expect-error: a plain .mjs module shared with src/build.mjs, without types
import { bundleOptions } from '../../../src/bundle-options.mjs';

type Screens = typeof import('./screens.js');

export async function bundledScreens(): Promise<Screens> {
  const dir = mkdtempSync(join(tmpdir(), 'cubbies-bench-'));
  const outfile = join(dir, 'screens.mjs');
  try {
    await build({
      ...bundleOptions,
      absWorkingDir: fileURLToPath(new URL('../../../', import.meta.url)),
      entryPoints: [fileURLToPath(new URL('./screens.ts', import.meta.url))],
      outfile,
    });
    return (await import(pathToFileURL(outfile).href)) as Screens;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
