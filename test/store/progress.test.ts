import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import writeFileAtomic from 'write-file-atomic';
import { dataDir, progressPath } from '../../src/store/paths.js';
import {
  bestRun,
  bestRunOf,
  canonicalJson,
  emptyProgress,
  isCompleted,
  isOpenInCampaign,
  isUnlocked,
  levelHash,
  mergeProgress,
  recordRun,
  unlockLevel,
  type Progress,
  type RunRecord,
} from '../../src/store/progress.js';
import { loadProgress, saveProgress } from '../../src/store/progress-file.js';

const level = {
  $schema: './schema.json',
  id: 'hello-pointers',
  title: 'Hello, pointers',
  memory: 32,
  ticks: 12,
  values: [{ id: 'greeting', value: 'Hi', arrive: 0, uses: [2, 5], drop: 6 }],
};
const HASH = levelHash(level);

function run(score: number, stars = 2, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    levelId: 'hello-pointers',
    hash: HASH,
    score,
    stars,
    commands: ['malloc greeting @1', 'run', 'end'],
    ...extra,
  };
}

let home: string;
let savedEnv: string | undefined;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cubbies-store-'));
  savedEnv = process.env.CUBBIES_HOME;
  process.env.CUBBIES_HOME = home;
});

afterEach(() => {
  if (savedEnv === undefined) delete process.env.CUBBIES_HOME;
  else process.env.CUBBIES_HOME = savedEnv;
  chmodSync(home, 0o755);
  rmSync(home, { recursive: true, force: true });
});

