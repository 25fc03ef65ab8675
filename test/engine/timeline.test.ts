// A run's timeline as columns: it grows past its first room, forks share its columns and
// never see each other's points, and it prints (--json) and travels (a worker's message) as
// the points it holds.
import { describe, expect, it } from 'vitest';
import { Timeline, type TimelinePoint } from '../../src/engine/run/timeline.js';

const points = (n: number): TimelinePoint[] =>
  Array.from({ length: n }, (_, t) => ({ used: t * 3, garbage: t % 5, pause: t % 7 === 0 ? 2 : 0 }));

describe('Timeline', () => {
  it('keeps every point pushed, past its first room and past each doubling, from no room at all', () => {
    const want = points(300);
    for (const room of [0, 2]) {
      const grown = new Timeline(room);
      for (const p of want) grown.push(p.used, p.garbage, p.pause);
      expect(grown.length).toBe(300);
      expect(grown.points()).toEqual(want);
    }
    const t = Timeline.of(want);
    expect(t.at(299)).toEqual(want[299]);
    expect([t.usedAt(7), t.garbageAt(7), t.pauseAt(7)]).toEqual([21, 2, 2]);
  });

  it('a fork is its first points on the same columns: nothing is copied, and pushing to either leaves the other as it was', () => {
    const t = Timeline.of(points(10));
    const first = t.fork(4);
    expect(first.used).toBe(t.used);
    expect(first.points()).toEqual(points(4));
    // t has written past the fork's end: the fork's push moves it to columns of its own.
    first.push(999, 0, 0);
    expect(first.used).not.toBe(t.used);
    t.push(1, 1, 1);
    expect(t.points()).toEqual([...points(10), { used: 1, garbage: 1, pause: 1 }]);
    expect(first.points()).toEqual([...points(4), { used: 999, garbage: 0, pause: 0 }]);
    expect(t.fork().points()).toEqual(t.points());
    expect(t.fork(-3).length).toBe(0);
    expect(t.fork(50).length).toBe(11);
  });

  it("whichever pushes first past a shared end writes in place; the other then copies, and neither sees the other's point", () => {
    const a = Timeline.of(points(5));
    const b = a.fork();
    b.push(7, 7, 7);
    expect(b.used).toBe(a.used);
    a.push(8, 8, 8);
    expect(a.used).not.toBe(b.used);
    expect(a.points()).toEqual([...points(5), { used: 8, garbage: 8, pause: 8 }]);
    expect(b.points()).toEqual([...points(5), { used: 7, garbage: 7, pause: 7 }]);
    // A short fork's copy counts its own columns' points, not the shared ones': a fork as
    // long as that copy still may not write over the longer timeline's points.
    const long = Timeline.of(points(10));
    long.fork(3).push(0, 0, 0);
    const four = long.fork(4);
    four.push(-4, -4, -4);
    expect(long.points()).toEqual(points(10));
    expect(four.points()).toEqual([...points(4), { used: -4, garbage: -4, pause: -4 }]);
    // A fork of a fork that has its own columns shares those.
    const c = a.fork(3);
    c.push(9, 9, 9);
    expect(a.points()).toEqual([...points(5), { used: 8, garbage: 8, pause: 8 }]);
    expect(c.points()).toEqual([...points(3), { used: 9, garbage: 9, pause: 9 }]);
  });

  it("a chain of forks each one point longer (play's steps and undo states) shares one set of columns", () => {
    const states = [new Timeline()];
    for (let k = 0; k < 50; k++) {
      const next = states[states.length - 1]!.fork();
      next.push(k, 0, 0);
      states.push(next);
    }
    expect(new Set(states.map((s) => s.used)).size).toBe(1);
    states.forEach((s, k) => expect(s.points().map((p) => p.used)).toEqual(Array.from({ length: k }, (_, i) => i)));
    // A step from an earlier state (after an undo) copies, and the later states keep their points.
    const branch = states[10]!.fork();
    branch.push(-1, 0, 0);
    expect(branch.used).not.toBe(states[10]!.used);
    expect(branch.points().map((p) => p.used)).toEqual([...Array.from({ length: 10 }, (_, i) => i), -1]);
    expect(states[50]!.usedAt(10)).toBe(10);
  });

  it('prints as its points, and comes back whole from a structured clone of its columns', () => {
    const t = Timeline.of(points(70));
    expect(JSON.parse(JSON.stringify({ timeline: t }))).toEqual({ timeline: points(70) });
    const back = Timeline.fromColumns(structuredClone(t));
    expect(back).toBeInstanceOf(Timeline);
    expect(back.points()).toEqual(points(70));
    back.push(5, 5, 5);
    expect(back.length).toBe(71);
  });
});
