// A copied state is the review's and the checkpoints' own: equal to the original, and no
// change to either reaches the other (but the log and timeline entries, never changed, are shared).
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { bareState, copyState } from '../../src/engine/run/copy.js';
import { oracleRun } from '../../src/engine/scoring/oracle.js';
import { generateLevel } from '../support/generate.js';

function midRun() {
  const level = compileLevel(generateLevel({ seed: 3, values: 60, memory: 128, records: 0.5, sets: 30 }));
  const commands = oracleRun(level).commands;
  // Leave out some frees: leaks make garbage spans, a deeper part of the state.
  const leaky = commands.filter((c, i) => !(c.startsWith('free') && i % 5 === 0));
  // Halfway or a little after, just after a tick that read something (the focus holds the bytes read).
  for (let n = Math.floor(leaky.length / 2); n <= leaky.length; n++) {
    const { state } = playCommands(level, leaky.slice(0, n), true);
    if (state.focus?.read) return state;
  }
  throw new Error('no read in the second half of the run');
}

describe('copyState', () => {
  it('is equal to the state, and changing every part of the copy leaves the original as it was', () => {
    const state = midRun();
    const before = structuredClone(state);
    const copy = copyState(state);
    expect(copy).toEqual(state);
    expect(Object.keys(copy)).toEqual(Object.keys(state));
    expect(state.variables.length).toBeGreaterThan(10);
    expect(Object.keys(state.garbageSpans).length).toBeGreaterThan(0);
    const record = state.targets.findIndex((t) => t.length > 0);
    expect(record).toBeGreaterThanOrEqual(0);
    expect(state.peakHeld?.length).toBeGreaterThan(0);
    expect(state.focus?.read?.length).toBeGreaterThan(0);
    expect(state.focus?.readFrom?.length).toBeGreaterThan(0);

    copy.bytes[1] ^= 0xff;
    copy.writer[1] = 999;
    copy.variables[0]!.addr += 7;
    copy.variables.push({ addr: 1, size: 1, freed: false, leakNoted: false });
    copy.blocks[0]!.start += 1;
    copy.targets[record]![0] = 12345;
    copy.bugs.useAfterFree += 1;
    copy.security.secretsLeaked += 99;
    for (const span of Object.values(copy.garbageSpans)) span.boxTicks += 1000;
    copy.rootRecords.push(-1);
    copy.unrootedOwners.push(-1);
    // Three levels down: the blocks held at the peak, and the bytes of the last read.
    copy.peakHeld![0]!.size += 5;
    copy.focus!.read![0] = 255 - copy.focus!.read![0]!;
    copy.focus!.readFrom![0] = -7;
    expect(state).toEqual(before);
  });

  it('shares log entries but not the list, copies the first timeline points, and a bare state has neither', () => {
    const state = midRun();
    expect(state.log.length).toBeGreaterThan(2);
    const logLength = state.log.length;
    const points = state.timeline.points();
    expect(points.length).toBeGreaterThan(2);
    const copy = copyState(state, state.log, 2, state.timeline, 2);
    expect(copy.log).toHaveLength(2);
    expect(copy.log[0]).toBe(state.log[0]);
    expect(copy.timeline.points()).toEqual(points.slice(0, 2));
    copy.log.push(state.log[0]!);
    copy.timeline.push(points[2]!.used + 1, 0, 0);
    expect(state.log).toHaveLength(logLength);
    expect(state.timeline.points()).toEqual(points);
    const bare = bareState(state);
    expect(bare.log).toEqual([]);
    expect(bare.timeline.length).toBe(0);
    expect(bare.variables).toEqual(state.variables);
  });

  it("with a base, shares exactly the parts equal to the base's, and stays a private copy", () => {
    const state = midRun();
    const base = copyState(state);
    const v = state.variables.findIndex((x) => x.addr !== 0);
    expect(v).toBeGreaterThanOrEqual(0);
    // The run goes on: one variable and one box change.
    state.variables[v]!.size += 1;
    state.bytes[1] ^= 0xff;
    const copy = copyState(state, state.log, state.log.length, state.timeline, state.timeline.length, base);
    expect(copy).toEqual(state);
    expect(copy.variables[v]).not.toBe(base.variables[v]);
    expect(copy.variables.filter((x, i) => x === base.variables[i])).toHaveLength(state.variables.length - 1);
    expect(copy.bytes).not.toBe(base.bytes);
    expect(copy.writer).toBe(base.writer);
    expect(copy.blocks).toBe(base.blocks);
    expect(copy.targets).toBe(base.targets);
    // Changing the run afterwards reaches neither copy.
    const before = structuredClone(copy);
    state.variables[(v + 1) % state.variables.length]!.addr += 3;
    state.writer[2] = 4242;
    state.blocks[0]!.size += 1;
    expect(copy).toEqual(before);
    expect(base.writer[2]).not.toBe(4242);
  });

  it('with a base, takes a block that kept its start and owner but changed its size as a new one', () => {
    // The player may free a value before it arrives and malloc it again, at the same box, bigger.
    const level = compileLevel({
      id: 'again',
      title: 'Again',
      memory: 16,
      ticks: 2,
      values: [{ id: 'a', value: 'abc', arrive: 1, uses: [1] }],
    });
    const first = playCommands(level, ['malloc a 2 @1'], true).state;
    const base = copyState(first);
    const again = playCommands(level, ['malloc a 2 @1', 'free a', 'malloc a 4 @1'], true).state;
    expect(again.blocks).toEqual([{ start: 1, size: 4, owner: 0 }]);
    const copy = copyState(again, again.log, again.log.length, again.timeline, again.timeline.length, base);
    expect(copy.blocks).toEqual(again.blocks);
    expect(copy.blocks[0]).not.toBe(base.blocks[0]);
  });
});
