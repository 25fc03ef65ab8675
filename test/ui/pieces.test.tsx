// A grid row is drawn as one string styled the way Ink styles a <Text>: the frame must be
// byte for byte the one Ink draws from a <Text> per piece, colours, dim, bold, underline
// and inverse included, with and without colour.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chalk from 'chalk';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { Pieces, pushPiece, styled, type Piece } from '../../src/ui/pieces.js';
import { paint, type Colour, type Theme } from '../../src/ui/theme.js';

const COLOURS: Colour[] = ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'cyanBright', 'magentaBright'];

/** What the grids drew before: a <Text> per piece. */
function TextPerPiece({ pieces, theme }: { pieces: readonly Piece[]; theme: Theme }) {
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

const piece = fc.record(
  {
    text: fc.stringMatching(/^[a-z0-9 ~─│]{0,6}$/),
    colour: fc.constantFrom(...COLOURS),
    dim: fc.boolean(),
    inverse: fc.boolean(),
    bold: fc.boolean(),
    underline: fc.boolean(),
  },
  { requiredKeys: ['text'] },
);

describe('Pieces', () => {
  let level: typeof chalk.level;
  beforeEach(() => {
    level = chalk.level;
    chalk.level = 3; // a test's stdout is no terminal: without this, neither way would style anything
  });
  afterEach(() => {
    chalk.level = level;
  });

  it('draws the same bytes as a <Text> per piece', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), fc.constantFrom(0, 1, 2, 3), (raw, color, lvl) => {
        // Styles are remembered by chalk's level too: a terminal of 16 colours gets other codes.
        chalk.level = lvl as typeof chalk.level;
        const pieces: Piece[] = [];
        for (const p of raw) pushPiece(pieces, p);
        const theme = { color };
        const one = render(
          <Text wrap="truncate">
            <Pieces pieces={pieces} theme={theme} />
          </Text>,
        );
        const many = render(
          <Text wrap="truncate">
            <TextPerPiece pieces={pieces} theme={theme} />
          </Text>,
        );
        expect(one.lastFrame()).toBe(many.lastFrame());
        one.unmount();
        many.unmount();
      }),
      { numRuns: 150 },
    );
  });

  it('styles a piece as chalk does, a text with an escape or a line break included', () => {
    const byChalk = (p: Piece, theme: Theme) => {
      let text = p.text;
      if (p.dim) text = chalk.dim(text);
      const { color } = paint(theme, p.colour);
      if (color) text = chalk[color](text);
      if (p.bold) text = chalk.bold(text);
      if (p.underline) text = chalk.underline(text);
      if (p.inverse) text = chalk.inverse(text);
      return text;
    };
    const odd = fc.record(
      {
        text: fc.stringMatching(/^[a-z \n\u001b[0-9m;]{0,8}$/),
        colour: fc.constantFrom(...COLOURS),
        dim: fc.boolean(),
        inverse: fc.boolean(),
        bold: fc.boolean(),
        underline: fc.boolean(),
      },
      { requiredKeys: ['text'] },
    );
    fc.assert(
      fc.property(fc.oneof(piece, odd), fc.boolean(), fc.constantFrom(0, 1, 3), (p, color, lvl) => {
        chalk.level = lvl as typeof chalk.level;
        expect(styled(p, { color })).toBe(byChalk(p, { color }));
      }),
      { numRuns: 500 },
    );
  });

  it('styles what it is asked to, and colours only with a colour theme', () => {
    const pieces: Piece[] = [
      { text: 'ab', colour: 'cyan', bold: true },
      { text: 'c', dim: true },
    ];
    const coloured = render(
      <Text>
        <Pieces pieces={pieces} theme={{ color: true }} />
      </Text>,
    );
    expect(coloured.lastFrame()).toBe(`${chalk.bold(chalk.cyan('ab'))}${chalk.dim('c')}`);
    expect(coloured.lastFrame()).toContain('\u001b[36m');
    const plain = render(
      <Text>
        <Pieces pieces={pieces} theme={{ color: false }} />
      </Text>,
    );
    expect(plain.lastFrame()).toBe(`${chalk.bold('ab')}${chalk.dim('c')}`);
    expect(plain.lastFrame()).not.toContain('\u001b[36m');
  });
});
