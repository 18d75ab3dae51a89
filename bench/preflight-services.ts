/**
 * The services bench/preflight.ts's gates talk to, in a process of their own (as GitHub and the servers are in
 * a real run, so that their work does not share the gates' thread): the GitHub API simulator seeded with a
 * pull request and a green commit, and three TLS servers presenting a chain made by openssl. Prints one JSON
 * line with what the bench needs, then serves until its standard input closes.
 *
 * `--latency MS`: every GitHub answer waits MS before the route runs, and every TLS connection is relayed after
 * MS, as when the services are across a network rather than on this machine.
 */
import { writeFile } from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { daysFromNow, Pki } from "../test/certs/pki.ts";
import { closeAll, tlsServer } from "../test/certs/servers.ts";
import { startSimulator } from "../test/simulator/index.ts";
import { removeTempDirs } from "../test/support/temp.ts";

export interface PreflightServices {
  apiUrl: string;
  pullRequest: number;
  sha: string;
  tlsTargets: string[];
  caFile: string;
}

const REPO = "octo-org/octo-repo";
const REVIEWERS = 6;
const FILES = 120;

const latencyMs = Number(parseArgs({ options: { latency: { type: "string", default: "0" } } }).values.latency);

/** A TCP relay to `port` that connects only after the latency: the round trip a remote server costs. */
async function relayed(port: number): Promise<number> {
  if (latencyMs === 0) return port;
  const relay = net.createServer((client) => {
    client.pause();
    client.on("error", () => client.destroy());
    setTimeout(() => {
      const server = net.connect(port, "127.0.0.1", () => {
        client.pipe(server);
        server.pipe(client);
        client.resume();
      });
      server.on("error", () => client.destroy());
      client.on("close", () => server.destroy());
    }, latencyMs);
  });
  relays.push(relay);
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return (relay.address() as AddressInfo).port;
}
const relays: net.Server[] = [];

const sim = await startSimulator();
if (latencyMs > 0) sim.inject({ delayMs: latencyMs, times: Infinity });
sim.state.setFile(REPO, ".github/CODEOWNERS", "* @octo-org/web\n/api/ @octo-org/api\n");
sim.state.setTeam("octo-org/web", ["r0", "r1", "r2"]);
sim.state.setTeam("octo-org/api", ["r3", "r4"]);
const files = Array.from({ length: FILES }, (_, i) => ({ filename: `${i % 2 ? "api" : "web"}/module-${i}.ts`, patch: "@@ -1 +1,2 @@\n x\n+y" }));
const pull = sim.state.addPullRequest(REPO, { user: "contributor", files });
for (let i = 0; i < REVIEWERS; i++) {
  sim.state.setPermission(REPO, `r${i}`, "write");
  sim.state.addReview(REPO, pull.number, { user: `r${i}`, state: i % 3 === 2 ? "COMMENTED" : "APPROVED" });
}
const sha = pull.head.sha;
for (const name of ["integration", "e2e", "smoke"]) sim.state.addCheckRun(REPO, { name, headSha: sha });
for (const labels of [["bug", "P2"], ["bug", "P3"], ["bug", "P3"]]) sim.state.addIssue(REPO, { labels });

const pki = await Pki.create();
const root = await pki.root("Bench Root", { notAfter: daysFromNow(3650) });
const intermediate = await pki.intermediate("Bench Intermediate", root, { notAfter: daysFromNow(1800) });
const tlsTargets: string[] = [];
for (const name of ["api", "web", "status"]) {
  const leaf = await pki.leaf(`${name}.bench.test`, intermediate, { notAfter: daysFromNow(80), sans: ["IP:127.0.0.1"] });
  const port = await tlsServer({ host: "127.0.0.1", keyPem: leaf.keyPem, chainPem: leaf.certPem + intermediate.certPem });
  tlsTargets.push(`127.0.0.1:${await relayed(port)}`);
}
const caFile = path.join(pki.dir, "bench-ca.pem");
await writeFile(caFile, root.certPem);

const services: PreflightServices = { apiUrl: sim.url, pullRequest: pull.number, sha, tlsTargets, caFile };
process.stdout.write(`${JSON.stringify(services)}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  if (sim.violations.length > 0) process.stderr.write(`the API simulator recorded ${sim.violations.length} violations of GitHub's API\n`);
  await sim.close().catch(() => undefined);
  await closeAll();
  for (const relay of relays) relay.close();
  await pki.dispose();
  removeTempDirs();
  process.exit(sim.violations.length > 0 ? 1 : 0);
});
