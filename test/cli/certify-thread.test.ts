// `validate` on a big level certifies it on a worker thread (src/cli/certify-thread.ts)
// while this thread checks the rest. Whichever thread certified it, validate says what it
// says on one thread: the same file padded past the size that starts the worker gets the
// same sentences, word for word.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARE_FROM_CHARS } from '../../src/cli/compare-threads.js';
import { certifyLevelJson, type Level } from '../../src/engine/index.js';
import { levelsDir } from '../../src/levels/load.js';
import { ensureBundle, runBin } from '../support/bundle.js';
import { generateLevel } from '../support/generate.js';

let dir: string;
const file = (name: string) => join(dir, name);
const run = (...args: string[]) => runBin(file('home'), ...args);

/** The text as written, and the same followed by enough blank space to be certified on the worker. */
function writePair(name: string, text: string): void {
  writeFileSync(file(`${name}.json`), text);
  writeFileSync(file(`${name}-big.json`), `${text}\n${' '.repeat(SHARE_FROM_CHARS)}\n`);
}

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-certify-'));
  // Only the solver finishes it: first fit puts keep after tmp, and long then finds no room.
  writePair('solver', readFileSync(join(levelsDir(), '10-snug-fit.json'), 'utf8'));
  writePair('oracle', readFileSync(join(levelsDir(), '01-numbers-in-binary.json'), 'utf8'));
  // Two strings of 4 boxes alive at once in 7 usable boxes: no one finishes it.
  writePair('impossible', readFileSync(new URL('../engine/fixtures/validate-too-tight.json', import.meta.url), 'utf8'));
  writePair(
    'broken',
    readFileSync(join(levelsDir(), '01-numbers-in-binary.json'), 'utf8').replace('"ticks"', '"tics"'),
  );
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate certifies a big level on a second thread', () => {
  for (const name of ['solver', 'oracle', 'impossible', 'broken']) {
    it(`says of the ${name} level, padded to ${SHARE_FROM_CHARS} characters more, what it says of it as written`, () => {
      const small = run('validate', file(`${name}.json`));
      const big = run('validate', file(`${name}-big.json`));
      expect(big.status).toBe(small.status);
      expect(big.stdout.replaceAll('-big.json', '.json')).toBe(small.stdout);
      expect(big.stderr.replaceAll('-big.json', '.json')).toBe(small.stderr);
    });
  }

  it('reports the sentences one would expect of each (so the comparison above compares something)', () => {
    expect(run('validate', file('solver-big.json')).stdout).toMatch(
      /valid: .*First fit runs out of memory; the solver finishes it \(\d+ placements tried\)\.\n$/,
    );
    expect(run('validate', file('oracle-big.json')).stdout).toMatch(
      /valid: .* The oracle \(first fit\) finishes it\.\n$/,
    );
    const impossible = run('validate', file('impossible-big.json'));
    expect(impossible.status).toBe(1);
    expect(impossible.stderr).toContain('No placement finishes this level');
    const broken = run('validate', file('broken-big.json'));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('is not a valid level');
    expect(broken.stderr).not.toContain('No placement finishes');
  });

  it("gives a generated big level the engine's own verdict, and counts several files", () => {
    const level: Level = generateLevel({ seed: 11, values: 3_000, memory: 512, lifetime: 10 });
    const text = JSON.stringify(level);
    expect(text.length).toBeGreaterThanOrEqual(SHARE_FROM_CHARS);
    writeFileSync(file('generated.json'), text);
    const cert = certifyLevelJson(level);
    expect(cert.ok).toBe(true);
    const r = run('validate', file('generated.json'), file('impossible-big.json'), file('oracle.json'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `generated.json: valid: "${level.title}" (${level.id}), 3000 values, 512 boxes, ${level.ticks} ticks.${
        cert.ok && cert.by === 'oracle'
          ? ' The oracle (first fit) finishes it.'
          : ` First fit runs out of memory; the solver finishes it (${cert.nodes} placements tried).`
      }`,
    );
    expect(r.stdout).toContain('2 of 3 files are valid.');
  }, 60_000);
});
