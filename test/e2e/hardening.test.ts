// The built binary against hostile input, without a terminal: replay files that are not
// files or are huge, escape sequences in level and replay files, and the plain sentences
// for a data folder that is a file, an unknown help topic and a compare with no saved run.
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBundle, root } from '../support/bundle.js';
import { HOSTILE, foreignControls, hostileLevel } from '../support/hostile.js';

let home: string;
let dir: string;

beforeAll(() => {
  ensureBundle();
  home = mkdtempSync(join(tmpdir(), 'cubbies-e2e-hard-home-'));
  dir = mkdtempSync(join(tmpdir(), 'cubbies-e2e-hard-'));
}, 120_000);

afterAll(() => {
  for (const d of [home, dir]) if (d) rmSync(d, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = dir) {
  const full: NodeJS.ProcessEnv = { ...process.env, CUBBIES_HOME: home, ...env };
  delete full.CUBBIES_DEBUG;
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: full,
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

const tiny = join(root, 'test', 'ui', 'fixtures', 'tiny.json');

describe('replay files are untrusted input', () => {
  it.each([
    [
      'a named pipe',
      () => {
        const fifo = join(dir, 'pipe');
        execFileSync('mkfifo', [fifo]);
        return fifo;
      },
      /^Can't read the replay .*pipe: it is a named pipe, not a file\.$/,
    ],
    ['a device', () => '/dev/zero', /^Can't read the replay \/dev\/zero: it is a device, not a file\.$/],
    ['a folder', () => dir, /^Can't read the replay .*: it is a folder, not a file\.$/],
  ])('%s gets a sentence at once, exit 1', (_what, make, sentence) => {
    const r = run(['compare', tiny, '--replay', make()]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(sentence);
  });

  it('a replay over the size limit gets a sentence', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"commands":["${'x'.repeat(17 * 1024 * 1024)}"]}`);
    const r = run(['compare', tiny, '--replay', big]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/is \d+ bytes, and a replay may be at most 16777216 bytes\.$/);
  });

  it('200,000 refused commands: the first 20 listed, the rest counted, no crash', () => {
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify({ level: 'tiny', commands: Array(200_000).fill('step') }));
    const r = run(['compare', tiny, '--replay', file]);
    expect(r.stderr).not.toMatch(/something went wrong|stack/i);
    expect(r.status).toBe(1);
    expect(r.stdout.match(/^ {2}#\d+ step: /gm)).toHaveLength(20);
    expect(r.stdout).toContain('  and 199980 more refused commands');
    const json = JSON.parse(run(['compare', tiny, '--replay', file, '--json']).stdout);
    expect(json.replayProblems).toHaveLength(20);
    expect(json.refusedCommands).toBe(200_000);
  });
});

describe('escape sequences in files never reach the terminal', () => {
  it('validate of a valid hostile level prints its title as visible escapes', () => {
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(hostileLevel()));
    const r = run(['validate', file]);
    expect(r.status).toBe(0);
    expect(foreignControls(r.stdout + r.stderr)).toEqual([]);
    expect(r.stdout).toContain('\\u001b]0;PWNED\\u0007');
  });

  it('validate of an invalid hostile level names its problems with visible escapes', () => {
    const file = join(dir, 'hostile-bad.json');
    const level = { ...hostileLevel(), [`k${HOSTILE}`]: 1, title: `${'t'.repeat(80)}${HOSTILE}` };
    writeFileSync(file, JSON.stringify(level));
    const r = run(['validate', file]);
    expect(r.status).toBe(1);
    expect(foreignControls(r.stdout + r.stderr)).toEqual([]);
    expect(r.stderr).toContain('\\u001b');
  });

  it('compare prints refused replay commands and the level with visible escapes, in text and JSON', () => {
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(hostileLevel()));
    const replay = join(dir, 'hostile-replay.json');
    writeFileSync(replay, JSON.stringify({ commands: [`malloc ${HOSTILE}`, `free ${HOSTILE}`, 'end'] }));
    for (const args of [[], ['--json'], ['--gc', 'all']]) {
      const r = run(['compare', file, '--replay', replay, ...args]);
      expect(foreignControls(r.stdout + r.stderr)).toEqual([]);
      expect(r.stdout).toContain('\\u001b]52;c;');
    }
  });
});

describe('messages', () => {
  it('CUBBIES_HOME that is a file: one sentence saying so', () => {
    const file = join(dir, 'home-file');
    writeFileSync(file, 'not a folder');
    const r = run(['levels'], { CUBBIES_HOME: file });
    expect(r.stderr.trim()).toBe(
      `CUBBIES_HOME is a file, not a folder: ${file}; point CUBBIES_HOME at a folder (or unset it) to keep your progress.`,
    );
    expect(r.status).toBe(0);
  });

  it('a progress file from a newer cubbies is left where it is by `cubbies levels`', () => {
    const h = mkdtempSync(join(tmpdir(), 'cubbies-e2e-newer-'));
    try {
      writeFileSync(join(h, 'progress.json'), '{"version": 2}');
      const r = run(['levels'], { CUBBIES_HOME: h });
      expect(r.stderr).toMatch(/newer version of cubbies; it was left as it is/);
      expect(execFileSync('ls', [h], { encoding: 'utf8' }).trim()).toBe('progress.json');
    } finally {
      rmSync(h, { recursive: true, force: true });
    }
  });

  it('`cubbies help foo` says foo is unknown, exit 2', () => {
    const r = run(['help', 'foo']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^Unknown command 'foo'; the commands are play, /);
  });

  it('compare of a level file with no saved run suggests playing that same file', () => {
    copyFileSync(tiny, join(dir, 'my-level.json'));
    const r = run(['compare', 'my-level.json']);
    expect(r.stdout.split('\n')[0]).toBe(
      'No saved run of tiny yet: play it with `cubbies play my-level.json`, or pass --replay FILE.',
    );
  });
});
