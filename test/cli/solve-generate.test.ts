// `cubbies solve`, `cubbies generate` and the par check of `cubbies validate`, from the built binary.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, runBin } from '../support/bundle.js';

/** First fit puts keep right after tmp, and tmp's hole is then too small for long: keep must go high. */
const PUZZLE = {
  id: 'tiny-puzzle',
  title: 'Tiny puzzle',
  memory: 8,
  ticks: 3,
  values: [
    { id: 'tmp', value: 1000, type: 'u16', arrive: 0, uses: [0], drop: 1 },
    { id: 'keep', value: 1000, type: 'u16', arrive: 0, uses: [2] },
    { id: 'long', value: 'abcd', arrive: 1, uses: [1], drop: 2 },
  ],
};

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-solve-'));
  writeFileSync(file('puzzle.json'), JSON.stringify(PUZZLE));
  const impossible = structuredClone(PUZZLE);
  impossible.values[2].value = 'abcde';
  writeFileSync(file('impossible.json'), JSON.stringify(impossible));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runBin(join(dir, 'home'), ...args);

describe('cubbies validate and the par', () => {
  it('says the solver finishes a puzzle first fit cannot, and the oracle a plain level', () => {
    const r = run('validate', file('puzzle.json'), 'levels/01-numbers-in-binary.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('First fit runs out of memory; the solver finishes it (4 placements tried).');
    expect(r.stdout).toContain('The oracle (first fit) finishes it.');
  });

  it('refuses a level no placement finishes, with a sentence, exit 1', () => {
    const r = run('validate', file('impossible.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No placement finishes this level');
    expect(r.stderr).toContain('at tick 1 hold 8 boxes, more than the 7 usable');
  });
});

describe('cubbies solve', () => {
  it("prints the solver's replay, which compare plays to a clean finish", () => {
    const r = run('solve', file('puzzle.json'), '--json');
    expect(r.status).toBe(0);
    const par = JSON.parse(r.stdout) as { level: string; by: string; commands: string[]; score: number };
    expect(par).toMatchObject({ level: 'tiny-puzzle', by: 'solver', score: 1000 });
    expect(par.commands).toContain('malloc keep @6');
    writeFileSync(file('par.json'), r.stdout);
    const c = run('compare', file('puzzle.json'), '--replay', file('par.json'), '--json');
    expect(c.status).toBe(0);
    const runs = (JSON.parse(c.stdout) as { runs: { name: string; completed: boolean; crash: string | null }[] }).runs;
    expect(runs.find((x) => x.name === 'replay')).toMatchObject({ completed: true, crash: null });
    expect(runs.find((x) => x.name === 'oracle')).toMatchObject({ completed: false, crash: 'oom' });
    const text = run('compare', file('puzzle.json'), '--replay', file('par.json'));
    expect(text.stdout).toContain('Where the points went:\n  replay: 1000, nothing lost\n  oracle: 0\n');
    expect(text.stdout).toContain('    -1000 out of memory at t1: a run that crashes scores 0\n');
  });

  it("prints a campaign level's par as text, and refuses an invalid level, exit 1", () => {
    const r = run('solve', 'numbers-in-binary');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('by the oracle');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('end');
    expect(run('solve', file('impossible.json')).status).toBe(1);
  });
});

describe('cubbies generate', () => {
  it('writes the same bytes for the same seed, a level that validates and that first fit cannot finish when hard', () => {
    const a = run('generate', '--seed', '42', '--difficulty', 'hard', '-o', file('a.json'));
    expect(a.status).toBe(0);
    const b = run('generate', '--seed', '42', '--difficulty', 'hard');
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(readFileSync(file('a.json'), 'utf8'));
    const v = run('validate', file('a.json'));
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('First fit runs out of memory; the solver finishes it');
    expect(run('generate', '--seed', '43', '--difficulty', 'hard').stdout).not.toBe(b.stdout);
  });

  it('refuses a bad seed or difficulty as wrong usage, and an unwritable file, with sentences', () => {
    const seed = run('generate', '--seed', '-3');
    expect(seed.status).toBe(2);
    const d = run('generate', '--difficulty', 'super');
    expect(d.status).toBe(2);
    expect(d.stderr).toContain('The difficulty is easy, normal or hard, not "super".');
    const w = run('generate', '-o', join(dir, 'missing', 'x.json'));
    expect(w.status).toBe(1);
    expect(w.stderr).toContain('its folder does not exist');
    const folder = run('generate', '-o', dir);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toBe(`Can't write ${dir}: it is a folder; give a file name, like puzzle.json.\n`);
  });
});
