// A broken engine invariant: an index the engine's own bookkeeping keeps in range was not.
// That is a bug in the engine, never the player's or a level's doing (those are refusals and
// validation problems), so it throws instead of going on with a wrong state.
export class InvariantError extends Error {
  override name = 'InvariantError';
}

/**
 * Element i of a list the engine keeps in step with i (a value's index, a block's position, a box's address).
 * Its one load serves every list the engine has (arrays of objects and numbers, typed
 * arrays), so V8 finds it megamorphic, inlined or not: code a run repeats every tick
 * (run/, runtime/) reads at the call site and checks with `present` instead.
 */
export function nth<T>(list: ArrayLike<T>, i: number): T {
  const x = list[i];
  if (x === undefined) throw new InvariantError(`index ${i} is out of range (length ${list.length})`);
  return x;
}

/**
 * `list[i]`, read by the caller (a load of one kind of list, which V8 keeps fast), checked
 * like `nth`: `present(list[i])`. The index is not repeated for the message: the stack says
 * where, and an argument only a message reads is one no test can pin.
 */
export function present<T>(x: T | undefined): T {
  if (x === undefined) throw new InvariantError('a list was read past its end');
  return x;
}
