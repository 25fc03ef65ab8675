// A broken engine invariant: an index the engine's own bookkeeping keeps in range was not.
// That is a bug in the engine, never the player's or a level's doing (those are refusals and
// validation problems), so it throws instead of going on with a wrong state.
export class InvariantError extends Error {
  override name = 'InvariantError';
}

/** Element i of a list the engine keeps in step with i (a value's index, a block's position, a box's address). */
export function nth<T>(list: ArrayLike<T>, i: number): T {
  const x = list[i];
  if (x === undefined) throw new InvariantError(`index ${i} is out of range (length ${list.length})`);
  return x;
}
