import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPath, isSelfSigned, trustStore } from "../../src/certs/chain.ts";
import { evaluateFileCertificates, evaluatePresentedChain, formatName, supersededBy } from "../../src/certs/evaluate.ts";
import { hostnameError } from "../../src/net/tls.ts";
import { Pki, daysFromNow } from "./pki.ts";

let pki: Pki;
const now = new Date();
const x509: Record<string, X509Certificate> = {};

beforeAll(async () => {
  pki = await Pki.create();
  // Old root R1 and new root R2; R2 is cross-signed by R1 so clients that only know R1 still reach it.
  const r1 = await pki.root("r1", { notAfter: daysFromNow(3000, now) });
  const r2 = await pki.root("r2", { notAfter: daysFromNow(3000, now) });
  const cross = await pki.crossSign(r2, r1, { notAfter: daysFromNow(15, now) }, "r2-by-r1");
  const inter = await pki.intermediate("inter", r2, { notAfter: daysFromNow(2000, now) });
  const leaf = await pki.leaf("leaf", inter, { sans: ["DNS:svc.example"], notAfter: daysFromNow(300, now) });
  for (const issued of [r1, r2, cross, inter, leaf]) x509[issued.certFile.replace(/^.*\/|\.pem$/g, "")] = new X509Certificate(issued.certPem);
});

afterAll(async () => {
  await pki?.dispose();
});

const names = (certificates: X509Certificate[]): string[] => certificates.map((c) => formatName(c.subject).replace(/^CN=([^,]+).*$/, "$1") + (c.issuer === c.subject ? "" : `<${formatName(c.issuer).replace(/^CN=([^,]+).*$/, "$1")}`));

describe("building the verified path", () => {
  it.each([
    ["only the old root trusted: through the cross-sign", ["r1"], ["leaf<inter", "inter<r2", "r2<r1"], "r1"],
    ["only the new root trusted: the cross-sign is unused", ["r2"], ["leaf<inter", "inter<r2"], "r2"],
    ["both trusted: the path that stays valid longer", ["r1", "r2"], ["leaf<inter", "inter<r2"], "r2"],
    ["none trusted: the longest partial path", [], ["leaf<inter", "inter<r2", "r2<r1"], null],
  ])("%s", (_title, trusted, expectedPath, expectedAnchor) => {
    const path = buildPath(x509.leaf!, [x509.inter!, x509["r2-by-r1"]!], trustStore(trusted.map((n) => x509[n]!)));
    expect(names(path.certificates)).toEqual(expectedPath);
    expect(path.anchor ? formatName(path.anchor.subject).replace(/^CN=([^,]+).*$/, "$1") : null).toBe(expectedAnchor);
  });

  it("does not count an unused cross-sign in the earliest expiry, but counts a used one", () => {
    const evaluate = (trusted: string[]) =>
      evaluatePresentedChain({
        presented: [x509.leaf!, x509.inter!, x509["r2-by-r1"]!],
        store: trustStore(trusted.map((n) => x509[n]!)),
        expectedName: "svc.example",
        hostnameError,
        now,
        thresholds: { minDays: 30, warnDays: 45 },
      });
    const viaNewRoot = evaluate(["r2"]);
    expect(viaNewRoot.status).toBe("pass");
    expect(viaNewRoot.chain.earliestExpiry).toBe(x509.leaf!.validToDate.toISOString());
    const viaOldRoot = evaluate(["r1"]);
    expect(viaOldRoot.problems.map((p) => p.code)).toEqual(["expiring"]);
    expect(viaOldRoot.chain.earliestExpiry).toBe(x509["r2-by-r1"]!.validToDate.toISOString());
  });

  it("ignores presented certificates that claim the issuer's name without its signature", () => {
    // r2-by-r1 carries r2's name and key; r1 has a different key, so it cannot have signed inter.
    const path = buildPath(x509.inter!, [x509.r1!], trustStore([]));
    expect(names(path.certificates)).toEqual(["inter<r2"]);
  });

  it("tells self-signed certificates apart", () => {
    expect(isSelfSigned(x509.r1!)).toBe(true);
    expect(isSelfSigned(x509["r2-by-r1"]!)).toBe(false);
    expect(isSelfSigned(x509.leaf!)).toBe(false);
  });
});

describe("rotated bundles", () => {
  it("does not treat a cross-sign (same name and key, other issuer) as a replacement", () => {
    expect(supersededBy(x509["r2-by-r1"]!, [x509.r2!, x509["r2-by-r1"]!])).toBeNull();
  });

  it("marks the older of two certificates with the same subject as superseded", async () => {
    const issuer = await pki.intermediate("inter-2", await pki.root("r3", { notAfter: daysFromNow(3000, now) }), { notAfter: daysFromNow(2000, now) });
    const older = new X509Certificate((await pki.leaf("app", issuer, { sans: ["DNS:app.example"], notAfter: daysFromNow(5, now) })).certPem);
    const newer = new X509Certificate((await pki.leaf("app", issuer, { sans: ["DNS:app.example"], notAfter: daysFromNow(200, now) })).certPem);
    const [first, second] = evaluateFileCertificates([older, newer], now, { minDays: 30, warnDays: 45 });
    expect(first).toMatchObject({ status: "pass", problems: [], supersededBy: newer.serialNumber });
    expect(second).toMatchObject({ status: "pass", supersededBy: null });
    const alone = evaluateFileCertificates([older], now, { minDays: 30, warnDays: 45 });
    expect(alone[0]!.problems.map((p) => p.code)).toEqual(["expiring"]);
  });
});

