// The review's timeline strip, worked by hand: cells per tick, the most telling mark per
// cell, pause lengths, and the current cell.
import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../../src/engine/review/moment.js';
import { STRIP_MARKS, timelineStrip } from '../../../src/engine/views/timeline-strip.js';

const ev = (kind: ReviewEvent['kind'], cell: number, length?: number): ReviewEvent => ({
  kind,
  moment: 0,
  cell,
  text: kind,
  ...(length !== undefined ? { length } : {}),
});
const marks = (s: ReturnType<typeof timelineStrip>) => s.cells.map((c) => c.mark).join('');

describe('the timeline strip', () => {
  it('has one cell per tick when the strip is wide enough, each starting at its tick', () => {
    const s = timelineStrip(5, [], 20, 2);
    expect(s.ticksPerCell).toBe(1);
    expect(s.cells.map((c) => c.from)).toEqual([0, 1, 2, 3, 4]);
    expect(marks(s)).toBe('·····');
    expect(s.cells.map((c) => c.current)).toEqual([false, false, true, false, false]);
    expect(s.cells.every((c) => c.kind === null)).toBe(true);
  });

  it('puts several ticks in a cell when the program is longer than the strip: ceil(ticks / width)', () => {
    const s = timelineStrip(25, [ev('bug', 13)], 10, 24);
    expect(s.ticksPerCell).toBe(3);
    expect(s.cells).toHaveLength(9); // ceil(25 / 3)
    expect(s.cells.map((c) => c.from)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
    expect(marks(s)).toBe('····!····');
    expect(s.cells.findIndex((c) => c.current)).toBe(8);
    // The current tick's cell: tick 7 is in the third cell (6 to 8).
    expect(timelineStrip(25, [], 10, 7).cells.findIndex((c) => c.current)).toBe(2);
    // Exactly as wide as the strip: one tick a cell.
    expect(timelineStrip(10, [], 10, 0).ticksPerCell).toBe(1);
    expect(timelineStrip(11, [], 10, 0).ticksPerCell).toBe(2);
  });

  it('marks each cell with its most telling event: crash, then security, bug, leak, pause', () => {
    const order: ReviewEvent['kind'][] = ['pause', 'leak', 'bug', 'security', 'crash'];
    for (let k = 0; k < order.length; k++) {
      // The events of one cell, least telling first and then most telling first: the same mark.
      const upTo = order.slice(0, k + 1);
      for (const list of [upTo, [...upTo].reverse()]) {
        const s = timelineStrip(
          3,
          list.map((kind) => ev(kind, 1, 2)),
          10,
          0,
        );
        const want = order[k]!;
        expect(s.cells[1]!.kind).toBe(want);
        expect(s.cells[1]!.mark).toBe(want === 'pause' ? '2' : STRIP_MARKS[want]);
      }
    }
    expect(STRIP_MARKS).toEqual({ crash: '✖', security: '$', bug: '!', leak: 'L' });
  });

  it("shows a pause cell's total length, + from 10 ticks, and at least 1", () => {
    expect(marks(timelineStrip(4, [ev('pause', 0, 3), ev('pause', 0, 4), ev('pause', 2, 9)], 10, 0))).toBe('7·9·');
    expect(marks(timelineStrip(2, [ev('pause', 1, 10)], 10, 0))).toBe('·+');
    expect(marks(timelineStrip(2, [ev('pause', 1, 6), ev('pause', 1, 3)], 10, 0))).toBe('·9');
    expect(marks(timelineStrip(2, [ev('pause', 1, 7), ev('pause', 1, 3)], 10, 0))).toBe('·+');
    expect(marks(timelineStrip(2, [ev('pause', 0)], 10, 0))).toBe('1·'); // no length given: 1
    expect(marks(timelineStrip(2, [ev('pause', 0, 0)], 10, 0))).toBe('1·');
    // A bug in the same cell outranks the pause.
    expect(marks(timelineStrip(2, [ev('pause', 0, 5), ev('bug', 0)], 10, 0))).toBe('!·');
  });

  it('keeps events and the current cell inside the strip, and a level of no ticks has one cell', () => {
    const s = timelineStrip(4, [ev('crash', 9), ev('leak', -3)], 10, 99);
    expect(marks(s)).toBe('L··✖');
    expect(s.cells.map((c) => c.current)).toEqual([false, false, false, true]);
    expect(timelineStrip(4, [], 10, -5).cells[0]!.current).toBe(true);
    const none = timelineStrip(0, [], 10, 0);
    expect(none.cells).toEqual([{ from: 0, mark: '·', kind: null, current: true }]);
    expect(timelineStrip(5, [], 0, 0).ticksPerCell).toBe(5); // no width: one cell
  });
});
