// Reachability: what a root reaches through pointer fields. Shared by the validator,
// the manual run's garbage accounting and the oracle.
import { present } from '../invariant.js';

/** Marks every value reachable from `roots`; `targets(v)` lists where v's pointer fields point now. */
export function reachableSet(
  count: number,
  roots: Iterable<number>,
  targets: (v: number) => ReadonlyArray<number | null> | undefined,
): Uint8Array {
  const seen = new Uint8Array(count);
  const stack: number[] = [];
  for (const r of roots) {
    if (!seen[r]) {
      seen[r] = 1;
      stack.push(r);
    }
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    const out = targets(v);
    if (!out) continue;
    for (const t of out) {
      if (t !== null && !seen[t]) {
        seen[t] = 1;
        stack.push(t);
      }
    }
  }
  return seen;
}

/** The values `roots` reach, as a set: for a trace that touches few of many values (it runs before every tick). */
export function reachedFrom(
  roots: Iterable<number>,
  targets: (v: number) => ReadonlyArray<number | null> | undefined,
): Set<number> {
  const seen = new Set<number>();
  const stack: number[] = [];
  for (const r of roots) {
    if (!seen.has(r)) {
      seen.add(r);
      stack.push(r);
    }
  }
  while (stack.length > 0) {
    const out = targets(stack.pop()!);
    if (!out) continue;
    for (const t of out) {
      if (t !== null && !seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return seen;
}

/**
 * Reachability kept up to date while a program runs, for asking "is v reachable now?" often:
 * roots come and go, pointer fields are rewritten. A value that is a root costs nothing.
 * Otherwise the question searches backwards from it along the pointers into it until it
 * meets a root (or a value already known to be reachable), and remembers the answer for
 * every value on the way: "reachable" until the root it was traced to is dropped or a
 * pointer on the way is overwritten, "unreachable" until any pointer is added. So a long
 * list held from its head is climbed once, not at every question. `steps` counts the work,
 * so a caller can bound pathological programs.
 */
export class LiveReachability {
  /** Work done so far: one per value searched plus one per pointer followed. */
  steps = 0;
  private readonly root: Uint8Array;
  /** Where each pointer field points now (a value), or -1. */
  private readonly fieldTarget: Int32Array;
  // The pointer fields pointing to each value now, in the order they were pointed at it: a
  // list threaded through the fields (typed arrays, not an array per value: this runs on
  // every value of a level being validated). Each value's first and last field (-1: none)
  // and how many; each field's next and previous in its target's list.
  private readonly firstInto: Int32Array;
  private readonly lastInto: Int32Array;
  private readonly countInto: Int32Array;
  private readonly nextInto: Int32Array;
  private readonly prevInto: Int32Array;
  // The memo. "Reachable" holds while the root it was traced to (its anchor) is still a root
  // and no pointer on the way was overwritten; "unreachable" while no pointer was added.
  private readonly yesMark: Int32Array;
  private readonly anchor: Int32Array;
  private readonly anchorGen: Int32Array;
  /** Bumped when a value stops being a root. */
  private readonly rootGen: Int32Array;
  /** The pointer into it that its "reachable" was traced through. */
  private readonly markField: Int32Array;
  private readonly noMark: Int32Array;
  private yesEpoch = 1;
  private noEpoch = 1;
  // One search's scratch space.
  private readonly seen: Int32Array;
  private search = 0;
  private readonly parent: Int32Array;
  /** During a search: the pointer by which a value leads down to its parent. */
  private readonly viaField: Int32Array;
  private readonly queue: Int32Array;

  /** `fieldOwner[f]` is the value holding pointer field f; `count` values in all. */
  constructor(
    count: number,
    private readonly fieldOwner: Int32Array,
  ) {
    this.root = new Uint8Array(count);
    this.fieldTarget = new Int32Array(fieldOwner.length).fill(-1);
    this.firstInto = new Int32Array(count).fill(-1);
    this.lastInto = new Int32Array(count).fill(-1);
    this.countInto = new Int32Array(count);
    this.nextInto = new Int32Array(fieldOwner.length);
    this.prevInto = new Int32Array(fieldOwner.length);
    this.yesMark = new Int32Array(count);
    this.anchor = new Int32Array(count);
    this.anchorGen = new Int32Array(count);
    this.rootGen = new Int32Array(count);
    this.markField = new Int32Array(count);
    this.noMark = new Int32Array(count);
    this.seen = new Int32Array(count);
    this.parent = new Int32Array(count);
    this.viaField = new Int32Array(count);
    this.queue = new Int32Array(count);
  }

  /**
   * The value's variable came into scope. It keeps every remembered "unreachable": that is
   * right only for a value with no pointer written yet (one arriving now), which no search
   * has gone through. A value that already holds pointers would need them forgotten.
   */
  addRoot(v: number): void {
    this.root[v] = 1;
  }

  /** The value's variable went out of scope: forget every "reachable" traced to it. */
  dropRoot(v: number): void {
    this.root[v] = 0;
    this.rootGen[v]!++;
  }

  /** The pointer fields that point to v now. */
  pointersInto(v: number): readonly number[] {
    const fields: number[] = [];
    for (let f = this.firstInto[v]!; f >= 0; f = this.nextInto[f]!) fields.push(f);
    return fields;
  }

  /** Points field f at value `target` (-1 for null); returns what it pointed to before (-1 for null). */
  point(f: number, target: number): number {
    const old = present(this.fieldTarget[f]);
    if (old === target) return old;
    this.fieldTarget[f] = target;
    const { firstInto, lastInto, countInto, nextInto, prevInto } = this;
    if (old >= 0) {
      const prev = present(prevInto[f]);
      const next = present(nextInto[f]);
      if (prev >= 0) nextInto[prev] = next;
      else firstInto[old] = next;
      if (next >= 0) prevInto[next] = prev;
      else lastInto[old] = prev;
      countInto[old]!--;
      // Every "reachable" traced through this pointer runs through `old`, marked through it.
      if (this.known(old) && this.markField[old] === f) this.yesEpoch++;
    }
    if (target >= 0) {
      const last = present(lastInto[target]);
      prevInto[f] = last;
      nextInto[f] = -1;
      if (last >= 0) nextInto[last] = f;
      else firstInto[target] = f;
      lastInto[target] = f;
      countInto[target]!++;
      this.noEpoch++;
    }
    return old;
  }

  reachable(v: number): boolean {
    if (this.root[v] || this.known(v)) return true;
    if (this.noMark[v] === this.noEpoch) return false;
    const { queue, seen, parent, viaField, fieldOwner, root } = this;
    const search = ++this.search;
    let head = 0;
    let tail = 0;
    queue[tail++] = v;
    seen[v] = search;
    parent[v] = -1;
    while (head < tail) {
      const u = queue[head++]!;
      this.steps += 1 + this.countInto[u]!;
      for (let f = this.firstInto[u]!; f >= 0; f = this.nextInto[f]!) {
        const o = fieldOwner[f]!;
        if (root[o] || this.known(o)) {
          this.remember(u, f, root[o] ? o : this.anchor[o]!);
          return true;
        }
        if (seen[o] !== search && this.noMark[o] !== this.noEpoch) {
          seen[o] = search;
          parent[o] = u;
          viaField[o] = f;
          queue[tail++] = o;
        }
      }
    }
    for (let k = 0; k < tail; k++) this.noMark[queue[k]!] = this.noEpoch; // no root above any of them
    return false;
  }

  private known(u: number): boolean {
    return this.yesMark[u] === this.yesEpoch && this.anchorGen[u] === this.rootGen[this.anchor[u]!];
  }

  /** Marks u and every value on its search path down to the question as reachable through root `a`. */
  private remember(u: number, f: number, a: number): void {
    for (let w = u, via = f; w !== -1; via = this.viaField[w]!, w = this.parent[w]!) {
      this.yesMark[w] = this.yesEpoch;
      this.anchor[w] = a;
      this.anchorGen[w] = this.rootGen[a]!;
      this.markField[w] = via;
    }
  }
}
