// A level read for play keeps its bytes as written but shows only printable text: each
// field name that holds a control character is shown escaped, the others stay as they are.
import { describe, expect, it } from 'vitest';
import { loadedFromText } from '../../src/levels/load.js';
import { isPrintable } from '../../src/ui/sanitise.js';
import { HOSTILE, hostileLevel } from '../support/hostile.js';

describe('a loaded level for display', () => {
  const level = hostileLevel();
  level.values.push({
    id: 'plain',
    fields: [
      { name: 'next', ref: null },
      { name: 'count', value: 3 },
    ],
    arrive: 2,
  });
  const loaded = loadedFromText('hostile.json', level);
  const byId = (id: string) => loaded.level.values.find((v) => v.id === id)!;

  it('escapes every control in a field name, and keeps the rest of the name', () => {
    const names = byId('rec').fields.map((f) => f.name);
    for (const name of names) expect(isPrintable(name)).toBe(true);
    expect(names[0]?.startsWith('f')).toBe(true);
    expect(names[0]).toContain('\\u001b]0;PWNED');
  });

  it('leaves printable field names, the values and their bytes as the file has them', () => {
    expect(byId('plain').fields.map((f) => f.name)).toEqual(['next', 'count']);
    expect(byId('greeting').prim).toEqual({ type: 'string', value: `Hi${HOSTILE}` });
    expect(loaded.json.values[1]?.fields?.[0]?.name).toBe(`f${HOSTILE}`);
  });

  it('escapes the title, keeping the record offsets and sizes of the level compiled', () => {
    expect(isPrintable(loaded.level.title)).toBe(true);
    expect(byId('rec').fields.map((f) => [f.offset, f.size])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});
