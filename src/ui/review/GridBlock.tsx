// One run's grid on the review screen: its title and range, then two lines per row of
// boxes (the bytes, the labels under them). The rows are drawn as one <Text> of whole
// lines: a <Text> per line, inside a <Box> per row, cost a React element, an Ink node and
// a yoga node each, all laid out and drawn again when a key scrolls the grid. Every line
// fits the grid's width (the boxes per row are worked out from it), so the one <Text>
// draws the bytes the <Text> per line drew; in a grid too narrow for its lines, which
// the screen's smallest size never makes, each line is its own <Text>, cut as before.
import { Box, Text } from 'ink';
import type { CompiledLevel, RunState } from '../../engine/index.js';
import type { Theme } from '../theme.js';
import { truncate } from '../text.js';
import { reviewLines } from './grid.js';

export interface GridBlockProps {
  title: string;
  level: CompiledLevel;
  state: RunState;
  top: number;
  rows: number;
  perRow: number;
  addrWidth: number;
  diff: Uint8Array | null;
  width: number;
  theme: Theme;
}

export function GridBlock({ title, level, state, top, rows, perRow, addrWidth, diff, width, theme }: GridBlockProps) {
  const { lines, widths } = reviewLines(level, state, top, rows, perRow, addrWidth, diff, theme);
  const last = Math.min(level.memory, (top + rows) * perRow) - 1;
  const fits = widths.every((w) => w <= width);
  return (
    <Box flexDirection="column" width={width} height={1 + rows * 2}>
      <Text wrap="truncate" bold>
        {truncate(title, Math.max(4, width - 14))}{' '}
        <Text bold={false} dimColor>
          {top * perRow}–{last}
        </Text>
      </Text>
      {fits ? (
        <Text>{lines.join('\n')}</Text>
      ) : (
        lines.map((line, i) => (
          <Text key={i} wrap="truncate">
            {line}
          </Text>
        ))
      )}
    </Box>
  );
}
