// The comparison table on the end screen: a big level's numbers (pauses, garbage
// box-ticks) can be wider than a column's usual width; the column widens, and no two
// cells ever run together.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import { compareLevel, type ComparedRun } from '../../src/engine/scoring/compare.js';
import { CompareTable } from '../../src/ui/CompareTable.js';
import { ThemeProvider } from '../../src/ui/theme.js';

afterEach(() => cleanup());

const level = compileLevel(
  JSON.parse(readFileSync(new URL('../../levels/01-numbers-in-binary.json', import.meta.url), 'utf8')) as Level,
);

describe('CompareTable', () => {
  it('widens a column for a cell wider than it, so that every row has as many cells as the heading', () => {
    const { runs } = compareLevel(level, { collectors: ['mark-sweep', 'refcount'] });
    const big = (r: ComparedRun, k: number): ComparedRun => ({
      ...r,
      metrics: { ...r.metrics, pauseTicks: 1723 * k, pauses: 1589 * k, garbageBoxTicks: 9951382 * k, work: 77494 * k },
    });
    const wide = runs.map((r, k) => big(r, k + 1));
    const r = render(
      <ThemeProvider theme={{ color: false }}>
        <CompareTable runs={wide} width={160} legend={false} />
      </ThemeProvider>,
    );
    const rows = (r.lastFrame() ?? '').split('\n').filter((l) => l.trim() !== '');
    const heading = rows[0]!.trim().split(/\s+/);
    expect(heading).toContain('pauses');
    const table = rows.slice(1, 1 + wide.length);
    expect(table.map((row) => row.split(/\s+/)[0])).toEqual(wide.map((run) => run.name));
    for (const row of table) expect(row.trim().split(/\s+/), row).toHaveLength(heading.length);
    // The widest cells are there whole, each after a space.
    expect(table.at(-1)).toContain(` ${1723 * 3}/${1589 * 3} `);
    expect(table.at(-1)).toContain(` ${9951382 * 3} `);
  });
});
