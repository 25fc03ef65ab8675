// Incremental and generational place most arriving values with no generator (placeAtOnce):
// the placement their `allocate` would make, with the same effects, or null, with none,
// when a collection may be due (then `allocate` runs). A run cannot tell the two paths
// apart but by its time, so these tests ask placeAtOnce itself, on a context copied at the
// first gap of a run, before anything was placed.
import { describe, expect, it } from 'vitest';
import type { CompiledLevel } from '../../../src/engine/level/compile.js';
import { BLACK, COLLECTOR_IMPLS, createRuntime, WHITE } from '../../../src/engine/runtime/index.js';
import type { CollectorName } from '../../../src/engine/vocabulary.js';
import { compile } from './helpers.js';

/** A record of `size` one-box fields, arriving at tick 0. */
const record = (id: string, size: number) => ({
  id,
  fields: Array.from({ length: size }, () => ({ value: 1, type: 'u8' as const })),
  arrive: 0,
  uses: [0],
});

/** The run's context at its first gap, and the collector's placeAtOnce on it. */
function atFirstGap(level: CompiledLevel, name: CollectorName) {
  const rt = createRuntime(level, name, { gaps: true, verbose: false });
  expect(rt.next()?.kind).toBe('gap');
  const { ctx } = rt.snapshot();
  const placeAtOnce = COLLECTOR_IMPLS[name].placeAtOnce;
  if (!placeAtOnce) throw new Error(`${name} has no placeAtOnce`);
  return { ctx, place: (id: string) => placeAtOnce(ctx, level.indexOf.get(id) as number) };
}

describe('generational places a young value at once by the bump pointer', () => {
  // 64 boxes: 63 usable, a nursery of 14 boxes (boxes 1 to 14), halves of 7.
  const level = compile({
    memory: 64,
    ticks: 1,
    values: [record('half', 7), record('more', 8), record('one', 1)],
    gc: { collector: 'generational' },
  });

  it('a value of exactly half the nursery: at the bump pointer, which moves past it, for 1 unit of work', () => {
    const { ctx, place } = atFirstGap(level, 'generational');
    expect(place('half')).toEqual({ at: 1, how: 'bump pointer in the nursery' });
    expect(ctx.data.bump).toBe(8);
    expect(ctx.state.work).toBe(1);
  });

  it('a value the half cannot hold (too big for it, or no room left): null, and nothing moved or charged', () => {
    const { ctx, place } = atFirstGap(level, 'generational');
    expect(place('more')).toBeNull();
    expect(place('half')).toEqual({ at: 1, how: 'bump pointer in the nursery' });
    expect(place('one')).toBeNull();
    expect([ctx.data.bump, ctx.state.work]).toEqual([8, 1]);
  });
});

describe('incremental places a value at once by first fit when no cycle is due', () => {
  // 32 boxes: 31 usable; with the trigger at 1.0 a cycle starts past half of them (15.5).
  const level = compile({
    memory: 32,
    ticks: 1,
    values: [record('small', 4), record('big', 16)],
    gc: { collector: 'incremental' },
  });

  it('below the trigger: first fit from box 1, its work charged, the value left white', () => {
    const { ctx, place } = atFirstGap(level, 'incremental');
    expect(place('small')).toEqual({ at: 1, how: 'first fit' });
    expect(ctx.state.work).toBe(1);
    expect(ctx.view.shade[0]).toBe(WHITE);
  });

  it('past the trigger: null, and no work charged (allocate starts the cycle)', () => {
    const { ctx, place } = atFirstGap(level, 'incremental');
    expect(place('big')).toBeNull();
    expect(ctx.state.work).toBe(0);
    expect(ctx.data.running).toBe(false);
  });

  it('while a cycle runs: placed black, as allocated during the cycle', () => {
    const { ctx, place } = atFirstGap(level, 'incremental');
    ctx.data.running = true;
    expect(place('big')).toEqual({ at: 1, how: 'first fit, allocated black during the cycle' });
    expect(ctx.view.shade[1]).toBe(BLACK);
  });

  it('no free run long enough: null, and the failed search not charged (allocate searches again)', () => {
    const { ctx, place } = atFirstGap(level, 'incremental');
    ctx.data.running = true;
    // Boxes 1 to 20 taken: one free run of 11, examined and found too short for 16.
    ctx.state.used = 20;
    ctx.state.blocks.push({ start: 1, size: 20, owner: 0 });
    expect(place('big')).toBeNull();
    expect(ctx.state.work).toBe(0);
    expect(place('small')).toEqual({ at: 21, how: 'first fit, allocated black during the cycle' });
    expect(ctx.state.work).toBe(1);
  });
});
