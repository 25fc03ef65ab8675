// The score explains itself: every point a run lost, with its points, its cause, its
// tick and its value. A bug or a security hole is one line each (from the log, which
// says what really happened); each gap's pause is one line; garbage is one line naming
// each value's box-ticks while unreachable; the peak above what perfect timing holds is
// one line saying who was held at that moment. A crash is one line taking the rest to 0, and when
// the lines would pass 1000 a last line gives back what the floor at 0 forgives. So the
// points always add up to exactly 1000 minus the score.
import type { CompiledLevel } from '../level/compile.js';
import type { RunState } from '../run/state.js';
import { isBugKind, isSecurityKind, type BugKind, type PenaltyCause } from '../vocabulary.js';
import { boxes, plural } from '../words.js';
import { nth } from '../invariant.js';

export interface Penalty {
  /** Points lost (negative for the floor's give-back). */
  points: number;
  cause: PenaltyCause;
  /** The bug's kind, for a bug line. */
  kind?: BugKind;
  /** The tick it happened in (or, between ticks, the next tick to run); null for a whole-run line. */
  tick: number | null;
  /** The value it is about, when there is one. */
  value: string | null;
  /** What happened, in plain words, without the points. */
  text: string;
}

/** The starting score every run loses points from. */
export const FULL_SCORE = 1000;

/** How many values a line names before it says "and N more". */
const NAMED = 5;

/** "-100 use after free: …", "+40 …": a penalty as the end screen prints it. */
export function penaltyLine(p: Penalty): string {
  return `${p.points >= 0 ? '-' : '+'}${Math.abs(p.points)} ${p.text}`;
}

/** Every point the run lost; `completed` as the metrics say, `oraclePeak` the peak perfect timing holds. */
export function penaltiesOf(level: CompiledLevel, state: RunState, completed: boolean, oraclePeak: number): Penalty[] {
  const w = level.weights;
  const out: Penalty[] = [];
  // A security hole (a secret leaked, a read the attacker steered) costs the level's
  // `security` weight, besides the bug that opened it.
  for (const e of state.log) {
    if (isBugKind(e.kind))
      out.push({ points: w.bug, cause: 'bug', kind: e.kind, tick: e.tick, value: e.value ?? null, text: e.text });
    else if (isSecurityKind(e.kind))
      out.push({ points: w.security, cause: 'security', tick: e.tick, value: e.value ?? null, text: e.text });
  }
  const { timeline } = state;
  for (let t = 0; t < timeline.length; t++) {
    const pause = timeline.pauseAt(t);
    if (pause > 0) out.push(pauseLine(pause * w.pauseTick, pause, t));
  }
  if (state.pendingPause > 0) out.push(pauseLine(state.pendingPause * w.pauseTick, state.pendingPause, state.tick));
  const garbage = Math.floor(state.garbageBoxTicks / w.garbageBoxTicksPerPoint);
  if (garbage > 0) out.push(garbageLine(level, state, garbage));
  const over = state.peak - oraclePeak;
  if (over > 0 && w.peakBox > 0) out.push(peakLine(level, state, w.peakBox * over, oraclePeak));

  const lost = out.reduce((n, p) => n + p.points, 0);
  if (!completed) {
    const rest = Math.max(0, FULL_SCORE - lost);
    // Past 1000 already, the crash line costs nothing: the floor's line below is the same either way.
    out.push({ points: rest, cause: 'crash', tick: state.tick, value: null, text: crashText(level, state) });
  }
  if (lost > FULL_SCORE)
    out.push({
      points: FULL_SCORE - lost,
      cause: 'floor',
      tick: null,
      value: null,
      text: `the score stops at 0: ${plural(lost - FULL_SCORE, 'point')} given back`,
    });
  return out;
}

function pauseLine(points: number, ticks: number, before: number): Penalty {
  return {
    points,
    cause: 'pause',
    tick: before,
    value: null,
    text: `pause: the collector stopped the program for ${plural(ticks, 'tick')} before t${before}`,
  };
}

function names(list: readonly string[]): string {
  if (list.length <= NAMED)
    return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return `${list.slice(0, NAMED).join(', ')} and ${list.length - NAMED} more`;
}

function garbageLine(level: CompiledLevel, state: RunState, points: number): Penalty {
  const spans = Object.entries(state.garbageSpans)
    .map(([v, s]) => ({ id: nth(level.values, Number(v)).id, ...s }))
    .sort((a, b) => b.boxTicks - a.boxTicks || a.from - b.from);
  const shown = spans
    .slice(0, NAMED)
    .map((s) => `${s.id} ${s.boxTicks} (${s.from === s.to ? `t${s.from}` : `t${s.from} to t${s.to}`})`);
  const more = spans.length > NAMED ? `, and ${spans.length - NAMED} more` : '';
  // The automatic runtime keeps no per-value tally (it would cost a walk every tick).
  const whose = spans.length > 0 ? `: ${shown.join(', ')}${more}` : ', waiting for the collector';
  return {
    points,
    cause: 'garbage',
    tick: null,
    value: spans.length === 1 ? nth(spans, 0).id : null,
    text: `garbage: ${state.garbageBoxTicks} box-ticks unreachable but still allocated${whose}`,
  };
}

function peakLine(level: CompiledLevel, state: RunState, points: number, oraclePeak: number): Penalty {
  const t = state.peakAt;
  const head = `peak: ${boxes(state.peak)} at t${t} against ${oraclePeak}`;
  const held = state.peakHeld;
  if (!held) return { points, cause: 'peak', tick: t, value: null, text: head };
  const id = (v: number) => nth(level.values, v).id;
  const stale = held.filter((b) => nth(level.values, b.value).lastTouch < t).map((b) => id(b.value));
  const early = held.filter((b) => nth(level.values, b.value).arrive > t).map((b) => id(b.value));
  const placedNow = held.filter((b) => nth(level.values, b.value).arrive === t).map((b) => id(b.value));
  const oversized = held.filter((b) => b.size > nth(level.values, b.value).size).map((b) => id(b.value));
  const why: string[] = [];
  if (stale.length > 0) {
    const were = stale.length === 1 ? 'was' : 'were';
    why.push(
      placedNow.length > 0
        ? `${names(placedNow)} ${placedNow.length === 1 ? 'was' : 'were'} placed before ${names(stale)} ${were} freed`
        : `${names(stale)} ${were} still held after ${stale.length === 1 ? 'its' : 'their'} last use`,
    );
  }
  if (early.length > 0)
    why.push(
      `${names(early)} ${early.length === 1 ? 'was' : 'were'} placed ahead of ${early.length === 1 ? 'its' : 'their'} tick`,
    );
  if (oversized.length > 0)
    why.push(`${names(oversized)} got more boxes than ${oversized.length === 1 ? 'it needs' : 'they need'}`);
  const value =
    stale.length + early.length + oversized.length === 1 ? ([...stale, ...early, ...oversized][0] ?? null) : null;
  return { points, cause: 'peak', tick: t, value, text: why.length > 0 ? `${head} (${why.join('; ')})` : head };
}

function crashText(level: CompiledLevel, state: RunState): string {
  if (state.crash === 'oom') return `out of memory at t${state.tick}: a run that crashes scores 0`;
  if (state.crash === 'abort') return `gave up at t${state.tick}: a run that is not finished scores 0`;
  return state.tick < level.ticks
    ? `not finished: the program stopped at t${state.tick} of ${level.ticks}, and an unfinished run scores 0`
    : 'not finished: type end to finish, an unfinished run scores 0';
}
