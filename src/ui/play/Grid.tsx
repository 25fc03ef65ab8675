// The memory grid: rows of boxes, each in the current lens, coloured by owner, with a
// line of labels under each row (the owner's id across its block, "~id" over the stale
// bytes of a freed block, NULL under box 0), the cursor in brackets, and a viewport
// that scrolls to keep the cursor in sight. Rows are memoized on what they show, so a
// keypress redraws only the rows it changed.
import { memo, useRef } from 'react';
import { Box, Text } from 'ink';
import { formatByte, type Lens } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import type { RunState } from '../../engine/index.js';
import { boxesView, type BoxesView } from '../../engine/index.js';
import { ownerColour, useTheme, type Theme } from '../theme.js';
import { LENS_WIDTH, type Layout } from './layout.js';
import { truncate } from '../text.js';
import { PieceRow, pushPiece, type Piece } from '../pieces.js';

/** What box 0 shows in each lens. */
export function nullBox(lens: Lens): string {
  switch (lens) {
    case 'binary':
      return '  NULL  ';
    case 'hex':
      return '∅∅';
    case 'decimal':
      return 'NUL';
    case 'char':
      return '∅';
  }
}

function fitText(text: string, width: number, pad: string): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text + pad.repeat(width - chars.length);
  if (width <= 3) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}

export interface RowData {
  addr: number;
  bytes: Piece[];
  labels: Piece[];
  /** Everything the row shows, for memoization. */
  sig: string;
}

/** The two lines of one row of boxes: bytes and labels. */
export function buildRow(
  level: CompiledLevel,
  state: RunState,
  view: BoxesView,
  rowStart: number,
  count: number,
  lens: Lens,
  cursor: number,
  addrWidth: number,
): RowData {
  const w = LENS_WIDTH[lens];
  const cw = w + 1;
  const bytes: Piece[] = [];
  const n = Math.max(0, Math.min(count, level.memory - rowStart));
  const styleOf = (a: number): Piece => {
    const k = a - view.from;
    if (a === 0) return { text: '', dim: true };
    const owner = view.owner[k];
    if (owner >= 0) return { text: '', colour: ownerColour(owner) };
    return { text: '', dim: true };
  };
  let prev: Piece | null = null;
  for (let i = 0; i < n; i++) {
    const a = rowStart + i;
    const style = styleOf(a);
    const content: Piece = { ...style, text: a === 0 ? nullBox(lens) : formatByte(state.bytes[a], lens) };
    if (a === cursor) {
      content.inverse = true;
      content.bold = true;
    }
    const sepText = a === cursor ? '[' : a - 1 === cursor && i > 0 ? ']' : ' ';
    const inBlock =
      prev !== null &&
      a !== cursor &&
      a - 1 !== cursor &&
      view.owner[a - view.from] >= 0 &&
      view.owner[a - view.from] === view.owner[a - 1 - view.from];
    pushPiece(bytes, inBlock ? { ...style, text: sepText } : { text: sepText });
    pushPiece(bytes, content);
    prev = content;
  }
  pushPiece(bytes, { text: n > 0 && rowStart + n - 1 === cursor ? ']' : ' ' });

  // Labels: a run of boxes with the same owner (or the same stale owner) gets one label.
  // The line starts under the address column, so NULL can sit right-aligned under box 0.
  const labels: Piece[] = [];
  let i = 0;
  if (rowStart === 0 && n > 0) {
    let j = 1;
    while (j < n && view.owner[j - view.from] < 0 && view.stale[j - view.from] < 0 && addrWidth - 1 + j * cw < 4) j++;
    const room = addrWidth - 1 + j * cw;
    pushPiece(labels, { text: room >= 4 ? 'NULL'.padStart(room) : 'NULL'.slice(0, room), dim: true });
    i = j;
    if (j < n) pushPiece(labels, { text: ' ' });
  } else {
    pushPiece(labels, { text: ' '.repeat(addrWidth) });
  }
  while (i < n) {
    const a = rowStart + i;
    const k = a - view.from;
    const owner = view.owner[k];
    const stale = owner < 0 ? view.stale[k] : -1;
    let j = i + 1;
    if (owner >= 0) {
      while (j < n && view.owner[k + j - i] === owner && !view.start[k + j - i]) j++;
      pushPiece(labels, { text: fitText(level.values[owner].id, (j - i) * cw - 1, '─'), colour: ownerColour(owner) });
    } else if (stale >= 0) {
      while (j < n && view.owner[k + j - i] < 0 && view.stale[k + j - i] === stale) j++;
      pushPiece(labels, { text: fitText(`~${level.values[stale].id}`, (j - i) * cw - 1, ' '), dim: true });
    } else {
      while (j < n && view.owner[k + j - i] < 0 && view.stale[k + j - i] < 0) j++;
      pushPiece(labels, { text: ' '.repeat((j - i) * cw - 1) });
    }
    if (j < n) pushPiece(labels, { text: ' ' });
    i = j;
  }
  const sig =
    bytes
      .map((p) => `${p.text}\u0001${p.colour ?? ''}${p.dim ? 'd' : ''}${p.inverse ? 'i' : ''}${p.bold ? 'b' : ''}`)
      .join('\u0002') +
    '\u0003' +
    labels.map((p) => `${p.text}\u0001${p.colour ?? ''}${p.dim ? 'd' : ''}`).join('\u0002');
  return { addr: rowStart, bytes, labels, sig };
}

