// The watch screen's grid, as plain pieces of text: one row per 16 boxes (`  32 │ 48 65 6C …`),
// each box its byte in hex, coloured by its owner; while a tracing collector marks, by
// its colour instead (white, grey, black); the boxes the last step touched underlined,
// with a sign before them saying what happened. Under each row, a line of labels: the
// owner's id across its block (with its reference count under refcount), "~id" over the
// stale bytes of a freed one. Under generational, a ┃ before the first box of each
// nursery half and of the old space, each nursery block labelled with its age ("1·id":
// survived one scavenge), remembered-set entries with ®; under incremental, the colours
// of the cycle under way stay between slices, and floating garbage is labelled ≈.
// Every sign is a character too, so NO_COLOR loses nothing.
import { toHex } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import type { RunState } from '../../engine/index.js';
import { boxesView } from '../../engine/index.js';
import { BLACK, GREY, floatingGarbage, type RuntimeView, type StepKind } from '../../engine/index.js';
import { ownerColour } from '../theme.js';
import { pushPiece, type Piece } from '../pieces.js';
import { labelRow } from '../labels.js';

export const PER_ROW = 16;

/** The sign before a block while marking: white, grey, black. */
export const SHADE_SIGN = ['○', '◐', '●'] as const;

/** The sign before the first box of a nursery half and of the old space. */
export const BOUNDARY = '┃';
/** Label marks: a remembered-set entry, floating garbage. */
export const REMEMBERED = '®';
export const FLOATING = '≈';

/** The sign before the boxes the last step touched. */
export function stepSign(kind: StepKind): string | null {
  switch (kind) {
    case 'alloc':
      return '+';
    case 'swept':
    case 'free':
      return '×';
    case 'move':
      return '→';
    case 'promote':
      return '⇑';
    case 'barrier':
      return '!';
    case 'forward':
      return '↓';
    case 'rewrite':
      return '*';
    case 'count':
      return '±';
    case 'grey':
      return SHADE_SIGN[GREY];
    case 'black':
      return SHADE_SIGN[BLACK];
    case 'sweep':
      return '✓';
    default:
      return null;
  }
}

export interface WatchRow {
  addr: number;
  bytes: Piece[];
  labels: Piece[];
}

/** Who owns each box of `from .. from+count-1`, counting the copies a copying collection has made so far. */
function owners(level: CompiledLevel, state: RunState, view: RuntimeView, from: number, count: number) {
  // boxesView caches per state object (the play screen's states are immutable); the
  // runtime changes its state in place, so hand it a fresh object each time.
  const v = boxesView(level, { ...state }, from, count);
  const copied = new Uint8Array(v.owner.length);
  for (const b of view.copies ?? []) {
    for (let a = Math.max(from, b.start); a < Math.min(from + count, b.start + b.size); a++) {
      v.owner[a - from] = b.owner;
      v.stale[a - from] = -1;
      copied[a - from] = 1;
    }
    if (b.start >= from && b.start < from + count) v.start[b.start - from] = 1;
  }
  return { ...v, copied };
}

/** Rows `firstRow ..` (count of them) of the grid, as pieces. */
export function watchRows(
  level: CompiledLevel,
  state: RunState,
  view: RuntimeView,
  firstRow: number,
  count: number,
  addrWidth: number,
): WatchRow[] {
  const from = firstRow * PER_ROW;
  const n = Math.max(0, Math.min(count * PER_ROW, level.memory - from));
  const o = owners(level, state, view, from, n);
  const last = view.last;
  const touchedFrom = last?.addr ?? -1;
  const touchedTo = last?.addr !== undefined ? last.addr + (last.size ?? 1) : -1;
  const sign = last ? stepSign(last.kind) : null;
  const half = view.half ?? view.generations?.current ?? null;
  const gens = view.generations;
  const boundaries = gens ? new Set([gens.nursery.start, gens.other.start, gens.current.start, gens.old.start]) : null;
  const floating = new Set(floatingGarbage(level, state, view));
  const inNursery = (a: number) => gens !== null && a >= gens.nursery.start && a < gens.nursery.end;
  const rows: WatchRow[] = [];

  for (let r = 0; r * PER_ROW < n; r++) {
    const rowStart = from + r * PER_ROW;
    const m = Math.min(PER_ROW, n - r * PER_ROW);
    const bytes: Piece[] = [{ text: `${String(rowStart).padStart(addrWidth)} │` }];
    for (let i = 0; i < m; i++) {
      const a = rowStart + i;
      const k = a - from;
      const owner = o.owner[k];
      const touched = a >= touchedFrom && a < touchedTo;
      let style: Piece;
      if (a === 0) style = { text: '', dim: true };
      else if (owner >= 0) {
        if (view.marking) {
          const shade = view.shade[owner];
          style =
            shade === BLACK
              ? { text: '', inverse: true }
              : shade === GREY
                ? { text: '', colour: 'gray', bold: true }
                : { text: '', colour: 'white' };
        } else style = { text: '', colour: ownerColour(owner) };
      } else style = { text: '', dim: true };
      if (half && a !== 0 && owner < 0 && (a < half.start || a >= half.end) && (!gens || inNursery(a)))
        style.dim = true;
      let sep = ' ';
      if (touched && a === touchedFrom && sign) sep = sign;
      else if (boundaries?.has(a) && a !== 1) sep = BOUNDARY;
      else if (view.marking && owner >= 0 && o.start[k]) sep = SHADE_SIGN[view.shade[owner]];
      else if (o.copied[k] && o.start[k]) sep = '→';
      pushPiece(bytes, { text: sep, ...(touched ? { bold: true } : {}) });
      const text = a === 0 ? '∅∅' : toHex(state.bytes[a]);
      pushPiece(bytes, { ...style, text, ...(touched ? { underline: true, bold: true } : {}) });
    }

    // Labels: one per block (or stale run), across its boxes.
    const labels = labelRow(level, o, from, rowStart, m, addrWidth, (owner, addr) =>
      view.counts
        ? `${view.counts[owner]}·`
        : gens && inNursery(addr)
          ? `${gens.ages[owner]}·`
          : gens?.remembered[owner]
            ? REMEMBERED
            : floating.has(owner)
              ? FLOATING
              : '',
    );
    rows.push({ addr: rowStart, bytes, labels });
  }
  return rows;
}

/** The row to start the view at so that `focusRow` is visible, moving as little as possible from `top`. */
export function scrollTo(top: number, focusRow: number, visible: number, totalRows: number): number {
  let t = top;
  if (focusRow < t) t = focusRow;
  if (focusRow >= t + visible) t = focusRow - Math.floor(visible / 2);
  return Math.max(0, Math.min(t, Math.max(0, totalRows - visible)));
}

/** Plain text of pieces (for tests and NO_COLOR reasoning). */
export function plain(pieces: readonly Piece[]): string {
  return pieces.map((p) => p.text).join('');
}
