// A two-value level the review tests step through: a ("hi", read at tick 0) and b (a u8,
// arriving at tick 1, read at tick 2), in 16 boxes over 3 ticks.
import type { Level } from '../../src/engine/level/schema.js';

export const MOMENTS = {
  id: 'moments',
  title: 'Moments',
  memory: 16,
  ticks: 3,
  values: [
    { id: 'a', value: 'hi', arrive: 0, uses: [0] },
    { id: 'b', value: 7, type: 'u8', arrive: 1, uses: [2] },
  ],
} satisfies Level;
