// Colours, only when the player wants them. Ink and chalk do not read NO_COLOR (chalk
// reads FORCE_COLOR only), so every coloured <Text> in cubbies asks the theme: with
// NO_COLOR set (and not empty, as no-color.org says), no colour is ever passed to Ink,
// while bold, dim and inverse (not colours) stay. Nothing in cubbies writes colour codes
// itself. Where colour carries meaning, a character carries it too (brackets around the
// cursor, "~" before stale labels, "!" before consequences), so nothing is lost.
import { createContext, useContext, type ReactNode } from 'react';
import { isBugKind, isSecurityKind, type LogKind } from '../engine/index.js';

export interface Theme {
  color: boolean;
}

export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.NO_COLOR;
  return v === undefined || v === '';
}

const ThemeContext = createContext<Theme>({ color: true });

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** Ink colour names used by cubbies. */
export type Colour =
  | 'red'
  | 'green'
  | 'yellow'
  | 'blue'
  | 'magenta'
  | 'cyan'
  | 'white'
  | 'gray'
  | 'redBright'
  | 'greenBright'
  | 'yellowBright'
  | 'blueBright'
  | 'magentaBright'
  | 'cyanBright';

/** The `color` prop for <Text>: the colour, or nothing under NO_COLOR. */
export function paint(theme: Theme, colour: Colour | undefined): { color?: Colour } {
  return theme.color && colour ? { color: colour } : {};
}

/** Owners' colours, by value index. Red is kept for consequences. */
const OWNER_COLOURS: Colour[] = [
  'cyan',
  'green',
  'yellow',
  'magenta',
  'blue',
  'cyanBright',
  'greenBright',
  'yellowBright',
  'magentaBright',
  'blueBright',
];

export function ownerColour(v: number): Colour {
  return OWNER_COLOURS[v % OWNER_COLOURS.length];
}

/** Security holes (a secret leaked, a read the attacker steered): their own colour, apart from bugs' red. */
export const SECURITY_COLOUR: Colour = 'magentaBright';

/** The colour of a log line by what happened. */
export function logColour(kind: LogKind): Colour | undefined {
  if (isSecurityKind(kind)) return SECURITY_COLOUR;
  if (isBugKind(kind)) return 'red';
  switch (kind) {
    case 'oom':
      return 'magenta';
    case 'leak':
      return 'yellow';
    case 'end':
      return 'cyan';
    default:
      return undefined;
  }
}
