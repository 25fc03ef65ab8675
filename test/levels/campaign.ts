// Shared by the campaign tests: the built-in level files, read from levels/ (never a
// hard-coded list), with their solution replays and the runs every check needs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileLevel, itemsAt, type CompiledLevel } from '../../src/engine/level/compile.js';
import { playCommands, type ReplayProblem } from '../../src/engine/run/headless.js';
import { formatCommand, type Command } from '../../src/engine/run/commands.js';
import { applyMove } from '../../src/engine/run/moves.js';
import { initialState } from '../../src/engine/run/state.js';
import { freeRuns } from '../../src/engine/run/memory.js';
import { metricsOf, type Metrics } from '../../src/engine/scoring/metrics.js';
import { perfectPeak } from '../../src/engine/solver/perfect-timing.js';
import { runCollector } from '../../src/engine/runtime/index.js';
import type { Level } from '../../src/engine/level/schema.js';
import type { CollectorName } from '../../src/engine/vocabulary.js';
import { validateLevelText } from '../../src/engine/level/validate.js';
import type { RunState } from '../../src/engine/run/state.js';

export const LEVELS_DIR = fileURLToPath(new URL('../../levels/', import.meta.url));
export const SOLUTIONS_DIR = fileURLToPath(new URL('./solutions/', import.meta.url));

/** Every campaign file, in play order: levels/*.json except the generated schema. */
export function campaignFiles(): string[] {
  return readdirSync(LEVELS_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort();
}

/** The placement puzzles: levels where perfect timing with first fit runs out of memory. */
export const PUZZLES: readonly string[] = ['room-for-the-photo', 'snug-fit', 'lean-on-what-stays'];

export function readLevelText(file: string): string {
  return readFileSync(LEVELS_DIR + file, 'utf8');
}

/** The level of a file, validated and compiled; throws with the validator's sentences when invalid. */
export function loadCampaignLevel(file: string): { json: Level; level: CompiledLevel } {
  const checked = validateLevelText(readLevelText(file));
  if (!checked.ok) throw new Error(`${file} is invalid: ${checked.problems.map((p) => p.message).join(' ')}`);
  return { json: checked.level, level: compileLevel(checked.level) };
}

export interface Solution {
  level: string;
  commands: string[];
}

export function solutionPath(id: string): string {
  return `${SOLUTIONS_DIR}${id}.json`;
}

export function readSolution(id: string): Solution | null {
  const path = solutionPath(id);
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as Solution;
}

const collectorStates = new WeakMap<CompiledLevel, Map<CollectorName, RunState>>();

/** A collector's finished run of the level, computed once. */
export function collectorState(level: CompiledLevel, name: CollectorName): RunState {
  let byName = collectorStates.get(level);
  if (!byName) collectorStates.set(level, (byName = new Map()));
  let state = byName.get(name);
  if (!state) byName.set(name, (state = runCollector(level, name)));
  return state;
}

/** The peak every run is scored against: the most boxes perfect timing holds at once, whatever the placement. */
export function oraclePeak(level: CompiledLevel): number {
  return perfectPeak(level);
}

/** A collector's metrics, scored against the oracle's peak like every run. */
export function collectorMetrics(level: CompiledLevel, name: CollectorName): Metrics {
  return metricsOf(level, collectorState(level, name), oraclePeak(level), null);
}

/** The score the third star asks for: the level's default collector's. */
export function defaultCollectorScore(level: CompiledLevel): number {
  return collectorMetrics(level, level.gc.collector).score;
}

/** Plays a player's commands and scores them, stars against the default collector. */
export function playAndScore(
  level: CompiledLevel,
  commands: readonly string[],
): { metrics: Metrics; problems: ReplayProblem[]; state: RunState } {
  const { state, problems } = playCommands(level, commands, true);
  return { metrics: metricsOf(level, state, oraclePeak(level), defaultCollectorScore(level)), problems, state };
}

/**
 * A careless player's commands: every arriving value gets a block by first fit just before
 * its tick, and a value is freed `freeAfter` ticks after its drop (never, when null).
 */
export function carelessCommands(level: CompiledLevel, freeAfterDrop: number | null): string[] {
  const commands: string[] = [];
  const freeAt = (t: number) => {
    if (freeAfterDrop === null) return;
    for (const v of level.values) if (v.drop + freeAfterDrop === t) commands.push(`free ${v.id}`);
  };
  for (let t = 0; t < level.ticks; t++) {
    freeAt(t - 1);
    for (const v of itemsAt(level.program.arrivals, t)) commands.push(`malloc ${level.values[v].id}`);
    commands.push('step');
  }
  if (freeAfterDrop !== null) for (let t = level.ticks - 1; t <= level.ticks + freeAfterDrop; t++) freeAt(t);
  commands.push('end');
  return commands;
}

export type Fit = 'first' | 'best';

/** Where a bot puts a block of `size`: the first free run that holds it, or the smallest (lowest on a tie). */
function placeFor(level: CompiledLevel, state: RunState, size: number, fit: Fit): number | null {
  let at: number | null = null;
  let best = Number.POSITIVE_INFINITY;
  for (const run of freeRuns(state.blocks, level.memory)) {
    if (run.size < size) continue;
    if (fit === 'first') return run.start;
    if (run.size < best) [at, best] = [run.start, run.size];
  }
  return at;
}

/**
 * A player who does not think ahead: each arriving value gets a block by first fit (or
 * best fit), and each value is freed in the first gap where no read of it is visible
 * within the lookahead (what the variables panel shows as done). When no free run holds
 * an arriving value it gives up.
 */
export function botCommands(level: CompiledLevel, fit: Fit = 'first'): string[] {
  const state = initialState(level, false);
  const commands: string[] = [];
  const act = (command: Command): boolean => {
    const made = applyMove(level, state, command).ok;
    if (made) commands.push(formatCommand(command));
    return made;
  };
  const held = new Set<number>();
  for (let t = 0; t <= level.ticks; t++) {
    const horizon = Math.min(level.ticks, t + level.lookahead);
    for (const v of [...held]) {
      const val = level.values[v];
      if (val.arrive >= t || val.uses.some((u) => u >= t && u < horizon)) continue;
      act({ kind: 'free', id: val.id });
      held.delete(v);
    }
    if (t === level.ticks) break;
    for (const v of itemsAt(level.program.arrivals, t)) {
      const at = placeFor(level, state, level.values[v].size, fit);
      if (at === null || !act({ kind: 'malloc', id: level.values[v].id, at })) {
        act({ kind: 'end' });
        return commands;
      }
      held.add(v);
    }
    act({ kind: 'step', n: 1 });
  }
  act({ kind: 'end' });
  return commands;
}
