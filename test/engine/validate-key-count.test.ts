// The validator proves a level has no repeated key by counting: JSON.parse keeps one of
// each repeat, so a well-formed level whose objects hold as many keys as its text has
// colons has none. Only when the count falls short does it scan the text with
// jsonc-parser, which is many times slower. These tests count the scans: none for a
// well-formed level with every kind of object the schema has; one when a key repeats, or
// when a colon in a string makes the count fall short.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVERY_KIND as LEVEL } from '../support/every-kind.js';

const scans = vi.hoisted(() => ({ count: 0 }));
vi.mock('jsonc-parser', async (importOriginal) => {
  const real = await importOriginal<typeof import('jsonc-parser')>();
  return {
    ...real,
    visit: (...args: Parameters<typeof real.visit>) => {
      scans.count++;
      return real.visit(...args);
    },
  };
});

const { validateLevelText } = await import('../../src/engine/level/validate.js');

describe('repeated keys: counted, scanned only when the count falls short', () => {
  beforeEach(() => {
    scans.count = 0;
  });

  it('a well-formed level is not scanned, however it is laid out', () => {
    for (const text of [JSON.stringify(LEVEL), JSON.stringify(LEVEL, null, 2)]) {
      expect(validateLevelText(text, { certify: false }).ok).toBe(true);
    }
    expect(scans.count).toBe(0);
  });

  it('a colon inside a string looks like a key more: the level is scanned, and found to repeat none', () => {
    const text = JSON.stringify({ ...LEVEL, title: 'Keys: none repeated' });
    expect(validateLevelText(text, { certify: false }).ok).toBe(true);
    expect(scans.count).toBe(1);
  });

  it('a repeated key is scanned for, found and located', () => {
    const text = JSON.stringify(LEVEL).replace('"workPerTick":8', '"workPerTick":8,"workPerTick":8');
    const r = validateLevelText(text, { certify: false });
    expect(scans.count).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
        'gc.workPerTick: `workPerTick` appears more than once in this object; JSON keeps only the last one, so remove the others.',
      ]);
  });
});
