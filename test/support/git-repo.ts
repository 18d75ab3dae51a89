/** Real git repositories in temp folders, with fixed identities and dates so that tests are repeatable. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(file: string, content: string): void;
  commit(message: string): string;
}

export function createTempRepo(): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), "shipgate-repo-"));
  let tick = 0;
  const git = (...args: string[]) => {
    const date = `2026-01-01T00:00:${String(tick).padStart(2, "0")}Z`;
    return execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Test",
        GIT_AUTHOR_EMAIL: "test@example.com",
        GIT_COMMITTER_NAME: "Test",
        GIT_COMMITTER_EMAIL: "test@example.com",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: "1",
        HOME: dir,
      },
    }).trim();
  };
  git("init", "-q", "-b", "main");
  return {
    dir,
    git,
    write(file, content) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    },
    commit(message) {
      tick = (tick + 1) % 60;
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
  };
}

/** An lcov record for one file: hits per line number (0 = not covered). */
export function lcovRecord(file: string, hits: Record<number, number>): string {
  const lines = Object.entries(hits).map(([line, count]) => `DA:${line},${count}`);
  const found = lines.length;
  const hit = Object.values(hits).filter((h) => h > 0).length;
  return ["TN:", `SF:${file}`, ...lines, `LF:${found}`, `LH:${hit}`, "end_of_record", ""].join("\n");
}
