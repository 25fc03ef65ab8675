// Incremental on a level worked out by hand (FLOATS in hand-levels.ts): why each pause
// starts and what kind of pause the screen shows, the cycle's start in the log, and the
// whole fresh cycle after a finalization that could not make room: only it frees the
// floating garbage. And on random levels: each barrier step and log line names the value
// it greyed, with its block.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileLevel, tickEvents } from '../../../src/engine/level/compile.js';
import { BLACK, GREY, WHITE, runCollector } from '../../../src/engine/runtime/index.js';
import { compile, playAnimated } from './helpers.js';
import { FLOATS } from './hand-levels.js';
import { linkedLevelArb } from './levels.js';

const CYCLE_STARTS = 'cycle 1 starts: c needs 3 boxes and 9 of 15 are in use, past 60%';

describe('incremental, its pauses on a level worked out by hand', () => {
  it('says why each pause starts, and shows its kind', () => {
    const level = compile(FLOATS);
    const starts: string[] = [];
    playAnimated(level, 'incremental', (rt, step) => {
      if (step.kind === 'collect') starts.push(`${rt.state.tick} ${rt.view.pause!.kind}: ${step.text}`);
    });
    expect(starts).toEqual([
      `0 slice: incremental: ${CYCLE_STARTS}; the program stops`,
      '1 slice: incremental: cycle 1 goes on; the program stops',
      '2 slice: incremental: cycle 1 goes on; the program stops',
      '2 finalization: incremental: no room for big (5 boxes in a row): the rest of cycle 1 runs at once; the program stops',
      '2 full: incremental: still no room for big (5 boxes in a row): a whole fresh cycle runs at once; the program stops',
    ]);
  });

  it('logs the start of a cycle in a verbose run only', () => {
    const level = compile(FLOATS);
    const lines = (verbose: boolean) =>
      runCollector(level, 'incremental', { verbose })
        .log.filter((e) => e.kind === 'collect')
        .map((e) => `${e.tick}: ${e.text}`);
    const verbose = lines(true);
    expect(verbose[0]).toBe(`0: incremental: ${CYCLE_STARTS}; the roots are grey`);
    expect(verbose.filter((l) => l.includes('starts'))).toHaveLength(1);
    // A quiet run logs only the pauses (and their consequences).
    expect(lines(false)).toEqual(verbose.slice(1));
  });

  it('runs a whole fresh cycle when the finalization frees nothing, and it frees the floating garbage', () => {
    const level = compile(FLOATS);
    const s = runCollector(level, 'incremental', { verbose: true });
    expect(s.log.filter((e) => e.kind === 'collect').map((e) => `${e.tick}: ${e.text}`)).toEqual([
      `0: incremental: ${CYCLE_STARTS}; the roots are grey`,
      '0: incremental: slice, 1 block blackened (0 pointers read), cycle 1 goes on (1 grey); 1 unit of work, pause 1 tick',
      '1: incremental: slice, 1 block blackened (0 pointers read), cycle 1 goes on (sweeping); 1 unit of work, pause 1 tick',
      '2: incremental: slice, 1 block swept past, 0 freed (0 boxes), cycle 1 goes on (sweeping); 1 unit of work, pause 1 tick',
      '2: incremental: finalization, 2 blocks swept past, 0 freed (0 boxes), cycle 1 done; 2 units of work, pause 3 ticks (one pause with the 1 unit before it in this gap)',
      '2: incremental: full collection, 2 blocks blackened (0 pointers read), 3 blocks swept past, 1 freed (6 boxes), cycle 2 done; 5 units of work, pause 8 ticks (one pause with the 3 units before it in this gap)',
    ]);
    expect(s.crash).toBeNull();
    expect(s.variables[level.indexOf.get('a')!]!.freed).toBe(true);
    expect(s.variables[level.indexOf.get('big')!]!.addr).toBe(1);
    // Gaps 0 and 1 pause a tick each; gap 2's three pauses are one of 8.
    expect([s.pauses, s.pauseTicks, s.longestPause]).toEqual([3, 10, 8]);
  });

  it('runs at most one whole fresh cycle in a gap: a second value that still finds no room runs out of memory', () => {
    // huge (9 boxes) arrives after big in gap 2: the runs left are 6 (1 box) and 13..15.
    const level = compile({
      ...FLOATS,
      values: [...FLOATS.values, { id: 'huge', value: 'nopqrstu', arrive: 2, uses: [4] }],
    });
    const s = runCollector(level, 'incremental', { verbose: true });
    expect(s.log.filter((e) => e.text.startsWith('incremental: full collection'))).toHaveLength(1);
    expect(s.crash).toBe('oom');
    const oom = s.log.find((e) => e.kind === 'oom')!;
    expect(oom.tick).toBe(2);
    expect(oom.text).toContain('huge');
    expect(s.variables[level.indexOf.get('big')!]!.addr).toBe(1);
  });
});

