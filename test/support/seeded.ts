/** A seeded generator of numbers in [0, 1): the same sequence on every run, so a failing case can be found again. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
