// How many random cases a property tries. A mutation run (npm run mutate) tries a fifth of
// them: it reruns every covering test for each surviving mutant, so the suite's length sets
// its pace. Fewer cases can only let a mutant survive, never kill one, so the score it
// reports errs low.
const MUTATION_RUN = process.env.CUBBIES_MUTATION_RUN === '1';

export function runs(n: number): number {
  return MUTATION_RUN ? Math.max(10, Math.ceil(n / 5)) : n;
}
