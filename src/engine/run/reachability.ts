// Reachability: what a root reaches through pointer fields. Shared by the validator,
// the manual run's garbage accounting and the oracle.

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
