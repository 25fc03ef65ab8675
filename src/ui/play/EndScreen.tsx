// The end of a level: how it ended, the score and stars, what went wrong and when (from
// the log), and the side-by-side with the level's collector (or all four).
import { Box, Text } from 'ink';
import type { Comparison } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import { isExploitable, totalBugs, type RunState } from '../../engine/index.js';
import { problems } from '../../engine/index.js';
import { CompareTable } from '../CompareTable.js';
import { logColour, paint, useTheme } from '../theme.js';
import { plural, stars, truncate } from '../text.js';

export interface EndScreenProps {
  level: CompiledLevel;
  state: RunState;
  comparison: Comparison;
  compareAll: boolean;
  width: number;
  height: number;
  saveNote: string | undefined;
  next?: { title: string; unlocked: boolean };
  /** The problem picked with ↑/↓ (its moment opens with t or Enter), or -1. */
  pick?: number;
}

function starLine(n: number): string {
  if (n === 0) return 'no stars: the program did not finish';
  if (n === 1) return 'finished; the next star needs no bugs, no security hole and nothing leaked at the end';
  if (n === 2)
    return "finished, no bugs, no hole, nothing leaked; the third star needs a score at least the collector's";
  return "finished, no bugs, no hole, nothing leaked, and a score at least the collector's";
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
  pick = -1,
}: EndScreenProps) {
  const theme = useTheme();
  const player = comparison.runs.find((r) => r.kind === 'player');
  const metrics = player?.metrics;
  const oracle = comparison.runs.find((r) => r.kind === 'oracle');
  const headline =
    state.crash === 'oom'
      ? `crashed: out of memory at tick ${state.tick}`
      : state.crash === 'abort'
        ? `gave up at tick ${state.tick}`
        : 'the program finished';
  const wrong = problems(state);
  const tableRows = comparison.runs.length + 2;
  // Lines: title, score, stars, blank, metrics, blank, "what went wrong" + items, blank, compare heading + table, blank, note, keys.
  const fixed = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + tableRows + 1 + (saveNote ? 1 : 0) + 1;
  const room = Math.max(1, height - fixed);
  // The list scrolls to keep the picked problem in sight.
  const fits = wrong.length > room ? room - 1 : room;
  const first = pick >= fits ? pick - fits + 1 : 0;
  const shownWrong = wrong.slice(first, first + fits);
  const keys = [
    'r retry',
    next ? (next.unlocked ? 'n next level' : 'next level: earn a star') : '',
    compareAll ? 'a one collector' : 'a all collectors',
    'g watch it',
    wrong.length > 0 ? 't review · ↑/↓ pick a problem' : 't review',
    'u undo',
    'q leave',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {level.title} · {headline}
      </Text>
      <Text wrap="truncate">
        Score <Text bold>{metrics?.score ?? 0}</Text>{' '}
        <Text bold {...paint(theme, 'yellow')}>
          {stars(metrics?.stars ?? 0)}
        </Text>
      </Text>
      <Text dimColor wrap="truncate">
        {truncate(starLine(metrics?.stars ?? 0), width)}
      </Text>
      <Text> </Text>
      {metrics && (
        <Text wrap="truncate">
          {truncate(
            `bugs ${totalBugs(metrics.bugs)}${isExploitable(metrics.security) ? ` · exploitable: ${metrics.security.secretsLeaked} secret${metrics.security.secretsLeaked === 1 ? '' : 's'} leaked, ${metrics.security.attackerReads} attacker read${metrics.security.attackerReads === 1 ? '' : 's'}` : ''} · leaked ${plural(metrics.leakedAtEnd, 'box', 'boxes')} · peak ${metrics.peak}${oracle ? ` (oracle ${oracle.metrics.peak})` : ''} · garbage box-ticks ${metrics.garbageBoxTicks} · work ${metrics.work}`,
            width,
          )}
        </Text>
      )}
      <Text> </Text>
      <Text bold>{wrong.length === 0 ? 'Nothing went wrong.' : 'What went wrong'}</Text>
      {shownWrong.map((e, i) => (
        <Text key={i} wrap="truncate" inverse={first + i === pick} {...paint(theme, logColour(e.kind))}>
          {truncate(`${first + i === pick ? '▶ ' : ''}t${e.tick} ${e.text}`, width)}
        </Text>
      ))}
      {wrong.length > first + shownWrong.length && (
        <Text dimColor>… and {wrong.length - first - shownWrong.length} more</Text>
      )}
      <Text> </Text>
      <Text bold wrap="truncate">
        {compareAll
          ? 'Compared with every collector'
          : `Compared with the level's collector, ${comparison.defaultCollector}`}
      </Text>
      <CompareTable runs={comparison.runs} width={width} />
      <Box flexGrow={1} />
      {saveNote && (
        <Text wrap="truncate" dimColor>
          {truncate(saveNote, width)}
        </Text>
      )}
      <Text bold wrap="truncate">
        {truncate(keys, width)}
      </Text>
    </Box>
  );
}
