// Review, pinned: whatever path a jump takes (a checkpoint, the warm cursor, a run of
// states kept going back, a prepared moment), the state it gives at moment i is the state
// a plain replay has there; and the cost the checkpoints promise holds: a jump replays at
// most `spacing` moments, stepping on replays one, stepping back replays every few, the
// states kept are few and bounded. The cost is read by counting what the rebuilder asks
// of its source. Also: the events' exact moments, cells and log lines on small runs, the
// sources' snapshots and small steps, and a moment past either end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../../src/engine/level/compile.js';
import type { Level } from '../../../src/engine/level/schema.js';
import {
  Rebuilder,
  record,
  type Cursor,
  type MomentSource,
  type Recorded,
} from '../../../src/engine/review/checkpoints.js';
import { collectorSource, type CollectorCursor } from '../../../src/engine/review/collector-source.js';
import { eventMoment, reviewCollector, reviewCommands } from '../../../src/engine/review/index.js';
import { commandSource } from '../../../src/engine/review/player-source.js';
import { copyState } from '../../../src/engine/run/copy.js';
import type { RunState } from '../../../src/engine/run/state.js';
import { Timeline } from '../../../src/engine/run/timeline.js';
import { oracleRun } from '../../../src/engine/scoring/oracle.js';
import { generateLevel } from '../../support/generate.js';
import { runs } from '../../support/runs.js';
import { MOMENTS } from '../../support/moments-level.js';

/** Comparable text of a state: its boxes as plain lists. */
function key(s: RunState): string {
  return JSON.stringify({ ...s, bytes: [...s.bytes], writer: [...s.writer] });
}

interface Cost {
  /** Advances asked of the source's cursors. */
  advances: number;
  /** Cursors started or resumed: rebuilds. */
  rebuilds: number;
  /** The `detail` each start or resume was asked with. */
  details: (boolean | undefined)[];
}

/** The source, counting what is asked of it. */
function counting<S>(source: MomentSource<S>): { source: MomentSource<S>; cost: Cost; reset(): void } {
  const cost: Cost = { advances: 0, rebuilds: 0, details: [] };
  const wrap = (c: Cursor<S>): Cursor<S> => ({
    get state() {
      return c.state;
    },
    advance() {
      cost.advances++;
      return c.advance();
    },
    requestSnapshot: () => c.requestSnapshot(),
    takeSnapshot: () => c.takeSnapshot(),
  });
  return {
    cost,
    reset() {
      cost.advances = 0;
      cost.rebuilds = 0;
      cost.details = [];
    },
    source: {
      start(detail) {
        cost.rebuilds++;
        cost.details.push(detail);
        return wrap(source.start(detail));
      },
      resume(snap, log, timeline, detail) {
        cost.rebuilds++;
        cost.details.push(detail);
        return wrap(source.resume(snap, log, timeline, detail));
      },
    },
  };
}

/** Every moment's state, by one cursor from the start. */
function plainRun<S>(source: MomentSource<S>): string[] {
  const c = source.start();
  const states = [key(copyState(c.state))];
  while (c.advance()) states.push(key(copyState(c.state)));
  return states;
}

const big = compileLevel(generateLevel({ seed: 5, values: 60, memory: 80, lifetime: 4 }));
const bigCommands = oracleRun(big).commands;

/** A rebuilder over the big run's commands, its cost counted from its first jump on. */
function rebuilderOf(spacing: number, maxCheckpoints = 1000) {
  const { source } = commandSource(big, bigCommands);
  const counted = counting(source);
  const rec = record(counted.source, big.ticks, { spacing, maxCheckpoints });
  counted.reset();
  return { rb: new Rebuilder(counted.source, rec), rec, cost: counted.cost, reset: counted.reset };
}

const whole = plainRun(commandSource(big, bigCommands).source);
const N = whole.length;

/** The checkpoint at or before moment i (0: the start). */
function checkpointAtOrBefore(rec: Recorded<unknown>, i: number): number {
  let pos = 0;
  for (const c of rec.checkpoints) if (c.pos <= i) pos = c.pos;
  return pos;
}

