import type { Severity } from "./types.ts";

/** GitHub's bands for a CVSS-like score (code scanning's security-severity): critical >= 9.0, high >= 7.0, medium >= 4.0, low > 0. */
export function severityOfScore(score: number): Severity | undefined {
  if (!Number.isFinite(score) || score <= 0 || score > 10) return undefined;
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  return "low";
}

/** A score given as a number or a numeric string ("8.8"); undefined when it is not one. */
export function scoreOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

// Maps, not object literals: a report saying "constructor" or "__proto__" must not find Object.prototype.
const words = new Map<string, Severity>([
  ["critical", "critical"],
  ["high", "high"],
  ["moderate", "medium"],
  ["medium", "medium"],
  ["low", "low"],
  ["info", "low"],
  ["unknown", "unknown"],
]);

/** Severity words of npm audit, Trivy and the OSV database (any case); undefined for anything else. */
export function severityOfWord(value: unknown): Severity | undefined {
  return typeof value === "string" ? words.get(value.trim().toLowerCase()) : undefined;
}

const metricWeights = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** CVSS v3.1 "Roundup": the smallest number with one decimal >= x, robust to floating-point noise. */
function roundUp(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** The CVSS v3.0/v3.1 base score of a vector string; undefined for other versions or a malformed vector. */
export function cvss3BaseScore(vector: string): number | undefined {
  const parts = vector.trim().split("/");
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? "")) return undefined;
  const metrics = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const [name, value, extra] = part.split(":");
    if (!name || !value || extra !== undefined) return undefined;
    metrics.set(name, value);
  }
  const weight = (name: keyof typeof metricWeights): number | undefined => {
    const weights: Record<string, number> = metricWeights[name];
    const value = metrics.get(name) ?? "";
    return Object.hasOwn(weights, value) ? weights[value] : undefined;
  };
  const scope = metrics.get("S");
  const av = weight("AV");
  const ac = weight("AC");
  const ui = weight("UI");
  const c = weight("C");
  const i = weight("I");
  const a = weight("A");
  const privileges = metrics.get("PR");
  if (scope !== "U" && scope !== "C") return undefined;
  const prWeights: Record<string, number> = scope === "C" ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 };
  const pr = privileges !== undefined && Object.hasOwn(prWeights, privileges) ? prWeights[privileges] : undefined;
  if (av === undefined || ac === undefined || ui === undefined || c === undefined || i === undefined || a === undefined || pr === undefined) {
    return undefined;
  }
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === "U" ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return scope === "U" ? roundUp(Math.min(impact + exploitability, 10)) : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}
