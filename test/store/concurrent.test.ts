// Several real processes saving into one data folder at the same moment: every run and
// every best is kept (saving reads, merges and writes under a lock).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { loadProgress } from '../../src/store/progress-file.js';

const worker = fileURLToPath(new URL('./save-worker.ts', import.meta.url));
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runWorker(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => done({ code, stderr }));
  });
}

it('six processes saving at once lose no run and no best', { timeout: 60_000 }, async () => {
  dir = mkdtempSync(join(tmpdir(), 'cubbies-concurrent-'));
  const workers = 6;
  const runs = 8;
  // Started together, they wait for one moment (after tsx has loaded) and then all save.
  const startAt = String(Date.now() + 4000);
  const results = await Promise.all(
    Array.from({ length: workers }, (_, w) => runWorker([dir, String(w), String(runs), startAt])),
  );
  expect(results.map((r) => r.stderr)).toEqual(Array(workers).fill(''));
  expect(results.map((r) => r.code)).toEqual(Array(workers).fill(0));
  const { progress, warning } = loadProgress(dir);
  expect(warning).toBeUndefined();
  const ids = progress.runs.map((r) => r.levelId).sort();
  const expected = [
    'shared',
    ...Array.from({ length: workers }, (_, w) => Array.from({ length: runs }, (_, i) => `w${w}-l${i}`)).flat(),
  ].sort();
  expect(ids).toEqual(expected);
  expect(progress.runs.find((r) => r.levelId === 'shared')?.score).toBe((workers - 1) * 10 + runs - 1);
  expect(progress.completed.length).toBe(expected.length);
  expect(readdirSync(dir)).toEqual(['progress.json']);
});
