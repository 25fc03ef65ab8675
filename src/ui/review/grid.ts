// The review's grid, as pieces: rows of boxes in hex, coloured by owner, with a line of
// labels under each row (the owner's id across its block, "~id" over a freed block's
// stale bytes). Beside a partner run, a box whose owner differs between the two gets
// `≠` before it, so the difference reads without colour too.
import { toHex } from '../../engine/index.js';
import type { CompiledLevel, RunState } from '../../engine/index.js';
import { boxesView } from '../../engine/index.js';
import { ownerColour } from '../theme.js';
import { pushPiece, type Piece } from '../pieces.js';
import { labelRow } from '../labels.js';

export const DIFF_SIGN = '≠';

export interface ReviewRow {
  addr: number;
  bytes: Piece[];
  labels: Piece[];
}

/** Boxes per row for a grid `width` columns wide: a power of two, at most 16. */
export function boxesPerRow(width: number, addrWidth: number): number {
  const fit = Math.floor((width - addrWidth - 2) / 3);
  let p = 1;
  while (p * 2 <= Math.min(16, fit)) p *= 2;
  return Math.max(1, p);
}

/** Rows `firstRow ..` (count of them), `perRow` boxes each; `diff` marks boxes from `firstRow * perRow` on. */
export function reviewRows(
  level: CompiledLevel,
  state: RunState,
  firstRow: number,
  count: number,
  perRow: number,
  addrWidth: number,
  diff: Uint8Array | null,
): ReviewRow[] {
  const from = firstRow * perRow;
  const n = Math.max(0, Math.min(count * perRow, level.memory - from));
  const o = boxesView(level, state, from, n);
  const rows: ReviewRow[] = [];
  for (let r = 0; r * perRow < n; r++) {
    const rowStart = from + r * perRow;
    const m = Math.min(perRow, n - r * perRow);
    const bytes: Piece[] = [{ text: `${String(rowStart).padStart(addrWidth)} │`, dim: true }];
    for (let i = 0; i < m; i++) {
      const a = rowStart + i;
      const k = a - from;
      const owner = o.owner[k];
      const differs = diff !== null && diff[k] === 1;
      pushPiece(bytes, differs ? { text: DIFF_SIGN, bold: true } : { text: ' ' });
      const style: Piece =
        a === 0
          ? { text: '', dim: true }
          : owner >= 0
            ? { text: '', colour: ownerColour(owner) }
            : { text: '', dim: true };
      pushPiece(bytes, {
        ...style,
        text: a === 0 ? '∅∅' : toHex(state.bytes[a]),
        ...(differs ? { underline: true } : {}),
      });
    }
    rows.push({ addr: rowStart, bytes, labels: labelRow(level, o, from, rowStart, m, addrWidth) });
  }
  return rows;
}
