/** The checklist in an issue body: rendered, edited by people, parsed back. */
import { describe, expect, it } from "vitest";
import { isSettled, parseChecklist, renderChecklist, updateChecklist } from "../../src/runbooks/checklist.ts";

const items = [
  { id: "backup", text: "Full backup with a restore test", evidence: null },
  { id: "certs", text: "Certificate expiry", evidence: null },
  { id: "notes", text: "Notes of what was found", evidence: null },
];

describe("checklist", () => {
  it("parses back what it renders, every box open", () => {
    const parsed = parseChecklist(`# Weekly\n\n${renderChecklist(items)}\n\nfooter`);
    expect(parsed.map((item) => [item.id, item.text, item.checked, item.notApplicable])).toEqual([
      ["backup", "Full backup with a restore test", false, null],
      ["certs", "Certificate expiry", false, null],
      ["notes", "Notes of what was found", false, null],
    ]);
  });

  it("reads boxes ticked by people, N/A with a reason, and ignores N/A without one", () => {
    const body = renderChecklist(items)
      .replace("- [ ] Full backup", "- [x] Full backup")
      .replace("Certificate expiry", "Certificate expiry N/A: no public endpoint this week")
      .replace("Notes of what was found", "Notes of what was found N/A");
    const parsed = parseChecklist(body);
    expect(parsed.map((item) => [item.id, item.checked, item.notApplicable, isSettled(item)])).toEqual([
      ["backup", true, null, true],
      ["certs", false, "no public endpoint this week", true],
      ["notes", false, null, false],
    ]);
  });

  it("reads an N/A written on a line indented under the item", () => {
    const body = renderChecklist(items).replace("<!-- shipgate:item certs -->", "<!-- shipgate:item certs -->\n  n/a - the certificates moved to the CDN");
    expect(parseChecklist(body).find((item) => item.id === "certs")?.notApplicable).toBe("the certificates moved to the CDN");
  });

  it("keeps people's edits when an automated check ticks its item, and replaces its evidence on a re-run", () => {
    const edited = renderChecklist(items).replace("- [ ] Notes", "- [x] Notes") + "\n\nfound: nothing";
    const once = updateChecklist(edited, new Map([["certs", { checked: false, evidence: "[run 7](https://x.test/7): 1 certificate expires in 3 days" }]]));
    const twice = updateChecklist(once, new Map([["certs", { checked: true, evidence: "[run 8](https://x.test/8): earliest expiry in 80 days" }]]));
    const parsed = parseChecklist(twice);
    expect(parsed.find((item) => item.id === "certs")).toMatchObject({ checked: true, evidence: "[run 8](https://x.test/8): earliest expiry in 80 days" });
    expect(parsed.find((item) => item.id === "notes")?.checked).toBe(true);
    expect(twice).toContain("found: nothing");
    expect(twice.match(/shipgate:evidence/g)).toHaveLength(1);
  });

  it("neutralises item text: no HTML, no mention, no second line", () => {
    const body = renderChecklist([{ id: "x", text: "ping @ops <img src=x>\n- [x] fake", evidence: "<script>" }]);
    expect(body).not.toContain("<img");
    expect(body).not.toContain("<script>");
    expect(body).not.toMatch(/@ops/);
    expect(parseChecklist(body)).toHaveLength(1);
    expect(parseChecklist(body)[0]?.checked).toBe(false);
  });

  it("ignores items quoted in a code block and a copied line of the same id", () => {
    const line = renderChecklist([items[0]!]);
    const body = `${line}\n${line.replace("[ ]", "[x]")}\n\n\`\`\`\n${line.replace("[ ]", "[x]").replace("backup", "other")}\n\`\`\``;
    expect(parseChecklist(body).map((item) => [item.id, item.checked])).toEqual([["backup", false]]);
  });

  it("refuses an id that could end its marker", () => {
    expect(() => renderChecklist([{ id: "a -->", text: "x", evidence: null }])).toThrow(/letters, digits/);
  });
});
