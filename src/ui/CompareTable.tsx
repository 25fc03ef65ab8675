// A comparison as a table: one row per run (you, the oracle, collectors), the §7 metrics
// as columns, the best of each column in bold.
import { Box, Text } from 'ink';
import type { ComparedRun } from '../engine/index.js';
import { isExploitable, totalBugs, totalSecurity } from '../engine/index.js';
import { paint, SECURITY_COLOUR, useTheme } from './theme.js';
import { stars, truncate } from './text.js';

interface Column {
  head: string;
  width: number;
  cell: (r: ComparedRun) => string;
  /** For marking the best: a number where lower (or higher) is better. */
  rank?: (r: ComparedRun) => number;
  better?: 'low' | 'high';
}

const COLUMNS: Column[] = [
  {
    head: 'result',
    width: 7,
    cell: (r) => (r.metrics.crash ? r.metrics.crash : r.metrics.completed ? 'done' : 'stopped'),
  },
  { head: 'score', width: 6, cell: (r) => String(r.metrics.score), rank: (r) => r.metrics.score, better: 'high' },
  { head: 'stars', width: 6, cell: (r) => stars(r.metrics.stars) },
  {
    head: 'bugs',
    width: 5,
    cell: (r) => String(totalBugs(r.metrics.bugs)),
    rank: (r) => totalBugs(r.metrics.bugs),
    better: 'low',
  },
  {
    head: 'exploit',
    width: 8,
    cell: (r) => (isExploitable(r.metrics.security) ? 'yes' : 'no'),
  },
  {
    head: 'sec',
    width: 4,
    cell: (r) => String(totalSecurity(r.metrics.security)),
    rank: (r) => totalSecurity(r.metrics.security),
    better: 'low',
  },
  { head: 'peak', width: 5, cell: (r) => String(r.metrics.peak), rank: (r) => r.metrics.peak, better: 'low' },
  {
    head: 'pauses',
    width: 7,
    cell: (r) => `${r.metrics.pauseTicks}/${r.metrics.pauses}`,
    rank: (r) => r.metrics.pauseTicks,
    better: 'low',
  },
  {
    head: 'garbage',
    width: 8,
    cell: (r) => String(r.metrics.garbageBoxTicks),
    rank: (r) => r.metrics.garbageBoxTicks,
    better: 'low',
  },
  {
    head: 'leaked',
    width: 7,
    cell: (r) => String(r.metrics.leakedAtEnd),
    rank: (r) => r.metrics.leakedAtEnd,
    better: 'low',
  },
  { head: 'mmu', width: 6, cell: (r) => r.metrics.mmu.toFixed(2), rank: (r) => r.metrics.mmu, better: 'high' },
  { head: 'work', width: 6, cell: (r) => String(r.metrics.work), rank: (r) => r.metrics.work, better: 'low' },
];

export function CompareTable({ runs, width }: { runs: readonly ComparedRun[]; width: number }) {
  const theme = useTheme();
  const nameWidth = Math.min(14, Math.max(6, ...runs.map((r) => r.name.length)) + 1);
  let used = nameWidth;
  const cols = COLUMNS.filter((c) => (used += c.width) <= width);
  const best = cols.map((c) => {
    if (!c.rank) return null;
    const values = runs.filter((r) => r.metrics.completed).map(c.rank);
    if (values.length === 0) return null;
    return c.better === 'low' ? Math.min(...values) : Math.max(...values);
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
            const isBest = best[i] !== null && r.metrics.completed && c.rank!(r) === best[i];
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
      <Text dimColor wrap="truncate">
        {truncate(
          'exploit: a secret leaked or the attacker steered a read · sec: security holes · pauses: pause ticks/pauses · garbage: garbage box-ticks · mmu: minimum mutator utilization; best of each in bold',
          width,
        )}
      </Text>
    </Box>
  );
}
