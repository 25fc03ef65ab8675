// The built binary the end-to-end tests run, rebuilt when src/ or package.json is newer.
import { execFileSync, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const bin = join(root, 'dist', 'cubbies.js');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function bundleIsStale(): boolean {
  if (!existsSync(bin)) return true;
  const built = statSync(bin).mtimeMs;
  return newestMtime(join(root, 'src')) > built || statSync(join(root, 'package.json')).mtimeMs > built;
}

export function ensureBundle(): void {
  if (bundleIsStale()) execFileSync(process.execPath, ['src/build.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
}

/**
 * Runs the built binary as a person would from a shell without a terminal (no colour, no
 * input), its progress kept under `home`; it never shows a stack trace, whatever it is given.
 */
export function runBin(home: string, ...args: string[]): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, CUBBIES_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    input: '',
  });
  expect(r.stderr + r.stdout).not.toMatch(/^\s+at /m);
  return r;
}