const Row = memo(
  function Row({ row, addrWidth, theme }: { row: RowData; addrWidth: number; theme: Theme }) {
    return (
      <PieceRow
        bytes={row.bytes}
        labels={row.labels}
        theme={theme}
        prefix={<Text dimColor>{String(row.addr).padStart(addrWidth - 1)}</Text>}
      />
    );
  },
  (a, b) => a.row.sig === b.row.sig && a.row.addr === b.row.addr && a.addrWidth === b.addrWidth && a.theme === b.theme,
);

export interface GridProps {
  level: CompiledLevel;
  state: RunState;
  cursor: number;
  lens: Lens;
  layout: Layout;
  /** The first box to show (the model keeps it; PgUp/PgDn move it a page). Kept in view of the cursor here too. */
  top?: number;
}

/** The first row to show so that the cursor's row is in view, moving as little as possible from `top`. */
export function scrollTop(top: number, cursorRow: number, visible: number, totalRows: number): number {
  let t = top;
  if (cursorRow < t) t = cursorRow;
  if (cursorRow >= t + visible) t = cursorRow - visible + 1;
  return Math.max(0, Math.min(t, Math.max(0, totalRows - visible)));
}

export function Grid({ level, state, cursor, lens, layout, top: wanted }: GridProps) {
  const theme = useTheme();
  const { perRow, gridRows, addrWidth, gridWidth } = layout;
  const totalRows = Math.ceil(level.memory / perRow);
  const topRef = useRef(0);
  const from0 = wanted === undefined ? topRef.current : Math.floor(wanted / perRow);
  const top = scrollTop(from0, Math.floor(cursor / perRow), gridRows, totalRows);
  topRef.current = top;
  const shown = Math.min(gridRows, totalRows - top);
  const from = top * perRow;
  const view = boxesView(level, state, from, shown * perRow);
  const rows: RowData[] = [];
  for (let r = 0; r < shown; r++)
    rows.push(buildRow(level, state, view, from + r * perRow, perRow, lens, cursor, addrWidth));
  const last = Math.min(level.memory, from + shown * perRow) - 1;
  const more = [top > 0 ? '↑' : '', top + shown < totalRows ? '↓' : ''].join('');
  return (
    <Box flexDirection="column" width={gridWidth} height={layout.mainHeight}>
      <Text wrap="truncate" bold>
        memory{' '}
        <Text bold={false} dimColor>
          {truncate(
            `boxes ${from}–${last} of ${level.memory}${more ? ` ${more}` : ''} · ${level.ptrWidth === 1 ? '1-box' : '2-box'} pointers`,
            gridWidth - 7,
          )}
        </Text>
      </Text>
      {rows.map((row) => (
        <Row key={row.addr} row={row} addrWidth={addrWidth} theme={theme} />
      ))}
    </Box>
  );
}
