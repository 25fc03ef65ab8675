// The validator's text output groups repeated problems: the same sentence at paths that
// differ in one index, in a row, make one line with the range and the count.
import { describe, expect, it } from 'vitest';
import { formatProblems, validateLevelText } from '../../src/engine/level/validate.js';
import { generateLevel } from '../support/generate.js';

describe('grouped problems', () => {
  it('138 values with the same bad drop make one line; different problems stay apart', () => {
    const level = generateLevel({ seed: 3, values: 600, memory: 512 });
    for (let i = 200; i < 338; i++) level.values[i].drop = 999_999;
    level.values[500].arrive = -1;
    level.values[501].arrive = -1;
    const r = validateLevelText(JSON.stringify(level, null, 1));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.length).toBeGreaterThanOrEqual(140);
    const lines = formatProblems('x.json', r.problems).split('\n');
    expect(lines[0]).toMatch(
      /^x\.json:\d+:\d+ values\[200…337\]\.drop: must be at most 100000, not 999999 \(138 values\)$/,
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/ values\[500\]\.arrive: must be at least 0, not -1\.$/),
      expect.stringMatching(/ values\[501\]\.arrive: must be at least 0, not -1\.$/),
    ]);
  });

  it('a run is broken by a different sentence, and paths differing in two indexes are not grouped', () => {
    const p = (path: string, message = 'm') => ({ path, message });
    const text = formatProblems('f', [
      p('values[1].uses[0]'),
      p('values[2].uses[0]'),
      p('values[3].uses[0]'),
      p('values[4].uses[0]', 'other'),
      p('values[5].uses[1]'),
      p('values[6].uses[2]'),
      p('values[7].uses[3]'),
    ]);
    expect(text.split('\n')).toEqual([
      'f values[1…3].uses[0]: m (3 values)',
      'f values[4].uses[0]: other',
      'f values[5].uses[1]: m',
      'f values[6].uses[2]: m',
      'f values[7].uses[3]: m',
    ]);
  });
});
