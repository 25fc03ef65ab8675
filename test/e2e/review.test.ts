// `cubbies review` in a real terminal (tmux): a replay with a use after free opens on the
// bug's tick with its log line marked; stepping back shows the moment the block was
// freed, then the block still allocated; Tab puts the level's collector beside it, the
// boxes owned differently marked; q gives the shell back. Without a terminal it says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, startTmux } from './tmux.js';
import { bin, ensureBundle, root } from '../support/bundle.js';

let dir: string;
let replay: string;

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-e2e-review-'));
  replay = join(dir, 'uaf.json');
  // The password is freed right before tick 6, which still reads it.
  writeFileSync(
    replay,
    JSON.stringify({
      level: 'use-after-free',
      commands: [
        'malloc password',
        'malloc username',
        'step',
        'malloc banner',
        'step 2',
        'free username',
        'step',
        'free banner',
        'malloc guess',
        'step 2',
        'free password',
        'step 2',
        'free guess',
        'end',
      ],
    }),
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tmuxMissing = hasTmux() ? '' : ' [skipped: tmux is not installed; .ci/run installs it]';
const T = 15_000;

describe('cubbies review without a terminal', () => {
  it('says it needs one and exits 2', () => {
    const r = spawnSync(process.execPath, [bin, 'review', 'use-after-free', '--replay', replay], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CUBBIES_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cubbies review needs an interactive terminal');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a run or a tick it does not know is a usage error, in a sentence', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, 'review', 'use-after-free', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, CUBBIES_HOME: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const badRun = run('--run', 'mine');
    expect(badRun.status).toBe(2);
    expect(badRun.stderr).toMatch(/^'mine' is not a run; choose you, oracle, par, mark-sweep, .*\.$/m);
    const badTick = run('--at', 'soon');
    expect(badTick.status).toBe(2);
    expect(badTick.stderr).toMatch(/^'soon' is not a tick; write a whole number, like --at 7\.$/m);
    expect(`${badRun.stderr}${badTick.stderr}`).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(tmuxMissing !== '')(`cubbies review in a real terminal${tmuxMissing}`, () => {
  it('lands on the use after free, steps back to the free, Tab shows the collector beside it still holding the block, owners that differ marked', async () => {
    const line = `${[process.execPath, bin, 'review', 'use-after-free', '--replay', replay].map((w) => `'${w}'`).join(' ')}; echo "shell is back: $?"`;
    const t = startTmux(line, { cols: 100, rows: 30, env: { CUBBIES_HOME: dir }, cwd: root });
    try {
      let screen = await t.waitFor('now: tick 6 ran · use after free', T);
      expect(screen).toContain('review · Freed too soon · replay');
      expect(screen).toMatch(/^timeline ······!·/m);
      expect(screen).toMatch(/^▶ t6 ! use after free: the program reads password at 1, freed/m);
      t.sendKeys('Left');
      screen = await t.waitFor('now: free password', T);
      expect(screen).toMatch(/~password/);
      expect(screen).not.toMatch(/^▶ t6 ! use after free/m);
      t.sendKeys('Tab');
      screen = await t.waitFor('beside mark-sweep', T);
      expect(screen).toContain('mark-sweep at the same tick');
      // The collector never frees by hand: beside the freed block, its grid still has the password's block.
      const title = screen.split('\n').find((l) => l.includes('mark-sweep at the same tick'))!;
      expect(title).toMatch(/^replay · ≠ 8 owned differently/);
      const labels = screen.split('\n').find((l) => l.includes('~password'))!;
      expect(labels).toMatch(/~password.*NULL password─+/);
      expect(screen).toMatch(/│ ∅∅≠68≠75≠6E≠74≠65≠72≠32 .*│ ∅∅≠68≠75≠6E≠74≠65≠72≠32/);
      // One more moment back: the block is still allocated in the run itself, and nothing differs.
      t.sendKeys('Left');
      screen = await t.waitFor('now: tick 5 ran', T);
      expect(screen).toMatch(/NULL password─+ .*NULL password─+/);
      expect(screen).toMatch(/password\s+@1 8 live, read t6/);
      expect(screen).toMatch(/replay · ≠ 0 owned differently/);
      t.sendKeys('q');
      screen = await t.waitFor('shell is back: 0', T);
      expect(screen).not.toContain('review ·');
    } finally {
      t.kill();
    }
  }, 60_000);
});
