// Shared by the runtime tests: compile a hand-written level, and check the one promise
// every collector makes: nothing the program can still reach is ever lost.
import { compileLevel, expectedBytes, type CompiledLevel } from '../../../src/engine/level/compile.js';
import { blockStartingAt } from '../../../src/engine/run/memory.js';
import { reachableSet } from '../../../src/engine/run/reachability.js';
import type { Level } from '../../../src/engine/level/schema.js';
import { isRoot, type RunState } from '../../../src/engine/run/state.js';
import { createRuntime, type Runtime, type RuntimeOptions, type Step } from '../../../src/engine/runtime/index.js';
import type { CollectorName } from '../../../src/engine/vocabulary.js';

export function compile(json: Omit<Level, 'id' | 'title'> & { id?: string; title?: string }): CompiledLevel {
  return compileLevel({ id: 'test', title: 'Test', ...json } as Level);
}

const reachCache = new WeakMap<RunState, { tick: number; values: number[] }>();

/** Values the program can reach now by its own account: roots, then state.targets (which change only when a tick runs). */
export function reachableValues(level: CompiledLevel, state: RunState): number[] {
  const hit = reachCache.get(state);
  if (hit && hit.tick === state.tick) return hit.values;
  const values = reachableNow(level, state);
  reachCache.set(state, { tick: state.tick, values });
  return values;
}

function reachableNow(level: CompiledLevel, state: RunState): number[] {
  const roots: number[] = [];
  for (let v = 0; v < level.values.length; v++) if (isRoot(level, v, state.tick)) roots.push(v);
  const seen = reachableSet(level.values.length, roots, (v) => state.targets[v]);
  const out: number[] = [];
  seen.forEach((s, v) => s && out.push(v));
  return out;
}

/** Problems with the heap now: a reachable value without its live block and bytes, or a broken block table. */
export function heapProblems(level: CompiledLevel, state: RunState): string[] {
  const problems: string[] = [];
  let used = 0;
  let end = 1;
  for (const b of state.blocks) {
    if (b.start < end) problems.push(`block of ${level.values[b.owner].id} at ${b.start} overlaps or is out of order`);
    if (b.start + b.size > level.memory) problems.push(`block at ${b.start} runs past memory`);
    end = b.start + b.size;
    used += b.size;
  }
  if (used !== state.used) problems.push(`state.used is ${state.used} but blocks hold ${used}`);
  const addrOf = (v: number) => state.variables[v].addr;
  for (const v of reachableValues(level, state)) {
    const s = state.variables[v];
    const id = level.values[v].id;
    if (s.freed || s.addr === 0) {
      problems.push(`${id} is reachable but its block was freed`);
      continue;
    }
    const b = blockStartingAt(state.blocks, s.addr);
    if (!b || b.owner !== v) {
      problems.push(`${id} is reachable but no block of its own starts at ${s.addr}`);
      continue;
    }
    const want = expectedBytes(level.values[v], state.targets[v], addrOf, level.ptrWidth);
    const got = Array.from(state.bytes.subarray(s.addr, s.addr + want.length));
    if (want.join() !== got.join()) problems.push(`${id} at ${s.addr} holds [${got}] instead of [${want}]`);
  }
  return problems;
}

/** Steps after which the heap must be whole (moving collectors are mid-way between them). */
export const SAFE_STEPS = new Set<Step['kind']>(['alloc', 'tick', 'collected', 'end', 'oom']);

/** Plays a level animated, calling `each` after every step. */
export function playAnimated(
  level: CompiledLevel,
  name: CollectorName,
  each: (rt: Runtime, step: Step) => void,
  options: RuntimeOptions = {},
): Runtime {
  const rt = createRuntime(level, name, { verbose: false, ...options });
  for (let s = rt.next(); s; s = rt.next()) each(rt, s);
  return rt;
}

// memory 64, nursery 16: halves 1..8 and 9..16, old space 17..63; 4 work units a tick.
//   gap 0: holder (1 pointer + "abcdefgh": 10 boxes, more than half the nursery) is
//          pretenured at 17.
//   gap 1: kid (4 boxes) bump-allocated at 1. Tick 1: holder.p = kid: the barrier puts
//          holder in the remembered set. kid goes out of scope in tick 2.
//   gap 3: f1 (4 boxes) at 5: the half is full.
//   gap 4: f2 finds no room: a scavenge. The queue: f1 (in scope) then kid (holder's
//          target): f1 to 9, kid to 13; holder's pointer rewritten from 1 to 13. Work:
//          1 root + 1 remembered block + 8 boxes copied + 1 pointer = 11: a pause of 3.
//          f2 then finds no room in the new half either (13..16 is kid's): old space, 27.
/** A generational level worked out by hand, used by more than one test. */
export const REMEMBERED = {
  memory: 64,
  ticks: 7,
  gc: { nursery: 16, workPerTick: 4 },
  values: [
    {
      id: 'holder',
      fields: [
        { name: 'p', ref: null },
        { name: 'tag', value: 'abcdefgh' },
      ],
      arrive: 0,
      uses: [6],
    },
    { id: 'kid', value: 'kid', arrive: 1, drop: 2 },
    { id: 'f1', value: 'abc', arrive: 3, drop: 4 },
    { id: 'f2', value: 'abc', arrive: 4, drop: 5 },
  ],
  sets: [{ tick: 1, in: 'holder', field: 'p', to: 'kid' }],
};

/** "1 box", "2 boxes": the tests' own wording of a count, apart from the engine's. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const boxes = (n: number) => plural(n, 'box', 'boxes');
