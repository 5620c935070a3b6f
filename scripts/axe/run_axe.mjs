// Accessibility check of built reports: axe-core (WCAG 2.0 and 2.1, levels A and AA) in headless Chromium.
//
//   cd scripts/axe && npm install            # once: axe-core and puppeteer-core (no browser download)
//   node scripts/axe/run_axe.mjs reports/2025-10/report.html reports/index.html
//
// Options: --chromium PATH (default: the CHROMIUM environment variable, else "chromium" on the PATH)
//          --widths 1280,390 (each page is checked at every width, in pixels)
// Every request other than file: and data: is blocked and counted: a report must load nothing from
// another server; a page wider than the window (content off-screen) is reported too. Exit status 0 when
// no page has a violation, an outside request or content off-screen, 1 otherwise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const chromium = option("--chromium", process.env.CHROMIUM || "chromium");
const widths = option("--widths", "1280,390").split(",").map(Number);
const pages = args;
if (!pages.length) {
  console.error("run_axe: error: no page given. How to fix: node scripts/axe/run_axe.mjs reports/2025-10/report.html");
  process.exit(2);
}

const executablePath = chromium.includes("/") ? chromium : await which(chromium);
const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
let failed = false;
try {
  for (const file of pages) {
    for (const width of widths) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      const outside = [];
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const url = request.url();
        if (url.startsWith("file:") || url.startsWith("data:")) return request.continue();
        outside.push(url);
        return request.abort();
      });
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
      await page.evaluate(axeSource);
      const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
      const nodes = result.violations.reduce((n, v) => n + v.nodes.length, 0);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(`${file} at ${width} px: ${result.violations.length} violations (${nodes} elements), ` +
                  `${result.passes.length} rules passed, ${result.incomplete.length} to review by hand, ` +
                  `${outside.length} outside requests` + (wide > 0 ? `, ${wide} px wider than the screen` : ""));
      for (const v of result.violations) {
        console.log(`  ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(" ")}: ${node.failureSummary.split("\n").slice(1).join(" ").trim()}`);
      }
      for (const url of outside) console.log(`  outside request: ${url}`);
      failed ||= result.violations.length > 0 || outside.length > 0 || wide > 0;
      await page.close();
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

async function which(name) {
  const { execFileSync } = await import("node:child_process");
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
  } catch {
    console.error(`run_axe: error: browser '${name}' not found. How to fix: install Chromium or pass --chromium PATH`);
    process.exit(2);
  }
}
