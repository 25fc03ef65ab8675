// The Runtime object the watch screen and the review drive: `done` turns true with the
// step that ends the run (the last frame already says "over"), `next` gives null from then
// on and changes nothing; `view.last` is the last step that was not a gap; a run can be
// copied only right after a gap step, and the copy carries nothing of the live run's last
// collection; a resumed run shows every step unless told otherwise; and a run that shows
// only the outline of each collection has no pause counter to keep.
import { describe, expect, it } from 'vitest';
import { createRuntime, resumeRuntime, type Runtime, type Step } from '../../../src/engine/runtime/index.js';
import { COLLECTORS } from '../../../src/engine/vocabulary.js';
import { compile } from './helpers.js';

const COPY_ONLY_AT_GAP = 'A run can be copied only at the start of a gap between ticks.';

/** Every step of a run, in order. */
function steps(rt: Runtime): Step[] {
  const out: Step[] = [];
  for (let s = rt.next(); s; s = rt.next()) out.push(s);
  return out;
}

const brief = (s: Step) => `${s.kind}: ${s.text}`;

// Memory 24, collections past 50%: every collector collects before tick 4 (generational
// only then, in gap 3) and finishes the level.
const SMALL = {
  memory: 24,
  ticks: 5,
  gc: { trigger: 0.5, workPerTick: 2 },
  values: [
    { id: 'a', value: 'abcde', arrive: 0, drop: 0 },
    { id: 'b', value: 'ab', arrive: 0, uses: [4] },
    { id: 'c', value: 'abcd', arrive: 1, drop: 1 },
    { id: 'd', value: 'abc', arrive: 2, uses: [4] },
    { id: 'e', value: 'ab', arrive: 3, uses: [4] },
  ],
};

describe("the runtime's contract with the screens", () => {
  it('is done with the step that ends the run, and gives nothing more after it', () => {
    const level = compile(SMALL);
    // A level too small for its values: the run ends out of memory.
    const tight = compile({
      memory: 8,
      ticks: 3,
      values: [
        { id: 'a', value: 'abcdef', arrive: 0, uses: [2] },
        { id: 'b', value: 'ab', arrive: 1, uses: [2] },
      ],
    });
    for (const [lvl, last] of [
      [level, 'end'],
      [tight, 'oom'],
    ] as const) {
      for (const collector of COLLECTORS) {
        const rt = createRuntime(lvl, collector);
        let s = rt.next();
        while (s && s.kind !== last) {
          expect(rt.done, `${collector}: ${s.text}`).toBe(false);
          s = rt.next();
        }
        expect(s?.kind, collector).toBe(last);
        expect(rt.done, collector).toBe(true);
        expect(rt.view.last).toBe(s);
        const work = rt.state.work;
        expect(rt.next()).toBeNull();
        expect(rt.next()).toBeNull();
        expect([rt.done, rt.state.work, rt.view.last]).toEqual([true, work, s]);
      }
    }
  });

  it('keeps the last step that was not a gap as the one to draw', () => {
    for (const collector of COLLECTORS) {
      const rt = createRuntime(compile(SMALL), collector, { gaps: true });
      let before: Step | null = null;
      let gaps = 0;
      for (let s = rt.next(); s; s = rt.next()) {
        if (s.kind === 'gap') {
          expect(rt.view.last).toBe(before);
          gaps++;
        } else {
          expect(rt.view.last).toBe(s);
          before = s;
        }
      }
      expect(gaps).toBe(SMALL.ticks + 1);
    }
  });

  it('can be copied right after a gap step, and only then', () => {
    for (const collector of COLLECTORS) {
      const rt = createRuntime(compile(SMALL), collector, { gaps: true });
      expect(() => rt.snapshot()).toThrow(COPY_ONLY_AT_GAP);
      let copies = 0;
      for (let s = rt.next(); s; s = rt.next()) {
        if (s.kind === 'gap') {
          expect(rt.snapshot().ctx.state.tick).toBe(rt.state.tick);
          copies++;
        } else expect(() => rt.snapshot(), `${collector} ${s.kind}`).toThrow(COPY_ONLY_AT_GAP);
      }
      expect(copies).toBe(SMALL.ticks + 1);
      // A run made without gap steps can never be copied.
      const plain = createRuntime(compile(SMALL), collector);
      for (let s = plain.next(); s; s = plain.next()) expect(() => plain.snapshot()).toThrow(COPY_ONLY_AT_GAP);
    }
  });

  it('resumes a copy with every step shown, as the live run went on, and the copy keeps no summary of the live run', () => {
    for (const collector of COLLECTORS) {
      const rt = createRuntime(compile(SMALL), collector, { gaps: true });
      const all = steps(rt).map(brief);
      // Copy at the gap before tick 4, after every collector's first collection.
      const live = createRuntime(compile(SMALL), collector, { gaps: true });
      let s = live.next();
      let at = 1;
      while (s && !(s.kind === 'gap' && live.state.tick === 4)) {
        s = live.next();
        at++;
      }
      const snap = live.snapshot();
      expect(snap.ctx.summary()).toBe('');
      expect(steps(resumeRuntime(snap)).map(brief)).toEqual(all.slice(at - 1));
      // Quiet: only allocations, the outline of each collection, the ticks and the end.
      const quiet = steps(resumeRuntime(snap, { inner: false })).map(brief);
      expect(quiet.length).toBeLessThanOrEqual(all.length - at + 1);
      expect(quiet.every((q) => /^(gap|alloc|collect|collected|tick|end|oom): /.test(q))).toBe(true);
    }
  });

  it('keeps no pause counter while it shows only the outline of each collection', () => {
    for (const collector of COLLECTORS) {
      const rt = createRuntime(compile({ ...SMALL, gc: { workPerTick: 1, trigger: 0.5 } }), collector, {
        inner: false,
      });
      let collections = 0;
      for (let s = rt.next(); s; s = rt.next()) {
        expect(rt.view.pause, `${collector} ${s.kind}`).toBeNull();
        if (s.kind === 'collect') collections++;
      }
      if (collector !== 'refcount') expect(collections, collector).toBeGreaterThan(0);
    }
  });
});
