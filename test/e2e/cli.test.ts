// End-to-end tests of the built binary, dist/cubbies.js, as a player or a script runs it.
// The bundle is built once for all tests by test/support/global-setup.ts.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, startTmux } from './tmux.js';
import { bin, ensureBundle, root } from '../support/bundle.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const USAGE_HINT = 'Run `cubbies --help` for usage.';

let home: string;

beforeAll(() => {
  ensureBundle();
  home = mkdtempSync(join(tmpdir(), 'cubbies-e2e-home-'));
}, 120_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

/** Runs the bundle with stdin and stdout as pipes (no terminal). */
function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CUBBIES_HOME: home };
  delete env.CUBBIES_DEBUG;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: home,
    env,
    input: '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/\b\w*Error:/);
  expect(text).not.toContain('node:internal');
}

describe('cubbies (built bundle, no terminal)', () => {
  it('keeps the screens apart: Ink, React and yoga only in the one base64 part that play, watch, review and the title screen load', () => {
    const text = readFileSync(bin, 'utf8');
    const parts = [...text.matchAll(/[A-Za-z0-9+/=]{100000,}/g)];
    expect(parts).toHaveLength(1);
    const part = parts[0]![0];
    const screens = Buffer.from(part, 'base64').toString('utf8');
    const code = text.replace(part, '');
    // React 19's element tag, yoga's wasm loader and Ink's raw-mode error: in the part, not in the code every command parses.
    for (const sign of ['react.transitional.element', 'no native wasm support detected', 'Raw mode is not supported']) {
      expect(screens).toContain(sign);
      expect(code).not.toContain(sign);
    }
    expect(screens.trimEnd().endsWith('//# sourceURL=cubbies-screens.js')).toBe(true);
    // One engine, the bundle's: the part reads it from the bundle (a validator's sentence is only in the code).
    const sentence = 'is already the id of values';
    expect(code).toContain(sentence);
    expect(screens).not.toContain(sentence);
  });

  it('--version prints the package version', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.stderr).toBe('');
  });

  it('--help lists every command', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const usage of [
      /^\s+play <level>/m,
      /^\s+watch \[options\] <level>/m,
      /^\s+compare \[options\] <level>/m,
      /^\s+validate <file\.\.\.>/m,
      /^\s+levels \[options\]/m,
    ]) {
      expect(r.stdout).toMatch(usage);
    }
    expect(r.stdout).toContain('--version');
  });

  it('an unknown command exits 2 with one plain sentence and no stack trace', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Unknown command 'frobnicate'; the commands are play, .*\.$/);
    expect(lines[1]).toBe(USAGE_HINT);
    expectNoStackTrace(r.stderr);
  });

  it.each([
    [['play'], '`cubbies play` is missing its <level> argument.'],
    [['--bogus'], "`cubbies` has no option '--bogus'."],
    [['compare', 'x', '--gc', 'nope'], /^'nope' is not a collector; choose mark-sweep, .*\.$/],
  ])('wrong usage %j exits 2 with a sentence and the help hint', (args, sentence) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    const [first, second] = r.stderr.trimEnd().split('\n');
    if (typeof sentence === 'string') expect(first).toBe(sentence);
    else expect(first).toMatch(sentence);
    expect(second).toBe(USAGE_HINT);
    expectNoStackTrace(r.stderr);
  });

  it('play with stdin not a terminal exits 2 with the terminal sentence', () => {
    const r = run('play', 'x');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cubbies play needs an interactive terminal; try `cubbies compare x` for a text report.\n');
  });

  it('watch and the title screen say plainly that they need a terminal', () => {
    const w = run('watch', 'x');
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(
      /^cubbies watch needs an interactive terminal; try `cubbies compare x` for a text report\.\n$/,
    );
    const t = run();
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/^The cubbies title screen needs an interactive terminal; .*\.\n$/);
  });

  it('DEV=true in the environment does not break the bundle (Ink devtools are compiled out)', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CUBBIES_HOME: home, DEV: 'true' };
    const r = spawnSync(process.execPath, [bin, '--version'], { cwd: tmpdir(), env, input: '', encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

const tmuxMissing = hasTmux() ? '' : ' [skipped: tmux is not installed; .ci/run installs it]';

describe.skipIf(tmuxMissing !== '')(`cubbies in a real terminal (tmux)${tmuxMissing}`, () => {
  it('play in a terminal with an unknown level says so in a sentence and exits 1', { timeout: 30_000 }, async () => {
    const t = startTmux([process.execPath, bin, 'play', 'x'], { cols: 100, rows: 30, env: { CUBBIES_HOME: home } });
    try {
      await t.waitFor('There is no built-in level "x".', 10_000);
      expect(await t.waitForExit(10_000)).toBe(1);
    } finally {
      t.kill();
    }
  });
});
