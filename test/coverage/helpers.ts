import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import { tempDir } from "../support/temp.ts";

/** A temp directory removed after the test file; returns a writer of files inside it. */
export function tempFiles(): (name: string, content: string | Buffer) => string {
  const dir = tempDir("coverage");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
}

/** Asserts that `promise` rejects with a UserError whose message matches every pattern. */
export async function expectUserError(promise: Promise<unknown>, ...patterns: (string | RegExp)[]): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, "expected a UserError").toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  for (const pattern of patterns) {
    if (typeof pattern === "string") expect(message).toContain(pattern);
    else expect(message).toMatch(pattern);
  }
  return message;
}
