// The review screen: a run moment by moment. A timeline strip (one cell per tick, marks
// for bugs, security events, leaks, pauses and the crash, the current moment's cell
// highlighted); the grid, the variables, the encoder ring and the log as they were at
// that moment (the log's entries of this moment highlighted); and, with Tab, a partner
// run's grid beside it (above it at 80 columns) at the same program tick, the boxes
// whose owner differs marked ≠, with each run's used, garbage and pause so far.
// Keys: ←/→ (h/l) one moment, [/] previous/next event, Home/End, Tab the partner, ↑/↓
// (k/j) scroll the boxes, q or Esc back.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import {
  eventMoment,
  figuresAt,
  isConsequence,
  momentAtTick,
  momentOfLogEntry,
  openingMoment,
  ownerDifferences,
  partnerOrder,
  reviewRun,
  timelineStrip,
  type CompiledLevel,
  type LogEntry,
  type RunName,
  type RunReview,
  type RunState,
  type ReviewEventKind,
  type StripCell,
} from '../../engine/index.js';
import { logColour, paint, SECURITY_COLOUR, useTheme, type Colour, type Theme } from '../theme.js';
import { TooSmall } from '../TooSmall.js';
import { tooSmall, useTerminalSize } from '../useTerminalSize.js';
import { truncate } from '../text.js';
import { Pieces, pushPiece, type Piece } from '../pieces.js';
import { Ring, Variables } from '../play/panels.js';
import { scrollTo } from '../watch/cells.js';
import { boxesPerRow, DIFF_SIGN } from './grid.js';
import { GridBlock } from './GridBlock.js';
import { onReviewKey, type ReviewModel } from './model.js';
import { keyByKey } from '../input.js';

export interface ReviewScreenProps {
  level: CompiledLevel;
  /** The player's commands, when there is a run of theirs (just played, saved, or a replay). */
  player?: readonly string[];
  /** What to call the player's run (`you`, `replay`). */
  playerName?: string;
  /** The run to review (default: the player's when there is one, else the level's collector). */
  run?: RunName;
  /** The partner shown beside it from the start. */
  vs?: RunName | null;
  /** Open at this tick (the last moment at or before it), instead of the first bug. */
  at?: number;
  /** Open on the moment of this entry of the run's log (the end screen's pick). */
  atLogEntry?: number;
  onExit: () => void;
}

const LOG_MARK = '▶ ';

/** Reviews are built once per run name and kept while the screen is open. */
function useReviews(level: CompiledLevel, player: readonly string[] | undefined, playerName: string) {
  const cache = useRef(new Map<RunName, RunReview | string>());
  return useCallback(
    (name: RunName): RunReview | string => {
      const hit = cache.current.get(name);
      if (hit !== undefined) return hit;
      const r = reviewRun(level, name, player, playerName);
      const value = r.ok ? r.review : r.error;
      cache.current.set(name, value);
      return value;
    },
    [level, player, playerName],
  );
}

/** Where a moment's grid should look: the last box its log entries (from..to of the run's log) name. */
function focusAddr(log: readonly LogEntry[], from: number, to: number): number | null {
  for (let i = to - 1; i >= from; i--) {
    const a = log[i].addr;
    if (a !== undefined) return a;
  }
  return null;
}

