// Runs of styled text, as the memory grids (play and watch) build them: a row is a list
// of pieces, and neighbouring pieces that look the same are merged so Ink draws few
// <Text> nodes per row.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { paint, type Colour, type Theme } from './theme.js';

export interface Piece {
  text: string;
  colour?: Colour;
  dim?: boolean;
  inverse?: boolean;
  bold?: boolean;
  underline?: boolean;
}

function sameStyle(a: Piece, b: Piece): boolean {
  return (
    a.colour === b.colour &&
    !!a.dim === !!b.dim &&
    !!a.inverse === !!b.inverse &&
    !!a.bold === !!b.bold &&
    !!a.underline === !!b.underline
  );
}

/** Appends a piece, merging it into the last one when they look the same. */
export function pushPiece(out: Piece[], p: Piece): void {
  const last = out[out.length - 1];
  if (last && sameStyle(last, p)) last.text += p.text;
  else out.push({ ...p });
}

export function Pieces({ pieces, theme }: { pieces: readonly Piece[]; theme: Theme }) {
  return (
    <>
      {pieces.map((p, k) => (
        <Text
          key={k}
          {...paint(theme, p.colour)}
          dimColor={p.dim === true}
          inverse={p.inverse === true}
          bold={p.bold === true}
          underline={p.underline === true}
        >
          {p.text}
        </Text>
      ))}
    </>
  );
}

/** One grid row: its boxes, then the line of labels under them. */
export function PieceRow({
  bytes,
  labels,
  theme,
  prefix,
}: {
  bytes: readonly Piece[];
  labels: readonly Piece[];
  theme: Theme;
  prefix?: ReactNode;
}) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        {prefix}
        <Pieces pieces={bytes} theme={theme} />
      </Text>
      <Text wrap="truncate">
        <Pieces pieces={labels} theme={theme} />
      </Text>
    </Box>
  );
}
