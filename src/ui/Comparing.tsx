// Shown at once when a run ends, while its comparison is scored off the input path: the
// level, a progress line, and the keys that still act (q leaves, Ctrl+C quits).
import { Box, Text } from 'ink';
import type { CompiledLevel } from '../engine/index.js';
import { progressLine, type ComparisonProgress } from './useComparison.js';

export function Comparing({
  level,
  progress,
  width,
  heading = `${level.title} · the run is over`,
}: {
  level: CompiledLevel;
  progress: ComparisonProgress | null;
  width: number;
  /** The first line (sanitised text only): by default, the run is over. */
  heading?: string;
}) {
  const line =
    progress?.status === 'failed'
      ? `The comparison could not be made: ${progress.message}`
      : progress?.status === 'running'
        ? progressLine(progress)
        : 'Scoring and comparing…';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {heading}
      </Text>
      <Text> </Text>
      <Text wrap="truncate">{line}</Text>
      <Text> </Text>
      <Text dimColor wrap="truncate">
        q leave · Ctrl+C quit
      </Text>
    </Box>
  );
}
