// Screenshots of pages of the release build, at desktop width and 320px, for
// a person to look at: node scripts/screenshot.mjs out-dir [#/route ...]
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { serve } from "../e2e/server.mjs";

const [outDir = "screenshots", ...routes] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const server = await serve({ root: "dist" });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run"],
});
for (const route of routes.length ? routes : ["#/"]) {
  for (const width of [1280, 320]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(server.url + route);
    await page.locator(".app-page[data-page] h1").first().waitFor();
    // Fonts and layout settled, and the app's focus move (a frame after drawing) done.
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    });
    const name = `${outDir}/${route.replace(/[^a-z0-9]+/gi, "_") || "home"}-${width}.png`;
    await page.screenshot({ path: name, fullPage: true });
    console.log(name);
    await page.close();
  }
}
await browser.close();
await server.close();
