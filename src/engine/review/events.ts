// The events a review marks on its timeline and jumps between with [ and ]: each bug,
// security event, leak, pause and the crash, read from what the run logged and counted
// between two moments.
import type { RunState } from '../run/state.js';
import { isBugKind, isSecurityKind, type ReviewEventKind } from '../vocabulary.js';
import type { Moment, ReviewEvent } from './moment.js';
import type { Tallies } from './checkpoints.js';
import { nth } from '../invariant.js';

function kindOfLog(kind: string): ReviewEventKind | null {
  if (isBugKind(kind)) return 'bug';
  if (isSecurityKind(kind)) return 'security';
  if (kind === 'leak') return 'leak';
  return null;
}

/** Events that happened between the previous moment (its log length and tallies) and moment m. */
export function eventsBetween(
  state: RunState,
  fromLog: number,
  m: Moment,
  before: Tallies,
  after: Tallies,
): ReviewEvent[] {
  const out: ReviewEvent[] = [];
  for (let i = fromLog; i < m.logLength; i++) {
    const e = nth(state.log, i);
    const kind = kindOfLog(e.kind);
    if (kind)
      out.push({ kind, moment: m.index, cell: Math.max(0, Math.min(m.cell, e.tick)), text: e.text, logIndex: i });
  }
  if (after.pauseTicks > before.pauseTicks) {
    const length = after.pauseTicks - before.pauseTicks;
    let logIndex: number | undefined;
    for (let i = m.logLength - 1; i >= fromLog; i--) if (nth(state.log, i).kind === 'collect') logIndex = i;
    out.push({
      kind: 'pause',
      moment: m.index,
      cell: m.cell,
      text:
        logIndex !== undefined ? nth(state.log, logIndex).text : `a pause of ${length} tick${length === 1 ? '' : 's'}`,
      length,
      ...(logIndex !== undefined ? { logIndex } : {}),
    });
  }
  if (after.crashed && !before.crashed) {
    let logIndex: number | undefined;
    for (let i = m.logLength - 1; i >= fromLog && logIndex === undefined; i--)
      if (nth(state.log, i).kind === 'oom' || nth(state.log, i).kind === 'end') logIndex = i;
    out.push({
      kind: 'crash',
      moment: m.index,
      cell: m.cell,
      text: logIndex !== undefined ? nth(state.log, logIndex).text : 'the run crashed',
      ...(logIndex !== undefined ? { logIndex } : {}),
    });
  }
  return out;
}