export function ReviewScreen({
  level,
  player,
  playerName = 'you',
  run,
  vs = null,
  at,
  atLogEntry,
  onExit,
}: ReviewScreenProps) {
  const theme = useTheme();
  const size = useTerminalSize();
  const get = useReviews(level, player, playerName);
  const own: RunName = run ?? (player ? 'you' : level.gc.collector);
  const [m, setModel] = useState<ReviewModel>(() => openingModel(get(own), own, vs, at, atLogEntry));
  const left = useRef(false);

  const review = get(m.run);
  const partners = useMemo(() => partnerOrder(level, m.run, player !== undefined), [level, m.run, player]);
  // The first partner Tab shows is built once the screen is up, so that Tab is quick too.
  const first = partners[0];
  useEffect(() => {
    const timer = setTimeout(() => get(first), 50);
    return () => clearTimeout(timer);
  }, [first, get]);

  const layout = reviewLayout(size.cols, size.rows - 1, level.memory, m.partner !== null);
  const { perRow, totalRows, visibleRows } = layout;

  useInput((input, key) => {
    if (typeof review === 'string') {
      if (input === 'q' || key.escape) setModel((prev) => ({ ...prev, leave: true }));
      return;
    }
    const ctx = { review, partners, totalRows, visibleRows };
    // Keys that arrive together (typed fast) are taken one by one, each from the model the last one left.
    setModel((prev) => {
      const next = keyByKey(prev, input, key, (n, i, k) => onReviewKey(n, i, k, ctx), { stop: (n) => n.leave });
      if (next.moment === prev.moment) return next;
      // A new moment: scroll to the last box its log entries name.
      const to = review.moments[next.moment].logLength;
      const a = focusAddr(review.final.log, next.moment === 0 ? 0 : review.moments[next.moment - 1].logLength, to);
      return a === null ? next : { ...next, top: scrollTo(next.top, Math.floor(a / perRow), visibleRows, totalRows) };
    });
  });
  useEffect(() => {
    if (m.leave && !left.current) {
      left.current = true;
      onExit();
    }
  }, [m.leave, onExit]);

  if (tooSmall(size)) return <TooSmall size={size} />;
  if (typeof review === 'string') {
    return (
      <Box flexDirection="column" width={layout.width}>
        <Text wrap="wrap">{review}</Text>
        <Text dimColor>q back</Text>
      </Box>
    );
  }
  const partnerReview = m.partner !== null ? get(m.partner) : null;
  return (
    <>
      <Prepare review={review} partner={typeof partnerReview === 'string' ? null : partnerReview} moment={m.moment} />

      <ReviewView
        level={level}
        review={review}
        m={m}
        partner={m.partner === null ? null : { name: m.partner, review: partnerReview ?? '' }}
        layout={layout}
        theme={theme}
      />
    </>
  );
}

/**
 * Between keypresses, the states the next keys are likely to ask for are rebuilt ahead:
 * the next and the previous event's (the partner's at their ticks too), then the first
 * and the last moment. A slice at a time, each in its own turn of the event loop, so a
 * key that comes meanwhile is drawn after one slice at most; a new moment starts over.
 */
function Prepare({ review, partner, moment }: { review: RunReview; partner: RunReview | null; moment: number }) {
  useEffect(() => {
    const targets: [RunReview, number][] = [];
    const add = (i: number | null) => {
      if (i === null) return;
      targets.push([review, i]);
      if (partner) targets.push([partner, momentAtTick(partner.moments, review.moments[i].tick)]);
    };
    add(eventMoment(review.events, moment, 1));
    add(eventMoment(review.events, moment, -1));
    add(0);
    add(review.moments.length - 1);
    let k = 0;
    let timer: NodeJS.Immediate | undefined;
    const slice = () => {
      for (; k < targets.length; k++) {
        const [r, i] = targets[k];
        if (!r.prepare(i)) {
          timer = setImmediate(slice);
          return;
        }
      }
    };
    timer = setImmediate(slice);
    return () => clearImmediate(timer);
  }, [review, partner, moment]);
  return null;
}

/** The model the review opens with: on the log entry asked for, else the tick, else the run's first event. */
function openingModel(
  r: RunReview | string,
  own: RunName,
  vs: RunName | null,
  at: number | undefined,
  atLogEntry: number | undefined,
): ReviewModel {
  let moment = 0;
  if (typeof r !== 'string') {
    if (atLogEntry !== undefined) moment = momentOfLogEntry(r.moments, atLogEntry);
    else if (at !== undefined) moment = momentAtTick(r.moments, at);
    else moment = openingMoment(r.events);
  }
  return { run: own, moment, partner: vs, top: 0, leave: false };
}

interface ReviewLayout {
  width: number;
  height: number;
  /** The partner's grid beside the run's (wide terminals) or above it. */
  besides: boolean;
  stacked: boolean;
  gridWidth: number;
  addrWidth: number;
  perRow: number;
  totalRows: number;
  visibleRows: number;
  varLines: number;
  ringLines: number;
  logLines: number;
}

