// The review screen's own state and how keys move it: which run, which moment, which
// partner beside it, and where the grid is scrolled. The moments and events come from
// the engine's review; no game rule lives here.
import { eventMoment, type RunName, type RunReview } from '../../engine/index.js';
import type { KeyInfo } from '../input.js';

export interface ReviewModel {
  run: RunName;
  moment: number;
  /** The partner shown beside, or none. */
  partner: RunName | null;
  /** First row of boxes shown. */
  top: number;
  leave: boolean;
}

/** What a key needs to know: the run's moments and events, the partners Tab goes through, the grid's rows. */
export interface KeyContext {
  review: RunReview;
  partners: readonly RunName[];
  totalRows: number;
  visibleRows: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** The partner after `now` in Tab's order, then none, then the first again (Shift+Tab goes back). */
export function nextPartner(partners: readonly RunName[], now: RunName | null, dir: 1 | -1): RunName | null {
  const cycle: (RunName | null)[] = [...partners, null];
  const i = cycle.indexOf(now);
  return cycle[(i + dir + cycle.length) % cycle.length];
}

export function onReviewKey(m: ReviewModel, input: string, key: KeyInfo, k: KeyContext): ReviewModel {
  const last = k.review.moments.length - 1;
  const go = (i: number | null): ReviewModel => (i === null ? m : { ...m, moment: clamp(i, 0, last) });
  if (key.escape || input === 'q') return { ...m, leave: true };
  if (key.leftArrow || input === 'h') return go(m.moment - 1);
  if (key.rightArrow || input === 'l') return go(m.moment + 1);
  if (key.home || input === 'g') return go(0);
  if (key.end || input === 'G') return go(last);
  if (input === '[') return go(eventMoment(k.review.events, m.moment, -1));
  if (input === ']') return go(eventMoment(k.review.events, m.moment, 1));
  if (key.tab) return { ...m, partner: nextPartner(k.partners, m.partner, key.shift ? -1 : 1) };
  const maxTop = Math.max(0, k.totalRows - k.visibleRows);
  if (key.upArrow || input === 'k') return { ...m, top: clamp(m.top - 1, 0, maxTop) };
  if (key.downArrow || input === 'j') return { ...m, top: clamp(m.top + 1, 0, maxTop) };
  if (key.pageUp) return { ...m, top: clamp(m.top - k.visibleRows, 0, maxTop) };
  if (key.pageDown) return { ...m, top: clamp(m.top + k.visibleRows, 0, maxTop) };
  return m;
}