describe('checkpoints: where they are', () => {
  it('the first at moment 1, then one every `spacing` moments', () => {
    expect(N).toBeGreaterThan(120);
    const { rec } = rebuilderOf(8);
    expect(rec.spacing).toBe(8);
    const expected: number[] = [];
    for (let p = 1; p < N; p += 8) expected.push(p);
    expect(rec.checkpoints.map((c) => c.pos)).toEqual(expected);
  });

  for (const max of [4, 6, 10]) {
    it(`thinned to at most ${max}, they stay evenly spaced from moment 1, \`spacing\` apart`, () => {
      const { rec } = rebuilderOf(2, max);
      expect(rec.spacing).toBeGreaterThan(2);
      const pos = rec.checkpoints.map((c) => c.pos);
      expect(pos.length).toBeLessThanOrEqual(max);
      expect(pos[0]).toBe(1);
      for (let k = 1; k < pos.length; k++) expect(pos[k]! - pos[k - 1]!).toBe(rec.spacing);
      // The last one is no more than `spacing` moments before the end.
      expect(N - 1 - pos.at(-1)!).toBeLessThan(rec.spacing);
    });
  }
});

describe('a rebuilt moment: the same state whatever path, at the promised cost', () => {
  type Op =
    | { kind: 'at'; pick: number }
    | { kind: 'near'; d: number }
    | { kind: 'event'; dir: 1 | -1 }
    | { kind: 'prepare'; pick: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('at' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('near' as const), d: fc.integer({ min: -20, max: 20 }) }),
    fc.record({ kind: fc.constant('event' as const), dir: fc.constantFrom(1 as const, -1 as const) }),
    fc.record({ kind: fc.constant('prepare' as const), pick: fc.nat() }),
  );

  it('random jumps (far, near, back, to events, prepared) give the plain replay’s state; no jump replays more than `spacing` moments', () => {
    // Events to jump between: every tenth moment stands in for one.
    const events = whole
      .map((_, i) => i)
      .filter((i) => i % 10 === 3)
      .map((moment) => ({ kind: 'bug' as const, moment, cell: 0, text: '' }));
    fc.assert(
      fc.property(
        fc.constantFrom(2, 5, 8),
        fc.constantFrom(4, 8, 1000),
        fc.array(op, { maxLength: 30 }),
        (s, max, ops) => {
          const { rb, rec, cost, reset } = rebuilderOf(s, max);
          let at = 0;
          const check = (i: number) => {
            reset();
            expect(key(rb.stateAt(i)), `moment ${i}`).toBe(whole[i]);
            expect(cost.advances).toBeLessThanOrEqual(rec.spacing);
            expect(cost.rebuilds).toBeLessThanOrEqual(1);
            expect(cost.details.every((d) => !d)).toBe(true);
            at = i;
          };
          for (const o of ops) {
            if (o.kind === 'at') check(o.pick % N);
            else if (o.kind === 'near') check(Math.max(0, Math.min(N - 1, at + o.d)));
            else if (o.kind === 'event') check(eventMoment(events, at, o.dir) ?? at);
            else {
              const i = o.pick % N;
              for (let calls = 1; ; calls++) {
                reset();
                const done = rb.prepare(i, 3);
                expect(cost.advances).toBeLessThanOrEqual(3);
                if (done) break;
                expect(calls).toBeLessThan(N);
              }
              check(i);
            }
          }
        },
      ),
      { numRuns: runs(25) },
    );
  });

  it('stepping on, one moment at a time, replays exactly one moment each', () => {
    const { rb, cost, reset } = rebuilderOf(8);
    expect(key(rb.stateAt(0))).toBe(whole[0]);
    for (let i = 1; i < N; i++) {
      reset();
      expect(key(rb.stateAt(i))).toBe(whole[i]);
      expect(cost.advances, `moment ${i}`).toBe(1);
    }
  });

  it('a jump far ahead starts again from the checkpoint before it, not from where it stood', () => {
    const { rb, rec, cost, reset } = rebuilderOf(8);
    rb.stateAt(5);
    reset();
    const i = 100;
    const cp = checkpointAtOrBefore(rec, i);
    expect(cp).toBeGreaterThan(5);
    expect(key(rb.stateAt(i))).toBe(whole[i]);
    expect([cost.rebuilds, cost.advances]).toEqual([1, 1 + i - cp]);
  });

  it('a jump ahead keeps the state just before it (one step back is likely next), and no other', () => {
    // From nowhere, from a moment far behind, from a few moments behind (the warm cursor goes on).
    for (const from of [null, 5, 96]) {
      const { rb, rec, cost, reset } = rebuilderOf(8);
      const i = 100;
      expect(i - checkpointAtOrBefore(rec, i)).toBeGreaterThanOrEqual(3);
      if (from !== null) rb.stateAt(from);
      rb.stateAt(i);
      reset();
      expect(key(rb.stateAt(i - 1))).toBe(whole[i - 1]);
      expect(cost.advances, `from ${from}`).toBe(0);
      expect(key(rb.stateAt(i - 2))).toBe(whole[i - 2]);
      expect(cost.rebuilds, `from ${from}`).toBe(1);
    }
  });

  it('stepping back, a replay keeps the four moments before it that it passes: the next steps back replay nothing', () => {
    const { rb, rec, cost, reset } = rebuilderOf(10);
    // The rule, step by step: what is at hand, and what a replay back to i leaves at hand.
    const atHand = new Set<number>();
    const expectedReplays: number[] = [];
    const replays: number[] = [];
    // The first jump, to the end, keeps the moment before it (if its replay passed it).
    if (checkpointAtOrBefore(rec, N - 1) < N - 1) atHand.add(N - 2);
    rb.stateAt(N - 1);
    for (let i = N - 2; i >= 0; i--) {
      if (!atHand.has(i)) {
        expectedReplays.push(i);
        for (let k = Math.max(checkpointAtOrBefore(rec, i), i - 4); k < i; k++) atHand.add(k);
      }
      reset();
      expect(key(rb.stateAt(i))).toBe(whole[i]);
      if (cost.advances > 0 || cost.rebuilds > 0) replays.push(i);
    }
    expect(replays).toEqual(expectedReplays);
    expect(replays.length).toBeLessThan(N / 4);
  });

  it('a jump back of up to 16 moments counts as stepping back (four kept), a longer one as a jump (one kept)', () => {
    for (const [back, kept] of [
      [2, 4],
      [16, 4],
      [17, 1],
      [40, 1],
    ] as const) {
      const { rb, rec, cost, reset } = rebuilderOf(10);
      const i = 106;
      const from = i + back;
      expect(i - checkpointAtOrBefore(rec, i)).toBeGreaterThanOrEqual(5);
      rb.stateAt(from);
      rb.stateAt(i);
      const ready: number[] = [];
      for (let k = 1; k <= 5; k++) {
        reset();
        rb.stateAt(i - k);
        if (cost.advances === 0 && cost.rebuilds === 0) ready.push(i - k);
        else break;
      }
      expect(ready.length, `back ${back}`).toBe(kept);
    }
  });

  it('asked again for the moment it stands at, after that state left the cache, it copies it: no replay', () => {
    const { rb, cost, reset } = rebuilderOf(8);
    const i = 60;
    rb.stateAt(i);
    // Fill the cache with other moments, prepared (which leaves where the rebuilder stands alone).
    for (let j = 70; j < 130; j++) while (!rb.prepare(j, 64));
    reset();
    expect(rb.prepare(i)).toBe(false); // not kept any more
    reset();
    expect(key(rb.stateAt(i))).toBe(whole[i]);
    expect([cost.rebuilds, cost.advances]).toEqual([0, 0]);
  });

  it('keeps the 48 states asked for last, and no more', () => {
    const { rb } = rebuilderOf(8);
    const ask = (i: number) => {
      while (!rb.prepare(i, 64));
    };
    const moments = Array.from({ length: 50 }, (_, k) => 2 * k + 1);
    for (const i of moments.slice(0, 48)) ask(i);
    // prepare says true at once only for a state at hand (and asking for it keeps it longer).
    expect(rb.prepare(moments[0]!)).toBe(true);
    ask(moments[48]!);
    expect(rb.prepare(moments[1]!)).toBe(false);
    expect(rb.prepare(moments[0]!)).toBe(true);
    expect(rb.prepare(moments[48]!)).toBe(true);
  });

  it('prepares in slices of at most `steps` moments, saying true on the slice that gets there', () => {
    const { rb, rec, cost, reset } = rebuilderOf(16);
    const i = 40;
    const cp = checkpointAtOrBefore(rec, i);
    expect(i - cp).toBe(7);
    const answers: boolean[] = [];
    const slices: number[] = [];
    for (let n = 0; n < 6 && answers.at(-1) !== true; n++) {
      reset();
      answers.push(rb.prepare(i, 3));
      slices.push(cost.advances);
    }
    // The first call only finds the checkpoint (resuming there is one advance); then 3, 3, 1.
    expect(answers).toEqual([false, false, false, true]);
    expect(slices).toEqual([1, 3, 3, 1]);
    reset();
    expect(key(rb.stateAt(i))).toBe(whole[i]);
    expect(cost.advances).toBe(0);
  });

  it('rebuilds ask the source for moments only; a cursor asks for every small step only when told', () => {
    const { rb, cost, reset } = rebuilderOf(8);
    rb.stateAt(50);
    rb.prepare(90);
    expect(cost.details).toEqual([false, false]);
    reset();
    rb.cursorAt(70);
    rb.cursorAt(0);
    rb.cursorAt(33, true);
    expect(cost.details).toEqual([false, false, true]);
  });

  it('a cursor stands at the moment asked for, its own: advancing it changes no state handed out', () => {
    const { rb } = rebuilderOf(8);
    const kept = rb.stateAt(30);
    const c = rb.cursorAt(30);
    expect(key(c.state)).toBe(whole[30]);
    c.advance();
    expect(key(c.state)).toBe(whole[31]);
    expect(key(kept)).toBe(whole[30]);
  });
});

