import { Box, Text, useApp, useInput } from 'ink';
import { MIN_COLS, MIN_ROWS, type Size } from './useTerminalSize.js';

/**
 * Shown instead of a screen that would not fit: it never garbles. The screen behind it is
 * hidden, so its keys do nothing; only q (leave: `onQuit`, else the whole game) and Ctrl+C act.
 */
export function TooSmall({ size, onQuit }: { size: Size; onQuit?: () => void }) {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q') (onQuit ?? exit)();
  });
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        Make the terminal at least {MIN_COLS}×{MIN_ROWS} (it is {size.cols}×{size.rows} now).
      </Text>
      <Text wrap="wrap">q or Ctrl+C leaves.</Text>
    </Box>
  );
}
