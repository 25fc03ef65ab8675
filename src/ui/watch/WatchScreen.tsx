// The watch screen (`cubbies watch`, or `g` in play): the automatic runtime plays a level, one small step
// at a time: each allocation, each block marked grey then black, each block swept, slid or
// copied, each pointer rewritten, each reference count changed, each tick. While a
// collection runs the program is frozen, and the status line counts the pause ticks and the
// collections so far.
// Keys: space pauses and resumes, n or . takes one step, ←/→ (h/l) one moment back or
// forward, [ and ] the previous or next pause, + and - change the speed (remembered
// between runs by whoever passes onSpeed), q or Esc leaves. Going back rebuilds the run
// from the engine's review of it. It draws the runtime's state and view; no rule of the
// game lives here.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type { CompiledLevel } from '../../engine/index.js';
import { runMmu } from '../../engine/index.js';
import type { CollectorName } from '../../engine/index.js';
import { isConsequence, totalBugs, totalSecurity, type LogEntry } from '../../engine/index.js';
import {
  eventMoment,
  reviewCollector,
  watchCursor,
  type CollectorCursor,
  type CollectorReview,
  type ReviewEventKind,
  type Runtime,
} from '../../engine/index.js';
import { logColour, paint, useTheme, type Theme } from '../theme.js';
import { presses, type KeyInfo } from '../input.js';
import { TooSmall } from '../TooSmall.js';
import { tooSmall, useTerminalSize } from '../useTerminalSize.js';
import { PER_ROW, scrollTo, watchRows } from './cells.js';
import { PieceRow } from '../pieces.js';
import { collectionsText, cycleText, legend, pauseName } from './legend.js';

/** Steps per second, slowest to fastest. */
export const SPEEDS = [1, 2, 4, 8, 16, 32, 64, 128, 512] as const;
const DEFAULT_SPEED = 3;
/** The timer never fires faster than this; higher speeds take several steps per firing. */
const MIN_INTERVAL_MS = 40;

export interface WatchScreenProps {
  level: CompiledLevel;
  collector: CollectorName;
  onExit: () => void;
  /** Start playing at once (default); false starts paused (tests, or a slow look). */
  autoplay?: boolean;
  /** Index into SPEEDS to start at. */
  speed?: number;
  /** The speed was changed (an index into SPEEDS): to remember it. */
  onSpeed?: (index: number) => void;
}

const PAUSES: ReadonlySet<ReviewEventKind> = new Set<ReviewEventKind>(['pause']);

/** One visible step (a gap between ticks is not one); `exact` says whether it reached a moment. */
function visibleStep(c: CollectorCursor, exact: { current: boolean }): boolean {
  for (;;) {
    const r = c.step();
    if (!r) return false;
    if (r.step.kind === 'gap' && !r.moment) continue;
    exact.current = r.moment !== null;
    if (r.step.kind !== 'gap') return true;
  }
}

/** The log lines watch shows: the collector's work, the write barrier's hits and what went wrong. */
const shownInWatch = (e: LogEntry): boolean => e.kind === 'collect' || e.kind === 'barrier' || isConsequence(e.kind);
const LOG_LINES = 4;
/** From this many columns on, the longest status line and legend fit on one line each. */
const WIDE = 120;

/**
 * The newest of `entries` whose whole text fits in LOG_LINES lines of `width` columns, oldest
 * first: a sentence cut at the edge would lose its end, which says why.
 */
function newestThatFit<T extends { text: string }>(entries: readonly T[], width: number): T[] {
  const lines = (t: string) => Math.max(1, Math.ceil([...t].length / Math.max(1, width)));
  let used = 0;
  let from = entries.length;
  while (from > 0 && used + lines(entries[from - 1]!.text) <= LOG_LINES) used += lines(entries[--from]!.text);
  return entries.slice(from);
}

