/** Pure logic of incidents: tables of cases. */
import { describe, expect, it } from "vitest";
import { matchesName } from "../../src/incident/glob.ts";
import { renderKey } from "../../src/incident/key.ts";
import { incidentMarker, parseIncidentMarker, replaceIncidentMarker, type IncidentMeta } from "../../src/incident/marker.ts";
import { environmentLabel, failureComment, incidentBody, incidentTitle, inert, jobLines, slaBreachComment } from "../../src/incident/render.ts";
import { classify, deadlines } from "../../src/incident/severity.ts";
import { parsePolicyText } from "../../src/policy/validate.ts";
import { runInfo, settingsWith } from "./support.ts";

describe("name patterns", () => {
  it.each([
    ["production", "production", true],
    ["production", "production-eu", false],
    ["prod*", "production-eu", true],
    ["release/*", "release/1.2", true],
    ["release/*", "hotfix/1.2", false],
    ["*", "", true],
    ["?", "", false],
    ["v?.*", "v1.2", true],
    ["*-eu", "prod-eu", true],
    ["a*b*c", "axxbyyc", true],
    ["a*b*c", "axxbyy", false],
    ["(.*)+", "aaaa", false],
  ])("%s matches %s: %s", (pattern, name, expected) => {
    expect(matchesName(pattern, name)).toBe(expected);
  });

  it("stays fast on a pattern that would make a backtracking regex explode", () => {
    expect(matchesName("*a*a*a*a*a*a*a*a*b", "a".repeat(5000))).toBe(false);
  });
});

describe("dedup key", () => {
  const run = runInfo({ workflow: "Deploy", environment: "production", branch: "main", event: "push", repository: "acme/app" });
  it.each([
    ["{workflow}/{environment}", "Deploy/production"],
    ["{repository}:{workflow}:{branch}", "acme/app:Deploy:main"],
    ["deploys", "deploys"],
    ["{event}-{environment}", "push-production"],
  ])("%s -> %s", (template, key) => {
    expect(renderKey(template, run)).toBe(key);
  });

  it("takes values as text: a branch that looks like a placeholder or a regex stays itself", () => {
    expect(renderKey("{branch}", { ...run, branch: "{workflow}.*$(x)" })).toBe("{workflow}.*$(x)");
  });

  it.each(["{nope}", "{workflow", "a}b"])("refuses the template %s", (template) => {
    expect(() => renderKey(template, run)).toThrow(/dedup-key/);
  });

  it("refuses a key that comes out empty", () => {
    expect(() => renderKey("{environment}", { ...run, environment: "" })).toThrow(/empty for this run/);
  });
});

describe("severity and SLA", () => {
  const settings = settingsWith({
    rules: [
      { name: "prod hotfix", environment: ["production"], branch: ["hotfix/*"], severity: "P1", assignees: ["@bob"] },
      { name: "prod", environment: ["production"], severity: "P2" },
      { name: "nightly", workflow: ["Nightly*"], severity: "P4" },
    ],
    "on-call": ["alice"],
    sla: { P1: { response: "15m", resolution: "4h" }, P2: { response: "1h" }, P3: { response: "4h" }, P4: { response: "24h" } },
  });
  it.each([
    [{ environment: "production", branch: "hotfix/x" }, "P1", "prod hotfix", ["bob"]],
    [{ environment: "production", branch: "main" }, "P2", "prod", ["alice"]],
    [{ environment: "staging", workflow: "Nightly build" }, "P4", "nightly", ["alice"]],
    [{ environment: "staging", workflow: "Deploy" }, "P3", null, ["alice"]],
  ] as const)("%j -> %s", (run, severity, rule, assignees) => {
    expect(classify(settings, runInfo(run))).toEqual({ severity, rule, assignees });
  });

  it("makes a production failure P2 by default", () => {
    expect(classify(settingsWith(), runInfo({ environment: "production" })).severity).toBe("P2");
    expect(classify(settingsWith(), runInfo({ environment: "staging" })).severity).toBe("P3");
  });

  it.each([
    ["P1", "2026-03-03T10:15:00.000Z", "2026-03-03T14:00:00.000Z"],
    ["P2", "2026-03-03T11:00:00.000Z", null],
    ["P3", "2026-03-03T14:00:00.000Z", null],
    ["P4", "2026-03-04T10:00:00.000Z", null],
  ] as const)("%s is due at %s", (severity, responseDue, resolutionDue) => {
    expect(deadlines(settings, severity, new Date("2026-03-03T10:00:00Z"))).toEqual({ responseDue, resolutionDue });
  });
});

