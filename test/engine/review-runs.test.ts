// Which runs can be reviewed, by name, and what a replay's refused commands become.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import type { Level } from '../../src/engine/level/schema.js';
import {
  parseRunName,
  partnerOrder,
  reviewCommands,
  reviewRun,
  runNameChoices,
} from '../../src/engine/review/index.js';
import { COLLECTORS } from '../../src/engine/vocabulary.js';
import { fixture } from '../ui/helpers.js';

const hello = fixture('hello.json'); // its collector: mark-sweep

describe('run names', () => {
  it('are you, oracle, par and each collector; anything else is refused with the choices', () => {
    expect(runNameChoices()).toBe(['you', 'oracle', 'par', ...COLLECTORS].join(', '));
    expect(parseRunName(' oracle ')).toEqual({ ok: true, name: 'oracle' });
    for (const c of COLLECTORS) expect(parseRunName(c)).toEqual({ ok: true, name: c });
    expect(parseRunName('nobody')).toEqual({
      ok: false,
      error: `'nobody' is not a run; choose ${runNameChoices()}.`,
    });
  });

  it("Tab goes through the level's collector first, then the oracle, the par, the other collectors, you last", () => {
    const others = COLLECTORS.filter((c) => c !== 'mark-sweep');
    expect(partnerOrder(hello, 'you', true)).toEqual(['mark-sweep', 'oracle', 'par', ...others]);
    expect(partnerOrder(hello, 'oracle', true)).toEqual(['mark-sweep', 'par', ...others, 'you']);
    expect(partnerOrder(hello, 'mark-sweep', false)).toEqual(['oracle', 'par', ...others]);
  });
});

describe('reviewRun', () => {
  it('reviews each named run, under its name and kind', () => {
    const you = reviewRun(hello, 'you', ['malloc greeting', 'end'], 'replay');
    expect(you.ok && [you.review.name, you.review.kind]).toEqual(['replay', 'player']);
    const oracle = reviewRun(hello, 'oracle', undefined);
    expect(oracle.ok && [oracle.review.name, oracle.review.kind]).toEqual(['oracle', 'oracle']);
    const par = reviewRun(hello, 'par', undefined);
    expect(par.ok && [par.review.name, par.review.kind]).toEqual(['par', 'par']);
    const rc = reviewRun(hello, 'refcount', undefined);
    expect(rc.ok && [rc.review.name, rc.review.kind]).toEqual(['refcount', 'collector']);
  });

  it('says so when there is no run of yours, or no par', () => {
    expect(reviewRun(hello, 'you', undefined)).toEqual({
      ok: false,
      error: 'There is no run of yours on hello-pointers to review yet.',
    });
    // Two values alive at once that cannot both fit: no one finishes it.
    const cramped = compileLevel({
      id: 'cramped',
      title: 'Cramped',
      memory: 4,
      ticks: 2,
      values: [
        { id: 'a', value: 'ab', arrive: 0, uses: [1] },
        { id: 'b', value: 'cd', arrive: 0, uses: [1] },
      ],
    } as Level);
    const r = reviewRun(cramped, 'par', undefined);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^cramped has no par: No placement finishes this level/);
  });
});

describe("a replay's commands under review", () => {
  it('keeps the refused ones aside, each with its index and reason, and goes on with the rest', () => {
    const rv = reviewCommands(hello, [
      'malloc greeting',
      'flurb',
      'undo',
      'malloc greeting',
      'step 1',
      'free greeting',
      'step',
      'end',
    ]);
    expect(rv.problems).toEqual([
      { index: 1, command: 'flurb', error: '"flurb" is not a command. Commands: malloc, free, step, run, undo, end.' },
      { index: 2, command: 'undo', error: 'A replay does not store undo.' },
      { index: 3, command: 'malloc greeting', error: 'greeting already has a block at 1; free it first to move it.' },
      { index: 6, command: 'step', error: 'Tick 1 needs a block for age: malloc it first.' },
    ]);
    // The accepted commands still run: one tick, then giving up is the crash.
    expect(rv.final.tick).toBe(1);
    expect(rv.events.map((e) => [e.kind, e.text])).toEqual([['crash', 'Gave up at tick 1.']]);
    expect(rv.events[0]!.logIndex).toBe(rv.final.log.length - 1);
  });

  it('each step refused (a value arriving with no block) is kept aside too', () => {
    const rv = reviewCommands(hello, [...Array.from({ length: 3 }, () => 'step')]);
    expect(rv.problems.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(rv.problems[0]!.error).toBe('Tick 0 needs a block for greeting: malloc it first.');
  });
});
