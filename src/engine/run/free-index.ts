// An index of the free runs of memory, for first fit on big heaps: a segment tree over
// the boxes holding, per node, its free prefix, free suffix, longest free run and number
// of free runs. Taking or giving back a block of s boxes is O(s + log boxes), bottom up
// with no recursion (the block's bytes are written at that cost anyway); finding the first
// free run that holds n boxes and counting the runs before it, which is first fit's work
// (one per free run examined), is O(log boxes). The answers are exactly those of a scan
// of the block table.

export class FreeIndex {
  /** Leaves: a power of two at least `memory`; boxes past the last are never free. */
  private readonly n: number;
  private readonly pre: Int32Array;
  private readonly suf: Int32Array;
  private readonly best: Int32Array;
  private readonly runs: Int32Array;
  // The state of one query, walked left to right: the free boxes just before the current node.
  private carry = 0;
  private want = 0;
  private prevFree = false;
  private counted = 0;
  /** Scratch for the nodes that tile a query's range (at most two a level). */
  private readonly nodes = new Int32Array(64);

  /** Memory of `memory` boxes (box 0, NULL, never free) holding `taken` blocks. */
  constructor(
    readonly memory: number,
    taken: readonly { start: number; size: number }[],
  ) {
    let n = 1;
    while (n < memory) n *= 2;
    this.n = n;
    this.pre = new Int32Array(2 * n);
    this.suf = new Int32Array(2 * n);
    this.best = new Int32Array(2 * n);
    this.runs = new Int32Array(2 * n);
    const free = new Uint8Array(n);
    free.fill(1, 1, memory);
    for (const b of taken) free.fill(0, b.start, b.start + b.size);
    for (let i = 0; i < n; i++) if (free[i]) this.leaf(n + i, true);
    let len = 1;
    for (let level = n >> 1; level >= 1; level >>= 1) {
      len *= 2;
      for (let i = level; i < 2 * level; i++) this.pull(i, len);
    }
  }

  /** Marks boxes [start, start + size) taken (`free` false) or free: the leaves, then each ancestor once, level by level. */
  set(start: number, size: number, free: boolean): void {
    if (size <= 0) return;
    let lo = this.n + start;
    let hi = lo + size - 1;
    for (let i = lo; i <= hi; i++) this.leaf(i, free);
    let len = 1;
    while (lo > 1) {
      lo >>= 1;
      hi >>= 1;
      len *= 2;
      for (let i = lo; i <= hi; i++) this.pull(i, len);
    }
  }

  /**
   * The first free run, among the free runs of boxes [from, limit), that holds `size`
   * boxes: its low end, and how many runs were examined to find it (all of them when none
   * holds it).
   */
  firstFit(size: number, from: number, limit: number): { addr: number | null; examined: number } {
    // One walk finds the run and counts the runs it passes (those before it, as a scan would examine them).
    this.carry = 0;
    this.want = size;
    this.prevFree = false;
    this.counted = 0;
    // The nodes that tile [from, limit), left to right: those met from the left end in
    // order, then those met from the right end, which come out right to left.
    const nodes = this.nodes;
    let count = 0;
    let rightFrom = nodes.length;
    for (let lo = this.n + Math.max(from, 0), hi = this.n + Math.min(limit, this.n); lo < hi; lo >>= 1, hi >>= 1) {
      if (lo & 1) nodes[count++] = lo++;
      if (hi & 1) nodes[--rightFrom] = --hi;
    }
    for (let k = rightFrom; k < nodes.length; k++) nodes[count++] = nodes[k] as number;
    for (let k = 0; k < count; k++) {
      const addr = this.inside(nodes[k] as number);
      if (addr >= 0) return { addr, examined: this.counted };
    }
    return { addr: null, examined: this.counted };
  }

  /**
   * The low end of the first free run of all memory that holds `size` boxes, or -1: first
   * fit when the runs examined need no counting (the par check's first fit), by one walk
   * down from the root, always into the leftmost half that can hold it.
   */
  firstFree(size: number): number {
    if (size <= 0 || (this.best[1] as number) < size) return -1;
    const { pre, suf, best } = this;
    let i = 1;
    let l = 0;
    let len = this.n;
    while (len > 1) {
      const half = len >> 1;
      const left = 2 * i;
      // The leftmost run that fits lies wholly in the left half, or spans the middle, or lies in the right half.
      if ((best[left] as number) >= size) {
        i = left;
      } else if ((suf[left] as number) + (pre[left + 1] as number) >= size) {
        return l + half - (suf[left] as number);
      } else {
        i = left + 1;
        l += half;
      }
      len = half;
    }
    return l;
  }

  /** The longest free run's size. */
  largest(): number {
    return (this.best[1] as number) ?? 0;
  }

  private leaf(i: number, free: boolean): void {
    const v = free ? 1 : 0;
    this.pre[i] = v;
    this.suf[i] = v;
    this.best[i] = v;
    this.runs[i] = v;
  }

  private pull(i: number, len: number): void {
    const l = 2 * i;
    const r = l + 1;
    const half = len >> 1;
    const pre = this.pre;
    const suf = this.suf;
    pre[i] = (pre[l] as number) === half ? half + (pre[r] as number) : (pre[l] as number);
    suf[i] = (suf[r] as number) === half ? half + (suf[l] as number) : (suf[r] as number);
    this.best[i] = Math.max(this.best[l] as number, this.best[r] as number, (suf[l] as number) + (pre[r] as number));
    this.runs[i] =
      (this.runs[l] as number) + (this.runs[r] as number) - ((suf[l] as number) > 0 && (pre[r] as number) > 0 ? 1 : 0);
  }

  /**
   * The first run of `want` boxes that starts in node i (with the free boxes carried from
   * the nodes before it), or -1 after passing the node. A node whose longest run holds
   * `want` has one wholly inside, so the walk down from it is one path: into the left
   * child when the run lies there, else past it to the right.
   */
  private inside(node: number): number {
    const { pre, best } = this;
    let i = node;
    const level = 31 - Math.clz32(i);
    let len = this.n >> level;
    let l = (i - (1 << level)) * len;
    for (;;) {
      if (this.carry + (pre[i] as number) >= this.want) {
        // The run that fits: counted already when it began in a node passed before (carry > 0).
        if (this.carry === 0) this.counted++;
        return l - this.carry;
      }
      if ((best[i] as number) < this.want) {
        this.pass(i, len);
        return -1;
      }
      // A run that fits starts inside this node (and it is not a leaf: a leaf's best is its
      // prefix). Not at the left child's low end: that prefix is this node's, just checked.
      const left = 2 * i;
      len >>= 1;
      if ((best[left] as number) >= this.want) {
        i = left;
        continue;
      }
      this.pass(left, len);
      i = left + 1;
      l += len;
    }
  }

  /** Past node i, of `len` boxes, with no run that fits in it: its runs counted, its free end carried on. */
  private pass(i: number, len: number): void {
    const { pre, suf, runs } = this;
    this.carry = (pre[i] as number) === len ? this.carry + len : (suf[i] as number);
    this.counted += (runs[i] as number) - (this.prevFree && (pre[i] as number) > 0 ? 1 : 0);
    this.prevFree = (suf[i] as number) > 0;
  }
}