describe('paths', () => {
  it('uses $CUBBIES_HOME when set', () => {
    expect(dataDir()).toBe(home);
    expect(progressPath()).toBe(join(home, 'progress.json'));
  });

  it('falls back to the platform data folder without a suffix', () => {
    // On Linux the platform folder is $XDG_DATA_HOME/cubbies, without env-paths' "-nodejs" suffix,
    // and ~/.local/share/cubbies without XDG_DATA_HOME (the platform folder reads the process's own environment).
    vi.stubEnv('XDG_DATA_HOME', '/somewhere/data');
    try {
      expect(dataDir({})).toBe('/somewhere/data/cubbies');
      vi.stubEnv('XDG_DATA_HOME', '');
      expect(dataDir({})).toBe(join(homedir(), '.local', 'share', 'cubbies'));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('saving and loading', () => {
  it('a missing file is an empty progress, without a warning', () => {
    expect(loadProgress()).toEqual({ progress: emptyProgress() });
  });

  it('round-trips through an atomic write in CUBBIES_HOME, creating the folder', () => {
    const nested = join(home, 'a', 'b');
    let progress = recordRun(emptyProgress(), run(870, 3, { savedAt: '2025-01-01T00:00:00.000Z' }));
    progress = unlockLevel(progress, 'next-level');
    const saved = saveProgress(progress, nested);
    expect(saved.ok).toBe(true);
    expect(existsSync(join(nested, 'progress.json'))).toBe(true);
    // Nothing but the file itself is left behind (no temp files).
    expect(readdirSync(nested)).toEqual(['progress.json']);
    const onDisk = JSON.parse(readFileSync(join(nested, 'progress.json'), 'utf8'));
    expect(onDisk.version).toBe(1);
    const loaded = loadProgress(nested);
    expect(loaded.warning).toBeUndefined();
    expect(loaded.progress).toEqual(progress);
    expect(bestRun(loaded.progress, 'hello-pointers', HASH)?.score).toBe(870);
    expect(isUnlocked(loaded.progress, 'next-level')).toBe(true);
    expect(isCompleted(loaded.progress, 'hello-pointers')).toBe(true);
  });

  it('uses CUBBIES_HOME by default', () => {
    expect(saveProgress(recordRun(emptyProgress(), run(500))).ok).toBe(true);
    expect(existsSync(join(home, 'progress.json'))).toBe(true);
    expect(bestRun(loadProgress().progress, 'hello-pointers', HASH)?.score).toBe(500);
  });

  it("finds the best run of a level's JSON by its id and hash, and hashes nothing when no run of that id is saved", () => {
    const progress = recordRun(recordRun(emptyProgress(), run(700)), { ...run(400), hash: 'another-version' });
    expect(bestRunOf(progress, level)?.score).toBe(700);
    const changed = { ...level, ticks: 13 }; // another version of the level
    expect(bestRunOf(progress, changed)).toBeUndefined();
    // A level that cannot be hashed (a cycle) is never hashed when no run of its id is saved.
    const cyclic: Record<string, unknown> = { id: 'unplayed' };
    cyclic.self = cyclic;
    expect(bestRunOf(progress, cyclic as { id: string })).toBeUndefined();
    expect(() => bestRunOf(progress, { ...cyclic, id: 'hello-pointers' } as { id: string })).toThrow(/cycle/);
  });

  it('saving merges with the file on disk, so another instance never loses its best run', () => {
    const mine = recordRun(emptyProgress(), run(600));
    const theirs = recordRun(emptyProgress(), run(900, 3));
    const other = recordRun(emptyProgress(), { ...run(300), levelId: 'another' });
    expect(saveProgress(theirs).ok).toBe(true);
    expect(saveProgress(other).ok).toBe(true);
    const result = saveProgress(mine);
    expect(result.ok).toBe(true);
    const loaded = loadProgress().progress;
    expect(bestRun(loaded, 'hello-pointers', HASH)?.score).toBe(900);
    expect(bestRun(loaded, 'another', HASH)?.score).toBe(300);
    if (result.ok) expect(result.progress).toEqual(loaded);
  });

  it.each([
    ['not JSON', '{"version": 1, "runs": [', /not valid JSON/],
    ['the wrong shape', '{"version": 1, "runs": "lots"}', /runs are not a list/],
    ['no version', '{"runs": [], "unlocked": [], "completed": []}', /no valid version/],
    ['unlocked ids that are not a list', '{"version":1,"runs":[],"unlocked":7,"completed":[]}', /unlocked/],
    ['binary junk', '\u0000\u0001\u00ff garbage', /not valid JSON/],
  ])('a file with %s is set aside, bytes intact, with a warning', (_what, content, reason) => {
    const path = join(home, 'progress.json');
    writeFileSync(path, content);
    const before = readFileSync(path);
    const { progress, warning } = loadProgress();
    expect(progress).toEqual(emptyProgress());
    expect(warning).toMatch(
      /^Your progress file was unreadable \(.*\); it was kept as .*progress\.json\.corrupt-.* and a fresh one started\.$/,
    );
    expect(warning).toMatch(reason);
    expect(existsSync(path)).toBe(false);
    const asides = readdirSync(home).filter((name) => name.startsWith('progress.json.corrupt-'));
    expect(asides).toHaveLength(1);
    expect(warning).toContain(join(home, asides[0]));
    expect(readFileSync(join(home, asides[0]))).toEqual(before);
    // A fresh file can then be saved next to the kept one.
    expect(saveProgress(recordRun(progress, run(100))).ok).toBe(true);
    expect(readFileSync(join(home, asides[0]))).toEqual(before);
  });

  it('two corrupt files in a row are both kept', () => {
    const path = join(home, 'progress.json');
    writeFileSync(path, 'first');
    loadProgress();
    writeFileSync(path, 'second');
    loadProgress();
    const contents = readdirSync(home)
      .filter((name) => name.startsWith('progress.json.corrupt-'))
      .map((name) => readFileSync(join(home, name), 'utf8'))
      .sort();
    expect(contents).toEqual(['first', 'second']);
  });

  it('a file from a newer cubbies is left where it is by reading, and set aside only by a save', () => {
    const path = join(home, 'progress.json');
    const newer = JSON.stringify({ version: 99, whatever: true });
    writeFileSync(path, newer);
    const { warning } = loadProgress();
    expect(warning).toMatch(/newer version of cubbies; it was left as it is/);
    expect(readdirSync(home)).toEqual(['progress.json']);
    expect(readFileSync(path, 'utf8')).toBe(newer);
    const saved = saveProgress(recordRun(emptyProgress(), run(10)));
    expect(saved.ok && saved.warning).toMatch(/newer version of cubbies; it was kept as .*progress\.json\.newer-/);
    const aside = readdirSync(home).find((name) => name.startsWith('progress.json.newer-'));
    expect(aside && readFileSync(join(home, aside), 'utf8')).toBe(newer);
  });

  it('one malformed run is left out with a warning naming it, and kept aside at the next save', () => {
    const path = join(home, 'progress.json');
    const good = { ...run(900), savedAt: '2026-01-01T00:00:00.000Z', commands: ['end'] };
    const other = { ...good, levelId: 'other', score: 500 };
    const bad = { ...good, levelId: 'broken', stars: 4 };
    writeFileSync(
      path,
      JSON.stringify({ version: 1, runs: [good, bad, other], unlocked: ['hello-pointers'], completed: [] }),
    );
    const loaded = loadProgress();
    expect(loaded.progress.runs.map((r) => r.levelId)).toEqual(['hello-pointers', 'other']);
    expect(loaded.warning).toContain('run 2 (level "broken"): its stars are not 0 to 3');
    expect(readdirSync(home)).toEqual(['progress.json']);
    const saved = saveProgress(recordRun(loaded.progress, run(950)));
    expect(saved.ok && saved.warning).toMatch(/kept in .*progress\.json\.bad-runs-/);
    const aside = readdirSync(home).find((name) => name.startsWith('progress.json.bad-runs-'));
    expect(aside && JSON.parse(readFileSync(join(home, aside), 'utf8'))).toEqual({ runs: [bad] });
    const after = loadProgress();
    expect(after.warning).toBeUndefined();
    expect(after.progress.runs.map((r) => [r.levelId, r.score])).toEqual([
      ['hello-pointers', 950],
      ['other', 500],
    ]);
  });

  it('stray temporary files of a killed save are removed by the next save, and the lock is released', () => {
    writeFileSync(join(home, 'progress.json.3141592653'), 'half a save');
    writeFileSync(join(home, 'progress.json.corrupt-2026-01-01'), 'kept on purpose');
    expect(saveProgress(recordRun(emptyProgress(), run(10))).ok).toBe(true);
    expect(readdirSync(home).sort()).toEqual(['progress.json', 'progress.json.corrupt-2026-01-01']);
  });

  it('a stale lock left by a dead process is taken over', () => {
    writeFileSync(join(home, 'progress.json.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: 0 }));
    const t0 = Date.now();
    expect(saveProgress(recordRun(emptyProgress(), run(10))).ok).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(readdirSync(home)).toEqual(['progress.json']);
  });

  it('CUBBIES_HOME that is a file gets one sentence saying so, on load and on save', () => {
    const file = join(home, 'not-a-folder');
    writeFileSync(file, 'x');
    process.env.CUBBIES_HOME = file;
    const expected = `CUBBIES_HOME is a file, not a folder: ${file}; point CUBBIES_HOME at a folder (or unset it) to keep your progress.`;
    expect(loadProgress().warning).toBe(expected);
    expect(saveProgress(recordRun(emptyProgress(), run(10)))).toMatchObject({ ok: false, message: expected });
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a folder that cannot be made says so, and never mentions a previous file when there was none', () => {
    const blocked = join(home, 'ro');
    mkdirSync(blocked);
    chmodSync(blocked, 0o555);
    const deep = join(blocked, 'a', 'b', 'c');
    const result = saveProgress(recordRun(emptyProgress(), run(10)), deep);
    chmodSync(blocked, 0o755);
    if (process.getuid?.() === 0) return; // root can write anywhere
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(
        /^Your progress could not be saved: the data folder .*c could not be made \(permission denied\); set CUBBIES_HOME to a folder you can write to\.$/,
      );
      expect(result.message).not.toContain('previous');
    }
  });

  it('saving over a file that went corrupt meanwhile sets it aside first', () => {
    const path = join(home, 'progress.json');
    writeFileSync(path, 'half-written by something else');
    const result = saveProgress(recordRun(emptyProgress(), run(400)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warning).toMatch(/kept as .*corrupt-/);
    const aside = readdirSync(home).find((name) => name.startsWith('progress.json.corrupt-'));
    expect(aside && readFileSync(join(home, aside), 'utf8')).toBe('half-written by something else');
  });

  it.skipIf(process.getuid?.() === 0)('a failed write leaves the old file intact and says so (non-root only)', () => {
    expect(saveProgress(recordRun(emptyProgress(), run(700))).ok).toBe(true);
    const before = readFileSync(join(home, 'progress.json'), 'utf8');
    chmodSync(home, 0o555);
    const result = saveProgress(recordRun(emptyProgress(), run(990)));
    chmodSync(home, 0o755);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(
        /^Your progress could not be saved \(.*\); the previous progress file was left as it was\.$/,
      );
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toBe(before);
  });

  it.skipIf(process.getuid?.() === 0)(
    'a corrupt file that cannot be set aside is left untouched and never overwritten (non-root only)',
    () => {
      const path = join(home, 'progress.json');
      writeFileSync(path, 'corrupt but precious');
      chmodSync(home, 0o555);
      const loaded = loadProgress();
      const saved = saveProgress(recordRun(loaded.progress, run(100)));
      chmodSync(home, 0o755);
      expect(loaded.warning).toMatch(
        /was unreadable \(.*could not be set aside.*\); it was left untouched, and progress will not be saved until it is moved away\.$/,
      );
      expect(saved.ok).toBe(false);
      if (!saved.ok)
        expect(saved.message).toMatch(
          /^Your progress could not be saved: the existing file .* is unreadable \(.*\), and it was left untouched\.$/,
        );
      expect(readFileSync(path, 'utf8')).toBe('corrupt but precious');
    },
  );

  it('a failed write leaves the old file intact and says so', () => {
    expect(saveProgress(recordRun(emptyProgress(), run(700))).ok).toBe(true);
    const before = readFileSync(join(home, 'progress.json'), 'utf8');
    // Fails even as root: write-file-atomic writes a temp file next to progress.json,
    // and here a "folder" on the way to it is a file.
    const blocked = join(home, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const failed = saveProgress(recordRun(emptyProgress(), run(990)), join(blocked, 'sub'));
    expect(failed.ok).toBe(false);
    if (!failed.ok)
      expect(failed.message).toMatch(/^The data folder is a file, not a folder: .*blocked, on the way to/);
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toBe(before);
  });

  it('a write that fails midway (disk full) leaves the old file intact and says so', () => {
    expect(saveProgress(recordRun(emptyProgress(), run(700))).ok).toBe(true);
    const before = readFileSync(join(home, 'progress.json'), 'utf8');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const spy = vi.spyOn(writeFileAtomic, 'sync').mockImplementationOnce(() => {
      throw full;
    });
    try {
      const failed = saveProgress(recordRun(emptyProgress(), run(990)));
      expect(failed).toMatchObject({
        ok: false,
        message: 'Your progress could not be saved (the disk is full); the previous progress file was left as it was.',
      });
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toBe(before);
    expect(readdirSync(home)).toEqual(['progress.json']);
  });
});

describe('recordRun and bestRun (pure)', () => {
  it('keeps the best score', () => {
    let p: Progress = emptyProgress();
    p = recordRun(p, run(500));
    p = recordRun(p, run(800));
    p = recordRun(p, run(650));
    expect(bestRun(p, 'hello-pointers', HASH)?.score).toBe(800);
    expect(p.runs).toHaveLength(1);
  });

  it('a tie keeps the older run', () => {
    let p = recordRun(emptyProgress(), run(800, 2, { commands: ['old'], savedAt: '2025-01-01T00:00:00.000Z' }));
    p = recordRun(p, run(800, 2, { commands: ['new'], savedAt: '2025-02-01T00:00:00.000Z' }));
    expect(bestRun(p, 'hello-pointers', HASH)?.commands).toEqual(['old']);
  });

  it('at the same score, more stars win', () => {
    let p = recordRun(emptyProgress(), run(0, 0, { commands: ['crashed'] }));
    p = recordRun(p, run(0, 1, { commands: ['finished'] }));
    expect(bestRun(p, 'hello-pointers', HASH)?.commands).toEqual(['finished']);
  });

  it('does not change its input', () => {
    const p = recordRun(emptyProgress(), run(500));
    const copy = structuredClone(p);
    recordRun(p, run(900));
    expect(p).toEqual(copy);
  });

  it('keeps runs of different versions of a level apart', () => {
    const other = levelHash({ ...level, memory: 64 });
    let p = recordRun(emptyProgress(), run(900));
    p = recordRun(p, run(100, 1, { hash: other }));
    expect(bestRun(p, 'hello-pointers', HASH)?.score).toBe(900);
    expect(bestRun(p, 'hello-pointers', other)?.score).toBe(100);
    expect(bestRun(p, 'unknown', HASH)).toBeUndefined();
  });

  it('completes a level only with at least one star, and unlocks it', () => {
    const crashed = recordRun(emptyProgress(), run(0, 0));
    expect(isCompleted(crashed, 'hello-pointers')).toBe(false);
    expect(isUnlocked(crashed, 'hello-pointers')).toBe(true);
    expect(isCompleted(recordRun(crashed, run(10, 1)), 'hello-pointers')).toBe(true);
  });

  it('mergeProgress keeps the best of both', () => {
    const a = recordRun(emptyProgress(), run(300));
    const b = unlockLevel(recordRun(emptyProgress(), run(400)), 'x');
    const m = mergeProgress(a, b);
    expect(bestRun(m, 'hello-pointers', HASH)?.score).toBe(400);
    expect(m.unlocked).toEqual(['hello-pointers', 'x']);
  });
});

describe('isOpenInCampaign (pure)', () => {
  const ids = ['one', 'two', 'three', 'four'];
  const openWith = (done: string[]) => ids.map((_, i) => isOpenInCampaign((id) => done.includes(id), ids, i));

  it('opens the first level, and each next one once the one before it is finished', () => {
    expect(openWith([])).toEqual([true, false, false, false]);
    expect(openWith(['one'])).toEqual([true, true, false, false]);
    expect(openWith(['one', 'two'])).toEqual([true, true, true, false]);
  });

  it('keeps a level the player finished open, however they came to it (its file played directly)', () => {
    // Three finished from its file: open, with its best run; four, after it, opens too; two stays locked.
    expect(openWith(['three'])).toEqual([true, false, true, true]);
  });
});

describe('levelHash', () => {
  it('is 16 hex digits', () => {
    expect(HASH).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes when the level changes', () => {
    expect(levelHash({ ...level, ticks: 13 })).not.toBe(HASH);
    expect(levelHash({ ...level, values: [{ ...level.values[0], uses: [2, 6] }] })).not.toBe(HASH);
    expect(levelHash({ ...level, title: 'Hello, pointer' })).not.toBe(HASH);
  });

  it('ignores key order, formatting and $schema', () => {
    const reordered = JSON.parse(
      JSON.stringify({ values: level.values, ticks: 12, memory: 32, title: level.title, id: level.id }, null, 4),
    );
    expect(levelHash(reordered)).toBe(HASH);
    expect(levelHash({ ...level, $schema: '../elsewhere/schema.json' })).toBe(HASH);
  });

  it('canonical JSON sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }], a: null, u: undefined })).toBe('{"a":null,"b":[3,{"a":2,"z":1}]}');
  });
});
