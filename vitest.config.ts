import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // CI reads the counts of the one run it makes (the main job's) from this file: see .ci/run.
    reporters: process.env.SHIPGATE_TEST_JSON ? ["default", ["json", { outputFile: process.env.SHIPGATE_TEST_JSON }]] : ["default"],
    // Every temp folder of a test is removed when it ends; the global setup fails the run if one is left.
    setupFiles: ["test/support/setup.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "lcov", "json-summary"],
    },
  },
});
