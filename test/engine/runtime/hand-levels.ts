// Small levels worked out by hand for the runtime tests that pin one behaviour each; every
// level says what happens in it, gap by gap (a value with `drop: d` is in scope up to and
// including tick d, so it is dead from gap d + 1 on).

/**
 * Incremental: a value that dies after it was marked floats, and only a whole fresh cycle
 * frees it. Memory 16 (15 usable), slices of 1 unit, 1 unit a tick, a cycle past 60% (9 boxes).
 *   gap 0: a (6 boxes) at 1, b (3) at 7; c (3) takes use past 9: cycle 1 starts, greying a
 *          and b; its slice blackens a. c goes to 10, black.
 *   gap 1: the slice blackens b; no grey is left: the sweep comes next. a goes out of scope in tick 1.
 *   gap 2: the slice sweeps past a: black, kept (floating garbage). big (5 boxes) finds no
 *          room (13..15 is 3): the finalization sweeps b and c, frees nothing and ends
 *          cycle 1; still no room: cycle 2 runs whole, a is white and freed; big goes to 1.
 *          The gap's three pauses are one: 1 + 2 + 5 units, 8 ticks.
 */
export const FLOATS = {
  memory: 16,
  ticks: 5,
  gc: { workPerTick: 1, slice: 1, trigger: 0.6 },
  values: [
    { id: 'a', value: 'abcde', arrive: 0, drop: 1 },
    { id: 'b', value: 'fg', arrive: 0, uses: [4] },
    { id: 'c', value: 'hi', arrive: 0, uses: [4] },
    { id: 'big', value: 'jklm', arrive: 2, uses: [4] },
  ],
};

/**
 * Mark-compact: a block handed out in this gap holds stale bytes that look like a pointer
 * to a block that moves. Memory 16 (15 usable), 1-box pointers.
 *   gap 0: P (8 boxes) at 1, L (3) at 9, junk1 (2) at 12, junk2 {n: 9} (1) at 14.
 *   gap 2: V (2) finds no room (15 is 1 box): a collection drops junk1 and junk2, nothing
 *          moves; V goes to 12. Box 14 still holds junk2's 9: L's address.
 *   gap 4: P is dead. r {p → L} (1 box) goes to 14, not written yet: its box says 9. z (2)
 *          finds no room: a collection drops P and slides L 9 → 1, V 12 → 4, r 14 → 6. r's
 *          box is not a pointer yet and is not rewritten: 0 pointers rewritten, 13 units
 *          (3 marked, 4 examined, 6 boxes moved). z goes to 7.
 */
export const STALE_COMPACT = {
  memory: 16,
  ticks: 6,
  values: [
    { id: 'P', value: 'abcdefg', arrive: 0, drop: 3 },
    { id: 'L', value: 'xy', arrive: 0, uses: [5] },
    { id: 'junk1', value: 'a', arrive: 0, drop: 1 },
    { id: 'junk2', fields: [{ name: 'n', value: 9 }], arrive: 0, drop: 1 },
    { id: 'V', value: 'b', arrive: 2, uses: [5] },
    { id: 'r', fields: [{ name: 'p', ref: 'L' }], arrive: 4, uses: [5] },
    { id: 'z', value: 'c', arrive: 4, uses: [5] },
  ],
};

/**
 * Copying: a block handed out in this gap holds stale bytes that look like a pointer to a
 * block of the half being evacuated. Memory 17: halves 1..8 and 9..16, 1-box pointers, a
 * collection when use would pass 75% of a half (6 boxes).
 *   gap 0: A (2 boxes) at 1, G (2) at 3, junk {n: 1} (1) at 5.
 *   gap 2: D (3) would make 8: a collection copies A to 9; D goes to 11.
 *   gap 4: D is dead. E (2) would make 7: a collection copies A back to 1; E goes to 3.
 *          Box 5 still holds junk's 1: A's address.
 *   gap 5: r {p → A} (1 box) goes to 5, not written yet: its box says 1. z (2) would make 7:
 *          a collection copies the roots A (to 9), E (11) and r (13), the stale 1 along with
 *          r. r's box is not a pointer yet: 3 blocks copied (5 boxes), 0 pointers rewritten,
 *          5 units. z goes to 14.
 */
