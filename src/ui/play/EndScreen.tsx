// The end of a level, in sections, each its own small piece so that more can be added
// without touching the rest: how it ended; the score and stars with their rule; where
// every lost point went (the penalties, adding up to 1000 minus the score); what went
// wrong and when (from the log); the side-by-side with the level's collector (or all
// four); and the keys.
import { Box, Text } from 'ink';
import type { Comparison, Metrics } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import { isExploitable, totalBugs, type LogKind, type RunState } from '../../engine/index.js';
import { penaltyLine, problems, type Penalty } from '../../engine/index.js';
import { CompareTable } from '../CompareTable.js';
import { logColour, paint, useTheme } from '../theme.js';
import { plural, stars, truncate, wrapText } from '../text.js';

export interface EndScreenProps {
  level: CompiledLevel;
  state: RunState;
  comparison: Comparison;
  compareAll: boolean;
  width: number;
  height: number;
  saveNote: string | undefined;
  next?: { title: string; unlocked: boolean };
  /** The par's solution can be shown (p). */
  hasPar?: boolean;
  /** The problem picked with ↑/↓ (its moment opens with t or Enter), or -1. */
  pick?: number;
}

function starLine(n: number, collector: string): string {
  if (n === 0) return 'no stars: the program did not finish';
  if (n === 1) return 'finished; ★★ needs no bugs, no security hole and nothing leaked at the end';
  if (n === 2) return `finished, no bugs, no hole, nothing leaked; ★★★ needs a score at least ${collector}'s`;
  return `finished, no bugs, no hole, nothing leaked, and a score at least ${collector}'s`;
}

function headlineOf(state: RunState): string {
  if (state.crash === 'oom') return `crashed: out of memory at tick ${state.tick}`;
  if (state.crash === 'abort') return `gave up at tick ${state.tick}`;
  return 'the program finished';
}

/** Where every point went: one line each, their points adding up to 1000 minus the score. */
function Penalties({
  lines,
  metrics,
  width,
  room,
}: {
  lines: readonly Penalty[];
  metrics: Metrics;
  width: number;
  room: number;
}) {
  const theme = useTheme();
  const lost = lines.reduce((n, p) => n + p.points, 0);
  // Each line whole when there is room (a long one on two lines), else cut to one.
  const rows: { text: string; lost: boolean }[] = [];
  let shownCount = 0;
  for (const [i, p] of lines.entries()) {
    // Keep a line for "… and N more" unless this is the last penalty.
    const left = room - rows.length - (i < lines.length - 1 ? 1 : 0);
    if (left <= 0) break;
    const wrapped = wrapText(penaltyLine(p), width - 2);
    const take = wrapped.length > 1 && left >= 2 + (lines.length - 1 - i) ? 2 : 1;
    wrapped.slice(0, take).forEach((t, k) => {
      const last = k === take - 1 && wrapped.length > take;
      rows.push({ text: truncate(`${k > 0 ? '  ' : ''}${t}${last ? ' …' : ''}`, width), lost: p.points > 0 });
    });
    shownCount++;
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {lost === 0 ? 'No points lost: 1000.' : `Where the points went: 1000 − ${lost} = ${metrics.score}`}
      </Text>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate" {...paint(theme, r.lost ? 'yellow' : undefined)}>
          {r.text}
        </Text>
      ))}
      {lines.length > shownCount && <Text dimColor>… and {lines.length - shownCount} more</Text>}
    </Box>
  );
}

interface Wrong {
  tick: number;
  kind: LogKind;
  text: string;
}

/** What went wrong: the log's consequences and a crash, and the boxes leaked at the end. */
function wrongOf(state: RunState, metrics: Metrics | undefined): Wrong[] {
  const wrong: Wrong[] = problems(state);
  if (metrics && metrics.leakedAtEnd > 0)
    wrong.push({
      tick: state.tick,
      kind: 'leak',
      text: `leaked: ${plural(metrics.leakedAtEnd, 'box', 'boxes')} never freed by the end (no points, but no ★★)`,
    });
  return wrong;
}

/** "Nothing went wrong." only when no point was lost and nothing leaked. */
function isClean(wrong: readonly Wrong[], metrics: Metrics | undefined): boolean {
  return (
    wrong.length === 0 &&
    metrics !== undefined &&
    metrics.leakedAtEnd === 0 &&
    metrics.completed &&
    metrics.score >= 1000
  );
}

/** What went wrong and when, at most `room` lines (the "… more" line included). */
function Problems({
  wrong,
  clean,
  width,
  room,
  pick,
}: {
  wrong: readonly Wrong[];
  clean: boolean;
  width: number;
  room: number;
  pick: number;
}) {
  const theme = useTheme();
  if (wrong.length === 0) return clean ? <Text bold>Nothing went wrong.</Text> : null;
  // The list scrolls to keep the picked problem in sight.
  const fits = wrong.length > room ? Math.max(1, room - 1) : room;
  const first = pick >= fits ? pick - fits + 1 : 0;
  const shown = wrong.slice(first, first + fits);
  return (
    <Box flexDirection="column">
      <Text bold>What went wrong</Text>
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate" inverse={first + i === pick} {...paint(theme, logColour(e.kind))}>
          {truncate(`${first + i === pick ? '▶ ' : ''}t${e.tick} ${e.text}`, width)}
        </Text>
      ))}
      {wrong.length > first + shown.length && <Text dimColor>… and {wrong.length - first - shown.length} more</Text>}
    </Box>
  );
}