describe('a state handed out', () => {
  it('shares its unchanged boxes with the nearest state kept, not with the last one handed out', () => {
    const { rb } = rebuilderOf(8);
    const bytes = whole.map((s) => JSON.stringify((JSON.parse(s) as { bytes: number[] }).bytes));
    // a and a + 1 have the same boxes; b, far before a, has other boxes than either.
    let a = -1;
    for (let i = 60; i < N - 2 && a < 0; i++) if (bytes[i] === bytes[i + 1] && bytes[i - 1] === bytes[i]) a = i;
    expect(a).toBeGreaterThan(0);
    let b = -1;
    for (let i = a - 20; i > 1 && b < 0; i--)
      if (bytes[i] !== bytes[a] && bytes[i - 1] !== bytes[a] && bytes[i + 1] !== bytes[a]) b = i;
    expect(b).toBeGreaterThan(0);
    const sa = rb.stateAt(a);
    const sb = rb.stateAt(b);
    const next = rb.stateAt(a + 1);
    expect(key(next)).toBe(whole[a + 1]);
    expect(next.bytes).toBe(sa.bytes);
    expect(next.bytes).not.toBe(sb.bytes);
  });

  it('is the caller’s: setting its log or timeline keeps what was set', () => {
    const r = reviewCommands(big, bigCommands);
    const s = r.stateAt(40);
    expect(s.log.length).toBe(r.moments[40]!.logLength);
    s.log = [];
    s.timeline = new Timeline();
    expect(s.log).toEqual([]);
    expect(s.timeline.length).toBe(0);
    // The run's own log is untouched, and so is the next state handed out.
    expect(r.final.log.length).toBeGreaterThan(0);
    expect(r.stateAt(41).log.length).toBe(r.moments[41]!.logLength);
  });
});

