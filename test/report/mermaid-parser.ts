/**
 * Mermaid's own parser in headless Chromium, for the tests that hold Mermaid blocks to it. Kept apart from
 * browser.ts, which `npm run screenshots` imports too, because it registers vitest hooks.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium, loadMermaid, parseMermaid } from "./browser.ts";

/**
 * Call inside a describe block (skipped when Chromium is absent): Chromium is launched and Mermaid loaded, with
 * GitHub's light theme, before the block's tests, and closed after them. The function returns, for each source,
 * null when it parses, else the parser's message.
 */
export function mermaidParserInChromium(): (sources: string[]) => Promise<(string | null)[]> {
  let browser: Browser | undefined;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await loadMermaid(page, "light");
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return (sources) => parseMermaid(page, sources);
}