function statusLine(rt: Runtime, running: boolean, speed: number): { text: string; pause: string | null } {
  const { state, level, view } = rt;
  const tick = Math.min(state.tick, level.ticks);
  const capacity = rt.collector === 'copying' && view.half ? view.half.end - view.half.start : level.usable;
  const parts = [
    `tick ${tick}/${level.ticks}`,
    view.phase,
    `MMU ${runMmu(state).toFixed(2)}`,
    `used ${state.used}/${capacity}`,
  ];
  const cycle = cycleText(rt);
  if (cycle) parts.splice(2, 0, cycle);
  const collections = collectionsText(rt);
  if (collections) parts.push(collections);
  const play = rt.done ? 'over' : running ? `▶ ${speed} steps/s` : '⏸ paused';
  parts.push(play);
  const p = view.pause;
  const pause = p && p.total > 0 ? `${pauseName(rt)} ${Math.max(1, p.elapsed)}/${p.total}` : null;
  return { text: parts.join(' · '), pause };
}

function endLine(rt: Runtime): string {
  const s = rt.state;
  if (s.crash === 'oom') return `Out of memory at tick ${s.tick}: the run crashed. q leaves.`;
  const bugs = totalBugs(s.bugs);
  const holes = totalSecurity(s.security);
  return `Finished: ${bugs} bug${bugs === 1 ? '' : 's'}${holes > 0 ? ` · exploitable (${holes} security hole${holes === 1 ? '' : 's'})` : ''} · ${s.pauses} pause${s.pauses === 1 ? '' : 's'} (${s.pauseTicks} ticks, longest ${s.longestPause}) · peak ${s.peak} · garbage box-ticks ${s.garbageBoxTicks} · leaked at end ${s.leakedAtEnd} · MMU ${runMmu(s).toFixed(2)}. q leaves.`;
}

export function WatchScreen({
  level,
  collector,
  onExit,
  autoplay = true,
  speed: startSpeed = DEFAULT_SPEED,
  onSpeed,
}: WatchScreenProps) {
  const theme = useTheme();
  const size = useTerminalSize();
  const watch = useWatch(level, collector, autoplay, startSpeed, onSpeed);
  const topRef = useRef(0);

  // Keys typed quickly (or pasted) arrive together: take them one by one.
  // Behind the too-small notice the screen is hidden: its keys do nothing (the notice takes q).
  useInput(
    (input, key) => {
      for (const p of presses(input, key)) {
        if (watch.press(p.input, p.key) === 'leave') {
          onExit();
          return;
        }
      }
    },
    { isActive: !tooSmall(size) },
  );

  if (tooSmall(size)) return <TooSmall size={size} onQuit={onExit} />;

  const rt = watch.rt;
  const totalRows = Math.ceil(level.memory / PER_ROW);
  // Below WIDE columns the status line and the legend may not fit on one line: each gets two.
  const wrapped = size.cols < WIDE ? 2 : 1;
  // Lines besides the grid: title, status, legend, "now" (2), log (the end's line too), keys, and a spare one.
  const fixed = 1 + wrapped + wrapped + 2 + LOG_LINES + 1 + 1;
  const visible = Math.max(1, Math.min(totalRows, Math.floor((size.rows - fixed) / 2)));
  const focus = rt.view.last?.addr !== undefined ? Math.floor(rt.view.last.addr / PER_ROW) : topRef.current;
  const top = scrollTo(topRef.current, focus, visible, totalRows);
  topRef.current = top;
  return (
    <WatchView
      rt={rt}
      collector={collector}
      top={top}
      visible={visible}
      width={size.cols}
      wrapped={wrapped}
      running={watch.running}
      speed={SPEEDS[watch.speedIx]}
      theme={theme}
    />
  );
}

/**
 * The watched run: its cursor (replaced when the watch jumps back), the timer that steps
 * it while it plays, the speed, and what each key does to them.
 */