/** Layout: header, strip, now, [grids], figures, variables, ring, log, keys. */
function reviewLayout(width: number, height: number, memory: number, withPartner: boolean): ReviewLayout {
  const besides = withPartner && width >= 100;
  const stacked = withPartner && !besides;
  const gridWidth = besides ? Math.floor((width - 2) / 2) : width;
  const addrWidth = Math.max(3, String(memory - 1).length);
  const perRow = boxesPerRow(gridWidth, addrWidth);
  const totalRows = Math.ceil(memory / perRow);
  const varLines = 4;
  const ringLines = 3;
  const fixed = 1 + 1 + 1 + 1 + varLines + 1 + ringLines + 1 + 1;
  const logMin = 4;
  const gridBudget = Math.max(2, height - fixed - logMin - (stacked ? 2 : 1));
  const rowsFit = Math.max(1, Math.floor(gridBudget / (stacked ? 4 : 2)));
  const visibleRows = Math.min(totalRows, rowsFit);
  const gridLines = (stacked ? 2 : 1) * (1 + visibleRows * 2);
  const logLines = Math.max(logMin, height - fixed - gridLines);
  return {
    width,
    height,
    besides,
    stacked,
    gridWidth,
    addrWidth,
    perRow,
    totalRows,
    visibleRows,
    varLines,
    ringLines,
    logLines,
  };
}

/** The run at its moment, and the partner at the same tick. */
function ReviewView({
  level,
  review,
  m,
  partner,
  layout,
  theme,
}: {
  level: CompiledLevel;
  review: RunReview;
  m: ReviewModel;
  partner: { name: RunName; review: RunReview | string } | null;
  layout: ReviewLayout;
  theme: Theme;
}) {
  const { width, height, perRow, totalRows, visibleRows, varLines, ringLines, logLines } = layout;
  const moment = review.moments[Math.min(m.moment, review.moments.length - 1)];
  const state = review.stateAt(moment.index);
  const fromLog = moment.index === 0 ? 0 : review.moments[moment.index - 1].logLength;
  const partnerReview = partner?.review;
  const partnerState =
    partnerReview && typeof partnerReview !== 'string'
      ? partnerReview.stateAt(momentAtTick(partnerReview.moments, moment.tick))
      : null;
  const top = Math.min(m.top, Math.max(0, totalRows - visibleRows));
  const diff = partnerState ? ownerDifferences(level, state, partnerState, top * perRow, visibleRows * perRow) : null;
  const strip = timelineStrip(level.ticks, review.events, Math.max(10, width - 12), moment.cell);
  const here = review.events.filter((e) => e.moment === moment.index);
  const partnerName = partner?.name ?? null;

  const header = `review · ${level.title} · ${review.name}${partnerName ? ` beside ${partnerName}` : ''}`;
  const position = `moment ${moment.index}/${review.moments.length - 1} · next tick ${Math.min(moment.tick, level.ticks)}/${level.ticks}`;
  const now = `${moment.label}${here.length > 0 ? ` · ${here.map((e) => e.text).join(' · ')}` : ''}`;

  const figures = [
    figuresLine(review.name, level, state),
    partnerState && partnerName ? figuresLine(partnerName, level, partnerState) : '',
  ]
    .filter(Boolean)
    .join('   │   ');

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box width={width} justifyContent="space-between">
        <Text bold wrap="truncate">
          {truncate(header, Math.max(10, width - position.length - 2))}
        </Text>
        <Text wrap="truncate">{position}</Text>
      </Box>
      <Strip cells={strip.cells} ticksPerCell={strip.ticksPerCell} theme={theme} />
      <Text wrap="truncate" bold>
        {truncate(`now: ${now}`, width)}
      </Text>
      <Grids
        level={level}
        name={review.name}
        state={state}
        partner={partnerName === null ? null : { name: partnerName, state: partnerState, review: partnerReview }}
        diff={diff}
        top={top}
        layout={layout}
        theme={theme}
      />
      <Text wrap="truncate">{truncate(figures, width)}</Text>
      <Variables level={level} state={state} width={width} lines={varLines - 1} />
      <Ring level={level} state={state} width={width} lines={ringLines} />
      <LogAt
        log={review.final.log}
        length={moment.logLength}
        from={fromLog}
        width={width}
        lines={logLines - 1}
        theme={theme}
      />
      <Text dimColor wrap="truncate">
        {truncate(
          `←/→ moment · [/] event (! bug $ security L leak n pause ✖ crash) · Home/End · Tab ${partnerName ? 'next partner' : 'side by side'} · ↑/↓ scroll · q back`,
          width,
        )}
      </Text>
    </Box>
  );
}

