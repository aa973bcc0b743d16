// Offline and updates on the release build: the service worker caches the
// app after the first visit, and a new deploy shows a notice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, appendFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, open, go, expectGoodPage, storedText, reload } from "./harness.mjs";
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

/** Runs `body` against a copy of the build served on its own, to "deploy" to. */
async function withOwnDeploy(body) {
  const root = mkdtempSync(join(tmpdir(), "deploy-"));
  cpSync("dist", root, { recursive: true });
  const server = await serve({ root });
  const context = await env.browser.newContext();
  try {
    await body({ root, url: server.url, page: await context.newPage() });
  } finally {
    // Always, so a failure cannot leave the server holding the test run open.
    await context.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

test("after one visit the app opens and works with no network", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-in_place").check();
  await controlled(page);
  await context.setOffline(true);
  await reload(page);
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked(), "answers are there offline");
  await go(env, page, "#/pillars/4");
  assert.match(await page.locator("main h1").innerText(), /Pillar 4/);
  await page.goto(env.base + "#/summary");
  await page.locator("#completeness-count").waitFor();
  await context.setOffline(false);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test("offline, the landing page still opens the checklists", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/");
  await controlled(page);
  // The worker cached every part on install, though this visit used none.
  await context.setOffline(true);
  await reload(page);
  for (const [link, route] of [["Your tasks", "#/tasks"], ["Summary", "#/summary"], ["Board report", "#/board"], ["Share", "#/share"]]) {
    await page.getByRole("link", { name: link, exact: true }).first().click();
    await page.locator(`.app-page[data-page="${route}"] h1`).waitFor();
  }
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
  await withOwnDeploy(async ({ root, url, page }) => {
    await page.goto(url + "#/self-assessment/2");
    await page.locator("#rating-2-2-not_in_place").check();
    await controlled(page);
    await reload(page);
    await page.evaluate(() => dispatchEvent(new Event("pagehide")));
    const before = await storedText(page);

    // "Deploy" a new version: the worker script changes.
    appendFileSync(join(root, "sw.js"), "\n// next release\n");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.locator("#update-ready").waitFor({ timeout: 15000 });
    assert.match(await page.locator("#update-ready").innerText(), /new version of this app has been installed/);
    assert.equal(await storedText(page), before);
  });
});

test("a page still running the previous version can open its parts after a deploy", async () => {
  await withOwnDeploy(async ({ root, url, page }) => {
    await page.goto(url + "#/");
    await page.locator("main h1").waitFor();
    await controlled(page);
    await reload(page); // now opened by the worker, as a returning user's page is

    // Deploy a new version whose parts are in another folder: the old one
    // is gone from the server. The old page can only get them from the cache.
    const folder = readdirSync(root).find((n) => /^app-[0-9a-f]{16}$/.test(n));
    const next = `app-${"f".repeat(16)}`;
    renameSync(join(root, folder), join(root, next));
    const worker = readFileSync(join(root, "sw.js"), "utf8");
    writeFileSync(join(root, "sw.js"), worker.replaceAll(`"./${folder}/`, `"./${next}/`).replace('const VERSION = "', 'const VERSION = "next-'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.locator("#update-ready").waitFor({ timeout: 15000 });
    await page.getByRole("link", { name: "Rate your organisation", exact: true }).first().click();
    await page.locator('.app-page[data-page="#/self-assessment/1"] h1').waitFor();
    await page.getByRole("link", { name: "Board report", exact: true }).first().click();
    await page.locator('.app-page[data-page="#/board"] h1').waitFor();
  });
});

test("other pages in the app's folder are left to the network; the app still opens offline", async () => {
  await withOwnDeploy(async ({ root, url, page }) => {
    // The host keeps other pages and files next to the app.
    mkdirSync(join(root, "guide"));
    const guide = (words) =>
      `<!doctype html><html lang="en"><head><title>Guide</title></head><body><h1>${words}</h1></body></html>`;
    writeFileSync(join(root, "guide", "page.html"), guide("A guide next to the app"));
    writeFileSync(join(root, "guide", "notes.txt"), "notes from the server");
    writeFileSync(join(root, "other.html"), guide("Another page in the app's folder"));
    // Listening from the start: Playwright subscribes to responses without
    // waiting, so a listener added just before the fetch could miss it.
    const notesResponse = new Promise((ok) => page.on("response", (r) => r.url().endsWith("/guide/notes.txt") && ok(r)));

    await page.goto(url + "#/");
    await page.locator("main h1").waitFor();
    await controlled(page);

    // Another page under the worker's scope: the server's page, not the app.
    let response = await page.goto(url + "guide/page.html");
    assert.equal(response.status(), 200);
    assert.equal(response.fromServiceWorker(), false);
    assert.equal(await page.locator("h1").innerText(), "A guide next to the app");
    assert.equal(await page.locator("#app").count(), 0);
    // It is the server's current copy each time, never a cached one.
    writeFileSync(join(root, "guide", "page.html"), guide("The guide, revised"));
    await page.reload();
    assert.equal(await page.locator("h1").innerText(), "The guide, revised");
    // That page's own requests under the scope go to the network too.
    assert.equal(await page.evaluate(() => fetch("notes.txt").then((r) => r.text())), "notes from the server");
    assert.equal((await notesResponse).fromServiceWorker(), false);
    response = await page.goto(url + "other.html?x=1");
    assert.equal(response.fromServiceWorker(), false);
    assert.equal(await page.locator("h1").innerText(), "Another page in the app's folder");
    // The worker still controls the folder: the app's own page comes from it.
    response = await page.goto(url + "#/glossary");
    assert.equal(response.fromServiceWorker(), true);
    await page.locator('.app-page[data-page="#/glossary"] h1').waitFor();

    // Offline, the app's page opens (as the folder, or index.html with a
    // query) and works; the other pages were never cached.
    await page.context().setOffline(true);
    try {
      await page.goto(url + "index.html?from=guide#/pillars/2");
      await page.locator('.app-page[data-page="#/pillars/2"] h1').waitFor();
      assert.match(await page.locator("main h1").innerText(), /Pillar 2/);
      await page.getByRole("link", { name: "Rate this element (2.1)", exact: true }).click();
      await page.locator('.app-page[data-page="#/self-assessment/2"] h1').waitFor();
      await page.locator("#rating-2-1-in_place").check();
      await page.goto(url + "?utm=x#/");
      await page.locator('.app-page[data-page="#/"] h1').waitFor();
      await assert.rejects(page.goto(url + "guide/page.html"), /ERR_INTERNET_DISCONNECTED/);
    } finally {
      await page.context().setOffline(false);
    }
  });
});
