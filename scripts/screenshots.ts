/**
 * Draws every artefact of test/report/gallery.ts as GitHub shows it: GitHub-flavoured markdown (marked) in
 * GitHub's markdown stylesheet (github-markdown-css), Mermaid blocks drawn by Mermaid itself as GitHub's viewer
 * does, screenshot by headless Chromium from Debian (`apt-get install -y chromium`; CHROMIUM=path to use another)
 * into docs/images/<name>.png, and the artefacts with pictures also in GitHub's dark mode into
 * docs/images/dark/<name>.png. Offline: everything comes from node_modules. Not run by CI.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { marked } from "marked";
import { gallery, type Artefact } from "../test/report/gallery.ts";
import { removeTempDirs } from "../test/support/temp.ts";
import { CHROMIUM, chromiumPresent, drawMermaid, launchChromium, loadMermaid, mermaidBlocks, stylesheet, type Theme } from "../test/report/browser.ts";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "docs/images");

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const BACKGROUND: Record<Theme, { page: string; rule: string; muted: string }> = {
  light: { page: "#ffffff", rule: "#d1d9e0", muted: "#59636e" },
  dark: { page: "#0d1117", rule: "#3d444d", muted: "#9198a1" },
};

function page(artefact: Artefact, css: string, theme: Theme): string {
  const colours = BACKGROUND[theme];
  const title = artefact.title ? `<p class="check-title"><strong>${escapeHtml(artefact.title)}</strong></p>` : "";
  const body = marked.parse(artefact.markdown, { gfm: true, async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
    body { margin: 0; background: ${colours.page}; }
    .markdown-body { box-sizing: border-box; width: 920px; padding: 24px 32px; }
    .markdown-body .mermaid { margin-bottom: 16px; text-align: center; }
    .check-title { font-size: 16px; border-bottom: 1px solid ${colours.rule}; padding-bottom: 8px; }
    .kind { color: ${colours.muted}; font: 12px -apple-system, sans-serif; margin-bottom: 8px; }
  </style></head><body><article class="markdown-body"><div class="kind">${escapeHtml(artefact.kind)}</div>${title}${body}</article></body></html>`;
}

async function main(): Promise<void> {
  if (!chromiumPresent) {
    process.stderr.write(`screenshots: no Chromium at ${CHROMIUM}; install it (apt-get install -y chromium) or set CHROMIUM\n`);
    process.exitCode = 2;
    return;
  }
  await mkdir(path.join(out, "dark"), { recursive: true });
  const artefacts = await gallery();
  const browser = await launchChromium();
  try {
    for (const theme of ["light", "dark"] as const) {
      const css = await stylesheet(theme);
      const tab = await browser.newPage({ viewport: { width: 920, height: 600 }, deviceScaleFactor: 1, colorScheme: theme });
      for (const artefact of artefacts) {
        const pictures = mermaidBlocks(artefact.markdown).length;
        if (theme === "dark" && pictures === 0) continue;
        await tab.setContent(page(artefact, css, theme), { waitUntil: "load" });
        if (pictures > 0) {
          await loadMermaid(tab, theme);
          await drawMermaid(tab);
        }
        const file = path.join(out, theme === "dark" ? "dark" : "", `${artefact.name}.png`);
        await tab.locator("article").screenshot({ path: file });
        process.stdout.write(`${path.relative(root, file)}${pictures > 0 ? ` (${pictures} Mermaid)` : ""}\n`);
      }
      await tab.close();
    }
  } finally {
    await browser.close();
    removeTempDirs();
  }
}

await main();
