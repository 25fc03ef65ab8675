// The review's grid, as styled lines: rows of boxes in hex, coloured by owner, with a
// line of labels under each row (the owner's id across its block, "~id" over a freed
// block's stale bytes). Beside a partner run, a box whose owner differs between the two
// gets `≠` before it, so the difference reads without colour too.
import { toHex } from '../../engine/index.js';
import type { CompiledLevel, RunState } from '../../engine/index.js';
import { boxesView } from '../../engine/index.js';
import { ownerColour, type Theme } from '../theme.js';
import { piecesText, styled, type Piece } from '../pieces.js';
import { labelRow } from '../labels.js';
import { widthOf } from '../text.js';

export const DIFF_SIGN = '≠';

/** Boxes per row for a grid `width` columns wide: a power of two, at most 16. */
export function boxesPerRow(width: number, addrWidth: number): number {
  const fit = Math.floor((width - addrWidth - 2) / 3);
  let p = 1;
  while (p * 2 <= Math.min(16, fit)) p *= 2;
  return Math.max(1, p);
}

/**
 * Each look a box's text can have, as one object: the line is built in runs of text
 * that look the same (merged as pushPiece merges pieces), so a run goes on while its
 * look is the very same object, and the line is styled a run at a time, with no piece
 * made per box.
 */
const DIM: Piece = { text: '', dim: true };
const DIM_UNDERLINED: Piece = { text: '', dim: true, underline: true };
const PLAIN: Piece = { text: '' };
const DIFFERS: Piece = { text: '', bold: true };
const owned = new Map<string, Piece>();
function ownerLook(owner: number, underline: boolean): Piece {
  const colour = ownerColour(owner);
  const key = `${colour}${underline ? 'u' : ''}`;
  let look = owned.get(key);
  if (look === undefined) {
    look = underline ? { text: '', colour, underline: true } : { text: '', colour };
    owned.set(key, look);
  }
  return look;
}

export interface ReviewLines {
  /** Two lines per row of boxes (the bytes, the labels under them), styled. */
  lines: string[];
  /** Each line's width in columns. */
  widths: number[];
}

/** Rows `firstRow ..` (count of them), `perRow` boxes each; `diff` marks boxes from `firstRow * perRow` on. */
export function reviewLines(
  level: CompiledLevel,
  state: RunState,
  firstRow: number,
  count: number,
  perRow: number,
  addrWidth: number,
  diff: Uint8Array | null,
  theme: Theme,
): ReviewLines {
  const from = firstRow * perRow;
  const n = Math.max(0, Math.min(count * perRow, level.memory - from));
  const o = boxesView(level, state, from, n);
  const lines: string[] = [];
  const widths: number[] = [];
  for (let r = 0; r * perRow < n; r++) {
    const rowStart = from + r * perRow;
    const m = Math.min(perRow, n - r * perRow);
    const address = `${String(rowStart).padStart(addrWidth)} │`;
    let line = '';
    let look = DIM;
    let run = address;
    const add = (l: Piece, text: string) => {
      if (l === look) run += text;
      else {
        line += styled({ ...look, text: run }, theme);
        look = l;
        run = text;
      }
    };
    for (let i = 0; i < m; i++) {
      const a = rowStart + i;
      const k = a - from;
      const owner = o.owner[k];
      const differs = diff !== null && diff[k] === 1;
      if (differs) add(DIFFERS, DIFF_SIGN);
      else add(PLAIN, ' ');
      const text = a === 0 ? '∅∅' : toHex(state.bytes[a]);
      if (a !== 0 && owner >= 0) add(ownerLook(owner, differs), text);
      else add(differs ? DIM_UNDERLINED : DIM, text);
    }
    line += styled({ ...look, text: run }, theme);
    lines.push(line);
    widths.push(widthOf(address) + 3 * m);
    const labels = labelRow(level, o, from, rowStart, m, addrWidth);
    lines.push(piecesText(labels, theme));
    let w = 0;
    for (const p of labels) w += widthOf(p.text);
    widths.push(w);
  }
  return { lines, widths };
}
