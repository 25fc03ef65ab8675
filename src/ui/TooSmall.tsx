import { Box, Text } from 'ink';
import { MIN_COLS, MIN_ROWS, type Size } from './useTerminalSize.js';

/** Shown instead of a screen that would not fit: it never garbles. */
export function TooSmall({ size }: { size: Size }) {
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        Make the terminal at least {MIN_COLS}×{MIN_ROWS} (it is {size.cols}×{size.rows} now).
      </Text>
      <Text wrap="wrap">Ctrl+C leaves.</Text>
    </Box>
  );
}