const moments = compileLevel(MOMENTS);

describe('a moment past either end', () => {
  it('is the last (or first) moment: the very state, and prepare gets there', () => {
    const r = reviewCommands(moments, ['malloc a', 'step', 'free a', 'malloc b', 'step', 'step', 'end']);
    const last = r.moments.length - 1;
    const end = r.stateAt(last);
    expect(r.stateAt(last + 1)).toBe(end);
    expect(r.stateAt(last + 2)).toBe(end);
    expect(r.stateAt(-1)).toBe(r.stateAt(0));
    const fresh = reviewCommands(moments, ['malloc a', 'step', 'free a', 'malloc b', 'step', 'step', 'end']);
    let calls = 0;
    while (!fresh.prepare(last + 1)) {
      calls++;
      expect(calls).toBeLessThan(5);
    }
    expect(fresh.prepare(last)).toBe(true);
    expect(fresh.stateAt(last + 1)).toBe(fresh.stateAt(last));
  });
});

describe('events on small runs, worked out by hand', () => {
  it('a double free after the last tick sits on the last tick’s cell, not past the timeline', () => {
    const r = reviewCommands(moments, [
      'malloc a',
      'step',
      'free a',
      'malloc b',
      'step',
      'step',
      'free b',
      'free b',
      'end',
    ]);
    expect(r.moments.map((m) => [m.kind, m.tick, m.cell]).slice(6)).toEqual([
      ['tick', 3, 2],
      ['free', 3, 2],
      ['free', 3, 2],
      ['end', 3, 2],
    ]);
    expect(r.final.log[8]).toMatchObject({ kind: 'doubleFree', tick: 3 });
    expect(r.events).toEqual([
      { kind: 'bug', moment: 8, cell: 2, text: "double free: b's block at 1 was already freed", logIndex: 8 },
    ]);
  });

  // c, b and a go out of scope after tick 0, a → b → c: refcount frees all three at once,
  // 13 units of work at 1 a tick, 12 beyond the tick's own: a pause of 12 ticks.
  const cascade = compileLevel({
    id: 'cascade',
    title: 'Cascade',
    memory: 16,
    ticks: 3,
    gc: { collector: 'refcount', workPerTick: 1 },
    values: [
      { id: 'c', value: 'x', arrive: 0, drop: 0 },
      { id: 'b', fields: [{ name: 'q', ref: 'c' }], arrive: 0, drop: 0 },
      { id: 'a', fields: [{ name: 'p', ref: 'b' }], arrive: 0, uses: [0], drop: 0 },
      { id: 'z', value: 'y', arrive: 1, uses: [2] },
    ],
  } as Level);

  it('a refcount pause sits on the moment its counting ends, told by its own log line, not the tick’s first', () => {
    const r = reviewCollector(cascade, 'refcount');
    expect(r.moments.map((m) => m.kind)).toEqual([
      'start',
      'malloc',
      'malloc',
      'malloc',
      'collected',
      'malloc',
      'tick',
      'tick',
      'end',
    ]);
    // The moment's log holds tick 0's lines (3 to 9) before the counting's (10).
    expect(r.moments[3]!.logLength).toBe(3);
    expect(r.moments[4]!.logLength).toBe(11);
    expect(r.final.log[3]!.kind).toBe('arrive');
    const text =
      "refcount: 10 count changes, 3 blocks freed (4 boxes) after tick 0; 13 units of work, 12 beyond one tick's 1: pause 12 ticks";
    expect(r.events).toEqual([{ kind: 'pause', moment: 4, cell: 1, text, length: 12, logIndex: 10 }]);
    expect(r.final.log[10]!.text).toBe(text);
  });
});

