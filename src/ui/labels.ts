// The line of labels under a row of boxes, shared by the watch and the review grids: the
// owner's id across its block (after an optional mark), "~id" over a freed block's stale
// bytes, blanks over boxes never written.
import type { CompiledLevel } from '../engine/index.js';
import { ownerColour } from './theme.js';
import { pushPiece, type Piece } from './pieces.js';

/** Who owns each box of a range, which boxes start a block, and whose stale bytes lie where (-1: none). */
export interface BoxOwners {
  owner: ArrayLike<number>;
  start: ArrayLike<number>;
  stale: ArrayLike<number>;
}

/** `text` padded with `pad` to `width` characters, or cut with an ellipsis. */
export function fitText(text: string, width: number, pad: string): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text + pad.repeat(width - chars.length);
  if (width === 1) return chars[0];
  return `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * The labels of the `m` boxes from `rowStart` (`o` covers boxes from `from` on). `mark`
 * puts a sign before an owner's id (its block's first box shown in the row is `addr`).
 */
export function labelRow(
  level: CompiledLevel,
  o: BoxOwners,
  from: number,
  rowStart: number,
  m: number,
  addrWidth: number,
  mark: (owner: number, addr: number) => string = () => '',
): Piece[] {
  const labels: Piece[] = [
    rowStart === 0 ? { text: 'NULL'.padStart(addrWidth + 5), dim: true } : { text: ' '.repeat(addrWidth + 3) },
  ];
  let i = rowStart === 0 ? 1 : 0;
  if (rowStart === 0 && m > 1) pushPiece(labels, { text: ' ' });
  while (i < m) {
    const k = rowStart + i - from;
    const owner = o.owner[k];
    const stale = owner < 0 ? o.stale[k] : -1;
    let j = i + 1;
    if (owner >= 0) {
      while (j < m && o.owner[k + j - i] === owner && !o.start[k + j - i]) j++;
      const text = fitText(mark(owner, rowStart + i) + level.values[owner].id, (j - i) * 3 - 1, '─');
      pushPiece(labels, { text, colour: ownerColour(owner) });
    } else if (stale >= 0) {
      while (j < m && o.owner[k + j - i] < 0 && o.stale[k + j - i] === stale) j++;
      pushPiece(labels, { text: fitText(`~${level.values[stale].id}`, (j - i) * 3 - 1, ' '), dim: true });
    } else {
      while (j < m && o.owner[k + j - i] < 0 && o.stale[k + j - i] < 0) j++;
      pushPiece(labels, { text: ' '.repeat((j - i) * 3 - 1) });
    }
    if (j < m) pushPiece(labels, { text: ' ' });
    i = j;
  }
  return labels;
}
