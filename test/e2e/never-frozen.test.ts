// Never frozen: on a big level (100,000 values) the end screen appears at once and scores
// off the input path, with a progress line, and q leaves at once; `compare` shows its
// progress on a terminal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBundle, root } from '../support/bundle.js';
import { generateLevel } from '../support/generate.js';
import { hasTmux, startTmux } from './tmux.js';

let dir: string;
let big: string;
const T = 60_000;

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-e2e-frozen-'));
  big = join(dir, 'big.json');
  writeFileSync(big, JSON.stringify(generateLevel({ seed: 7, values: 100_000, memory: 4096, lifetime: 20 })));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const skipped = hasTmux() ? '' : ' [skipped: tmux is not installed; .ci/run installs it]';

describe.skipIf(!hasTmux())(`big levels never freeze the screen${skipped}`, () => {
  it(':end shows the end screen at once with a progress line, and q leaves while it scores', async () => {
    const t = startTmux([process.execPath, bin, 'play', big], { env: { CUBBIES_HOME: join(dir, 'home') }, cwd: root });
    try {
      await t.waitFor('Enter: start', T);
      await new Promise((r) => setTimeout(r, 400));
      t.sendKeys('Enter');
      await t.waitFor('pick a free box', T);
      t.sendKeys(':');
      await t.waitFor(/^:/m, T);
      t.type('end');
      await t.waitFor(':end', T);
      t.sendKeys('Enter');
      const screen = await t.waitFor('Scoring and comparing', 5000);
      expect(screen).toContain('q leave');
      const sent = Date.now();
      t.sendKeys('q');
      expect(await t.waitForExit(5000)).toBe(0);
      // Well under the seconds the scoring takes (the machine may be busy: the budget is loose).
      expect(Date.now() - sent).toBeLessThan(2000);
    } finally {
      t.kill();
    }
  }, 120_000);

  it('compare shows its progress on the terminal when it takes over a second', async () => {
    const t = startTmux(`${process.execPath} ${bin} compare ${big} --gc all > /dev/null; echo "done: $?"`, {
      env: { CUBBIES_HOME: join(dir, 'home') },
      cwd: root,
    });
    try {
      const screen = await t.waitFor(/comparing: [\w-]+ \(\d of \d\)…/, T);
      expect(screen).not.toContain('done:');
      const end = await t.waitFor('done: 0', T);
      expect(end).not.toContain('comparing:');
    } finally {
      t.kill();
    }
  }, 120_000);
});