/** The run's grid, and the partner's beside it (or above it when the terminal is narrow). */
function Grids({
  level,
  name,
  state,
  partner,
  diff,
  top,
  layout,
  theme,
}: {
  level: CompiledLevel;
  name: string;
  state: RunState;
  partner: { name: RunName; state: RunState | null; review: RunReview | string | undefined } | null;
  diff: Uint8Array | null;
  top: number;
  layout: ReviewLayout;
  theme: Theme;
}) {
  const { visibleRows, perRow } = layout;
  const differing = diff ? diff.reduce((n, d) => n + d, 0) : 0;
  const grid = {
    level,
    top,
    rows: visibleRows,
    perRow,
    addrWidth: layout.addrWidth,
    diff,
    width: layout.gridWidth,
    theme,
  };
  const ownGrid = (
    <GridBlock
      title={`${name}${diff ? ` · ${DIFF_SIGN} ${differing} owned differently` : ''}`}
      state={state}
      {...grid}
    />
  );
  if (partner === null) return ownGrid;
  const partnerGrid = partner.state ? (
    <GridBlock title={`${partner.name} at the same tick`} state={partner.state} {...grid} />
  ) : (
    <Box height={1 + visibleRows * 2} width={layout.gridWidth}>
      <Text wrap="truncate">
        {partner.name}: {typeof partner.review === 'string' ? partner.review : ''}
      </Text>
    </Box>
  );
  if (layout.stacked)
    return (
      <>
        {partnerGrid}
        {ownGrid}
      </>
    );
  return (
    <Box>
      {ownGrid}
      <Box width={2} />
      {partnerGrid}
    </Box>
  );
}

function figuresLine(name: string, level: CompiledLevel, state: RunState): string {
  const f = figuresAt(level, state);
  return `${name}: used ${f.used} · garbage ${f.garbage} · pause so far ${f.pause}`;
}

const STRIP_COLOUR: Partial<Record<ReviewEventKind, Colour>> = {
  bug: 'red',
  crash: 'red',
  security: SECURITY_COLOUR,
  pause: 'yellow',
  leak: 'yellow',
};

/** The timeline strip: neighbouring cells that look the same are drawn as one piece. */
const Strip = memo(
  function Strip({ cells, ticksPerCell, theme }: { cells: readonly StripCell[]; ticksPerCell: number; theme: Theme }) {
    const pieces: Piece[] = [{ text: 'timeline ', dim: true }];
    for (const c of cells) {
      const colour = c.kind ? STRIP_COLOUR[c.kind] : undefined;
      pushPiece(pieces, {
        text: c.mark,
        inverse: c.current,
        bold: c.current || c.kind !== null,
        ...(colour ? { colour } : {}),
      });
    }
    if (ticksPerCell > 1) pushPiece(pieces, { text: ` ${ticksPerCell} ticks a cell`, dim: true });
    return (
      <Text wrap="truncate">
        <Pieces pieces={pieces} theme={theme} />
      </Text>
    );
  },
  (a, b) => a.theme === b.theme && a.ticksPerCell === b.ticksPerCell && sameCells(a.cells, b.cells),
);

function sameCells(a: readonly StripCell[], b: readonly StripCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].mark !== b[i].mark || a[i].current !== b[i].current) return false;
  return true;
}

function logText(e: LogEntry): string {
  return `t${e.tick} ${isConsequence(e.kind) ? '! ' : ''}${e.text}`;
}

/** The log up to this moment (the run's first `length` entries), its last lines; this moment's own entries marked ▶ and bold. */
function LogAt({
  log,
  length,
  from,
  width,
  lines,
  theme,
}: {
  log: readonly LogEntry[];
  length: number;
  from: number;
  width: number;
  lines: number;
  theme: Theme;
}) {
  // The last lines, unless this moment's first entry is further up: then from it.
  let start = Math.max(0, length - lines);
  if (from < start) start = from;
  const shown = log.slice(start, Math.min(length, start + lines));
  return (
    <Box flexDirection="column" height={lines + 1}>
      <Text bold>
        log{' '}
        <Text bold={false} dimColor>
          {length === 0 ? 'nothing has happened yet' : `${length} entr${length === 1 ? 'y' : 'ies'} so far`}
        </Text>
      </Text>
      {shown.map((e, i) => {
        const current = start + i >= from;
        return (
          <Text key={start + i} wrap="truncate" bold={current} {...paint(theme, logColour(e.kind))}>
            {truncate(`${current ? LOG_MARK : '  '}${logText(e)}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}
