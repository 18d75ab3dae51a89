import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { Pki, daysFromNow, type Issued } from "./pki.ts";
import { closeAll, closedPort, hasIpv6Loopback, plainTextServer, silentServer, tlsServer } from "./servers.ts";

const DAY_MS = 86_400_000;
const ipv6 = await hasIpv6Loopback();
if (!ipv6) console.warn("certs tests: this machine has no IPv6 loopback (::1); the [::1] cases are skipped");

interface Row {
  target: string;
  host: string | null;
  port: number | null;
  ok: boolean;
  status: string;
  daysLeft: number | null;
  notAfter: string | null;
  earliestExpiry: string | null;
  subject: string | null;
  issuer: string | null;
  sans: string[];
  problems: { code: string; message: string }[];
  error: string | null;
  attempts: number;
  superseded: boolean;
  file: string | null;
}

let pki: Pki;
const now = new Date();
const sans = ["DNS:localhost", "IP:127.0.0.1", "IP:::1"];
const ports: Record<string, number> = {};
const certs: Record<string, Issued> = {};

async function certs_(args: string[]): Promise<{ code: number; rows: Row[]; stderr: string; stdout: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["certs", ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: pki.dir,
    env: {},
    now: () => now,
  });
  return { code, rows: args.includes("--json") && code < 2 ? (JSON.parse(stdout) as Row[]) : [], stderr, stdout };
}

