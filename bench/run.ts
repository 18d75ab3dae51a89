/** `npm run bench`: every benchmark in one run; pass names to run only some (e.g. `npm run bench cold-start`). */
const benches: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  "cold-start": () => import("./cold-start.ts"),
  preflight: () => import("./preflight.ts"),
  security: () => import("./security.ts"),
  "certs-health": () => import("./certs-health.ts"),
  window: () => import("./window.ts"),
  versions: () => import("./versions.ts"),
  rollback: () => import("./rollback.ts"),
  incident: () => import("./incident.ts"),
  "coverage-parse": () => import("./coverage-parse.ts"),
  "approvals-requests": () => import("./approvals-requests.ts"),
  analytics: () => import("./analytics.ts"),
  "canary-judge": () => import("./canary-judge.ts"),
};

const wanted = process.argv.slice(2);
for (const [name, load] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await (await load()).run();
}
