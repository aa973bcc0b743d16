// One build in parts, on the release build: the landing page loads only the
// main module; a page that edits fetches its part (and the chunks it shares
// with others) the first time it is drawn, moves focus as any navigation
// does, and says so, with a way to try again, if the part cannot be fetched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, go, expectAccessible, expectGoodPage, expectClean, waitForHeading, waitForTitle } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const READING = ["#/", "#/pillars/1", "#/pillars/6", "#/glossary", "#/resources", "#/accessibility", "#/no-such-page"];
const EDITING = ["#/self-assessment", "#/self-assessment/3", "#/self-assessment/check", "#/progress", "#/progress/focus", "#/start", "#/actions", "#/tasks", "#/summary", "#/organisation", "#/assessments", "#/share", "#/print", "#/rounds", "#/compare", "#/privacy"];

/** The app's wasm files this page fetched: "main", or a part's name
 * ("checklists" for split_checklists.wasm); shared chunks are left out. */
function wasmFetched(page) {
  const seen = [];
  page.on("request", (req) => {
    const name = req.url().split("/").pop();
    if (name.endsWith("_bg.wasm")) seen.push("main");
    else if (name.startsWith("split_")) seen.push(name.slice(6, -5));
  });
  return seen;
}

test("the landing page loads only the main module; the self-assessment brings in its part", async () => {
  const { page, context, problems } = await open(env);
  const fetched = wasmFetched(page);
  await go(env, page, "#/");
  await page.waitForLoadState("networkidle");
  assert.deepEqual(fetched, ["main"], "no part is fetched for reading");

  // From the page, by keyboard: the part arrives and draws in place.
  await page.getByRole("link", { name: "Rate your organisation", exact: true }).first().focus();
  await page.keyboard.press("Enter");
  await waitForHeading(page, "Self-assessment, pillar 1 of 6: We have visible leadership and confident staff");
  assert.deepEqual(fetched, ["main", "rating"]);
  await waitForTitle(page, "We have visible leadership and confident staff – Self-assessment, pillar 1 of 6 – LGBTQ+ Inclusion Framework");
  await page.waitForFunction(() => document.activeElement?.matches("main h1"));
  assert.equal(await page.locator("header.nhsuk-header").count(), 1, "one app on the page");
  assert.equal(await page.locator("main").count(), 1);

  // It works, and the reading pages show what it saved.
  await page.locator("#rating-1-1-in_place").check();
  await page.goBack();
  await page.locator('.app-page[data-page="#/"] main h1, .app-page[data-page="#/"] h1').first().waitFor();
  await page.locator(".app-pillar-list a").first().click();
  await page.locator(".app-element-status").first().getByText("In place").waitFor();
  await page.goBack();
  await page.getByRole("link", { name: "Rate your organisation", exact: true }).first().click();
  await waitForHeading(page, "Self-assessment, pillar 1 of 6: We have visible leadership and confident staff");
  assert.deepEqual(fetched, ["main", "rating"], "nothing fetched twice");
  await expectGoodPage(page, problems, "after the part arrived");
  await context.close();
});

test("a deep link to any page draws it, fetching only its own part", async () => {
  const { page, context, problems } = await open(env);
  const fetched = wasmFetched(page);
  for (const route of [...READING, ...EDITING]) {
    await page.goto("about:blank");
    fetched.length = 0;
    await go(env, page, route);
    assert.equal(await page.locator(".app-part-loading").count(), 0, `${route} is drawn, not loading`);
    // Once something is stored (after the first page that edits), the
    // reading state's decoding ("stored") may come too.
    const parts = fetched.filter((f) => f !== "stored");
    assert.ok(parts.length <= 2 && parts[0] === "main", `${route}: ${fetched.join()}`);
    if (READING.includes(route)) assert.deepEqual(fetched, ["main"], `${route} is drawn by the main module alone on a first visit`);
  }
  await expectClean(page, problems, "deep links");
  await context.close();
});

test("a returning visitor's reading page decodes what is stored, a first visit decodes nothing", async () => {
  const { page, context, problems } = await open(env);
  const fetched = wasmFetched(page);
  await go(env, page, "#/pillars/4");
  await page.waitForLoadState("networkidle");
  assert.deepEqual(fetched, ["main"], "nothing stored, nothing to decode");
  await go(env, page, "#/self-assessment/4");
  await page.locator("#rating-4-2-not_in_place").check();
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));

  // Back another day: the pillar page shows the rating once its decoding
  // (the "stored" part) is there, and says nothing is wrong.
  await page.goto("about:blank");
  fetched.length = 0;
  await go(env, page, "#/pillars/4");
  await page.locator('section[aria-labelledby="element-4-2"]').getByText("Not in place").waitFor();
  assert.deepEqual(fetched, ["main", "stored"]);
  assert.equal(await page.locator(".app-storage-banner").count(), 0, "no storage problem is shown");
  await expectGoodPage(page, problems, "ratings from storage");
  await context.close();
});

