// A small level with a hole that only a collection can reuse, shared by the runtime, pause
// and watch tests:
//   tick 0: big "abcdefg" (8 boxes) at 1..8, out of scope after tick 1;
//           leaf u16 (2 boxes) at 9..10; node {next → leaf, n} (2 boxes) at 11..12.
//   before tick 2: more "0123456" (8 boxes): the free runs are 13..15 (3 boxes) only.
//   A collection finds big dead: its 8 boxes and the 3 at the top are two runs.
import type { Level } from '../../src/engine/level/schema.js';

export const HOLE = {
  id: 'hole',
  title: 'A hole',
  memory: 16,
  ticks: 5,
  values: [
    { id: 'big', value: 'abcdefg', arrive: 0, drop: 1 },
    { id: 'leaf', value: 1234, type: 'u16' as const, arrive: 0, uses: [3] },
    {
      id: 'node',
      fields: [
        { name: 'next', ref: 'leaf' },
        { name: 'n', value: 7 },
      ],
      arrive: 0,
      uses: [4],
    },
    { id: 'more', value: '0123456', arrive: 2, uses: [4] },
  ],
  gc: { workPerTick: 3 },
} satisfies Level;