export const STALE_COPY = {
  memory: 17,
  ticks: 7,
  gc: { trigger: 0.75 },
  values: [
    { id: 'A', value: 'a', arrive: 0, uses: [6] },
    { id: 'G', value: 'b', arrive: 0, drop: 1 },
    { id: 'junk', fields: [{ name: 'n', value: 1 }], arrive: 0, drop: 1 },
    { id: 'D', value: 'cd', arrive: 2, drop: 3 },
    { id: 'E', value: 'e', arrive: 4, uses: [6] },
    { id: 'r', fields: [{ name: 'p', ref: 'A' }], arrive: 5, uses: [6] },
    { id: 'z', value: 'f', arrive: 5, uses: [6] },
  ],
};

/**
 * Generational: a block handed out in this gap in the nursery holds stale bytes that look
 * like a pointer to a block the scavenge evacuates. Memory 64, nursery 16: halves 1..8 and
 * 9..16, old space from 17; 1-box pointers.
 *   gap 0: A (2 boxes) at 1, junk {n: 1} (1) at 3, F (5) at 4: the half is full. All three
 *          go out of scope in tick 0.
 *   gap 1: T (2) finds no room: a scavenge finds nothing alive; T goes to 9.
 *   gap 2: U (7) finds no room (6 left): a scavenge copies T back to 1 (age 1); U still
 *          finds no room (3..8 is 6): old space, 17. Box 3 still holds junk's 1: T's address.
 *   gap 3: r {p → T} (1 box) goes to 3, not written yet: its box says 1. z (7) finds no room:
 *          a scavenge promotes T (it survived before) to old space at 24 and copies r to 9,
 *          the stale 1 along with it. r's box is not a pointer yet: 0 pointers rewritten,
 *          4 units (1 root, 2 + 1 boxes moved). z goes to 10.
 */
export const STALE_NURSERY = {
  memory: 64,
  ticks: 5,
  gc: { nursery: 16, workPerTick: 4 },
  values: [
    { id: 'A', value: 'a', arrive: 0, drop: 0 },
    { id: 'junk', fields: [{ name: 'n', value: 1 }], arrive: 0, drop: 0 },
    { id: 'F', value: 'abcd', arrive: 0, drop: 0 },
    { id: 'T', value: 'a', arrive: 1, uses: [4] },
    { id: 'U', value: 'abcdef', arrive: 2, uses: [4] },
    { id: 'r', fields: [{ name: 'p', ref: 'T' }], arrive: 3, uses: [4] },
    { id: 'z', value: 'abcdef', arrive: 3, uses: [4] },
  ],
};

/**
 * Copying: memory 32, halves 1..15 and 16..30. head (a pointer and "x": 3 boxes) at 1, junk
 * (7 boxes) at 4, tail (3 boxes) at 11; head.next = tail. junk and tail are out of scope in
 * tick 1, but tail is still reached through head.
 *   gap 2: big (8 boxes) does not fit from 14: a collection. The root head goes to 16; its
 *          pointer (box 16) leads to tail, copied to 19, and box 16 now says 19. junk is left
 *          behind, freed; 6 boxes are live from 16, and big then goes at 22.
 */
export const HEAD_JUNK_TAIL = {
  memory: 32,
  ticks: 5,
  values: [
    {
      id: 'head',
      fields: [
        { name: 'next', ref: null },
        { name: 'tag', value: 'x' },
      ],
      arrive: 0,
      uses: [4],
    },
    { id: 'junk', value: 'abcdef', arrive: 0, drop: 1 },
    { id: 'tail', value: 'xy', arrive: 0, drop: 1 },
    { id: 'big', value: 'abcdefg', arrive: 2, uses: [3] },
  ],
  sets: [{ tick: 0, in: 'head', field: 'next', to: 'tail' }],
};
