// The stale login check in a real terminal (tmux): a player who frees the session at
// logout sees the attacker's message answer the admin check, marked "!!" in the log, and
// the end screen says the run was exploitable while the oracle and the collector were not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, startTmux, type TmuxSession } from './tmux.js';
import { bin, ensureBundle, root } from '../support/bundle.js';

let home: string;

beforeAll(() => {
  ensureBundle();
  home = mkdtempSync(join(tmpdir(), 'cubbies-e2e-security-'));
}, 120_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

const tmuxMissing = hasTmux() ? '' : ' [skipped: tmux is not installed; .ci/run installs it]';
const T = 15_000;

async function commandLine(t: TmuxSession, text: string, done: string | RegExp): Promise<void> {
  t.sendKeys(':');
  await t.waitFor(/^:/m, T);
  t.type(text);
  await t.waitFor(`:${text}`, T);
  t.sendKeys('Enter');
  await t.waitFor(done, T);
}

describe.skipIf(tmuxMissing !== '')(`a security hole in a real terminal${tmuxMissing}`, () => {
  it('freeing the session at logout lets the attacker in: !! in the log, exploitable on the end screen', async () => {
    const t = startTmux([process.execPath, bin, 'play', 'stale-login-check'], {
      cols: 100,
      rows: 32,
      env: { CUBBIES_HOME: home },
      cwd: root,
    });
    try {
      await t.waitFor('Enter: start', T);
      t.sendKeys('Enter');
      await t.waitFor('0 of 9 done', T);
      await commandLine(t, 'malloc session', 'malloc session: 5 boxes at 1');
      await commandLine(t, 'step', '1 of 9 done');
      await commandLine(t, 'malloc inbox', 'malloc inbox: 6 boxes at 6');
      await commandLine(t, 'step 2', '3 of 9 done');
      await commandLine(t, 'free inbox', "free 6: inbox's block is free again");
      await commandLine(t, 'step', '4 of 9 done');
      await commandLine(t, 'free session', "free 1: session's block is free again");
      await commandLine(t, 'malloc logout', 'malloc logout: 8 boxes at 1');
      await commandLine(t, 'step', '5 of 9 done');
      await commandLine(t, 'free logout', "free 1: logout's block is free again");
      await commandLine(t, 'malloc msg', 'malloc msg: 10 boxes at 1');
      await commandLine(t, 'step 2', '7 of 9 done');
      await commandLine(t, 'free msg', "free 1: msg's block is free again");
      await commandLine(t, 'step 2', '9 of 9 done');
      const screen = await t.waitFor('!! attacker-controlled read', T);
      expect(screen).toMatch(/session\.isAdmin read true from\s+msg's bytes: the attacker is admin/);
      expect(screen).toContain("whose bytes: msg's ×5 (an attacker's) · !! the attacker steers this read");
      t.sendKeys('e');
      const end = await t.waitFor('Score 600', T);
      expect(end).toContain('exploitable: 0 secrets leaked, 1 attacker read');
      expect(end).toMatch(/^you\s+done\s+600\s+\S+\s+1\s+yes\s+1/m);
      expect(end).toMatch(/^oracle\s+done\s+1000\s+\S+\s+0\s+no\s+0/m);
      expect(end).toMatch(/^mark-sweep\s+done\s+\d+\s+\S+\s+0\s+no\s+0/m);
    } finally {
      t.kill();
    }
  });
});