describe('incremental, its write barrier', () => {
  it('greys each white value stored into a black record while marking, naming it and its block in each step and log line', () => {
    const seen = { steps: 0, lines: 0, stores: 0 };
    fc.assert(
      fc.property(linkedLevelArb, (json) => {
        const level = compileLevel(json);
        const greyed: { value: string; addr: number }[] = [];
        const id = (v: number) => level.values[v]!.id;
        // The barrier steps a tick's stores must bring, worked out from the colours as the tick
        // ran: each arrival's pointer fields, then each set, greying a white value stored into
        // a black record; none while the cycle sweeps or none runs.
        let expected: string[] = [];
        let shown: string[] = [];
        const rt = playAnimated(
          level,
          'incremental',
          (rt, step) => {
            if (step.kind !== 'barrier') {
              expect(shown).toEqual(expected);
              expected = [];
              shown = [];
            }
            if (step.kind === 'tick' && rt.view.cycle === 'mark') {
              const shade = rt.view.shade.slice();
              const store = (rec: number, to: number | null) => {
                if (to === null || shade[rec] !== BLACK || shade[to] !== WHITE) return;
                shade[to] = GREY;
                expected.push(`barrier: ${id(to)} stored into black ${id(rec)}: ${id(to)} greyed`);
              };
              const ev = tickEvents(level.program, rt.state.tick - 1);
              for (const v of ev.arrive) for (const f of level.values[v]!.fields) if (f.prim === null) store(v, f.ref);
              for (const set of ev.sets) store(set.in, set.to);
              seen.stores += expected.length;
            }
            if (step.kind !== 'barrier') return;
            shown.push(step.text);
            const m = /^barrier: (.+) stored into black (.+): (.+) greyed$/.exec(step.text);
            expect(m, step.text).not.toBeNull();
            expect(m![3]).toBe(m![1]);
            const v = level.indexOf.get(m![1])!;
            const held = rt.state.variables[v]!;
            expect({ value: step.value, addr: step.addr, size: step.size }).toEqual({
              value: v,
              addr: held.addr,
              size: level.values[v]!.size,
            });
            greyed.push({ value: m![1], addr: held.addr });
            seen.steps++;
          },
          { verbose: true },
        );
        expect(shown).toEqual(expected);
        const lines = rt.state.log.filter((e) => e.kind === 'barrier');
        expect(lines.map((e) => ({ value: e.value, addr: e.addr }))).toEqual(greyed);
        seen.lines += lines.length;
        // A quiet run logs no barrier lines.
        expect(runCollector(level, 'incremental').log.filter((e) => e.kind === 'barrier')).toEqual([]);
      }),
      // Full count even in a mutation run: barrier steps are rare.
      { numRuns: 60 },
    );
    expect(seen.steps).toBeGreaterThan(0);
    expect(seen.lines).toBe(seen.steps);
    expect(seen.stores).toBe(seen.steps);
  });
});