describe("the incident marker", () => {
  const meta: IncidentMeta = { key: "Deploy/prod --> <b>", severity: "P1", detectedAt: "2026-03-03T10:00:00.000Z", openedAt: "2026-03-03T10:00:00.000Z", responseDue: "2026-03-03T10:15:00.000Z", resolutionDue: null, run: "42" };

  it("round-trips any key, and no key text can end the hidden comment", () => {
    const marker = incidentMarker(meta);
    expect(marker.indexOf("-->")).toBe(marker.length - 3);
    expect(parseIncidentMarker(`text before\n${marker}\ntext after`)).toEqual(meta);
  });

  it.each([
    ["no marker", "just an issue"],
    ["garbage", "<!-- shipgate:incident !!!not-base64 -->"],
    ["not closed", "<!-- shipgate:incident eyJ"],
    ["wrong fields", `<!-- shipgate:incident ${Buffer.from(JSON.stringify({ key: 1 })).toString("base64url")} -->`],
    ["bad severity", `<!-- shipgate:incident ${Buffer.from(JSON.stringify({ ...meta, severity: "P9" })).toString("base64url")} -->`],
    ["a time that is free text", `<!-- shipgate:incident ${Buffer.from(JSON.stringify({ ...meta, responseDue: "2026-03-03 (@everyone)" })).toString("base64url")} -->`],
    ["a time that is no date", `<!-- shipgate:incident ${Buffer.from(JSON.stringify({ ...meta, detectedAt: "2026-02-30T10:00:00.000Z" })).toString("base64url")} -->`],
  ])("ignores %s", (_name, body) => {
    expect(parseIncidentMarker(body)).toBeUndefined();
  });

  it("replaces the marker and keeps what people wrote around it", () => {
    const body = `${incidentMarker(meta)}\nedited by a person`;
    const replaced = replaceIncidentMarker(body, { ...meta, run: "43" });
    expect(parseIncidentMarker(replaced)?.run).toBe("43");
    expect(replaced).toContain("edited by a person");
  });
});

