import { describe, expect, it } from "vitest";
import type { WindowSpec, WindowsPolicy, Weekday } from "../../src/policy/types.ts";
import { evaluateWindow } from "../../src/window/evaluate.ts";
import { resolveLocal, type LocalDate } from "../../src/core/zone.ts";
import { addDays, localOf } from "../../src/window/local-time.ts";

/**
 * The verdict checked against the definition, at random instants around DST changes: an independent, direct
 * "is it open at t" (every occurrence that could contain t, every freeze) must agree with `open`, and must flip
 * exactly at `closesAt` and `nextOpen`.
 */
const DAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function openAt(policy: WindowsPolicy, windows: WindowSpec[], t: number): boolean {
  const frozen = policy.freezes.some((f) => {
    const from = Date.parse(f.from);
    const to = Date.parse(f.to);
    return from <= t && t < to;
  });
  if (frozen) return false;
  if (windows.length === 0) return true;
  return windows.some((w) => {
    const zone = w.timezone ?? policy.timezone;
    const today = localOf(t, zone);
    for (let back = 0; back <= 2; back++) {
      const date: LocalDate = addDays(today, -back);
      const weekday = DAYS[(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7]!;
      if (!w.days.includes(weekday)) continue;
      const [sh, sm] = w.start.split(":").map(Number) as [number, number];
      const [eh, em] = w.end.split(":").map(Number) as [number, number];
      const endDate = eh * 60 + em <= sh * 60 + sm ? addDays(date, 1) : date;
      const start = resolveLocal({ ...date, hour: sh, minute: sm }, zone);
      const end = resolveLocal({ ...endDate, hour: eh, minute: em }, zone);
      if (start <= t && t < end) return true;
    }
    return false;
  });
}

function randomWindow(next: () => number, i: number): WindowSpec {
  const days = DAYS.filter(() => next() < 0.35);
  const time = () => `${String(Math.floor(next() * 24)).padStart(2, "0")}:${next() < 0.5 ? "00" : "30"}`;
  const zones = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
  return { name: `w${i}`, days: days.length > 0 ? days : ["sun"], start: time(), end: time(), timezone: zones[Math.floor(next() * zones.length)]! };
}

describe("window verdicts agree with the definition", () => {
  const next = random(20261121);
  const changes = ["2026-03-08T07:00Z", "2026-03-29T01:00Z", "2026-10-04T16:00Z", "2026-10-25T01:00Z", "2026-11-01T06:00Z", "2026-04-04T15:00Z"].map(Date.parse);
  const cases = Array.from({ length: 60 }, (_, i) => {
    const windows = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, j) => randomWindow(next, j));
    const around = changes[i % changes.length]! + Math.floor((next() - 0.5) * 4 * 86_400_000);
    const freezeStart = around + Math.floor((next() - 0.3) * 3 * 86_400_000);
    const policy: WindowsPolicy = {
      timezone: "Europe/Paris",
      deploy: windows,
      maintenance: [],
      freezes: next() < 0.5 ? [{ name: "f", from: new Date(freezeStart).toISOString(), to: new Date(freezeStart + Math.floor(next() * 2 * 86_400_000) + 60_000).toISOString() }] : [],
      wait: "0",
      override: { enabled: true, label: "deploy-override", comment: false, "disabled-environments": [] },
    };
    return { i, policy, now: around };
  });

  it.each(cases)("random policy $i", ({ policy, now }) => {
    const verdict = evaluateWindow(policy, { now: new Date(now), kind: "deploy" });
    expect(verdict.open).toBe(openAt(policy, policy.deploy, now));
    if (verdict.closesAt) {
      const closes = Date.parse(verdict.closesAt);
      expect(closes).toBeGreaterThan(now);
      expect(openAt(policy, policy.deploy, closes - 1)).toBe(true);
      expect(openAt(policy, policy.deploy, closes)).toBe(false);
    }
    if (verdict.nextOpen) {
      const opens = Date.parse(verdict.nextOpen);
      expect(opens).toBeGreaterThan(now);
      expect(openAt(policy, policy.deploy, opens)).toBe(true);
      expect(openAt(policy, policy.deploy, opens - 1)).toBe(false);
      // Closed all the way: sampled every 10 minutes between now and the opening.
      for (let t = now; t < opens; t += 600_000) expect(openAt(policy, policy.deploy, t)).toBe(false);
    }
  });
});
