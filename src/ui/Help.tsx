// The help overlay: the game's rules and keys, a page at a time. Display only: the keys
// that turn its pages belong to the screen that shows it.
import { Box, Text } from 'ink';
import { HELP_PAGES, type HelpPage } from './helpText.js';
import { wrapText } from './text.js';

export function Help({
  width,
  height,
  page,
  pages = HELP_PAGES,
}: {
  width: number;
  height: number;
  page: number;
  pages?: HelpPage[];
}) {
  const p = pages[Math.max(0, Math.min(pages.length - 1, page))];
  // Wrapped lines keep the indentation of the line they came from.
  const wrapped = p.lines.flatMap((l) => {
    const indent = /^(\s*(?:• )?)/.exec(l)![1].length;
    return wrapText(l.slice(indent), width - indent).map(
      (w, i) => (i === 0 ? l.slice(0, indent) : ' '.repeat(indent)) + w,
    );
  });
  const room = Math.max(1, height - 4);
  const body = wrapped.length > room ? [...wrapped.slice(0, room - 1), '…'] : wrapped;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        Help · {p.title}{' '}
        <Text bold={false} dimColor>
          (page {page + 1} of {pages.length})
        </Text>
      </Text>
      <Text> </Text>
      {body.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate">
        → or Space: next page · ←: previous page · Esc, ? or q: close
      </Text>
    </Box>
  );
}
