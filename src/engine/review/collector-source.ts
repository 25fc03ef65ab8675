// The moments of a collector's run, from the runtime's own steps: each malloc, the start
// and end of each collection, each tick (once the collector's work after it is done),
// and the end. Checkpoints are taken where the runtime can be copied and resumed: at the
// start of a gap between ticks.
import type { CompiledLevel } from '../level/compile.js';
import type { CollectorName } from '../vocabulary.js';
import type { LogEntry, RunState } from '../run/state.js';
import { Timeline } from '../run/timeline.js';
import { createRuntime, resumeRuntime, type Runtime, type RuntimeSnapshot } from '../runtime/runtime.js';
import type { Step } from '../runtime/types.js';
import type { Cursor, MomentSource } from './checkpoints.js';
import type { MomentKind, MomentStep } from './moment.js';

interface CollectorSnap {
  rt: RuntimeSnapshot;
  logLength: number;
  timelineLength: number;
  /** What the last moment before it looked like, to tell whether the gap is a moment of its own. */
  seen: string;
  /** The moment the first advance after resuming reaches. */
  pos: number;
}

const STEP_MOMENTS: Partial<Record<Step['kind'], MomentKind>> = {
  alloc: 'malloc',
  collect: 'collect',
  collected: 'collected',
  oom: 'end',
  end: 'end',
};

/** Enough of a state to tell two moments apart. */
function fingerprint(s: RunState): string {
  return `${s.tick}:${s.work}:${s.used}:${s.log.length}:${s.pauseTicks}`;
}

export class CollectorCursor implements Cursor<CollectorSnap> {
  private want = false;
  private taken: CollectorSnap | null = null;

  constructor(
    /** The runtime at this moment; it can go on animating from here. */
    public readonly rt: Runtime,
    private seen: string,
    private reached = 0,
  ) {}

  get state(): RunState {
    return this.rt.state;
  }

  /** Moments reached so far (the start is moment 0). */
  get moment(): number {
    return this.reached;
  }

  advance(): MomentStep | null {
    this.taken = null;
    for (;;) {
      const r = this.step();
      if (!r) return null;
      if (r.moment) return r.moment;
    }
  }

  /**
   * Takes one step of the runtime (a 'gap' step too: nothing visible changes there) and
   * says which moment it reaches, if any: a malloc, a collection's start or end, the end,
   * and the start of a gap when the state changed since the last moment (a tick ran).
   */
  step(): { step: Step; moment: MomentStep | null } | null {
    const s = this.rt.next();
    if (!s) return null;
    let moment: MomentStep | null = null;
    if (s.kind === 'gap') {
      if (this.want) {
        this.want = false;
        const rt = this.rt.snapshot();
        const st = rt.ctx.state;
        this.taken = {
          rt,
          logLength: st.log.length,
          timelineLength: st.timeline.length,
          seen: this.seen,
          pos: this.reached + 1,
        };
        // The run's log and timeline are kept once, by the review: a checkpoint keeps their lengths.
        st.log = [];
        st.timeline = new Timeline(0);
      }
      const fp = fingerprint(this.state);
      if (fp !== this.seen) {
        this.seen = fp;
        moment = { kind: 'tick', label: `tick ${this.state.tick - 1} ran` };
      }
    } else {
      const kind = STEP_MOMENTS[s.kind];
      if (kind) {
        this.seen = fingerprint(this.state);
        moment = { kind, label: s.text };
      }
    }
    if (moment) this.reached++;
    return { step: s, moment };
  }

  requestSnapshot(): void {
    this.want = true;
  }

  takeSnapshot(): CollectorSnap | null {
    return this.taken;
  }
}

/** The moments of a collector's run of the level, as a source for a review. */
export function collectorSource(level: CompiledLevel, name: CollectorName): MomentSource<CollectorSnap> {
  return {
    // The review's own passes take only the steps that are moments; a watch takes them all.
    start: (detail = false) => watchCursor(level, name, detail),
    resume: (snap: CollectorSnap, log: readonly LogEntry[], timeline: RunState['timeline'], detail = false) => {
      const st = snap.rt.ctx.state;
      st.log = log.slice(0, snap.logLength);
      st.timeline = timeline.fork(snap.timelineLength);
      const rt = resumeRuntime(snap.rt, { inner: detail });
      st.log = [];
      st.timeline = new Timeline(0);
      return new CollectorCursor(rt, snap.seen, snap.pos - 1);
    },
  };
}

/** A cursor at the start of a collector's run, counting its moments as it steps (watch, before any review is built). */
export function watchCursor(level: CompiledLevel, name: CollectorName, detail = true): CollectorCursor {
  const rt = createRuntime(level, name, { gaps: true, inner: detail });
  return new CollectorCursor(rt, fingerprint(rt.state));
}
