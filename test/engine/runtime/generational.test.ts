// Generational collection: hand-built levels with figures worked out by hand, and the
// remembered set's promise on random ones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel } from '../../../src/engine/level/compile.js';
import { decodePointer } from '../../../src/engine/level/encoding.js';
import { runCollector } from '../../../src/engine/runtime/index.js';
import { compile, heapProblems, playAnimated, REMEMBERED, SAFE_STEPS } from './helpers.js';
import { anyLevelArb } from './levels.js';
import { runs } from '../../support/runs.js';

describe('generational', () => {
  it('has a nursery of a quarter of usable memory by default, rounded down to even, at least 2', () => {
    const sized = (memory: number) =>
      compile({ memory, ticks: 1, values: [{ id: 'a', value: 1, arrive: 0 }] }).gc.nursery;
    expect(sized(64)).toBe(14); // 63 / 4 = 15.75
    expect(sized(256)).toBe(62); // 255 / 4 = 63.75
    expect(sized(8)).toBe(2); // 7 / 4 = 1.75
    const rt = playAnimated(
      compile({ memory: 64, ticks: 1, values: [{ id: 'a', value: 1, arrive: 0 }] }),
      'generational',
      () => {},
    );
    expect(rt.view.generations!.nursery).toEqual({ start: 1, end: 15 });
    // Before any scavenge, values go into the low half; the high half waits for the next.
    expect(rt.view.generations!.current).toEqual({ start: 1, end: 8 });
    expect(rt.view.generations!.other).toEqual({ start: 8, end: 15 });
    expect(rt.view.generations!.old).toEqual({ start: 15, end: 64 });
  });

  it('pretenures a large value, remembers an old block that points into the nursery, and scavenges through it', () => {
    const level = compile(REMEMBERED);
    const ix = (id: string) => level.indexOf.get(id)!;
    let minor = false;
    const rt = playAnimated(
      level,
      'generational',
      (rt, step) => {
        if (step.kind === 'collect') {
          minor = true;
          expect(rt.view.pause?.kind).toBe('minor');
          expect(rt.view.generations!.remembered[ix('holder')]).toBe(1);
          expect(rt.view.pause?.total).toBe(3);
        }
        if (step.kind === 'collected') {
          expect(step.text).toContain(
            '1 root and 1 remembered block scanned, 2 copied (8 boxes), 0 promoted (0 boxes), 1 pointer rewritten',
          );
          expect(step.text).toContain('11 units of work, pause 3 ticks');
          expect(rt.state.variables[ix('f1')].addr).toBe(9);
          expect(rt.state.variables[ix('kid')].addr).toBe(13);
          expect(decodePointer(rt.state.bytes, 17, 1)).toBe(13);
          expect(rt.view.generations!.ages[ix('kid')]).toBe(1);
          // kid still points into the nursery: holder stays remembered.
          expect(rt.view.generations!.remembered[ix('holder')]).toBe(1);
          expect(rt.view.generations!.current).toEqual({ start: 9, end: 17 });
          expect(rt.view.generations!.other).toEqual({ start: 1, end: 9 });
        }
        if (SAFE_STEPS.has(step.kind)) expect(heapProblems(level, rt.state)).toEqual([]);
      },
      { verbose: true },
    );
    expect(minor).toBe(true);
    expect(rt.state.variables[ix('holder')].addr).toBe(17);
    expect(rt.state.variables[ix('f2')].addr).toBe(27);
    expect(rt.state.log.some((e) => e.kind === 'barrier' && e.text.includes('holder joins the remembered set'))).toBe(
      true,
    );
    expect(rt.state.crash).toBeNull();
    expect(rt.state.leakedAtEnd).toBe(0);
  });

  it('counts the barrier in the work as program time, not in the pause', () => {
    const level = compile(REMEMBERED);
    const s = runCollector(level, 'generational');
    // Allocator: holder's first fit in old space (1 run examined), kid and f1 bumped (1
    // each), f2's first fit in old space after the scavenge (1). Barrier: holder's null
    // ref at arrival and the set (1 each). The scavenge: 11.
    expect(s.work).toBe(1 + 1 + 1 + 1 + 2 + 11);
    expect(s.pauseTicks).toBe(3);
    expect(s.pauses).toBe(1);
    const off = runCollector(level, 'generational', { withoutBarrier: true });
    expect(off.work).toBeLessThan(s.work);
  });

  it('without the barrier, the scavenge leaves kid behind while holder still points to it', () => {
    const level = compile(REMEMBERED);
    const lost: string[] = [];
    playAnimated(level, 'generational', (rt) => lost.push(...heapProblems(level, rt.state)), { withoutBarrier: true });
    expect(lost[0]).toBe('kid is reachable but its block was freed');
  });

  it('copies a survivor to the other half first, and promotes it to old space the second time', () => {
    // nursery 8: halves 1..4 and 5..8. keep (3 boxes) lives all game; temporaries churn.
    const level = compile({
      memory: 32,
      ticks: 6,
      gc: { nursery: 8 },
      values: [
        { id: 'keep', value: 'ab', arrive: 0, uses: [5] },
        { id: 't1', value: 'x', arrive: 1, drop: 2 },
        { id: 't2', value: 'xyz', arrive: 2, drop: 3 },
        { id: 't3', value: 'xyz', arrive: 3, drop: 4 },
      ],
    });
    const keep = level.indexOf.get('keep')!;
    const after: number[] = [];
    playAnimated(level, 'generational', (rt, step) => {
      if (step.kind === 'collected') after.push(rt.state.variables[keep].addr);
      if (step.kind === 'promote') expect(step.value).toBe(keep);
    });
    // gap 1: t1 (2 boxes) finds the low half full: a scavenge copies keep to 5 (the high
    // half), and t1 goes to old space at 9 (no room left in the half). gap 2: t2 finds the
    // high half full: keep, survivor of one scavenge, is promoted: first fit in old space, 11.
    expect(after.slice(0, 2)).toEqual([5, 11]);
  });

  it('has every old-to-young pointer in the remembered set when a scavenge starts', () => {
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel({ ...json, gc: { ...json.gc, nursery: nurseryFor(json.memory) } });
        playAnimated(level, 'generational', (rt, step) => {
          if (step.kind !== 'collect' || rt.view.pause?.kind !== 'minor') return;
          const g = rt.view.generations!;
          for (const b of rt.state.blocks) {
            const v = level.values[b.owner];
            if (b.start < g.old.start || v.arrive >= rt.state.tick) continue;
            for (const off of v.pointerOffsets) {
              const p = decodePointer(rt.state.bytes, b.start + off, level.ptrWidth);
              if (p !== 0 && p < g.nursery.end && !g.remembered[b.owner])
                throw new Error(`${v.id} at ${b.start} points into the nursery (${p}) but is not remembered`);
            }
          }
        });
      }),
      { numRuns: runs(80) },
    );
  });

  it('charges a scavenge 1 per root and remembered block, 1 per box moved and 1 per pointer changed', () => {
    fc.assert(
      fc.property(anyLevelArb, (json) => {
        const level = compileLevel({ ...json, gc: { ...json.gc, nursery: nurseryFor(json.memory) } });
        const s = runCollector(level, 'generational');
        for (const e of s.log) {
          const m = e.text.match(
            /minor collection: (\d+) roots? and (\d+) remembered blocks? scanned, \d+ copied \((\d+) box(?:es)?\), \d+ promoted \((\d+) box(?:es)?\), (\d+) pointers? rewritten.*; (\d+) units? of work/,
          );
          if (!m) continue;
          const [, roots, remembered, copied, promoted, rewritten, work] = m.map(Number);
          expect(work).toBe(roots + remembered + copied + promoted + rewritten);
        }
        expect(s.leakedAtEnd).toBe(0);
      }),
      { numRuns: runs(60) },
    );
  });
});

/** A nursery of about a third of memory, even: more scavenges and promotions than the default quarter. */
function nurseryFor(memory: number): number {
  return Math.max(2, Math.floor((memory - 1) / 3 / 2) * 2);
}