describe("untrusted text is inert", () => {
  const hostile = "@octocat fix #12 <img src=x onerror=alert(1)> [link](https://evil.example) **bold** `code` <!-- x -->\nsecond line";

  it("neutralises mentions, references, HTML, links and emphasis", () => {
    const text = inert(hostile);
    for (const active of ["@", "#12", "<", ">", "[", "]", "(", ")", "*", "`", "\n"]) expect(text).not.toContain(active);
    expect(text).toContain("&#64;octocat");
  });

  it("caps the length and shows an empty value as (none)", () => {
    expect(inert("x".repeat(500), 10)).toBe(`${"x".repeat(10)}…`);
    expect(inert("  ")).toBe("(none)");
  });

  it("renders a body and comments in which no hostile field is active", () => {
    const run = runInfo({ branch: hostile, commitMessage: hostile, actor: "@evil", workflow: "Deploy <script>", environment: "prod @team" });
    const jobs = [{ name: hostile, conclusion: "failure", status: "completed", url: "https://github.com/acme/app/actions/runs/1/job/2", failedSteps: [{ number: 3, name: hostile, conclusion: "failure" }] }];
    const settings = settingsWith();
    const meta: IncidentMeta = { key: "k", severity: "P2", detectedAt: "2026-03-03T10:00:00.000Z", openedAt: "2026-03-03T10:00:00.000Z", responseDue: "2026-03-03T11:00:00.000Z", resolutionDue: null, run: "1" };
    for (const text of [incidentBody(meta, run, classify(settings, run), jobs, true, "UTC"), failureComment(run, jobs, 2, undefined)]) {
      const visible = text.replace(/<!-- shipgate:[^>]*-->/g, "").replace(/<sub>|<\/sub>/g, "");
      expect(visible).not.toMatch(/@\w/);
      expect(visible).not.toMatch(/<(?!\/?sub)/);
      expect(visible).not.toContain("#12");
      expect(visible).not.toContain("](https://evil");
    }
    expect(incidentTitle(run, "P2")).toBe("[P2] Deploy <script> failed in prod @team");
  });

  it("lists the failed jobs and steps, bounded", () => {
    const jobs = Array.from({ length: 25 }, (_, i) => ({ name: `job ${i}`, conclusion: "failure", status: "completed", url: null, failedSteps: [{ number: 1, name: "test", conclusion: "failure" }] }));
    const lines = jobLines(jobs);
    expect(lines.filter((l) => l.startsWith("- Job"))).toHaveLength(20);
    expect(lines.at(-1)).toBe("- … 5 more failed jobs (see the run)");
    expect(jobLines([])[0]).toMatch(/no failed job/);
  });

  it("makes label names from environments", () => {
    expect(environmentLabel("prod, eu")).toBe("environment:prod-eu");
    expect(environmentLabel("")).toBeUndefined();
  });

  it("mentions only the escalation contacts from the policy", () => {
    const meta: IncidentMeta = { key: "k", severity: "P1", detectedAt: "2026-03-03T10:00:00.000Z", openedAt: "2026-03-03T10:00:00.000Z", responseDue: "2026-03-03T10:15:00.000Z", resolutionDue: null, run: "1" };
    expect(slaBreachComment("response", meta, meta.responseDue, ["acme/sre", "carol"], "UTC")).toContain("@acme/sre @carol: **SLA breached**");
  });

  it("shows times in the policy's zone, named, with UTC beside", () => {
    const meta: IncidentMeta = { key: "k", severity: "P1", detectedAt: "2026-03-03T10:00:00.000Z", openedAt: "2026-03-03T10:00:00.000Z", responseDue: "2026-03-03T23:15:00.000Z", resolutionDue: null, run: "1" };
    const run = runInfo();
    const body = incidentBody(meta, run, classify(settingsWith(), run), [], false, "Europe/Paris");
    expect(body).toContain("**Detected:** Tue 3 Mar 2026 11:00 Europe/Paris (10:00 UTC) · **SLA:** respond by Wed 4 Mar 2026 00:15 Europe/Paris (23:15 UTC 3 Mar)");
    expect(slaBreachComment("response", meta, meta.responseDue, [], "UTC")).toContain("(due Tue 3 Mar 2026 23:15 UTC)");
  });

  it("links the pull request a merge commit names, and keeps the rest of the subject inert", () => {
    const run = runInfo({ commitMessage: "fix: *retry* the <b>deploy</b> (#42)\n\nbody", runUrl: "https://github.com/acme/app/actions/runs/77" });
    const meta: IncidentMeta = { key: "k", severity: "P3", detectedAt: "2026-03-03T10:00:00.000Z", openedAt: "2026-03-03T10:00:00.000Z", responseDue: "2026-03-03T14:00:00.000Z", resolutionDue: null, run: "77" };
    const body = incidentBody(meta, run, classify(settingsWith(), run), [], false, "UTC");
    expect(body).toMatch(/“fix&#58; &#42;retry&#42; the &#60;b&#62;deploy&#60;\/b&#62;” \(\[#42\]\(https:\/\/github\.com\/acme\/app\/pull\/42\)\)/);
  });
});

describe("the incidents: policy section", () => {
  it("fills the defaults of the procedure", async () => {
    const policy = await parsePolicyText("incidents: {}\n", "shipgate.yml");
    expect(policy.incidents).toMatchObject({
      "default-severity": "P3",
      "dedup-key": "{workflow}/{environment}",
      "flap-window": "1h",
      "post-mortem": ["P1", "P2"],
      sla: { P1: { response: "15m" }, P2: { response: "1h" }, P3: { response: "4h" }, P4: { response: "24h" } },
      labels: { incident: "incident", "sla-breached": "sla-breached", "follow-up": "incident-follow-up" },
    });
    expect(policy.incidents.rules).toEqual([{ name: "production deploy failure", environment: ["production"], severity: "P2" }]);
  });

  it.each([
    ["incidents:\n  dedup-key: '{commit}'\n", /dedup-key/],
    ["incidents:\n  sla:\n    P1: { response: soon }\n", /sla\/P1\/response|sla\.P1\.response/],
    ["incidents:\n  escalation: ['<b>x</b>']\n", /escalation/],
    ["incidents:\n  rules: [{ environment: [production], severity: P0 }]\n", /severity/],
    ["incidents:\n  on-call: ['@acme/team']\n", /on-call/],
  ])("refuses %j naming the key", async (text, message) => {
    await expect(parsePolicyText(text, "shipgate.yml")).rejects.toThrow(message);
  });

  it("refuses a label with a comma and a resolution SLA shorter than the response", () => {
    expect(() => settingsWith({ labels: { incident: "a,b", "sla-breached": "sla-breached", "follow-up": "f" } })).toThrow(/labels\.incident: a label name cannot contain a comma/);
    expect(() => settingsWith({ sla: { P1: { response: "1h", resolution: "15m" }, P2: { response: "1h" }, P3: { response: "4h" }, P4: { response: "24h" } } })).toThrow(/resolution is shorter/);
  });
});
