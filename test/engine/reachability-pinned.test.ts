// LiveReachability's memo and its work count, on small hand-worked graphs: what each question
// costs in `steps` (one per value searched plus one per pointer followed), which answers are
// remembered and which writes make it forget them, and the order of the pointers into a value.
import { describe, expect, it } from 'vitest';
import { LiveReachability } from '../../src/engine/run/reachability.js';

/** A graph of `count` values; `owners[f]` is the value holding pointer field f. */
function graph(count: number, owners: number[]): LiveReachability {
  return new LiveReachability(count, Int32Array.from(owners));
}

describe('LiveReachability: "unreachable" is remembered until a pointer is added', () => {
  it('a failed search costs one step per value and per pointer, and asking again (or about a value on the way) costs nothing', () => {
    // Value 1 holds field 0, which points to value 0; there is no root.
    const g = graph(2, [1]);
    expect(g.point(0, 0)).toBe(-1);
    expect(g.steps).toBe(0);
    // Searching from 0: value 0 and its one pointer (2), then value 1 with none into it (1).
    expect(g.reachable(0)).toBe(false);
    expect(g.steps).toBe(3);
    expect(g.reachable(0)).toBe(false);
    expect(g.steps).toBe(3);
    // Value 1 was searched on the way: its answer is remembered too.
    expect(g.reachable(1)).toBe(false);
    expect(g.steps).toBe(3);
  });

  it('pointing a field where it already points changes nothing: no forgetting, same order of pointers', () => {
    // Value 1 holds fields 0 and 1, both pointing to value 0.
    const g = graph(2, [1, 1]);
    g.point(0, 0);
    g.point(1, 0);
    expect(g.pointersInto(0)).toEqual([0, 1]);
    expect(g.reachable(0)).toBe(false);
    expect(g.steps).toBe(4); // value 0 and its two pointers (3), value 1 (1)
    expect(g.point(0, 0)).toBe(0);
    expect(g.pointersInto(0)).toEqual([0, 1]);
    expect(g.reachable(0)).toBe(false);
    expect(g.steps).toBe(4);
  });

  it('nulling a pointer keeps "unreachable"; adding one forgets it, and the new search remembers the whole path', () => {
    // Value 1 holds fields 0 and 1; value 2, a root, holds field 2.
    const g = graph(3, [1, 1, 2]);
    g.addRoot(2);
    g.point(0, 0);
    g.point(1, 0);
    expect(g.reachable(0)).toBe(false);
    expect(g.steps).toBe(4);
    expect(g.point(1, -1)).toBe(0);
    expect(g.pointersInto(0)).toEqual([0]);
    expect(g.reachable(0)).toBe(false);
    expect(g.steps).toBe(4);
    // The root now points to 1: value 0 and its pointer (2), value 1 and its pointer from the root (2).
    expect(g.point(2, 1)).toBe(-1);
    expect(g.reachable(0)).toBe(true);
    expect(g.steps).toBe(8);
    expect(g.reachable(1)).toBe(true);
    expect(g.reachable(0)).toBe(true);
    expect(g.steps).toBe(8);
  });

  it('a search does not go up again through a value already known unreachable', () => {
    // Value 1 holds field 0, pointing to value 0; no root.
    const g = graph(2, [1]);
    g.point(0, 0);
    expect(g.reachable(1)).toBe(false); // nothing points to 1: one step
    expect(g.steps).toBe(1);
    // From 0: value 0 and its pointer (2); its owner 1 is known unreachable, so not searched.
    expect(g.reachable(0)).toBe(false);
    expect(g.steps).toBe(3);
  });
});

describe('LiveReachability: "reachable" is remembered until its root is dropped or a pointer on its path is overwritten', () => {
  it('a chain from a root is climbed once; overwriting a pointer on it forgets it', () => {
    // Root 0 -> 1 -> 2 -> 3 through fields 0 (held by 0), 1 (held by 1) and 2 (held by 2).
    const g = graph(4, [0, 1, 2]);
    g.addRoot(0);
    g.point(0, 1);
    g.point(1, 2);
    g.point(2, 3);
    // Values 3, 2 and 1, each with one pointer into it: 2 steps each.
    expect(g.reachable(3)).toBe(true);
    expect(g.steps).toBe(6);
    expect(g.reachable(3)).toBe(true);
    expect(g.reachable(2)).toBe(true);
    expect(g.reachable(1)).toBe(true);
    expect(g.reachable(0)).toBe(true); // a root
    expect(g.steps).toBe(6);
    // Cut 1 -> 2: value 3 and its pointer (2), value 2 with none left (1).
    expect(g.point(1, -1)).toBe(2);
    expect(g.reachable(3)).toBe(false);
    expect(g.steps).toBe(9);
    expect(g.reachable(2)).toBe(false);
    expect(g.steps).toBe(9);
    // Value 1 was not on that search; it is still held by the root: 1 and its pointer (2).
    expect(g.reachable(1)).toBe(true);
    expect(g.steps).toBe(11);
  });

  it('dropping the root forgets what was traced to it', () => {
    // Root 0 holds field 0, pointing to 1.
    const g = graph(2, [0]);
    g.addRoot(0);
    g.point(0, 1);
    expect(g.reachable(1)).toBe(true);
    expect(g.steps).toBe(2);
    g.dropRoot(0);
    // Value 1 and its pointer (2), value 0 with none into it (1).
    expect(g.reachable(1)).toBe(false);
    expect(g.steps).toBe(5);
  });

  it('overwriting a pointer off the path keeps "reachable": one into a value never asked about, one beside the traced pointer', () => {
    // Root 0 holds field 0 (to 2), and fields 1 and 2 (both to 1).
    const g = graph(3, [0, 0, 0]);
    g.addRoot(0);
    g.point(0, 2);
    g.point(1, 1);
    g.point(2, 1);
    // Value 1 and its two pointers; the first, field 1, is from the root.
    expect(g.reachable(1)).toBe(true);
    expect(g.steps).toBe(3);
    // Field 0 is the first field (its number is 0), into value 2 that no search has marked.
    expect(g.point(0, -1)).toBe(2);
    expect(g.reachable(1)).toBe(true);
    expect(g.steps).toBe(3);
    // Field 2 points into value 1, which is known reachable, but it was traced through field 1.
    expect(g.point(2, -1)).toBe(1);
    expect(g.reachable(1)).toBe(true);
    expect(g.steps).toBe(3);
    // Field 1 is the traced one: value 1 is searched again and has no pointer left.
    expect(g.point(1, -1)).toBe(1);
    expect(g.reachable(1)).toBe(false);
    expect(g.steps).toBe(4);
  });
});

describe('LiveReachability: an overwritten pointer forgets only what was traced through it', () => {
  it('a value never searched is not taken as reachable after a remembered path is cut', () => {
    // Value 0 holds field 0; value 2 has no pointer into it and is no root.
    const g = graph(3, [0]);
    g.addRoot(0);
    g.point(0, 1);
    expect(g.reachable(1)).toBe(true); // remembered, traced through field 0
    g.point(0, -1); // the pointer it was traced through is gone: that memo is dropped
    expect(g.reachable(1)).toBe(false);
    expect(g.reachable(2)).toBe(false);
  });
});
