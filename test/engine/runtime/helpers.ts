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
