/** Runs before every test file (vitest setupFiles): removes the file's temp folders not bound to one test. */
import { afterAll } from "vitest";
import { removeTempDirs } from "./temp.ts";

afterAll(() => {
  removeTempDirs();
});
