// The play screen, driven by keys as a player would, asserting on the frames.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import type { Comparison } from '../../src/engine/scoring/compare.js';
import { PlayScreen, type FinishedRun, type PlayScreenProps } from '../../src/ui/play/PlayScreen.js';
import { ThemeProvider } from '../../src/ui/theme.js';
import { compileLevel } from '../../src/engine/level/compile.js';
import { Timeline } from '../../src/engine/run/timeline.js';
import { fixture, fixtureJson, gridRow, KEY, labelRow, press, tick, waitFor } from './helpers.js';

afterEach(() => cleanup());

const hello = fixture('hello.json');
const tiny = fixture('tiny.json');

function show(props: Partial<PlayScreenProps> & { level?: PlayScreenProps['level'] } = {}) {
  const onExit = vi.fn();
  const r = render(
    <ThemeProvider theme={{ color: true }}>
      <PlayScreen level={props.level ?? hello} showIntro={false} onExit={onExit} {...props} />
    </ThemeProvider>,
  );
  return { ...r, onExit };
}

/** Sets the fake terminal's size and tells Ink it changed. */
function resize(r: { stdout: NodeJS.EventEmitter }, cols: number, rows: number) {
  Object.defineProperty(r.stdout, 'columns', { get: () => cols, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { get: () => rows, configurable: true });
  r.stdout.emit('resize');
}

describe('play screen: the board', () => {
  it('shows the header, the grid with NULL, the panels and the hint', async () => {
    const r = show();
    const f = await waitFor(r, 'next: tick 0 · 0 of 12 done');
    expect(f).toContain('CUBBIES · Hello, pointers');
    expect(f).toContain('memory 0/31 used');
    expect(labelRow(f, 0)).toContain('NULL');
    expect(gridRow(f, 0)).toContain('∅∅[00]'); // box 0, then the cursor on box 1
    expect(f).toContain('free list: 1–31 (31)');
    expect(f).toMatch(/greeting\s+—\s+3 needs block by t0/);
    expect(f).toContain('▸t0: greeting = "Hi" (string)');
    expect(f).toContain('t2: print(greeting)');
    expect(f).toContain('H U+0048 → 72 → 01001000');
    expect(f).toContain('greeting needs a block of 3 boxes before tick 0');
  });

  it('m mallocs the next pending value at the cursor: its label in the grid, its address in the variables', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, KEY.right, KEY.right); // cursor on box 3
    await press(r, 'm');
    const f = await waitFor(r, 'memory 3/31 used');
    // Boxes 3, 4, 5 belong to greeting: its label starts under box 3. In hex, with
    // addresses of 2 digits, box k's two characters start at column 3 + 3k.
    const labels = labelRow(f, 0)!;
    const row = gridRow(f, 0)!;
    expect(labels.indexOf('greeting')).toBe(3 + 3 * 3);
    expect(f).toMatch(/greeting\s+@3\s+3 ready, arrives t0/);
    expect(f).toContain('t0 malloc greeting: 3 boxes at 3');
    expect(f).toContain('free list: 1–2 (2) · 6–31 (26)');
    // The cursor moved on to the box after the block.
    expect(row.indexOf('[00]')).toBe(3 + 3 * 6 - 1);
  });

  it('Space steps: the tick counter moves and the value is written', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, 'm', ' ');
    const f = await waitFor(r, 'next: tick 1 · 1 of 12 done');
    expect(gridRow(f, 0)).toContain('48 69 00');
    expect(f).toContain('t0 greeting arrives: "Hi" written at 1 as [72 105 0]');
    expect(f).toMatch(/greeting\s+@1\s+3 live, read t2/);
  });

  it("a refused step shows the engine's sentence in the message line", async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, ' ');
    await waitFor(r, 'Tick 0 needs a block for greeting: malloc it first.');
  });

  it(': opens the command line; a typed command runs on Enter', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, ':');
    await waitFor(r, /^:/m);
    await press(r, 'malloc greeting @7', KEY.enter);
    const f = await waitFor(r, 'memory 3/31 used');
    expect(f).toMatch(/greeting\s+@7\s+3/);
    expect(f).toContain('t0 malloc greeting: 3 boxes at 7');
  });

  it('a refused command shows its sentence', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, ':', 'malloc greeting @0', KEY.enter);
    await waitFor(r, "Can't put greeting at 0: box 0 is NULL and can never be allocated.");
    await press(r, ':', 'frobnicate', KEY.enter);
    await waitFor(r, '"frobnicate" is not a command.');
  });

  it('the command line has history (up, down) and Tab completion of verbs and ids', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, ':', 'mal', KEY.tab);
    await waitFor(r, /^:malloc\s*$/m);
    await press(r, 'gr', KEY.tab);
    await waitFor(r, /^:malloc greeting\s*$/m);
    await press(r, '@4', KEY.enter);
    await waitFor(r, 'memory 3/31 used');
    await press(r, ':', 's', KEY.tab);
    await waitFor(r, /^:step\s*$/m);
    await press(r, KEY.escape);
    await press(r, ':', KEY.up);
    await waitFor(r, /^:malloc greeting @4\s*$/m);
    await press(r, KEY.down);
    await waitFor(r, (f) => !f.includes(':malloc greeting @4'));
    // Several fits: the candidates are listed.
    await press(r, KEY.escape, ':', 'malloc ', KEY.tab);
    await waitFor(r, /age\s+user/);
  });

  it('v changes how boxes are shown: hex, then binary, decimal, character', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, 'm', ' ');
    let f = await waitFor(r, 'next: tick 1 · 1 of 12 done');
    expect(gridRow(f, 0)).toContain('48 69 00');
    await press(r, 'v');
    f = await waitFor(r, 'lens binary');
    expect(gridRow(f, 0)).toContain('01001000 01101001 00000000');
    expect(gridRow(f, 0)).toContain('NULL');
    await press(r, 'v');
    f = await waitFor(r, 'lens decimal');
    expect(gridRow(f, 0)).toContain(' 72 105   0');
    await press(r, 'v');
    f = await waitFor(r, 'lens char');
    expect(gridRow(f, 0)).toContain('H i ∅');
    await press(r, 'v');
    await waitFor(r, 'lens hex');
  });

  it('f frees the block under the cursor; its boxes keep their stale bytes under a ~label; on a free box it says so', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, 'f');
    await waitFor(r, 'Box 1 is free: there is no block here to free.');
    await press(r, 'm', ' ', KEY.left, KEY.left); // cursor back on greeting's last box
    await press(r, 'f');
    // The program in sight still reads greeting at t2: asked first, nothing freed yet.
    const asked = await waitFor(r, 'Unsafe free: greeting is read at t2 (a use after free). Free anyway? y/n');
    expect(asked).toContain('memory 3/31 used');
    await press(r, 'y');
    const f = await waitFor(r, 'memory 0/31 used');
    expect(gridRow(f, 0)).toMatch(/48.69.00/);
    expect(labelRow(f, 0)).toContain('~greeti'); // the stale owner, as long as 3 boxes allow
    expect(f).toMatch(/greeting\s+@1\s+3 freed! read t2/);
    expect(f).toContain("t1 free 1: greeting's block is free again");
  });

  it('a use after free is logged with the bytes really read, and the decoder shows them', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    // greeting at 1, freed after tick 0; age lands on box 1; user at 5; tick 2 reads greeting.
    await press(r, ':', 'malloc greeting @1', KEY.enter, ' ', ':', 'free greeting', KEY.enter, 'y');
    await press(r, ':', 'malloc age @1', KEY.enter, ' ', ':', 'malloc user @5', KEY.enter, ' ');
    const f = await waitFor(r, 'next: tick 3 · 3 of 12 done');
    expect(f).toMatch(/use after free: the program reads greeting at 1, freed; expected "Hi", read "\*i"/);
    expect(f).toContain('✗ expected');
  });

  it('u undoes the last command', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, 'm');
    await waitFor(r, 'memory 3/31 used');
    await press(r, 'u');
    await waitFor(r, 'Took back: malloc greeting @1');
    expect(r.lastFrame()).toContain('memory 0/31 used');
  });

  it('? opens the help, turns its pages, and closes', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, '?');
    let f = await waitFor(r, 'Help · This level: Hello, pointers');
    // Hints come one at a time, on request: none asked for yet, so none is shown.
    expect(f).toContain('This level has 1 hint: press i during play for one.');
    expect(f).not.toContain('Give every value a block before it arrives.');
    await press(r, ' ');
    f = await waitFor(r, 'Help · The idea');
    expect(f).toContain('Box 0 is NULL');
    await press(r, ' ');
    f = await waitFor(r, 'Help · Keys');
    expect(f).toContain('malloc the next value waiting for a block, at the cursor');
    await press(r, ' ', ' ');
    f = await waitFor(r, 'What can go wrong');
    expect(f).toContain('use after free');
    expect(f).toContain('double free');
    await press(r, KEY.escape);
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
  });

  it('q leaves at once before anything was done, and asks first while a run is in progress', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, 'q');
    await tick(20);
    expect(r.onExit).toHaveBeenCalledTimes(1);

    const s = show();
    await waitFor(s, 'next: tick 0 · 0 of 12 done');
    await press(s, 'm', 'q');
    await waitFor(s, 'Leave this level? This run will be lost. y: yes · n: no');
    await press(s, 'n');
    await waitFor(s, (f) => !f.includes('Leave this level?'));
    expect(s.onExit).not.toHaveBeenCalled();
    await press(s, 'q', 'y');
    await tick(20);
    expect(s.onExit).toHaveBeenCalledTimes(1);
  });

  it('keys typed faster than a frame still land where they belong', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    r.stdin.write(':malloc greeting @9\r'); // one chunk, as a paste or a fast typist sends it
    await waitFor(r, /greeting\s+@9\s+3/);
    r.stdin.write(':');
    r.stdin.write('step');
    r.stdin.write('\r');
    r.stdin.write(' '); // right after Enter: a step on the board, not a space in the line
    await waitFor(r, 'next: tick 1 · 1 of 12 done');
    await tick(50);
    expect(r.lastFrame()).toContain('Tick 1 needs a block for age');
    // Completion replaces the text input; what is typed right after still lands at the end.
    r.stdin.write(':');
    r.stdin.write('mal');
    r.stdin.write('\t');
    r.stdin.write('a');
    r.stdin.write('\t');
    r.stdin.write('@20');
    r.stdin.write('\r');
    await waitFor(r, /age\s+@20\s+1/);
  });
});

