// The terminal's size, followed live: Ink's stdout emits 'resize' when the window changes.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface Size {
  cols: number;
  rows: number;
}

/** Columns and rows of Ink's stdout; a stream that doesn't know (a test's fake) counts as 100×30. */
export function readSize(stdout: NodeJS.WriteStream): Size {
  return { cols: stdout.columns || 100, rows: stdout.rows || 30 };
}

export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState<Size>(() => readSize(stdout));
  useEffect(() => {
    const onResize = () => setSize(readSize(stdout));
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

export const MIN_COLS = 80;
export const MIN_ROWS = 24;

export function tooSmall(size: Size): boolean {
  return size.cols < MIN_COLS || size.rows < MIN_ROWS;
}