export function endKeys(opts: {
  next?: { unlocked: boolean };
  compareAll: boolean;
  hasPar: boolean;
  narrow?: boolean;
  problems?: boolean;
}): string {
  const n = opts.narrow === true;
  return [
    opts.problems ? (n ? 't review · ↑/↓ pick' : 't review · ↑/↓ pick a problem') : 't review',
    'r retry',
    opts.next ? (opts.next.unlocked ? 'n next level' : n ? 'next: earn a star' : 'next level: earn a star') : '',
    opts.hasPar ? 'p par' : '',
    opts.compareAll ? (n ? 'a one' : 'a one collector') : n ? 'a all' : 'a all collectors',
    n ? 'g watch' : 'g watch it',
    'u undo',
    'q leave',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Every line of the end screen is counted, so the frame never passes the terminal: on a
 * short terminal the blank lines between sections and the table's legend go first; the
 * penalties and the problems share what is left.
 */
function endLayout(o: {
  height: number;
  metrics: boolean;
  penalties: number;
  wrong: number;
  clean: boolean;
  runs: number;
  refcountNote: boolean;
  saveNote: boolean;
}): { blank: number; tight: boolean; penaltyRoom: number; wrongRoom: number } {
  const fixedOf = (blank: number, legend: number) =>
    4 + // title, score, stars' line, metrics
    2 * blank +
    (o.metrics ? 1 : 0) + // the penalties' heading
    blank +
    (o.wrong > 0 || o.clean ? 1 : 0) + // the problems' heading
    blank +
    1 + // the comparison's heading
    1 +
    o.runs +
    legend +
    1 +
    (o.refcountNote ? 1 : 0) + // the table
    (o.saveNote ? 1 : 0) +
    1; // keys
  const tight = fixedOf(1, 1) + o.penalties + o.wrong > o.height;
  const blank = tight ? 0 : 1;
  const room = Math.max(2, o.height - fixedOf(blank, tight ? 0 : 1));
  const penaltyRoom = o.wrong > 0 ? Math.max(1, Math.ceil(room / 2)) : room;
  const wrongRoom = Math.max(1, room - Math.min(penaltyRoom, Math.max(1, o.penalties)));
  return { blank, tight, penaltyRoom, wrongRoom };
}

export function EndScreen({
  level,
  state,
  comparison,
  compareAll,
  width,
  height,
  saveNote,
  next,
  hasPar = false,
  pick = -1,
}: EndScreenProps) {
  const theme = useTheme();
  const player = comparison.runs.find((r) => r.kind === 'player');
  const metrics = player?.metrics;
  const oracle = comparison.runs.find((r) => r.kind === 'oracle');
  const penalties = metrics?.penalties ?? [];
  const wrong = wrongOf(state, metrics);
  const clean = isClean(wrong, metrics);
  const { blank, tight, penaltyRoom, wrongRoom } = endLayout({
    height,
    metrics: metrics !== undefined,
    penalties: penalties.length,
    wrong: wrong.length,
    clean,
    runs: comparison.runs.length,
    refcountNote: comparison.runs.some((r) => r.name === 'refcount' && r.metrics.pauses > 0),
    saveNote: saveNote !== undefined && saveNote !== '',
  });
  const n = metrics?.stars ?? 0;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {level.title} · {headlineOf(state)}
      </Text>
      <Text wrap="truncate">
        Score <Text bold>{metrics?.score ?? 0}</Text>{' '}
        <Text bold {...paint(theme, 'yellow')}>
          {stars(n)}
        </Text>
      </Text>
      <Text dimColor wrap="truncate">
        {truncate(starLine(n, comparison.defaultCollector), width)}
      </Text>
      {blank > 0 && <Text> </Text>}
      {metrics && (
        <Text wrap="truncate">
          {truncate(
            `bugs ${totalBugs(metrics.bugs)}${isExploitable(metrics.security) ? ` · exploitable: ${metrics.security.secretsLeaked} secret${metrics.security.secretsLeaked === 1 ? '' : 's'} leaked, ${metrics.security.attackerReads} attacker read${metrics.security.attackerReads === 1 ? '' : 's'}` : ''} · leaked ${plural(metrics.leakedAtEnd, 'box', 'boxes')} · peak ${metrics.peak}${oracle ? ` (oracle ${oracle.metrics.peak})` : ''} · garbage box-ticks ${metrics.garbageBoxTicks} · work ${metrics.work}`,
            width,
          )}
        </Text>
      )}
      {blank > 0 && <Text> </Text>}
      {metrics && <Penalties lines={penalties} metrics={metrics} width={width} room={penaltyRoom} />}
      {blank > 0 && <Text> </Text>}
      <Problems wrong={wrong} clean={clean} width={width} room={wrongRoom} pick={pick} />
      {blank > 0 && <Text> </Text>}
      <Text bold wrap="truncate">
        {compareAll
          ? 'Compared with every collector'
          : `Compared with the level's collector, ${comparison.defaultCollector}`}
      </Text>
      <CompareTable
        runs={comparison.runs}
        width={width}
        defaultCollector={comparison.defaultCollector}
        legend={!tight}
      />
      <Box flexGrow={1} />
      {saveNote && (
        <Text wrap="truncate" dimColor>
          {truncate(saveNote, width)}
        </Text>
      )}
      <Text bold wrap="truncate">
        {truncate(
          endKeys({ compareAll, hasPar, narrow: width < 120, problems: wrong.length > 0, ...(next ? { next } : {}) }),
          width,
        )}
      </Text>
    </Box>
  );
}
