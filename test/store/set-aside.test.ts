// A corrupt progress file that can be neither renamed nor copied aside is left untouched
// and never overwritten. The file system refuses the set-aside here by a stand-in for
// rename and copy (the permission-based variant cannot fail as root, and CI runs as root).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const refuse = vi.hoisted(() => ({ on: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const denied = (syscall: string) =>
    Object.assign(new Error(`EACCES: permission denied, ${syscall}`), { code: 'EACCES', syscall });
  return {
    ...fs,
    renameSync: (...args: Parameters<typeof fs.renameSync>) => {
      if (refuse.on) throw denied('rename');
      return fs.renameSync(...args);
    },
    copyFileSync: (...args: Parameters<typeof fs.copyFileSync>) => {
      if (refuse.on) throw denied('copyfile');
      return fs.copyFileSync(...args);
    },
  };
});

import { emptyProgress, recordRun, type RunRecord } from '../../src/store/progress.js';

const { loadProgress, saveProgress } = await import('../../src/store/progress-file.js');

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cubbies-aside-'));
  vi.stubEnv('CUBBIES_HOME', home);
});
afterEach(() => {
  refuse.on = false;
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

describe('a corrupt progress file that cannot be set aside (as any user, root included)', () => {
  it('is left untouched, never overwritten, and both the load and the save say so', () => {
    const path = join(home, 'progress.json');
    writeFileSync(path, 'corrupt but precious');
    refuse.on = true;
    const loaded = loadProgress();
    const run: RunRecord = { levelId: 'numbers-in-binary', hash: 'h', score: 100, stars: 1, commands: ['end'] };
    const saved = saveProgress(recordRun(loaded.progress, run));
    refuse.on = false;
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.warning).toMatch(
      /was unreadable \(.*could not be set aside: permission denied\); it was left untouched, and progress will not be saved until it is moved away\.$/,
    );
    expect(saved.ok).toBe(false);
    if (!saved.ok)
      expect(saved.message).toMatch(
        /^Your progress could not be saved: the existing file .* is unreadable \(.*\), and it was left untouched\.$/,
      );
    expect(readFileSync(path, 'utf8')).toBe('corrupt but precious');
  });
});
