// Where everything goes on the play screen, from the terminal's size and the lens.
// Every panel gets a fixed number of lines and truncates to it, so the frame never
// grows past the terminal (which would garble it) whatever the level holds.
import type { Lens } from '../../engine/index.js';
import type { Size } from '../useTerminalSize.js';

export const LENS_WIDTH: Record<Lens, number> = { binary: 8, hex: 2, decimal: 3, char: 1 };
export const LENSES: Lens[] = ['hex', 'binary', 'decimal', 'char'];

export function nextLens(lens: Lens): Lens {
  return LENSES[(LENSES.indexOf(lens) + 1) % LENSES.length];
}

export interface Layout {
  cols: number;
  /** The frame's height: one less than the terminal's, so Ink never has to clear the screen. */
  height: number;
  /** Lines between the header and the bottom panels. */
  mainHeight: number;
  gridWidth: number;
  sideWidth: number;
  /** Width of the address column, its trailing space included. */
  addrWidth: number;
  /** Width of one box: the lens's characters plus the separator before it. */
  cellWidth: number;
  perRow: number;
  /** Rows of boxes the grid shows at once (each is a line of bytes and a line of labels). */
  gridRows: number;
  freeLines: number;
  varLines: number;
  upcomingLines: number;
  ringLines: number;
  logLines: number;
}

function largestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

export function layoutFor(size: Size, lens: Lens, memory: number): Layout {
  const cols = size.cols;
  const height = size.rows - 1;
  const sideWidth = cols >= 140 ? 56 : cols >= 110 ? 46 : 37;
  const gridWidth = cols - sideWidth - 2;
  const addrWidth = String(memory - 1).length + 1;
  const cellWidth = LENS_WIDTH[lens] + 1;
  const fit = Math.max(1, Math.floor((gridWidth - addrWidth - 1) / cellWidth));
  const perRow = Math.max(1, Math.min(largestPowerOfTwo(fit), 64, largestPowerOfTwo(Math.max(1, memory - 1)) * 2));

  // Bottom: the encoder ring, the log, the message line and the footer.
  const extra = Math.max(0, height - 23);
  const ringLines = 3 + Math.min(3, Math.floor(extra / 4));
  const logLines = 4 + Math.min(12, Math.floor(extra / 3));
  const mainHeight = height - 1 - ringLines - logLines - 2;
  const gridRows = Math.max(1, Math.floor((mainHeight - 1) / 2));

  // Side: the free list, the variables and the program ahead.
  const freeLines = mainHeight >= 20 ? 2 : 1;
  const rest = mainHeight - freeLines - 2; // two headings
  const varLines = Math.max(1, Math.ceil(rest / 2));
  const upcomingLines = Math.max(1, rest - varLines);
  return {
    cols,
    height,
    mainHeight,
    gridWidth,
    sideWidth,
    addrWidth,
    cellWidth,
    perRow,
    gridRows,
    freeLines,
    varLines,
    upcomingLines,
    ringLines,
    logLines,
  };
}
