// A run's timeline as columns: it grows past its first room, a copy is its own, and it
// prints (--json) and travels (a worker's message) as the points it holds.
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

  it('a slice is a copy of the first points: pushing to either leaves the other as it was', () => {
    const t = Timeline.of(points(10));
    const first = t.slice(4);
    expect(first.points()).toEqual(points(4));
    first.push(999, 0, 0);
    t.push(1, 1, 1);
    expect(t.points()).toEqual([...points(10), { used: 1, garbage: 1, pause: 1 }]);
    expect(first.points()).toEqual([...points(4), { used: 999, garbage: 0, pause: 0 }]);
    expect(t.slice().points()).toEqual(t.points());
    expect(t.slice(-3).length).toBe(0);
    expect(t.slice(50).length).toBe(11);
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