test("a reading page shows the ratings saved, and an element link lands on its question", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/2");
  await page.locator("#rating-2-1-work_in_progress").check();
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  await page.goto("about:blank");
  await go(env, page, "#/pillars/2");
  const element = page.locator('section[aria-labelledby="element-2-1"]');
  await element.getByText("Work in progress").waitFor();
  await element.getByRole("link", { name: /Rate this element/ }).click();
  await page.waitForFunction(() => document.activeElement?.id === "rate-2-1");
  assert.ok(await page.locator("#rating-2-1-work_in_progress").isChecked());
  await expectClean(page, problems, "element link");
  await context.close();
});

test("when what is stored cannot be decoded for a reading page, the page says so and nothing changes", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-2-in_place").check();
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  await page.route(/\/split_stored\.wasm$/, (route) => route.abort());
  await page.goto("about:blank");
  await go(env, page, "#/pillars/1");
  await page.getByText("Your saved answers cannot be shown on this page").waitFor();
  await expectAccessible(page, "stored answers not shown");
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), stored, "storage untouched");
  await context.close();
});

test("when a part cannot be fetched, the page says so and can try again", async () => {
  // No service worker: it would serve the files from its cache.
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  let block = true;
  await page.route(/\/split_checklists\.wasm$/, (route) => (block ? route.abort() : route.continue()));
  await go(env, page, "#/");
  await page.getByRole("link", { name: "Summary", exact: true }).first().click();
  await waitForHeading(page, "This part of the app could not be loaded");
  await page.waitForFunction(() => document.activeElement?.matches("main h1"));
  assert.match(await page.locator("main").innerText(), /Your answers are safe in this browser/);
  assert.equal(await page.title(), "Summary – LGBTQ+ Inclusion Framework");
  assert.equal(await page.locator(".app-page").getAttribute("data-page"), null, "no page is marked drawn");
  await expectAccessible(page, "part not loaded");
  // The rest of the app still works.
  await page.getByRole("link", { name: "Go back to the framework" }).click();
  await waitForHeading(page, "Health and Care LGBTQ+ Inclusion Framework");
  await page.goBack();
  await waitForHeading(page, "This part of the app could not be loaded");
  block = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await waitForHeading(page, "Summary");
  await page.waitForFunction(() => document.activeElement?.matches("main h1"), null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector(".app-page")?.dataset.page === "#/summary");
  await context.close();
});

test("importing a spreadsheet fetches its reader only then, and says so if it cannot be fetched", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const fetched = wasmFetched(page);
  let block = true;
  await page.route(/\/split_spreadsheet\.wasm$/, (route) => (block ? route.abort() : route.continue()));
  await go(env, page, "#/share");
  await page.waitForLoadState("networkidle");
  assert.ok(!fetched.includes("spreadsheet"), `the share page alone does not fetch the reader: ${fetched.join()}`);
  const file = () => ({
    name: "ward-7.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Assessment,Ward 7\r\n\r\nPillar,Element,Self-assessment statement,Rating\r\n,1.1,,In place\r\n", "utf8"),
  });
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  await page.locator("#import-file").setInputFiles([file()]);
  const summary = page.locator("#error-summary");
  await summary.getByText("ward-7.csv: this spreadsheet could not be read, because the part of the app that reads spreadsheets could not be loaded").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "error-summary");
  await expectAccessible(page, "spreadsheet reader not loaded");
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), before, "nothing changed");
  // Choosing the file again fetches again.
  block = false;
  await page.locator("#import-file").setInputFiles([file()]);
  await page.locator("#import-preview").waitFor();
  assert.match(await page.locator("#import-preview").innerText(), /Ward 7/);
  assert.ok(fetched.includes("spreadsheet"));
  await context.close();
});

test("while a part takes more than a moment, the page says it is loading", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/\/split_share\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await go(env, page, "#/");
  await page.getByRole("link", { name: "Share", exact: true }).first().click();
  const loading = page.getByRole("status").filter({ hasText: "Loading…" });
  await loading.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector(".app-part-loading");
    return el && getComputedStyle(el).opacity === "1";
  });
  await expectAccessible(page, "part loading");
  release();
  await waitForHeading(page, "Save, share and import");
  await page.waitForFunction(() => document.activeElement?.matches("main h1"));
  await context.close();
});

test("when the app cannot be fetched at all, the page says so", async () => {
  const { page, context } = await open(env);
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto(env.base + "#/pillars/3");
  await page.getByRole("heading", { name: "The app could not be loaded" }).waitFor();
  assert.match(await page.locator("main").innerText(), /Anything you saved in this browser is still there/);
  await context.close();
});
