// The moments of a run made of commands (the player's, a replay, the oracle's): each
// command that changed something is a moment, and `step n` and `run` are a moment per
// tick. Refused commands change nothing and are not moments (they are reported).
import { formatCommand, parseCommand, type Command } from '../run/commands.js';
import type { CompiledLevel } from '../level/compile.js';
import { applyMove } from '../run/moves.js';
import { initialState, type LogEntry, type RunState } from '../run/state.js';
import { missingBlocks } from '../run/tick.js';
import type { ReplayProblem } from '../run/headless.js';
import { bareState, copyState } from '../run/copy.js';
import type { Cursor, MomentSource } from './checkpoints.js';
import type { MomentStep } from './moment.js';
import { nth } from '../invariant.js';

/** One command that is one moment: a malloc, a free, one tick, or the end. */
type Atom = Command;

/** The commands as moments: `step n` and `run` split into single ticks, refused commands left out. */
export function atomsOf(
  level: CompiledLevel,
  commands: readonly string[],
): { atoms: Atom[]; problems: ReplayProblem[] } {
  const state = initialState(level, false);
  const atoms: Atom[] = [];
  const problems: ReplayProblem[] = [];
  commands.forEach((command, index) => {
    const parsed = parseCommand(command);
    if (!parsed.ok) return problems.push({ index, command, error: parsed.error });
    const cmd = parsed.command;
    if (cmd.kind === 'undo') return problems.push({ index, command, error: 'A replay does not store undo.' });
    if (cmd.kind === 'step' || cmd.kind === 'run') {
      const n = cmd.kind === 'step' ? cmd.n : level.ticks;
      let ran = 0;
      while (ran < n && !state.finished && state.tick < level.ticks && missingBlocks(level, state).length === 0) {
        applyMove(level, state, { kind: 'step', n: 1 });
        atoms.push({ kind: 'step', n: 1 });
        ran++;
      }
      if (ran === 0) {
        const r = applyMove(level, state, cmd);
        problems.push({ index, command, error: r.ok ? 'It changed nothing.' : r.error });
      }
      return;
    }
    const r = applyMove(level, state, cmd);
    if (r.ok) atoms.push(cmd);
    else problems.push({ index, command, error: r.error });
  });
  return { atoms, problems };
}

interface PlayerSnap {
  state: RunState;
  logLength: number;
  timelineLength: number;
  /** Atoms already applied. */
  done: number;
}

function describe(level: CompiledLevel, before: RunState, after: RunState, atom: Atom): MomentStep {
  switch (atom.kind) {
    case 'malloc': {
      const v = level.indexOf.get(atom.id)!;
      const s = nth(after.variables, v);
      return { kind: 'malloc', label: `malloc ${atom.id}: ${s.size} box${s.size === 1 ? '' : 'es'} at ${s.addr}` };
    }
    case 'free': {
      const freed = before.blocks.find((b) => !after.blocks.some((a) => a.start === b.start && a.owner === b.owner));
      const what = freed ? ` (${nth(level.values, freed.owner).id}'s block at ${freed.start})` : '';
      return { kind: 'free', label: `${formatCommand(atom)}${what}` };
    }
    case 'step':
      return { kind: 'tick', label: `tick ${before.tick} ran` };
    default:
      return { kind: 'end', label: after.crash ? `gave up at tick ${after.tick}` : 'end: the program finished' };
  }
}

class PlayerCursor implements Cursor<PlayerSnap> {
  private want = false;
  private taken: PlayerSnap | null = null;
  /** The last snapshot's state: the next one shares what did not change with it (neither is ever changed). */
  private lastSnap: RunState | undefined;

  constructor(
    private readonly level: CompiledLevel,
    private readonly atoms: readonly Atom[],
    public readonly state: RunState,
    private done: number,
  ) {}

  advance(): MomentStep | null {
    this.taken = null;
    if (this.done >= this.atoms.length) return null;
    if (this.want) {
      this.want = false;
      this.lastSnap = bareState(this.state, this.lastSnap);
      this.taken = {
        state: this.lastSnap,
        logLength: this.state.log.length,
        timelineLength: this.state.timeline.length,
        done: this.done,
      };
    }
    const atom = nth(this.atoms, this.done++);
    const before = atom.kind === 'free' ? { ...this.state, blocks: this.state.blocks.slice() } : this.state;
    const tick = this.state.tick;
    applyMove(this.level, this.state, atom);
    return describe(this.level, atom.kind === 'step' ? { ...before, tick } : before, this.state, atom);
  }

  requestSnapshot(): void {
    this.want = true;
  }

  takeSnapshot(): PlayerSnap | null {
    return this.taken;
  }
}

/** The moments of a run of commands, as a source for a review. */
export function commandSource(
  level: CompiledLevel,
  commands: readonly string[],
): { source: MomentSource<PlayerSnap>; problems: ReplayProblem[] } {
  const { atoms, problems } = atomsOf(level, commands);
  const source: MomentSource<PlayerSnap> = {
    start: () => new PlayerCursor(level, atoms, initialState(level, true), 0),
    resume: (snap: PlayerSnap, log: readonly LogEntry[], timeline: RunState['timeline']) =>
      new PlayerCursor(
        level,
        atoms,
        copyState(snap.state, log as LogEntry[], snap.logLength, timeline, snap.timelineLength),
        snap.done,
      ),
  };
  return { source, problems };
}
