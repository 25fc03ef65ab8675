// A level full of escape sequences in every text a file can carry, and the check that an
// output holds no control but the game's own (the CSI sequences that colour, move the
// cursor, erase and switch modes).
import type { Level } from '../../src/engine/level/schema.js';

/** OSC window title and clipboard write, CSI colour and status query, C1 CSI and OSC, BEL, bidi overrides. */
export const HOSTILE =
  '\u001b]0;PWNED\u0007\u001b]52;c;SGVsbG8=\u0007\u001b[38;5;199m\u001b[6n\u009b6n\u009d0;c1\u009c\u0007\u202e\u2066';

export function hostileLevel(): Level {
  return {
    id: 'hostile',
    title: `Evil ${HOSTILE}`.slice(0, 80),
    intro: `Intro ${HOSTILE}\nsecond line ${HOSTILE}`,
    hints: [`Hint ${HOSTILE}`, `Another ${HOSTILE}`],
    memory: 200,
    ticks: 6,
    values: [
      { id: 'greeting', value: `Hi${HOSTILE}`, arrive: 0, uses: [1, 2], drop: 3 },
      {
        id: 'rec',
        fields: [
          { name: `f${HOSTILE}`, ref: 'greeting' },
          { name: `n${HOSTILE}`, value: 27 },
        ],
        arrive: 1,
        uses: [2],
        drop: 4,
      },
      { id: 'esc', value: '\u001b', type: 'char', arrive: 2, uses: [3], drop: 5 },
    ],
  };
}

/** The game's own escapes: CSI with a final byte among the colour, cursor, erase and mode ones. */
const OWN = /\u001b\[[0-9;:?<=>]*[ -/]*[mABCDEFGHfJKSTlhu]/g;
const CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The controls in `output` that are not the game's own, each as its escape; empty when
 * clean. The hostile CSI sequences look like the game's own, so they are looked for whole.
 */
export function foreignControls(output: string): string[] {
  const found: string[] = [];
  for (const injected of ['\u001b[38;5;199m', '\u001b[6n'])
    if (output.includes(injected)) found.push(JSON.stringify(injected));
  for (const m of output.replace(OWN, '').matchAll(CONTROL))
    found.push(`\\u${m[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set(found)];
}
