// The small words every sentence of the game is made with: counts with their noun,
// the star rating, and sentence case.

/** "1 box", "3 boxes": the count with its noun, plural unless it is one. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Boxes are counted so often that they have their own word. */
export function boxes(n: number): string {
  return plural(n, 'box', 'boxes');
}

/** A rating out of three stars: ★★☆; a collector's run has none: -. */
export function stars(n: number | null): string {
  if (n === null) return '-';
  return '★'.repeat(Math.max(0, n)) + '☆'.repeat(Math.max(0, 3 - n));
}

/** The sentence with its first letter a capital. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The sentence with a full stop, unless it already ends with one (or ? or !). */
export function endSentence(s: string): string {
  return /[.?!]$/.test(s) ? s : `${s}.`;
}