describe('play screen: size', () => {
  it('says so when the terminal is too small, and follows resizes live', async () => {
    const r = show();
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    resize(r, 70, 20);
    await waitFor(r, 'Make the terminal at least 80×24 (it is 70×20 now).');
    resize(r, 80, 24);
    const f = await waitFor(r, 'next: tick 0 · 0 of 12 done');
    // At 80×24 the frame fits: 23 lines, none wider than 80.
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    resize(r, 160, 50);
    const big = await waitFor(r, 'g watch gc');
    expect(big.split('\n').length).toBeLessThanOrEqual(49);
  });

  it('scrolls the grid to keep the cursor in view on a level with more boxes than fit', async () => {
    const big = fixture('big.json');
    const r = show({ level: big });
    let f = await waitFor(r, 'next: tick 0 ·');
    expect(f).toMatch(/boxes 0–\d+ of 256 ↓/);
    expect(gridRow(f, 240)).toBeUndefined();
    await press(r, KEY.pageDown, KEY.pageDown, KEY.pageDown, KEY.pageDown, KEY.pageDown);
    f = await waitFor(r, '↑');
    expect(gridRow(f, 240)).toBeDefined();
    expect(gridRow(f, 0)).toBeUndefined();
  });
});

describe('play screen: the end', () => {
  async function playTiny(r: ReturnType<typeof show>) {
    await waitFor(r, 'next: tick 0 · 0 of 5 done');
    await press(r, 'm', ' ', 'm', ' ', ' ');
    await press(r, ':', 'free greeting', KEY.enter, ' ', ':', 'free age', KEY.enter, ' ');
    await waitFor(r, 'program ended · 5 of 5 done');
    await waitFor(r, 'The program has ended: free what is left, then press e');
    await press(r, 'e');
  }

  it("shows the score, stars, metrics and the comparison with the level's collector, and records the run", async () => {
    const finished: FinishedRun[] = [];
    const r = show({ level: tiny, onFinish: (run) => (finished.push(run), 'Saved as your best on this level.') });
    await playTiny(r);
    const f = await waitFor(r, 'Score 1000');
    expect(f).toContain('★★★');
    expect(f).toContain('the program finished');
    expect(f).toContain('Nothing went wrong.');
    expect(f).toContain("Compared with the level's collector, mark-sweep");
    expect(f).toMatch(/you\s+done\s+1000\s+★★★/);
    expect(f).toMatch(/oracle\s+done/);
    expect(f).toMatch(/mark-sweep\s+done/);
    await waitFor(r, 'Saved as your best on this level.');
    expect(finished).toHaveLength(1);
    expect(finished[0].metrics).toMatchObject({ score: 1000, stars: 3, completed: true });
    expect(finished[0].commands).toEqual([
      'malloc greeting @1',
      'step',
      'malloc age @4',
      'step',
      'step',
      'free greeting',
      'step',
      'free age',
      'step',
      'end',
    ]);
    // a: all four collectors
    await press(r, 'a');
    const all = await waitFor(r, 'Compared with every collector');
    for (const c of ['mark-compact', 'refcount', 'copying']) expect(all).toContain(c);
  });

  it('says what went wrong and at which tick, and r retries', async () => {
    const r = show({ level: tiny });
    await waitFor(r, 'next: tick 0 · 0 of 5 done');
    await press(r, 'm', ' ', 'm', ' ', ' ', ' ', ' ');
    await waitFor(r, 'program ended · 5 of 5 done');
    await press(r, 'e');
    const f = await waitFor(r, 'What went wrong');
    expect(f).toMatch(/t4 leak: greeting is out of reach/);
    expect(f).toContain('★☆☆');
    // Every lost point is accounted for, and never "Nothing went wrong." beside a leak.
    const score = Number(/Score (\d+)/.exec(f)![1]);
    expect(f).toContain(`Where the points went: 1000 − ${1000 - score} = ${score}`);
    expect(f).toContain('leaked: 4 boxes never freed by the end');
    expect(f).not.toContain('Nothing went wrong.');
    await press(r, 'r');
    await waitFor(r, 'next: tick 0 · 0 of 5 done');
    expect(r.lastFrame()).toContain('memory 0/15 used');
  });

  it('after a give-up, p shows the par: a replay that finishes the level, and its score', async () => {
    const r = show({ level: tiny });
    await waitFor(r, 'next: tick 0 · 0 of 5 done');
    await press(r, 'e');
    await waitFor(r, 'Give up at tick 0?');
    await press(r, 'y');
    const end = await waitFor(r, 'p par');
    expect(end).toContain('gave up at tick 0');
    await press(r, 'p');
    const f = await waitFor(r, 'Par · Tiny test level · score 1000');
    expect(f).toContain('The oracle: each value freed right after its last use');
    expect(f).toContain('malloc greeting · step · malloc age · step 2 · free greeting · free age · step 2 · end');
    await press(r, KEY.escape);
    await waitFor(r, 'gave up at tick 0');
  });

  it('at 80×24 the end screen fits: title first, keys last, with penalties and problems in between', async () => {
    const r = show({ level: tiny });
    resize(r, 80, 24);
    await waitFor(r, 'next: tick 0 · 0 of 5 done');
    await press(r, 'm', ' ', 'm', ' ', ' ', ' ', ' ');
    await waitFor(r, 'program ended · 5 of 5 done');
    await press(r, 'e');
    const f = await waitFor(r, 'What went wrong');
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(lines[0]).toContain('Tiny test level · the program finished');
    expect(lines.at(-1)).toMatch(/^t review · ↑\/↓ pick · r retry · p par/);
    expect(f).toContain('Where the points went');
  });

  it('giving up before the end asks first, then scores 0', async () => {
    const r = show({ level: tiny });
    await waitFor(r, 'next: tick 0 · 0 of 5 done');
    await press(r, 'm', 'e');
    await waitFor(r, 'Give up at tick 0?');
    await press(r, 'y');
    const f = await waitFor(r, 'gave up at tick 0');
    expect(f).toContain('Score 0');
    expect(f).toContain('☆☆☆');
  });

  it('n goes to the next level once it is open', async () => {
    const go = vi.fn();
    const r = show({ level: tiny, next: { title: 'Next one', unlocked: true, go } });
    await playTiny(r);
    await waitFor(r, 'n next level');
    await press(r, 'n');
    await tick(20);
    expect(go).toHaveBeenCalledTimes(1);
  });

  it("uses the comparison it is given (the engine's compareLevel by default)", async () => {
    const compare = vi.fn(
      (): Comparison => ({
        level: 'tiny',
        defaultCollector: 'mark-sweep',
        replayProblems: [],
        runs: [
          {
            name: 'you',
            kind: 'player',
            metrics: {
              completed: true,
              crash: null,
              ticks: 5,
              pauseTicks: 0,
              pauses: 0,
              longestPause: 0,
              work: 1,
              peak: 4,
              garbageBoxTicks: 0,
              leakedAtEnd: 0,
              mmu: 1,
              bugs: { useAfterFree: 0, corruptRead: 0, doubleFree: 0, invalidFree: 0, overflow: 0 },
              security: { secretsLeaked: 0, attackerReads: 0 },
              score: 777,
              stars: 2,
              penalties: [],
              timeline: new Timeline(),
            },
          },
        ],
      }),
    );
    const r = show({ level: tiny, compare });
    await playTiny(r);
    const f = await waitFor(r, 'Score 777');
    expect(f).toContain('★★☆');
    expect(compare).toHaveBeenCalledWith(tiny, expect.objectContaining({ collectors: ['mark-sweep'] }));
  });
});

