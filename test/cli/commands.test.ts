// The headless commands of the built binary, as a script or CI runs them: validate,
// levels and compare, their output and their exit codes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparisonJson } from '../../src/cli/report.js';
import { COLLECTORS, compareLevel, compileLevel, type Level } from '../../src/engine/index.js';
import { ensureBundle, runBin } from '../support/bundle.js';

const EXAMPLE = {
  $schema: './schema.json',
  id: 'hello-pointers',
  title: 'Hello, pointers',
  memory: 32,
  ticks: 12,
  lookahead: 4,
  values: [
    { id: 'greeting', value: 'Hi', arrive: 0, uses: [2, 5], drop: 6 },
    { id: 'age', value: 42, type: 'u8', arrive: 1, uses: [3], drop: 4 },
    {
      id: 'user',
      fields: [
        { name: 'name', ref: 'greeting' },
        { name: 'age', value: 42 },
      ],
      arrive: 2,
      uses: [8],
      drop: 10,
    },
  ],
  sets: [{ tick: 7, in: 'user', field: 'name', to: null }],
  gc: { collector: 'mark-sweep', trigger: 1.0, workPerTick: 8 },
};

const METRIC_NAMES = [
  'completed',
  'crash',
  'ticks',
  'pauseTicks',
  'pauses',
  'longestPause',
  'work',
  'peak',
  'garbageBoxTicks',
  'leakedAtEnd',
  'mmu',
  'bugs',
  'security',
  'score',
  'stars',
  'penalties',
  'timeline',
];

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(() => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'cubbies-cli-'));
  writeFileSync(file('hello.json'), JSON.stringify(EXAMPLE, null, 2));
  // Malformed: a missing comma on line 3.
  writeFileSync(file('broken.json'), '{\n  "id": "x",\n  "title": "X"\n  "memory": 8\n}\n');
  writeFileSync(
    file('bad.json'),
    JSON.stringify({ ...EXAMPLE, memory: 4, colour: 'red', values: [{ ...EXAMPLE.values[0], arrive: -1 }] }, null, 2),
  );
  // A leaky player: mallocs everything, never frees, reaches the end.
  writeFileSync(
    file('leaky.json'),
    JSON.stringify({
      level: 'hello-pointers',
      commands: ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 10', 'end'],
    }),
  );
  writeFileSync(
    file('early-free.json'),
    JSON.stringify({
      level: 'hello-pointers',
      commands: ['malloc greeting', 'step', 'free greeting', 'malloc age', 'step', 'malloc user', 'step 10', 'end'],
    }),
  );
  // The short-sighted player of the stale login check: frees the session at logout.
  writeFileSync(
    file('logout.json'),
    JSON.stringify({
      level: 'stale-login-check',
      commands: [
        'malloc session',
        'step',
        'malloc inbox',
        'step 2',
        'free inbox',
        'step',
        'free session',
        'malloc logout',
        'step',
        'free logout',
        'malloc msg',
        'step 2',
        'free msg',
        'step 2',
        'end',
      ],
    }),
  );
  writeFileSync(file('refused.json'), JSON.stringify({ level: 'hello-pointers', commands: ['malloc nobody', 'step'] }));
  writeFileSync(file('other-level.json'), JSON.stringify({ level: 'somewhere-else', commands: [] }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runBin(join(dir, 'home'), ...args);

describe('cubbies validate', () => {
  it('accepts a valid level and says what it holds', () => {
    const r = run('validate', file('hello.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('valid: "Hello, pointers" (hello-pointers), 3 values, 32 boxes, 12 ticks');
  });

  it('gives line and column for malformed JSON, exit 1', () => {
    const r = run('validate', file('broken.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.json:4:3/);
  });

  it('reports every problem of a bad level at once', () => {
    const r = run('validate', file('bad.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('memory');
    expect(r.stderr).toContain('colour');
    expect(r.stderr).toContain('values[0].arrive');
  });

  it('counts valid files when given several, and fails if any is bad', () => {
    const r = run('validate', file('hello.json'), file('bad.json'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('1 of 2 files are valid');
  });

  it('says plainly when the file does not exist', () => {
    const r = run('validate', file('nope.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('there is no such file');
  });
});

describe('cubbies compare', () => {
  it('prints every metric under its --json name, for the replay, the oracle and each collector', () => {
    const r = run('compare', file('hello.json'), '--replay', file('leaky.json'), '--gc', 'all', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: Record<string, unknown>[] };
    expect(out.runs.map((x) => x.name)).toEqual([
      'replay',
      'oracle',
      'mark-sweep',
      'mark-compact',
      'refcount',
      'copying',
      'generational',
      'incremental',
    ]);
    for (const run of out.runs) for (const name of METRIC_NAMES) expect(run).toHaveProperty(name);
    // The numbers are the engine's own for the same level and replay, not just present.
    const level = compileLevel(EXAMPLE as Level);
    const leaky = ['malloc greeting @1', 'step', 'malloc age @4', 'step', 'malloc user @5', 'step 10', 'end'];
    const inProcess = comparisonJson(
      compareLevel(level, { player: leaky, playerName: 'replay', collectors: [...COLLECTORS] }),
    );
    expect(out).toEqual(JSON.parse(JSON.stringify(inProcess)));
    expect(Object.keys(out.runs[0].bugs as object).sort()).toEqual([
      'corruptRead',
      'doubleFree',
      'invalidFree',
      'overflow',
      'useAfterFree',
    ]);
  });

  it('scores the leaky replay as leaky: everything it held at the end is leaked, one star', () => {
    const r = run('compare', file('hello.json'), '--replay', file('leaky.json'), '--json');
    const [player, oracle] = (
      JSON.parse(r.stdout) as {
        runs: { leakedAtEnd: number; stars: number; peak: number; garbageBoxTicks: number; completed: boolean }[];
      }
    ).runs;
    // greeting 3 boxes + age 1 + user 2 (pointer 1 box, u8 1 box) = 6, all never freed.
    expect(player.leakedAtEnd).toBe(6);
    expect(player.completed).toBe(true);
    expect(player.stars).toBe(1);
    expect(oracle.leakedAtEnd).toBe(0);
    expect(oracle.garbageBoxTicks).toBe(0);
  });

  it('counts the use after free of a value freed before its reads', () => {
    const r = run('compare', file('hello.json'), '--replay', file('early-free.json'), '--json');
    const player = (JSON.parse(r.stdout) as { runs: { bugs: { useAfterFree: number } }[] }).runs[0];
    // greeting is read at ticks 2 and 5 and its pointer is written into user at tick 2: three uses after free.
    expect(player.bugs.useAfterFree).toBe(3);
  });

  it('says which runs were exploitable, with the security counts; no collector ever is', () => {
    const r = run('compare', 'stale-login-check', '--replay', file('logout.json'), '--gc', 'all');
    expect(r.status).toBe(0);
    // the oracle and every collector: none exploitable, not one hole (the best of a row is starred)
    const others = COLLECTORS.length + 1;
    expect(r.stdout).toMatch(new RegExp(`^exploitable\\s+yes(\\s+no){${others}}\\s*$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ {2}attackerReads\\s+1(\\s+0\\*?){${others}}\\s*$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ {2}secretsLeaked(\\s+0){${others + 1}}\\s*$`, 'm'));
    const json = run('compare', 'stale-login-check', '--replay', file('logout.json'), '--gc', 'all', '--json');
    const runs = (JSON.parse(json.stdout) as { runs: { name: string; security: object; score: number }[] }).runs;
    expect(runs.map((x) => [x.name, x.security])).toEqual([
      ['replay', { secretsLeaked: 0, attackerReads: 1 }],
      ...['oracle', ...COLLECTORS].map((n) => [n, { secretsLeaked: 0, attackerReads: 0 }]),
    ]);
    // 1000 - 100 (use after free) - 300 (the attacker's read); no peak penalty: the oracle
    // peaks at 15 boxes, the replay at 11.
    expect(runs[0].score).toBe(600);
  });

  it('is identical from run to run', () => {
    const a = run('compare', file('hello.json'), '--replay', file('leaky.json'), '--gc', 'all', '--json').stdout;
    const b = run('compare', file('hello.json'), '--replay', file('leaky.json'), '--gc', 'all', '--json').stdout;
    expect(a).toBe(b);
  });

  it('prints a table with the best of each row marked, and a chart per run', () => {
    const r = run('compare', file('hello.json'), '--replay', file('leaky.json'), '--gc', 'mark-sweep,refcount');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^metric\s+replay\s+oracle\s+mark-sweep\s+refcount/m);
    // The oracle holds no garbage; the leaky replay and mark-sweep do: the oracle's 0 is the best.
    expect(r.stdout).toMatch(/^garbageBoxTicks\s+\d+\s+0\*/m);
    expect(r.stdout).toContain('boxes used over time');
    expect(r.stdout).toMatch(/^refcount$/m);
  });

  it('refuses a replay of another level, and one with refused commands, exit 1', () => {
    expect(run('compare', file('hello.json'), '--replay', file('other-level.json')).stderr).toContain(
      'is for level "somewhere-else"',
    );
    const r = run('compare', file('hello.json'), '--replay', file('refused.json'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('There is no value called nobody');
  });

  it('says which built-in levels exist when the id is unknown', () => {
    const r = run('compare', 'no-such-level');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('There is no built-in level "no-such-level"');
  });

  it('takes a campaign number wherever a level is named: compare 1 is the first level', () => {
    const levels = JSON.parse(run('levels', '--json').stdout) as { levels: { id: string }[] };
    const r = run('compare', '1', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).level).toBe(levels.levels[0].id);
    const past = run('compare', String(levels.levels.length + 1));
    expect(past.status).toBe(1);
    expect(past.stderr).toContain(`There is no level ${levels.levels.length + 1} in the campaign`);
  });

  it('rejects an unknown collector as wrong usage, exit 2', () => {
    const r = run('compare', file('hello.json'), '--gc', 'magic');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'magic' is not a collector");
  });
});

describe('cubbies levels', () => {
  it('lists the campaign as JSON, the first level unlocked', () => {
    const r = run('levels', '--json');
    const out = JSON.parse(r.stdout) as {
      levels: { number: number; id: string; unlocked: boolean; bestScore: number | null }[];
    };
    expect(out.levels.map((l) => l.number)).toEqual(out.levels.map((_, i) => i + 1));
    if (out.levels.length > 0) {
      expect(out.levels[0].unlocked).toBe(true);
      expect(out.levels[0].bestScore).toBeNull();
    }
  });

  it('opens the next level once the one before it is finished, as the title screen does', () => {
    const before = JSON.parse(run('levels', '--json').stdout) as { levels: { id: string; unlocked: boolean }[] };
    expect(before.levels.length).toBeGreaterThan(2);
    expect(before.levels[1].unlocked).toBe(false);
    mkdirSync(join(dir, 'home'), { recursive: true });
    const progress = { version: 1, runs: [], unlocked: [], completed: [before.levels[0].id] };
    writeFileSync(join(dir, 'home', 'progress.json'), JSON.stringify(progress));
    const after = JSON.parse(run('levels', '--json').stdout) as { levels: { unlocked: boolean }[] };
    expect(after.levels.map((l) => l.unlocked).slice(0, 3)).toEqual([true, true, false]);
  });
});
