/**
 * Headless Chromium from Debian (`apt-get install -y chromium`; CHROMIUM=path to use another) with GitHub's
 * markdown stylesheet and Mermaid loaded from node_modules, offline: the page GitHub would show. Used by
 * `npm run screenshots` and, through mermaid-parser.ts, by the tests that hold Mermaid blocks to Mermaid's parser.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const root = path.resolve(import.meta.dirname, "../..");

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const chromiumPresent = existsSync(CHROMIUM);

/** Mermaid's own browser bundle, the build GitHub's viewer runs (a global `mermaid`). */
export const MERMAID_BUNDLE = path.join(root, "node_modules/mermaid/dist/mermaid.min.js");

export type Theme = "light" | "dark";

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}

export async function stylesheet(theme: Theme): Promise<string> {
  return readFile(path.join(root, `node_modules/github-markdown-css/github-markdown-${theme}.css`), "utf8");
}

/** The source of every ```mermaid block of a markdown text, in order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/** Loads Mermaid into a page (once) with the theme GitHub uses for the page's colour mode. */
export async function loadMermaid(page: Page, theme: Theme): Promise<void> {
  await page.addScriptTag({ path: MERMAID_BUNDLE });
  await page.evaluate((dark) => {
    const m = (globalThis as unknown as { mermaid: { initialize(config: object): void } }).mermaid;
    m.initialize({ startOnLoad: false, theme: dark ? "dark" : "default", securityLevel: "strict" });
  }, theme === "dark");
}

/** Mermaid's parser's answer for each source: null when it parses, else its message. */
export async function parseMermaid(page: Page, sources: string[]): Promise<(string | null)[]> {
  return page.evaluate(async (texts) => {
    const m = (globalThis as unknown as { mermaid: { parse(text: string): Promise<unknown> } }).mermaid;
    const answers: (string | null)[] = [];
    for (const text of texts) {
      try {
        await m.parse(text);
        answers.push(null);
      } catch (error) {
        answers.push(error instanceof Error ? error.message : String(error));
      }
    }
    return answers;
  }, sources);
}

/**
 * Draws the page's Mermaid blocks (marked renders them as `pre > code.language-mermaid`) as GitHub does: the source
 * replaced by its SVG. Returns the number drawn; a block Mermaid cannot draw throws, naming its error.
 */
export async function drawMermaid(page: Page): Promise<number> {
  return page.evaluate(async () => {
    interface Node {
      textContent: string | null;
      className: string;
      parentElement: { replaceWith(node: Node): void } | null;
    }
    const scope = globalThis as unknown as {
      mermaid: { run(options: { nodes: Node[] }): Promise<void> };
      document: { querySelectorAll(selector: string): Iterable<Node>; createElement(tag: string): Node };
    };
    const nodes: Node[] = [];
    for (const codeBlock of Array.from(scope.document.querySelectorAll("pre > code.language-mermaid"))) {
      const holder = scope.document.createElement("div");
      holder.className = "mermaid";
      holder.textContent = codeBlock.textContent;
      codeBlock.parentElement!.replaceWith(holder);
      nodes.push(holder);
    }
    if (nodes.length > 0) await scope.mermaid.run({ nodes });
    return nodes.length;
  });
}
