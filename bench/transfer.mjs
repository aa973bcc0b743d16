// What a first visit downloads on three journeys, in gzip bytes as a static
// host serves them: every file the page fetched from dist/ (HTML, CSS, JS,
// wasm, icon, manifest), gzipped at level 9, summed. The service worker is
// blocked: it caches the rest for offline use in the background afterwards,
// which is not what the person waits for. Used by e2e/sizes.test.mjs (the
// budgets) and bench/run.mjs (the figures against the targets).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGETS = JSON.parse(readFileSync(new URL("./budgets.json", import.meta.url), "utf8"));

/** The three journeys; each resolves once the person can act. */
export const JOURNEYS = {
  // The landing page, drawn.
  landingKB: async (page, base) => {
    await page.goto(base);
    await page.waitForFunction(() => document.querySelector(".app-page")?.dataset.page === "#/");
  },
  // From the landing page, Start now until the start page answers input.
  startNowKB: async (page, base) => {
    await JOURNEYS.landingKB(page, base);
    await page.locator("#start-now").click();
    await page.waitForFunction(() => document.querySelector(".app-page")?.dataset.page === "#/start");
    await page.locator("#start-organisation").fill("Northshire NHS Foundation Trust");
  },
  // A deep link to a self-assessment page, then rating an element.
  deepLinkKB: async (page, base) => {
    await page.goto(base + "#/self-assessment/3");
    await page.waitForFunction(() => document.querySelector(".app-page")?.dataset.page === "#/self-assessment/3");
    await page.locator("#rating-3-1-in_place").check();
  },
};

/** Runs `journey` in a fresh context; resolves to { bytes, files }. */
export async function measure(browser, base, journey, dist = "dist") {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const prefix = new URL(base).pathname;
  const fetched = new Set();
  page.on("request", (req) => {
    const path = decodeURIComponent(new URL(req.url()).pathname);
    if (path.startsWith(prefix)) fetched.add(path.slice(prefix.length) || "index.html");
  });
  await JOURNEYS[journey](page, base);
  await page.waitForLoadState("networkidle");
  await context.close();
  const files = [...fetched].sort().map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }));
  return { bytes: files.reduce((sum, f) => sum + f.gzip, 0), files };
}