describe("the sources' cursors", () => {
  const gcLevel = compileLevel(generateLevel({ seed: 9, values: 16, memory: 30, lifetime: 3, records: 0.4 }));

  /** Advances to the end, returning the moments at which a snapshot was taken. */
  function snapshotsTaken<S>(c: Cursor<S>, askAt: number[] = []): number[] {
    const taken: number[] = [];
    for (let m = 1; ; m++) {
      if (askAt.includes(m)) c.requestSnapshot();
      if (!c.advance()) break;
      if (c.takeSnapshot() !== null) taken.push(m);
    }
    return taken;
  }

  it('take a snapshot only when asked, once for each ask', () => {
    const player = commandSource(big, bigCommands).source;
    expect(snapshotsTaken(player.start())).toEqual([]);
    expect(snapshotsTaken(player.start(), [3, 40])).toEqual([3, 40]);
    const collector = collectorSource(gcLevel, 'mark-sweep');
    expect(snapshotsTaken(collector.start())).toEqual([]);
    const taken = snapshotsTaken(collector.start(), [2]);
    expect(taken.length).toBe(1);
    expect(taken[0]).toBeGreaterThanOrEqual(2);
  });

  it("a collector's cursor takes only the steps that reach moments unless asked for every small step, started or resumed", () => {
    const source = collectorSource(gcLevel, 'mark-compact');
    const stepsToEnd = (c: CollectorCursor) => {
      let n = 0;
      while (c.step()) n++;
      return n;
    };
    const coarse = stepsToEnd(source.start() as CollectorCursor);
    const fine = stepsToEnd(source.start(true) as CollectorCursor);
    expect(fine).toBeGreaterThan(coarse);
    // A snapshot some way in, and the run's whole log and timeline.
    const first = source.start();
    for (let m = 1; m < 6; m++) first.advance();
    first.requestSnapshot();
    while (first.takeSnapshot() === null) expect(first.advance()).not.toBeNull();
    const snap = first.takeSnapshot()!;
    const rest = source.start();
    while (rest.advance());
    const { log, timeline } = rest.state;
    const from = (detail?: boolean) => stepsToEnd(source.resume(snap, log, timeline, detail) as CollectorCursor);
    const coarseRest = from();
    expect(from(false)).toBe(coarseRest);
    expect(from(true)).toBeGreaterThan(coarseRest);
    expect(coarseRest).toBeLessThan(coarse);
    // Resumed, the first advance reaches the snapshot's own moment, and the same end.
    const again = source.resume(snap, log, timeline) as CollectorCursor;
    const at = again.moment;
    expect(again.advance()).not.toBeNull();
    expect(again.moment).toBe(at + 1);
    while (again.advance());
    expect(again.moment).toBe((rest as CollectorCursor).moment);
    expect(key(copyState(again.state))).toBe(key(copyState(rest.state)));
  });
});
