// Runs of styled text, as the memory grids (play, watch, review) build them: a row is a
// list of pieces, neighbouring pieces that look the same are merged, and a row is drawn
// as one string, styled here the way Ink styles a <Text> (the same chalk calls in the
// same order, so the same bytes). A <Text> per piece cost a React element, an Ink node
// and a walk to squash them together for each piece of each row on every frame: most of
// a frame that redraws a whole grid, as scrolling does.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import chalk from 'chalk';
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

/** A piece as Ink would style it: dim, then the colour, bold, underline, inverse. */
function styledByChalk(p: Piece, theme: Theme): string {
  let text = p.text;
  if (p.dim) text = chalk.dim(text);
  const { color } = paint(theme, p.colour);
  if (color) text = chalk[color](text);
  if (p.bold) text = chalk.bold(text);
  if (p.underline) text = chalk.underline(text);
  if (p.inverse) text = chalk.inverse(text);
  return text;
}

/**
 * What chalk puts before and after a text in each style (by chalk's level, the colour
 * the theme lets through and the four flags). For a text with no escape and no line
 * break, chalk's nested calls give exactly those codes around the text, so a piece is
 * styled with two concatenations instead of up to five chalk calls.
 */
const wraps = new Map<string, readonly [string, string]>();

/** A piece as Ink would style it (the bytes of styledByChalk). */
export function styled(p: Piece, theme: Theme): string {
  const { text } = p;
  if (text === '') return '';
  if (text.includes('\u001B') || text.includes('\n')) return styledByChalk(p, theme);
  const colour = theme.color ? (p.colour ?? '') : '';
  const key = `${chalk.level}|${colour}|${p.dim ? 'd' : ''}${p.bold ? 'b' : ''}${p.underline ? 'u' : ''}${p.inverse ? 'i' : ''}`;
  let wrap = wraps.get(key);
  if (wrap === undefined) {
    const x = styledByChalk({ ...p, text: 'x' }, theme);
    const at = x.indexOf('x');
    wrap = [x.slice(0, at), x.slice(at + 1)];
    wraps.set(key, wrap);
  }
  return wrap[0] + text + wrap[1];
}

/** The pieces as one styled string: what <Pieces> draws. */
export function piecesText(pieces: readonly Piece[], theme: Theme): string {
  let text = '';
  for (const p of pieces) text += styled(p, theme);
  return text;
}

/** The pieces as one styled string, inside a <Text>. */
export function Pieces({ pieces, theme }: { pieces: readonly Piece[]; theme: Theme }) {
  return <>{piecesText(pieces, theme)}</>;
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
