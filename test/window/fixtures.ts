import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { tempDir } from "../support/temp.ts";

/** The procedure's windows, as a team would write them in .github/shipgate.yml. */
export const PROCEDURE_POLICY = `windows:
  timezone: Europe/Paris
  deploy:
    - name: off-peak
      days: [tue, wed]
      start: "10:00"
      end: "12:00"
  maintenance:
    - name: weekly
      days: [sun]
      start: "02:00"
      end: "04:00"
    - name: monthly
      days: [sat]
      weeks: [1]
      start: "23:00"
      end: "02:00"
  freezes:
    - name: year-end
      from: "2026-12-19T00:00"
      to: "2027-01-04T00:00"
`;

/** A temporary repository root with .github/shipgate.yml holding `policy`. */
export async function repoWithPolicy(policy: string): Promise<string> {
  const root = tempDir("window");
  await mkdir(path.join(root, ".github"));
  await writeFile(path.join(root, ".github/shipgate.yml"), policy);
  return root;
}
