// The review's timeline strip: one cell per tick (several ticks a cell when the program
// is longer than the strip is wide), each marked with the most telling event in it, and
// the cell of the current moment.
import type { ReviewEvent, ReviewEventKind } from '../review/moment.js';
import { nth } from '../invariant.js';

export interface StripCell {
  /** First tick of the cell. */
  from: number;
  /** One character: `·` for nothing, else the event's mark. */
  mark: string;
  kind: ReviewEventKind | null;
  current: boolean;
}

/** Marks, most telling first: the crash, a security event, a bug, a leak, a pause (its length). */
const RANK: Record<ReviewEventKind, number> = { crash: 0, security: 1, bug: 2, leak: 3, pause: 4 };
export const STRIP_MARKS: Record<Exclude<ReviewEventKind, 'pause'>, string> = {
  crash: '✖',
  security: '$',
  bug: '!',
  leak: 'L',
};

function pauseMark(length: number): string {
  return length >= 10 ? '+' : String(Math.max(1, length));
}

/** The strip for `ticks` ticks in at most `width` cells, with the cell holding tick `currentCell` marked current. */
export function timelineStrip(
  ticks: number,
  events: readonly ReviewEvent[],
  width: number,
  currentCell: number,
): { cells: StripCell[]; ticksPerCell: number } {
  const n = Math.max(1, ticks);
  const per = Math.max(1, Math.ceil(n / Math.max(1, width)));
  const count = Math.ceil(n / per);
  const cells: StripCell[] = [];
  for (let i = 0; i < count; i++) cells.push({ from: i * per, mark: '·', kind: null, current: false });
  const pauseLen = new Array<number>(count).fill(0);
  for (const e of events) {
    const c = Math.min(count - 1, Math.max(0, Math.floor(e.cell / per)));
    const cell = nth(cells, c);
    if (e.kind === 'pause') pauseLen[c]! += e.length ?? 1;
    if (cell.kind === null || RANK[e.kind] < RANK[cell.kind]) cell.kind = e.kind;
  }
  cells.forEach((cell, c) => {
    if (cell.kind === 'pause') cell.mark = pauseMark(nth(pauseLen, c));
    else if (cell.kind) cell.mark = STRIP_MARKS[cell.kind];
  });
  const cur = Math.min(count - 1, Math.max(0, Math.floor(currentCell / per)));
  nth(cells, cur).current = true;
  return { cells, ticksPerCell: per };
}
