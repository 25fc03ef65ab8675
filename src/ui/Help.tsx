// The help overlay: pages of GAME.md in the game's own words. Display only: the keys
// that turn its pages belong to the screen that shows it.
import { Box, Text } from 'ink';
import { HELP_PAGES } from './helpText.js';
import { truncate } from './text.js';

export function Help({ width, height, page }: { width: number; height: number; page: number }) {
  const p = HELP_PAGES[Math.max(0, Math.min(HELP_PAGES.length - 1, page))];
  const body = p.lines.slice(0, Math.max(1, height - 4));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        Help · {p.title} <Text bold={false} dimColor>(page {page + 1} of {HELP_PAGES.length})</Text>
      </Text>
      <Text> </Text>
      {body.map((l, i) => (
        <Text key={i} wrap="truncate">{truncate(l, width) || ' '}</Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate">→ or Space: next page · ←: previous page · Esc, ? or q: close</Text>
    </Box>
  );
}