async function one(target: string, extra: string[] = ["--ca", "root.pem"]): Promise<Row> {
  const { rows } = await certs_([target, ...extra, "--retries", "0", "--timeout", "5000", "--json"]);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const expectedDays = (end: Date): number => Math.floor((end.getTime() - now.getTime()) / DAY_MS);

beforeAll(async () => {
  pki = await Pki.create();
  const root = (certs.root = await pki.root("root", { notAfter: daysFromNow(3650, now) }));
  const inter = (certs.inter = await pki.intermediate("inter", root, { notAfter: daysFromNow(3000, now) }));
  const shortInter = (certs.shortInter = await pki.intermediate("short-inter", root, { notAfter: daysFromNow(20, now) }));
  const leaf = (name: string, issuer: Issued | "self", notAfterDays: number, extra: { notBeforeDays?: number; sans?: string[] } = {}) =>
    pki.leaf(name, issuer, {
      sans: extra.sans ?? sans,
      notAfter: daysFromNow(notAfterDays, now),
      ...(extra.notBeforeDays !== undefined ? { notBefore: daysFromNow(extra.notBeforeDays, now) } : {}),
    });
  certs.valid = await leaf("valid", inter, 400);
  certs.expiring = await leaf("expiring", inter, 10);
  certs.warn = await leaf("warn", inter, 40);
  certs.expired = await leaf("expired", inter, -5, { notBeforeDays: -100 });
  certs.future = await leaf("future", inter, 400, { notBeforeDays: 5 });
  certs.self = await leaf("self", "self", 400);
  certs.wrongHost = await leaf("wrong-host", inter, 400, { sans: ["DNS:other.example"] });
  certs.underShort = await leaf("under-short", shortInter, 400);
  certs.alpha = await leaf("alpha.test", inter, 200, { sans: ["DNS:alpha.test"] });

  const serve = (name: string, chain: Issued[], host = "127.0.0.1", sni?: Parameters<typeof tlsServer>[0]["sni"]) =>
    tlsServer({ host, keyPem: chain[0]!.keyPem, chainPem: chain.map((c) => c.certPem).join(""), ...(sni ? { sni } : {}) });
  ports.valid = await serve("valid", [certs.valid, inter]);
  ports.expiring = await serve("expiring", [certs.expiring, inter]);
  ports.warn = await serve("warn", [certs.warn, inter]);
  ports.expired = await serve("expired", [certs.expired, inter]);
  ports.future = await serve("future", [certs.future, inter]);
  ports.self = await serve("self", [certs.self]);
  ports.wrongHost = await serve("wrong-host", [certs.wrongHost, inter]);
  ports.underShort = await serve("under-short", [certs.underShort, shortInter]);
  ports.incomplete = await serve("incomplete", [certs.valid]);
  ports.withRoot = await serve("with-root", [certs.valid, inter, root]);
  ports.sni = await serve("sni", [certs.valid, inter], "127.0.0.1", { "alpha.test": { keyPem: certs.alpha.keyPem, chainPem: certs.alpha.certPem + inter.certPem } });
  if (ipv6) ports.valid6 = await serve("valid6", [certs.valid, inter], "::1");
  ports.silent = await silentServer("127.0.0.1");
  ports.refused = await closedPort("127.0.0.1");
  ports.plain = await plainTextServer("127.0.0.1");
});

afterAll(async () => {
  await closeAll();
  await pki?.dispose();
});

describe("shipgate certs against real TLS servers", () => {
  it("passes a valid chain and agrees with openssl x509 -enddate", async () => {
    const row = await one(`127.0.0.1:${ports.valid}`);
    const end = await pki.opensslEndDate(certs.valid!.certFile);
    expect(row).toMatchObject({ host: "127.0.0.1", port: ports.valid, ok: true, status: "pass", error: null, problems: [] });
    expect(new Date(row.notAfter!).getTime()).toBe(end.getTime());
    expect(row.earliestExpiry).toBe(row.notAfter);
    expect(row.daysLeft).toBe(expectedDays(end));
    expect(row.subject).toBe("CN=valid, O=shipgate tests");
    expect(row.issuer).toBe("CN=inter, O=shipgate tests");
    expect(row.sans).toEqual(["DNS:localhost", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1"]);
  });

  it("checks [::1]:port over IPv6", { skip: !ipv6 }, async () => {
    const row = await one(`[::1]:${ports.valid6}`);
    expect(row).toMatchObject({ host: "::1", port: ports.valid6, ok: true, error: null });
  });

  it("fails a certificate with 10 days left, and its days agree with openssl", async () => {
    const row = await one(`localhost:${ports.expiring}`);
    const end = await pki.opensslEndDate(certs.expiring!.certFile);
    expect(row.ok).toBe(false);
    expect(row.problems.map((p) => p.code)).toEqual(["expiring"]);
    expect(row.daysLeft).toBe(expectedDays(end));
    expect(row.daysLeft).toBeLessThan(30);
  });

  it("warns inside the warning band without failing", async () => {
    const { code, rows } = await certs_([`localhost:${ports.warn}`, "--ca", "root.pem", "--json"]);
    expect(code).toBe(0);
    expect(rows[0]).toMatchObject({ ok: true, status: "warn" });
    expect(rows[0]!.problems.map((p) => p.code)).toEqual(["expiring-soon"]);
  });

  it.each([
    ["expired", "expired"],
    ["future", "not-yet-valid"],
    ["self", "self-signed"],
    ["wrongHost", "wrong-host"],
    ["incomplete", "incomplete-chain"],
  ])("fails the %s server as %s", async (server, code) => {
    const row = await one(`127.0.0.1:${ports[server]}`);
    expect(row.ok).toBe(false);
    expect(row.problems[0]!.code).toBe(code);
    expect(row.error).toContain(row.problems[0]!.message);
    expect(row.attempts).toBe(1);
  });

  it("fails a chain that ends at a root outside the trust store as untrusted", async () => {
    const row = await one(`127.0.0.1:${ports.withRoot}`, []);
    expect(row.problems.map((p) => p.code)).toEqual(["untrusted"]);
    const trusted = await one(`127.0.0.1:${ports.withRoot}`);
    expect(trusted.ok).toBe(true);
  });

  it("counts an intermediate that expires before the leaf", async () => {
    const row = await one(`127.0.0.1:${ports.underShort}`);
    const interEnd = await pki.opensslEndDate(certs.shortInter!.certFile);
    const leafEnd = await pki.opensslEndDate(certs.underShort!.certFile);
    expect(row.ok).toBe(false);
    expect(row.problems.map((p) => p.code)).toEqual(["expiring"]);
    expect(row.daysLeft).toBe(expectedDays(leafEnd));
    expect(new Date(row.earliestExpiry!).getTime()).toBe(interEnd.getTime());
    expect(new Date(row.notAfter!).getTime()).toBe(leafEnd.getTime());
  });

  it("sends the server name for SNI and checks the certificate against it", async () => {
    const row = await one(`127.0.0.1:${ports.sni}`, ["--ca", "root.pem", "--servername", "alpha.test"]);
    expect(row).toMatchObject({ ok: true, subject: "CN=alpha.test, O=shipgate tests" });
    const plain = await one(`localhost:${ports.sni}`);
    expect(plain.subject).toBe("CN=valid, O=shipgate tests");
  });

  it("times out on a server that accepts TCP and never answers, retrying network failures a bounded number of times", async () => {
    const { code, rows } = await certs_([`127.0.0.1:${ports.silent}`, "--timeout", "300", "--retries", "1", "--json"]);
    expect(code).toBe(1);
    expect(rows[0]).toMatchObject({ ok: false, attempts: 2 });
    expect(rows[0]!.problems[0]!.code).toBe("timeout");
  });

  it("reports a refused connection as unreachable, a failed gate (exit 1: it fails closed, README's exit codes)", async () => {
    const row = await one(`127.0.0.1:${ports.refused}`);
    expect(row.problems[0]!.code).toBe("unreachable");
    expect(row.error).toContain("ECONNREFUSED");
    const { code } = await certs_([`127.0.0.1:${ports.refused}`, "--retries", "0", "--json"]);
    expect(code).toBe(1);
  });

  it("names the budget in whole milliseconds when it cuts a handshake short", async () => {
    const { rows } = await certs_([`127.0.0.1:${ports.silent}`, "--timeout", "60000", "--budget", "300", "--retries", "0", "--json"]);
    expect(rows[0]!.error).toMatch(/within \d+ ms$|the total time budget of 300 ms ran out/);
    expect(rows[0]!.error).not.toMatch(/\d\.\d+ ms/);
  });

  it("does not retry a failed handshake", async () => {
    const { rows } = await certs_([`127.0.0.1:${ports.plain}`, "--retries", "3", "--json"]);
    expect(rows[0]!.problems[0]!.code).toBe("handshake-failed");
    expect(rows[0]!.attempts).toBe(1);
  });

  it("stops at the total time budget", async () => {
    const targets = Array.from({ length: 4 }, () => `127.0.0.1:${ports.silent}`);
    const { rows } = await certs_([...targets, "--timeout", "60000", "--budget", "400", "--concurrency", "2", "--json"]);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.problems[0]!.code).toBe("timeout");
  });

  it("checks many targets with a concurrency bound and keeps their order", async () => {
    const names = ["valid", "expired", "valid", "self", "wrongHost", "valid", "expiring", "valid"];
    const { code, rows } = await certs_([...names.map((n) => `127.0.0.1:${ports[n]}`), "--ca", "root.pem", "--concurrency", "3", "--json"]);
    expect(code).toBe(1);
    expect(rows.map((r) => r.port)).toEqual(names.map((n) => ports[n]));
    expect(rows.map((r) => r.ok)).toEqual(names.map((n) => n === "valid"));
  });

  it("prints human text without --json and exits 0 when all pass", async () => {
    const { code, stdout } = await certs_([`localhost:${ports.valid}`, "--ca", "root.pem"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS certs: /);
    expect(stdout).toContain(`localhost:${ports.valid}`);
  });
});

describe("shipgate certs on PEM files", () => {
  it("reports every certificate of a bundle, superseded ones apart, in agreement with openssl", async () => {
    const old = await pki.leaf("rotated", certs.inter!, { sans: ["DNS:svc.example"], notBefore: daysFromNow(-400, now), notAfter: daysFromNow(-10, now) });
    const renewed = await pki.leaf("rotated", certs.inter!, { sans: ["DNS:svc.example"], notAfter: daysFromNow(300, now) });
    await writeFile(pki.file("bundle.pem"), `# rotated bundle\n${old.certPem}${renewed.certPem}${certs.inter!.certPem}`);
    const { code, rows } = await certs_(["--file", "bundle.pem", "--json"]);
    expect(code).toBe(0);
    expect(rows.map((r) => [r.target, r.superseded, r.ok])).toEqual([
      ["file:bundle.pem#1", true, true],
      ["file:bundle.pem#2", false, true],
      ["file:bundle.pem#3", false, true],
    ]);
    expect(new Date(rows[1]!.notAfter!).getTime()).toBe((await pki.opensslEndDate(renewed.certFile)).getTime());
    expect(rows[1]!.daysLeft).toBe(expectedDays(await pki.opensslEndDate(renewed.certFile)));
  });

  it("fails an expired certificate in a file, via file: targets too", async () => {
    const { code, rows } = await certs_([`file:${certs.expired!.certFile}`, "--json"]);
    expect(code).toBe(1);
    expect(rows[0]!.problems[0]!.code).toBe("expired");
  });

  it.each([
    ["truncated.pem", (pem: string) => pem.slice(0, pem.length - 30), /truncated\.pem:1: the CERTIFICATE block is not closed/],
    ["garbage.pem", () => "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", /garbage\.pem:1: the certificate is not valid base64/],
    ["empty.pem", () => "nothing here\n", /empty\.pem: no CERTIFICATE block found/],
  ])("rejects the broken file %s with exit 2 and a message naming it", async (name, content, message) => {
    await writeFile(pki.file(name), content(certs.valid!.certPem));
    const { code, stderr } = await certs_(["--file", name, "--json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe("shipgate certs input errors", () => {
  it.each([
    [["host:99999"], /port "99999"/],
    [["[not-v6]:443"], /not an IPv6 address/],
    [["[::1]:https"], /port "https"/],
    [["bad host!"], /not a host name/],
    [["ftp://x"], /only https:\/\//],
    [[], /no certificates to check/],
    [["localhost", "--min-days", "3.5"], /--min-days: expected a whole number/],
    [["a.test", "b.test", "--servername", "x.test"], /servername \(--servername, input servername or gates.certs.servername\) applies to one target/],
    [["localhost", "--ca", "missing.pem"], /missing\.pem: cannot read the CA file: ENOENT/],
  ])("%j exits 2", async (args, message) => {
    const { code, stderr } = await certs_([...args, "--json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
