// A free the visible program proves unsafe: the value's block is freed while a read of
// it (or a pointer written into it, or to it) is still ahead within sight. The screens
// ask before making such a free; a free with nothing ahead in sight is not flagged.
import type { Command } from '../run/commands.js';
import { freeTargets, parseCommand } from '../run/commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { blockStartingAt } from '../run/memory.js';
import { hasLiveBlock, type RunState } from '../run/state.js';
import { nextTouch, touchText, type Touch } from './horizon.js';
import { nth } from '../invariant.js';

export interface FreeRisk {
  /** The value whose block the free would hand back. */
  value: string;
  addr: number;
  touch: Touch;
}

/**
 * What the command (or its text) would free that the program still needs within sight, in the
 * order the targets are given. Empty for any other command, or a free that is safe as
 * far as the player can see.
 */
export function freeRisks(level: CompiledLevel, state: RunState, input: string | Command): FreeRisk[] {
  let command: Command;
  if (typeof input === 'string') {
    const parsed = parseCommand(input);
    if (!parsed.ok) return [];
    command = parsed.command;
  } else command = input;
  const out: FreeRisk[] = [];
  const seen = new Set<number>();
  if (command.kind !== 'free') return [];
  for (const target of freeTargets(command)) {
    let v: number | undefined;
    if ('id' in target) {
      const i = level.indexOf.get(target.id);
      if (i !== undefined && hasLiveBlock(state, i)) v = i;
    } else {
      v = blockStartingAt(state.blocks, target.addr)?.owner;
    }
    if (v === undefined || seen.has(v)) continue;
    seen.add(v);
    // A block reserved for a value still to arrive is not in use yet.
    if (nth(level.values, v).arrive >= state.tick) continue;
    const touch = nextTouch(level, state, v);
    if (touch) out.push({ value: nth(level.values, v).id, addr: nth(state.variables, v).addr, touch });
  }
  return out;
}

/** The warning for a risky free, in one short sentence. */
export function freeRiskSentence(risks: readonly FreeRisk[]): string {
  const parts = risks.map((r) =>
    r.touch.kind === 'read'
      ? `${r.value} is read at t${r.touch.tick}`
      : r.touch.kind === 'write'
        ? `${r.value}.${r.touch.via} is written at t${r.touch.tick}`
        : `${r.touch.via} gets a pointer to ${r.value} at t${r.touch.tick}`,
  );
  return `Unsafe free: ${parts.join('; ')} (a use after free).`;
}

/** Short form for panels: `greeting read t6`. */
export function freeRiskShort(r: FreeRisk): string {
  return `${r.value} ${touchText(r.touch)}`;
}