function useWatch(
  level: CompiledLevel,
  collector: CollectorName,
  autoplay: boolean,
  startSpeed: number,
  onSpeed: ((index: number) => void) | undefined,
) {
  const start = useMemo(() => watchCursor(level, collector), [level, collector]);
  const [at, setAt] = useState<{ start: CollectorCursor; cursor: CollectorCursor }>({ start, cursor: start });
  // Another level or collector: start again from its beginning.
  if (at.start !== start) setAt({ start, cursor: start });
  const cursor = at.start === start ? at.cursor : start;
  // Keys read the cursor from here: one typed right after a jump, before the screen has
  // drawn it, must act on the new cursor.
  const live = useRef(cursor);
  live.current = cursor;
  const setCursor = (c: CollectorCursor) => {
    live.current = c;
    setAt({ start, cursor: c });
  };
  // The moments of the whole run, built the first time the watch goes back or jumps.
  const review = useRef<CollectorReview | null>(null);
  const reviewed = () => {
    if (!review.current || review.current.level !== level || review.current.collector !== collector)
      review.current = reviewCollector(level, collector);
    return review.current;
  };
  /** The cursor stands exactly on its moment (no step taken since it reached it). */
  const exact = useRef(true);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [running, setRunning] = useState(autoplay);
  const [speedIx, setSpeedIx] = useState(Math.max(0, Math.min(SPEEDS.length - 1, startSpeed)));

  // Take the first step at once, so there is something to see.
  useEffect(() => {
    if (cursor === start && cursor.rt.view.last === null && !cursor.rt.done) {
      visibleStep(cursor, exact);
      redraw();
    }
  }, [cursor, start]);
  usePlaying(running, speedIx, cursor, exact, redraw, setRunning);

  const jump = (to: number | null) => {
    if (to === null) return;
    setRunning(false);
    exact.current = true;
    setCursor(reviewed().cursorAt(to));
  };
  const changeSpeed = (dir: 1 | -1) => {
    setSpeedIx((i) => {
      const next = Math.max(0, Math.min(SPEEDS.length - 1, i + dir));
      if (next !== i) onSpeed?.(next);
      return next;
    });
  };
  // Back: to the moment the run stands on, or the one before when it stands exactly on one.
  const back = () => jump(Math.max(0, exact.current ? live.current.moment - 1 : live.current.moment));
  const forward = () => {
    setRunning(false);
    if (live.current.advance()) exact.current = true;
    redraw();
  };
  const press = (input: string, key: KeyInfo): 'leave' | null => {
    const c = live.current;
    if (key.escape || input === 'q') return 'leave';
    if (key.leftArrow || input === 'h' || input === 'b') back();
    else if (key.rightArrow || input === 'l') forward();
    else if (input === ' ') setRunning((r) => !r && !c.rt.done);
    else if (input === 'n' || input === '.') {
      setRunning(false);
      visibleStep(c, exact);
      redraw();
    } else if (input === '[') jump(eventMoment(reviewed().events, exact.current ? c.moment : c.moment + 1, -1, PAUSES));
    else if (input === ']') jump(eventMoment(reviewed().events, c.moment, 1, PAUSES));
    else if (input === '+' || input === '=') changeSpeed(1);
    else if (input === '-' || input === '_') changeSpeed(-1);
    return null;
  };
  return { rt: cursor.rt, running, speedIx, press };
}

/** While the watch plays: a timer that takes the steps the speed asks for, and stops at the end. */
function usePlaying(
  running: boolean,
  speedIx: number,
  cursor: CollectorCursor,
  exact: { current: boolean },
  redraw: () => void,
  setRunning: (on: boolean) => void,
) {
  const rt = cursor.rt;
  useEffect(() => {
    if (!running || rt.done) return;
    const speed = SPEEDS[speedIx];
    const interval = Math.max(MIN_INTERVAL_MS, 1000 / speed);
    const perFiring = Math.max(1, Math.round((speed * interval) / 1000));
    const timer = setInterval(() => {
      for (let i = 0; i < perFiring && visibleStep(cursor, exact); i++);
      redraw();
      if (cursor.rt.done) setRunning(false);
    }, interval);
    return () => clearInterval(timer);
  }, [running, speedIx, cursor, rt, exact, redraw, setRunning]);
}

