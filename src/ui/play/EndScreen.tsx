// The end of a level, in sections, each its own small piece so that more can be added
// without touching the rest: how it ended; the score and stars with their rule; where
// every lost point went (the penalties, adding up to 1000 minus the score); what went
// wrong and when (from the log); the side-by-side with the level's collector (or all
// four); and the keys.
import { Box, Text } from 'ink';
import type { Comparison, Metrics } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import { totalBugs, type LogKind, type RunState } from '../../engine/index.js';
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
}

function starLine(n: number, collector: string): string {
  if (n === 0) return 'no stars: the program did not finish';
  if (n === 1) return 'finished; ★★ needs no bugs and nothing leaked at the end';
  if (n === 2) return `finished, no bugs, nothing leaked; ★★★ needs a score at least ${collector}'s`;
  return `finished, no bugs, nothing leaked, and a score at least ${collector}'s`;
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

/** What went wrong, from the log; "Nothing went wrong." only when no point was lost and nothing leaked. */
function Problems({
  state,
  metrics,
  width,
  room,
}: {
  state: RunState;
  metrics: Metrics | undefined;
  width: number;
  room: number;
}) {
  const theme = useTheme();
  const wrong: { tick: number; kind: LogKind; text: string }[] = problems(state);
  if (metrics && metrics.leakedAtEnd > 0)
    wrong.push({
      tick: state.tick,
      kind: 'leak',
      text: `leaked: ${plural(metrics.leakedAtEnd, 'box', 'boxes')} never freed by the end (no points, but no ★★)`,
    });
  const clean =
    wrong.length === 0 &&
    metrics !== undefined &&
    metrics.leakedAtEnd === 0 &&
    metrics.completed &&
    metrics.score >= 1000;
  if (wrong.length === 0) {
    if (!clean) return null;
    return <Text bold>Nothing went wrong.</Text>;
  }
  const shown = wrong.slice(0, wrong.length > room ? Math.max(0, room - 1) : room);
  return (
    <Box flexDirection="column">
      <Text bold>What went wrong</Text>
      {shown.map((e, i) => (
        <Text key={i} wrap="truncate" {...paint(theme, logColour(e.kind))}>
          {truncate(`t${e.tick} ${e.text}`, width)}
        </Text>
      ))}
      {wrong.length > shown.length && <Text dimColor>… and {wrong.length - shown.length} more</Text>}
    </Box>
  );
}

export function endKeys(opts: { next?: { unlocked: boolean }; compareAll: boolean; hasPar: boolean }): string {
  return [
    'r retry',
    opts.next ? (opts.next.unlocked ? 'n next level' : 'next level: earn a star') : '',
    opts.hasPar ? 'p par' : '',
    opts.compareAll ? 'a one collector' : 'a all collectors',
    'g watch it',
    'u undo',
    'q leave',
  ]
    .filter(Boolean)
    .join(' · ');
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
}: EndScreenProps) {
  const theme = useTheme();
  const player = comparison.runs.find((r) => r.kind === 'player');
  const metrics = player?.metrics;
  const oracle = comparison.runs.find((r) => r.kind === 'oracle');
  const penalties = metrics?.penalties ?? [];
  const wrongCount = problems(state).length + ((metrics?.leakedAtEnd ?? 0) > 0 ? 1 : 0);
  const tableRows = comparison.runs.length + 3;
  // Lines: title, score, stars, blank, metrics, blank, penalties heading, blank, problems heading,
  // blank, compare heading + table, note, keys; what is left goes to the two lists.
  const fixed = 7 + (wrongCount > 0 ? 2 : 1) + 1 + tableRows + (saveNote ? 1 : 0) + 1;
  const room = Math.max(2, height - fixed);
  const penaltyRoom = wrongCount > 0 ? Math.max(1, Math.ceil(room / 2)) : room;
  const wrongRoom = Math.max(1, room - Math.min(penaltyRoom, penalties.length));
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
      <Text> </Text>
      {metrics && (
        <Text wrap="truncate">
          {truncate(
            `bugs ${totalBugs(metrics.bugs)} · leaked ${plural(metrics.leakedAtEnd, 'box', 'boxes')} · peak ${metrics.peak}${oracle ? ` (oracle ${oracle.metrics.peak})` : ''} · garbage box-ticks ${metrics.garbageBoxTicks} · work ${metrics.work}`,
            width,
          )}
        </Text>
      )}
      <Text> </Text>
      {metrics && <Penalties lines={penalties} metrics={metrics} width={width} room={penaltyRoom} />}
      <Text> </Text>
      <Problems state={state} metrics={metrics} width={width} room={wrongRoom} />
      <Text> </Text>
      <Text bold wrap="truncate">
        {compareAll
          ? 'Compared with every collector'
          : `Compared with the level's collector, ${comparison.defaultCollector}`}
      </Text>
      <CompareTable runs={comparison.runs} width={width} defaultCollector={comparison.defaultCollector} />
      <Box flexGrow={1} />
      {saveNote && (
        <Text wrap="truncate" dimColor>
          {truncate(saveNote, width)}
        </Text>
      )}
      <Text bold wrap="truncate">
        {truncate(endKeys({ compareAll, hasPar, ...(next ? { next } : {}) }), width)}
      </Text>
    </Box>
  );
}
