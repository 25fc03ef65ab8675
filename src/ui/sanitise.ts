// Only printable text from files reaches the terminal. Level and replay files are untrusted:
// a title, hint, value, field name or command may hold escape sequences that would retitle
// the window, write the clipboard, ring the bell, colour the screen or reverse the text.
//
// Two layers, both here:
// - sanitise(): every string that comes from a file, before it is drawn or printed. C0
//   and C1 control characters, DEL and the bidirectional controls become visible escapes
//   (`\u001b`); nothing else changes.
// - safeTerminalText(): the last guard on everything cubbies writes to stdout and stderr.
//   The game's own escapes (CSI sequences that colour, move the cursor, erase, and switch
//   modes) pass; every other control (OSC, DCS and other ESC sequences, BEL, C1, bidi) is
//   shown as an escape instead.

/** C0 (but tab and newline), DEL, C1, and the bidirectional controls and separators. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_LAYOUT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b` for ESC: what a control character is shown as. */
export function visibleEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A string from a file, made printable: control and bidirectional characters shown as
 * `\u001b`-style escapes. Tabs and newlines become escapes too, unless `lines` is set
 * (multi-line text such as an intro).
 */
export function sanitise(text: string, options: { lines?: boolean } = {}): string {
  return text.replace(options.lines ? UNSAFE : UNSAFE_OR_LAYOUT, visibleEscape);
}

/** The same characters, without the global flag: a test that keeps no lastIndex between calls. */
const HAS_UNSAFE_OR_LAYOUT = new RegExp(UNSAFE_OR_LAYOUT.source);

/** True when the text holds nothing sanitise() would change. */
export function isPrintable(text: string): boolean {
  return !HAS_UNSAFE_OR_LAYOUT.test(text);
}

// CSI: ESC [ params intermediates final. Those the game itself writes (through Ink and the
// chart): SGR colours (m), cursor moves and positions (A-H, f), erasing (J, K), scrolling
// (S, T), modes like the alternate screen, cursor visibility and synchronized output (h, l),
// and keyboard protocol queries (u).
const CSI = /^\u001b\[[0-9;:?<=>]*[ -/]*[@-~]/;
const OWN_CSI_FINAL = /[mABCDEFGHfJKSTlhu]$/;
const STREAM_UNSAFE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Text on its way to the terminal, with every control but the game's own kind shown as an escape. */
export function safeTerminalText(text: string): string {
  if (!STREAM_UNSAFE.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\u001b') {
      const m = CSI.exec(text.slice(i, i + 64));
      if (m && OWN_CSI_FINAL.test(m[0])) {
        out += m[0];
        i += m[0].length;
        continue;
      }
      out += visibleEscape(ch);
      i++;
      continue;
    }
    out += STREAM_UNSAFE.test(ch) ? visibleEscape(ch) : ch;
    i++;
  }
  return out;
}

/**
 * Puts safeTerminalText() in front of a stream's write (stdout and stderr of the real
 * program). Idempotent. Buffers are decoded as UTF-8 and filtered the same way.
 */
export function guardStream(stream: NodeJS.WriteStream): void {
  const marked = stream as NodeJS.WriteStream & { __cubbiesGuarded?: boolean };
  if (marked.__cubbiesGuarded) return;
  marked.__cubbiesGuarded = true;
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') return write(safeTerminalText(chunk), ...rest);
    if (chunk instanceof Uint8Array) return write(safeTerminalText(Buffer.from(chunk).toString('utf8')), ...rest);
    return write(chunk, ...rest);
  }) as NodeJS.WriteStream['write'];
}
