// The README's "Write your own level" section shows a level a reader can copy: it must be
// one the game accepts, and one the oracle can finish.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { formatProblems, validateLevelText } from '../../src/engine/level/validate.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The text of the section whose heading contains `title`, up to the next heading of the same or a higher level. */
function section(markdown: string, title: string): string | null {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.toLowerCase().includes(title.toLowerCase()));
  if (start < 0) return null;
  const depth = lines[start].match(/^#+/)![0].length;
  let end = lines.length;
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) fenced = !fenced;
    const m = !fenced && lines[i].match(/^(#{1,6})\s/);
    if (m && m[1].length <= depth) {
      end = i;
      break;
    }
  }
  return lines.slice(start + 1, end).join('\n');
}

/** The ```json blocks of a markdown text. */
function jsonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^\s*```json[^\n]*\n([\s\S]*?)^\s*```\s*$/gm)].map((m) => m[1]);
}

describe('README: Write your own level', () => {
  const text = section(readme, 'Write your own level');

  it('has the section', () => {
    expect(text, 'README.md has no heading containing "Write your own level"').not.toBeNull();
  });

  it('shows a ```json level that validates, starts with "$schema" and that the oracle finishes', () => {
    const blocks = jsonBlocks(text ?? '');
    expect(blocks.length, 'the section has no ```json block').toBeGreaterThanOrEqual(1);
    const example = blocks[0];
    const checked = validateLevelText(example);
    expect(checked.ok ? '' : formatProblems('README.md', checked.problems)).toBe('');
    if (!checked.ok) return;
    expect(Object.keys(JSON.parse(example) as object)[0]).toBe('$schema');
    const run = oracleRun(compileLevel(checked.level)).state;
    expect(run.crash).toBeNull();
    expect(run.finished).toBe(true);
  });
});

describe('the example proposed for the README (fixtures/write-your-own-level.json)', () => {
  it('validates, has 5 to 8 values, and the oracle finishes it', () => {
    const text = readFileSync(new URL('./fixtures/write-your-own-level.json', import.meta.url), 'utf8');
    const checked = validateLevelText(text);
    expect(checked.ok ? '' : formatProblems('write-your-own-level.json', checked.problems)).toBe('');
    if (!checked.ok) return;
    expect(checked.level.values.length).toBeGreaterThanOrEqual(5);
    expect(checked.level.values.length).toBeLessThanOrEqual(8);
    const run = oracleRun(compileLevel(checked.level)).state;
    expect(run.crash).toBeNull();
    expect(run.finished).toBe(true);
  });
});

describe('README: the first commands and the dependencies', () => {
  it('opens with the command that plays and the command that tests', () => {
    const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1].trim());
    expect(blocks.slice(0, 2)).toEqual(['npm install && npx cubbies', 'npm install && npm test']);
  });

  it('says why each package in package.json is there', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const text = section(readme, 'Dependencies, and why') ?? '';
    // The first column of the table: the packages each row is about.
    const named = new Set(
      text
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| package'))
        .flatMap((l) =>
          l
            .split('|')[1]
            .split(',')
            .map((p) => p.trim()),
        ),
    );
    const packages = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((p) => !named.has(p))).toEqual([]);
  });
});

describe('README: The campaign', () => {
  it('lists every level file of levels/, by its campaign number and id, and no other', () => {
    const files = readdirSync(new URL('../../levels/', import.meta.url))
      .filter((f) => /^\d+-.+\.json$/.test(f))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    const expected = files.map((f, i) => `${i + 1} ${f.replace(/^\d+-/, '').replace(/\.json$/, '')}`);
    const rows = (section(readme, 'The campaign') ?? '')
      .split('\n')
      .map((l) => l.match(/^\|\s*(\d+)\s*\|\s*`([^`]+)`\s*\|/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(expected);
  });
});
