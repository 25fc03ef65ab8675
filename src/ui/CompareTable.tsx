// A comparison as a table: one row per run (you, the oracle, collectors), the metrics
// every run reports as columns, the best of each column in bold.
import { Box, Text } from 'ink';
import type { ComparedRun } from '../engine/index.js';
import {
  betterOf,
  isExploitable,
  REFCOUNT_PAUSE,
  starRuleForRuns,
  starsShown,
  totalBugs,
  totalSecurity,
} from '../engine/index.js';
import { paint, SECURITY_COLOUR, useTheme } from './theme.js';
import { stars, truncate } from './text.js';

interface Column {
  head: string;
  width: number;
  cell: (r: ComparedRun) => string;
  /** For marking the best: the metric the column shows (the vocabulary says whether lower or higher is better). */
  metric?: RankedMetric;
}

type RankedMetric =
  | 'score'
  | 'bugs'
  | 'security'
  | 'peak'
  | 'pauseTicks'
  | 'garbageBoxTicks'
  | 'leakedAtEnd'
  | 'mmu'
  | 'work';

function rank(r: ComparedRun, metric: RankedMetric): number {
  if (metric === 'bugs') return totalBugs(r.metrics.bugs);
  if (metric === 'security') return totalSecurity(r.metrics.security);
  return r.metrics[metric];
}

const COLUMNS: Column[] = [
  {
    head: 'result',
    width: 7,
    cell: (r) => (r.metrics.crash ? r.metrics.crash : r.metrics.completed ? 'done' : 'stopped'),
  },
  { head: 'score', width: 6, cell: (r) => String(r.metrics.score), metric: 'score' },
  {
    head: 'stars',
    width: 6,
    cell: (r) => {
      const n = starsShown(r);
      return n === null ? '-' : stars(n);
    },
  },
  { head: 'bugs', width: 5, cell: (r) => String(totalBugs(r.metrics.bugs)), metric: 'bugs' },
  { head: 'exploit', width: 8, cell: (r) => (isExploitable(r.metrics.security) ? 'yes' : 'no') },
  { head: 'sec', width: 4, cell: (r) => String(totalSecurity(r.metrics.security)), metric: 'security' },
  { head: 'peak', width: 5, cell: (r) => String(r.metrics.peak), metric: 'peak' },
  { head: 'pauses', width: 7, cell: (r) => `${r.metrics.pauseTicks}/${r.metrics.pauses}`, metric: 'pauseTicks' },
  { head: 'garbage', width: 8, cell: (r) => String(r.metrics.garbageBoxTicks), metric: 'garbageBoxTicks' },
  { head: 'leaked', width: 7, cell: (r) => String(r.metrics.leakedAtEnd), metric: 'leakedAtEnd' },
  { head: 'mmu', width: 6, cell: (r) => r.metrics.mmu.toFixed(2), metric: 'mmu' },
  { head: 'work', width: 6, cell: (r) => String(r.metrics.work), metric: 'work' },
];

export function CompareTable({
  runs,
  width,
  defaultCollector,
  legend = true,
}: {
  runs: readonly ComparedRun[];
  width: number;
  /** The line explaining the columns (left out on a short terminal). */
  legend?: boolean;
  /** The level's collector, for the rule of the third star under the table. */
  defaultCollector?: string;
}) {
  const theme = useTheme();
  const nameWidth = Math.min(14, Math.max(6, ...runs.map((r) => r.name.length)) + 1);
  // Each column at least its usual width, wider when a cell needs it (a big level's pauses
  // or garbage), so that cells never run together: a space before each.
  const widened = COLUMNS.map((c) => ({ ...c, width: Math.max(c.width, ...runs.map((r) => c.cell(r).length + 1)) }));
  let used = nameWidth;
  const cols = widened.filter((c) => (used += c.width) <= width);
  const best = cols.map((c) => {
    const metric = c.metric;
    if (!metric) return null;
    const values = runs.filter((r) => r.metrics.completed).map((r) => rank(r, metric));
    if (values.length === 0) return null;
    return betterOf(metric) === 'low' ? Math.min(...values) : Math.max(...values);
  });
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">
        {'run'.padEnd(nameWidth)}
        {cols.map((c) => c.head.padStart(c.width)).join('')}
      </Text>
      {runs.map((r) => (
        <Text key={r.name} wrap="truncate">
          <Text
            bold={r.kind === 'player'}
            {...paint(theme, r.kind === 'player' ? 'cyan' : r.kind === 'oracle' ? 'green' : 'magenta')}
          >
            {truncate(r.name, nameWidth - 1).padEnd(nameWidth)}
          </Text>
          {cols.map((c, i) => {
            const isBest =
              best[i] !== null && r.metrics.completed && c.metric !== undefined && rank(r, c.metric) === best[i];
            return (
              <Text
                key={c.head}
                bold={isBest}
                {...paint(
                  theme,
                  c.head === 'result' && r.metrics.crash
                    ? 'red'
                    : c.head === 'exploit' && isExploitable(r.metrics.security)
                      ? SECURITY_COLOUR
                      : undefined,
                )}
              >
                {c.cell(r).padStart(c.width)}
              </Text>
            );
          })}
        </Text>
      ))}
      {legend && (
        <Text dimColor wrap="truncate">
          {truncate(
            'exploit: a secret leaked or the attacker steered a read · sec: security holes · pauses: pause ticks/pauses · garbage: garbage box-ticks · mmu: minimum mutator utilization; best of each in bold',
            width,
          )}
        </Text>
      )}
      {defaultCollector && (
        <Text dimColor wrap="truncate">
          {truncate(starRuleForRuns(defaultCollector), width)}
        </Text>
      )}
      {runs.some((r) => r.name === 'refcount' && r.metrics.pauses > 0) && (
        <Text dimColor wrap="truncate">
          {truncate(`${REFCOUNT_PAUSE}.`, width)}
        </Text>
      )}
    </Box>
  );
}