describe('play screen: intro and watch', () => {
  it("opens on the level's intro, its hints kept back until asked for; Enter starts", async () => {
    const r = show({ showIntro: true });
    const f = await waitFor(r, 'Enter: start');
    expect(f).toContain('Hello, pointers');
    expect(f).toContain('Text shown before play.');
    expect(f).toContain('This level has 1 hint: press i for one at a time');
    expect(f).not.toContain('Give every value a block before it arrives.');
    await press(r, KEY.enter);
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
  });

  it('i shows the hints one at a time, and the help page keeps those asked for', async () => {
    const json = fixtureJson('hello.json');
    const level = compileLevel({ ...json, hints: ['First, the easy part.', 'Second, the address.'] });
    const r = show({ level });
    const board = await waitFor(r, 'next: tick 0 · 0 of 12 done');
    expect(board).toContain('i hint');
    await press(r, 'i');
    let f = await waitFor(r, 'Hint 1 of 2');
    expect(f).toContain('1. First, the easy part.');
    expect(f).not.toContain('Second, the address.');
    await press(r, 'i');
    f = await waitFor(r, 'Hint 2 of 2');
    expect(f).toContain('2. Second, the address.');
    expect(f).toContain('that was the last hint');
    await press(r, KEY.escape);
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, '?');
    f = await waitFor(r, 'Hints so far (2 of 2');
    expect(f).toContain('• Second, the address.');
  });

  it("g shows the automatic runtime's screen and comes back", async () => {
    function FakeWatch({ collector, onExit }: { collector: string; onExit: () => void }) {
      return <WatchStub collector={collector} onExit={onExit} />;
    }
    const r = show({ Watch: FakeWatch });
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
    await press(r, 'g');
    await waitFor(r, 'watching mark-sweep');
    await press(r, 'x');
    await waitFor(r, 'next: tick 0 · 0 of 12 done');
  });
});

import { Text, useInput } from 'ink';
function WatchStub({ collector, onExit }: { collector: string; onExit: () => void }) {
  useInput(() => onExit());
  return <Text>watching {collector}</Text>;
}
