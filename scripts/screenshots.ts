/**
 * Draws every artefact of test/report/gallery.ts as GitHub shows it: GitHub-flavoured markdown (marked) in
 * GitHub's markdown stylesheet (github-markdown-css), screenshot by headless Chromium from Debian
 * (`apt-get install -y chromium`; CHROMIUM=path to use another) into docs/images/<name>.png.
 * Mermaid blocks stay as their source here: GitHub draws them itself. Not run by CI (it needs a browser).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { marked } from "marked";
import { chromium } from "playwright-core";
import { gallery, type Artefact } from "../test/report/gallery.ts";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "docs/images");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function page(artefact: Artefact, css: string): string {
  const title = artefact.title ? `<p class="check-title"><strong>${escapeHtml(artefact.title)}</strong></p>` : "";
  const body = marked.parse(artefact.markdown, { gfm: true, async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
    body { margin: 0; background: #fff; }
    .markdown-body { box-sizing: border-box; width: 920px; padding: 24px 32px; }
    .check-title { font-size: 16px; border-bottom: 1px solid #d0d7de; padding-bottom: 8px; }
    .kind { color: #59636e; font: 12px -apple-system, sans-serif; margin-bottom: 8px; }
  </style></head><body><article class="markdown-body"><div class="kind">${escapeHtml(artefact.kind)}</div>${title}${body}</article></body></html>`;
}

async function main(): Promise<void> {
  if (!existsSync(executablePath)) {
    process.stderr.write(`screenshots: no Chromium at ${executablePath}; install it (apt-get install -y chromium) or set CHROMIUM\n`);
    process.exitCode = 2;
    return;
  }
  const css = await readFile(path.join(root, "node_modules/github-markdown-css/github-markdown-light.css"), "utf8");
  await mkdir(out, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  try {
    const tab = await browser.newPage({ viewport: { width: 920, height: 600 }, deviceScaleFactor: 1 });
    for (const artefact of gallery()) {
      await tab.setContent(page(artefact, css), { waitUntil: "load" });
      const file = path.join(out, `${artefact.name}.png`);
      await tab.locator("article").screenshot({ path: file });
      process.stdout.write(`${path.relative(root, file)}\n`);
    }
  } finally {
    await browser.close();
  }
}

await main();