function WatchView({
  rt,
  collector,
  top,
  visible,
  width,
  wrapped,
  running,
  speed,
  theme,
}: {
  rt: Runtime;
  collector: CollectorName;
  top: number;
  visible: number;
  width: number;
  /** Lines for the status line and for the legend: 2 on a narrow terminal. */
  wrapped: number;
  running: boolean;
  speed: number;
  theme: Theme;
}) {
  const { state, view, level } = rt;
  const addrWidth = Math.max(4, String(level.memory - 1).length);
  const rows = watchRows(level, state, view, top, visible, addrWidth);
  const shown: { kind: LogEntry['kind'] | 'end'; text: string }[] = state.log
    .filter(shownInWatch)
    .slice(-LOG_LINES)
    .map((e) => ({ kind: e.kind, text: `${e.kind === 'collect' || e.kind === 'barrier' ? '' : '! '}${e.text}` }));
  // Once the run is over, its last line says how it ended, below the log's newest entries.
  if (rt.done) shown.push({ kind: 'end', text: endLine(rt) });
  const log = newestThatFit(shown, width);

  return (
    <Box flexDirection="column" width={width}>
      <WatchTitle level={level} collector={collector} top={top} visible={visible} />
      <Box height={wrapped} overflow="hidden">
        <StatusLine status={statusLine(rt, running, speed)} theme={theme} />
      </Box>
      {rows.map((row) => (
        <PieceRow key={row.addr} bytes={row.bytes} labels={row.labels} theme={theme} />
      ))}
      <Box height={wrapped} overflow="hidden">
        <Text wrap="wrap" dimColor>
          {legend(rt)}
        </Text>
      </Box>
      <Box height={2}>
        <Text wrap="wrap">now: {view.last ? view.last.text : 'starting'}</Text>
      </Box>
      <Box flexDirection="column" height={LOG_LINES}>
        {log.map((e, i) =>
          e.kind === 'end' ? (
            <Text key={i} wrap="wrap" bold>
              {e.text}
            </Text>
          ) : (
            <Text key={i} wrap="wrap" {...paint(theme, logColour(e.kind))}>
              {e.text}
            </Text>
          ),
        )}
      </Box>
      <Text wrap="truncate" dimColor>
        space {running ? 'pause' : 'run'} · n one step · ←/→ a moment · [/] pause · +/- speed · q leave
      </Text>
    </Box>
  );
}

/** The title line: the level, the collector, and which boxes are in view. */
function WatchTitle({
  level,
  collector,
  top,
  visible,
}: {
  level: CompiledLevel;
  collector: CollectorName;
  top: number;
  visible: number;
}) {
  const totalRows = Math.ceil(level.memory / PER_ROW);
  const more = [top > 0 ? '↑' : '', top + visible < totalRows ? '↓' : ''].join('');
  return (
    <Text wrap="truncate" bold>
      watch <Text bold={false}>{level.title}</Text>{' '}
      <Text bold={false} dimColor>
        · {collector}
        {collector === level.gc.collector ? ' (the level’s)' : ''} · boxes {top * PER_ROW}–
        {Math.min(level.memory, (top + visible) * PER_ROW) - 1} of {level.memory}
        {more ? ` · ${more} more` : ''}
      </Text>
    </Text>
  );
}

/** The status line; while a collection runs, its pause first, inverted. */
function StatusLine({ status, theme }: { status: { text: string; pause: string | null }; theme: Theme }) {
  return (
    <Text wrap="wrap">
      {status.pause ? (
        <Text bold inverse {...paint(theme, 'yellow')}>
          {' '}
          {status.pause}{' '}
        </Text>
      ) : null}
      {status.pause ? ' the program is frozen · ' : ''}
      {status.text}
    </Text>
  );
}
