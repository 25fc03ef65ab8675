// Small text helpers for fixed-size panels.
/**
 * Display width in terminal columns, counted in code points: cubbies' own text is
 * single-width, and level text that isn't is at worst cut a little early or late.
 */
export const widthOf = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Wraps text to `width` columns at spaces (hard-breaking words longer than a line). */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0) return [];
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      let w = word;
      while (widthOf(w) > width) {
        if (line) {
          out.push(line);
          line = '';
        }
        const chars = [...w];
        out.push(chars.slice(0, width).join(''));
        w = chars.slice(width).join('');
      }
      if (line === '') line = w;
      else if (widthOf(line) + 1 + widthOf(w) <= width) line += ` ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

/** Packs segments into lines of `width`, separated by `sep`; a segment too long for a line is truncated. */
export function packSegments(segments: readonly string[], width: number, sep = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const s of segments) {
    const seg = widthOf(s) > width ? truncate(s, width) : s;
    if (line === '') line = seg;
    else if (widthOf(line) + widthOf(sep) + widthOf(seg) <= width) line += sep + seg;
    else {
      lines.push(line);
      line = seg;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function truncate(s: string, width: number): string {
  if (widthOf(s) <= width) return s;
  if (width <= 1) return [...s].slice(0, width).join('');
  let out = '';
  for (const c of s) {
    if (widthOf(out + c) > width - 1) break;
    out += c;
  }
  return `${out}…`;
}

export { plural, stars } from '../engine/index.js';
