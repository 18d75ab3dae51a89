/**
 * Name patterns for environments, workflows and branches: `*` matches any run of characters (slashes too),
 * `?` one character, anything else itself. Matched without a regular expression: patterns come from the
 * policy file and names from the workflow run, and neither may steer a regex engine.
 */
export function matchesName(pattern: string, name: string): boolean {
  const p = [...pattern];
  const n = [...name];
  // Greedy matching with backtracking to the last star: linear in practice, O(p·n) at worst.
  let pi = 0;
  let ni = 0;
  let starAt = -1;
  let starMatch = 0;
  while (ni < n.length) {
    if (pi < p.length && (p[pi] === "?" || p[pi] === n[ni])) {
      pi++;
      ni++;
    } else if (pi < p.length && p[pi] === "*") {
      starAt = pi++;
      starMatch = ni;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      ni = ++starMatch;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}
