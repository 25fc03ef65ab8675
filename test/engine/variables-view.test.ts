// The variables panel makes only the rows that fit: they must be the panel's first rows,
// in its order, with the count of all of them.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { firstVariables, variables } from '../../src/engine/views/variables.js';
import { generateLevel } from '../support/generate.js';

describe('firstVariables', () => {
  it('gives the first rows of the whole panel and the number of its rows, at every point of leaky runs', () => {
    let statuses = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const level = compileLevel(generateLevel({ seed, values: 30, memory: 96, records: 0.5, sets: 40, lifetime: 6 }));
      const commands = oracleRun(level).commands.filter((c, i) => !(c.startsWith('free') && i % 4 === seed % 4));
      for (let n = 0; n <= commands.length; n += 3) {
        const { state } = playCommands(level, commands.slice(0, n));
        const all = variables(level, state);
        for (const limit of [0, 1, 4, 1000]) {
          const { views, total } = firstVariables(level, state, limit);
          expect(total).toBe(all.length);
          expect(views).toEqual(all.slice(0, limit));
        }
        statuses = new Set([...statuses, ...all.map((v) => v.status)]);
      }
    }
    // The runs went through every status the panel orders by.
    expect([...statuses].sort()).toEqual(['freed', 'live', 'reachable', 'reserved', 'unreachable', 'waiting']);
  });
});
