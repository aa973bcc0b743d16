// Offline and updates on the release build: the service worker caches the
// app after the first visit, and a new deploy shows a notice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, appendFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, open, go, expectGoodPage } from "./harness.mjs";
import { serve } from "./server.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
}

test("after one visit the app opens and works with no network", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment");
  await page.locator("#rating-1-1-in_place").check();
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked(), "answers are there offline");
  await go(env, page, "#/pillars/4");
  assert.match(await page.locator("main h1").innerText(), /Pillar 4/);
  await page.goto(env.base + "#/summary");
  await page.locator("#completeness-count").waitFor();
  await context.setOffline(false);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test("the manifest makes it installable", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  assert.equal(manifest.name, "Health and Care LGBTQ+ Inclusion Framework");
  assert.equal(manifest.display, "standalone");
  assert.ok(manifest.icons.length >= 1);
  await expectGoodPage(page, problems, "manifest");
  await context.close();
});

test("a new deploy is announced, and storage is untouched by it", async () => {
  const root = mkdtempSync(join(tmpdir(), "deploy-"));
  cpSync("dist", root, { recursive: true });
  const server = await serve({ root });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + "#/self-assessment");
  await page.locator("#rating-2-2-not_in_place").check();
  await controlled(page);
  await page.reload();
  await page.locator("main h1").waitFor();
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  const before = await page.evaluate(() => localStorage.getItem("lgbtq-inclusion-framework"));

  // "Deploy" a new version: the worker script changes.
  appendFileSync(join(root, "sw.js"), "\n// next release\n");
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.locator("#update-ready").waitFor({ timeout: 15000 });
  assert.match(await page.locator("#update-ready").innerText(), /new version of this app has been installed/);
  assert.equal(await page.evaluate(() => localStorage.getItem("lgbtq-inclusion-framework")), before);
  await context.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});
