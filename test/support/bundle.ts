// The built binary the end-to-end tests run, rebuilt when src/ or package.json is newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
