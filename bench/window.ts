/**
 * How long one window evaluation takes: the procedure's policy, a policy with many windows, and the worst case
 * of a search that finds no opening within the 400-day horizon.
 */
import { evaluateWindow, type WindowKind } from "../src/window/evaluate.ts";
import type { WindowSpec, WindowsPolicy } from "../src/policy/types.ts";

function policy(deploy: WindowSpec[], freezes: WindowsPolicy["freezes"] = []): WindowsPolicy {
  return {
    timezone: "Europe/Paris",
    deploy,
    maintenance: [
      { name: "weekly", days: ["sun"], start: "02:00", end: "04:00" },
      { name: "monthly", days: ["sat"], weeks: [1], start: "23:00", end: "02:00" },
    ],
    freezes,
    wait: "0",
    override: { enabled: true, label: "deploy-override", comment: false, "disabled-environments": [] },
  };
}

const offPeak: WindowSpec = { name: "off-peak", days: ["tue", "wed"], start: "10:00", end: "12:00" };
const everyDay: WindowSpec[] = Array.from({ length: 50 }, (_, i) => ({
  name: `w${i}`,
  days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  start: `${String(i % 24).padStart(2, "0")}:00`,
  end: `${String(i % 24).padStart(2, "0")}:30`,
  timezone: i % 2 ? "America/New_York" : "Asia/Kolkata",
}));

const scenarios: { name: string; policy: WindowsPolicy; kind: WindowKind }[] = [
  { name: "procedure, deploy", policy: policy([offPeak]), kind: "deploy" },
  { name: "procedure, maintenance", policy: policy([offPeak]), kind: "maintenance" },
  { name: "50 daily windows in 2 zones", policy: policy(everyDay), kind: "deploy" },
  { name: "frozen beyond the horizon", policy: policy([offPeak], [{ name: "long", from: "2026-01-01", to: "2029-01-01" }]), kind: "deploy" },
];

export async function run(): Promise<void> {
  const now = new Date("2026-11-21T19:00:00Z");
  console.log("| window evaluation | runs | mean ms | max ms |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const scenario of scenarios) {
    const runs = 20;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      evaluateWindow(scenario.policy, { now: new Date(now.getTime() + i * 3_600_000), kind: scenario.kind });
      times.push(performance.now() - started);
    }
    const mean = times.reduce((a, b) => a + b, 0) / runs;
    console.log(`| ${scenario.name} | ${runs} | ${mean.toFixed(2)} | ${Math.max(...times).toFixed(2)} |`);
  }
}

if (import.meta.main) await run();
