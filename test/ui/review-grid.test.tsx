// The review's grid is drawn as one <Text> of whole lines (src/ui/review/GridBlock.tsx).
// It must draw, byte for byte, what the grid drew before: a <Box> per row holding a
// <Text> per line, each cut to the grid's width. Both are drawn here from the same
// states (a leaky run of the player's and a collector's beside it, at random moments,
// scrolled anywhere, with and without the boxes owned differently, in colour and not),
// at widths from far too narrow to wide.
import chalk from 'chalk';
import fc from 'fast-check';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boxesView,
  compileLevel,
  oracleRun,
  ownerDifferences,
  reviewCollector,
  reviewCommands,
  toHex,
  type CompiledLevel,
  type RunReview,
  type RunState,
} from '../../src/engine/index.js';
import { labelRow } from '../../src/ui/labels.js';
import { Pieces, pushPiece, type Piece } from '../../src/ui/pieces.js';
import { GridBlock, type GridBlockProps } from '../../src/ui/review/GridBlock.js';
import { boxesPerRow, DIFF_SIGN } from '../../src/ui/review/grid.js';
import { truncate } from '../../src/ui/text.js';
import { ownerColour, type Theme } from '../../src/ui/theme.js';
import { generateLevel } from '../support/generate.js';

/** The rows as the grid built them before (pieces per line). */
function oldRows(
  level: CompiledLevel,
  state: RunState,
  firstRow: number,
  count: number,
  perRow: number,
  addrWidth: number,
  diff: Uint8Array | null,
): { addr: number; bytes: Piece[]; labels: Piece[] }[] {
  const from = firstRow * perRow;
  const n = Math.max(0, Math.min(count * perRow, level.memory - from));
  const o = boxesView(level, state, from, n);
  const rows: { addr: number; bytes: Piece[]; labels: Piece[] }[] = [];
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

/** The grid as it was drawn before: a <Box> per row, a <Text> per line. */
function OldGridBlock({ title, level, state, top, rows, perRow, addrWidth, diff, width, theme }: GridBlockProps) {
  const shown = oldRows(level, state, top, rows, perRow, addrWidth, diff);
  const last = Math.min(level.memory, (top + rows) * perRow) - 1;
  return (
    <Box flexDirection="column" width={width} height={1 + rows * 2}>
      <Text wrap="truncate" bold>
        {truncate(title, Math.max(4, width - 14))}{' '}
        <Text bold={false} dimColor>
          {top * perRow}–{last}
        </Text>
      </Text>
      {shown.map((row) => (
        <Box key={row.addr} flexDirection="column">
          <Text wrap="truncate">
            <Pieces pieces={row.bytes} theme={theme} />
          </Text>
          <Text wrap="truncate">
            <Pieces pieces={row.labels} theme={theme} />
          </Text>
        </Box>
      ))}
    </Box>
  );
}

function leaky(commands: readonly string[]): string[] {
  let frees = 0;
  return commands.filter((c) => !(c.startsWith('free') && frees++ % 5 === 0));
}

interface Case {
  level: CompiledLevel;
  own: RunReview;
  partner: RunReview;
}

describe("the review's grid as one <Text>", () => {
  let cases: Case[];
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = 3;
    cases = [
      { seed: 3, values: 40, memory: 96, ticks: 30, lifetime: 10 },
      { seed: 5, values: 60, memory: 200, ticks: 40, lifetime: 20, records: 0.5 },
      { seed: 9, values: 50, memory: 1200, ticks: 30, lifetime: 25 },
    ].map((o) => {
      const l = compileLevel({ ...generateLevel(o), id: `grid-${o.seed}`, title: 'Grid' });
      return {
        level: l,
        own: reviewCommands(l, leaky(oracleRun(l).commands)),
        partner: reviewCollector(l, l.gc.collector),
      };
    });
  });
  afterAll(() => {
    chalk.level = level;
  });

  it('draws the bytes the <Text> per line drew', () => {
    fc.assert(
      fc.property(
        fc.nat(2),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 6, max: 130 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        (which, at, width, rows, scroll, beside, color) => {
          const { level: l, own, partner } = cases[which]!;
          const i = Math.min(own.moments.length - 1, Math.floor(at * own.moments.length));
          const state = own.stateAt(i);
          const addrWidth = Math.max(3, String(l.memory - 1).length);
          const perRow = boxesPerRow(width, addrWidth);
          const totalRows = Math.ceil(l.memory / perRow);
          const top = Math.floor(scroll * Math.max(0, totalRows - rows + 1));
          let diff: Uint8Array | null = null;
          if (beside) {
            const other = partner.stateAt(Math.min(partner.moments.length - 1, i));
            diff = ownerDifferences(l, state, other, top * perRow, rows * perRow);
          }
          const theme: Theme = { color };
          const props: GridBlockProps = {
            title: `you · ${DIFF_SIGN} 3 owned differently`,
            level: l,
            state,
            top,
            rows,
            perRow,
            addrWidth,
            diff,
            width,
            theme,
          };
          const now = render(<GridBlock {...props} />);
          const before = render(<OldGridBlock {...props} />);
          expect(now.lastFrame()).toBe(before.lastFrame());
          now.unmount();
          before.unmount();
        },
      ),
      { numRuns: 250 },
    );
  });
});
