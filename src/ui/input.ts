// How every screen reads keys. Ink hands over text that arrived at once (a paste, or keys
// typed faster than a frame) as one input: it is taken one key at a time. A lone newline
// is Enter: a key typed before the terminal switched to raw mode arrives cooked, as "\n".
// After a text input submits its line on Enter, the line's own key handler sees that same
// Enter next: it is swallowed once. Help pages turn with the same keys everywhere.

/** The keys the screens read (a subset of Ink's Key). */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

/** One key press. */
export interface Press {
  input: string;
  key: KeyInfo;
}

const isNewline = (c: string) => c === '\r' || c === '\n';
const ENTER: Press = { input: '', key: { return: true } };

/** One key as Ink handed it over, except that a lone newline is Enter. */
export function pressOf(input: string, key: KeyInfo): Press {
  return input === '\n' && !key.ctrl && !key.meta ? ENTER : { input, key };
}

/** The key presses in what Ink handed over: one a character when several came at once; CR and LF are Enter. */
export function presses(input: string, key: KeyInfo): Press[] {
  const chars = [...input];
  if (chars.length > 1 && !key.ctrl && !key.meta)
    return chars.map((c) => (isNewline(c) ? ENTER : { input: c, key: {} }));
  return [pressOf(input, key)];
}

/**
 * Takes the keys that arrived together one by one, each on the state the last one left.
 * `stop` ends early (the screen is leaving); `text` takes the rest whole once the state
 * types text (a command line open): it returns null when the state does not.
 */
export function keyByKey<M>(
  m: M,
  input: string,
  key: KeyInfo,
  press: (m: M, input: string, key: KeyInfo) => M,
  opts: { stop?: (m: M) => boolean; text?: (m: M, rest: string) => M | null } = {},
): M {
  const all = presses(input, key);
  if (all.length === 1) return press(m, all[0].input, all[0].key);
  const chars = [...input];
  let out = m;
  for (let i = 0; i < all.length; i++) {
    const typed = opts.text?.(out, chars.slice(i).join(''));
    if (typed != null) return typed;
    out = press(out, all[i].input, all[i].key);
    if (opts.stop?.(out)) return out;
  }
  return out;
}

/** Where a line of typed text ends: its first newline, or -1. */
export const lineEnd = (text: string): number => text.search(/[\r\n]/);

/**
 * The swallowed Enter: after a text input submitted on Enter, the line's own handler sees
 * that key next and drops it; any other key, even one reaching that handler first, counts.
 * Returns the state with the flag cleared, and whether the key is dropped.
 */
export function swallowEnter<M extends { swallowEnter: boolean }>(
  m: M,
  fromTextInput: boolean,
  key: KeyInfo,
): { m: M; drop: boolean } {
  if (!m.swallowEnter) return { m, drop: false };
  return { m: { ...m, swallowEnter: false }, drop: fromTextInput && key.return === true };
}

/** What a key does on a help page: turn it (by one, either way), close the help, or nothing. */
export function helpTurn(input: string, key: KeyInfo): 1 | -1 | 'close' | null {
  if (key.rightArrow || input === ' ' || input === 'l' || key.pageDown) return 1;
  if (key.leftArrow || input === 'h' || key.pageUp) return -1;
  if (key.escape || input === 'q' || input === '?' || key.return) return 'close';
  return null;
}
