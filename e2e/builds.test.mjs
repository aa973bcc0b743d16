// The two builds on the release build: the landing page loads only the
// small reader; the full app is fetched when a page that edits is opened,
// and takes over without losing focus, history or anything saved.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, go, heading, expectAccessible, expectGoodPage, expectClean, waitForHeading, waitForTitle } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const READING = ["#/", "#/pillars/1", "#/pillars/6", "#/glossary", "#/resources", "#/accessibility", "#/no-such-page"];
const EDITING = ["#/self-assessment", "#/self-assessment/3", "#/self-assessment/check", "#/progress", "#/progress/focus", "#/start", "#/actions", "#/tasks", "#/summary", "#/organisation", "#/assessments", "#/share", "#/print", "#/rounds", "#/compare", "#/privacy"];
const build = (page) => page.evaluate(() => document.documentElement.dataset.build);

/** The app's wasm files this page fetched, as "reader" or "full". */
function wasmFetched(page) {
  const seen = [];
  page.on("request", (req) => {
    const name = req.url().split("/").pop();
    if (name.endsWith(".wasm")) seen.push(name.startsWith("reader-") ? "reader" : "full");
  });
  return seen;
}

test("the landing page loads only the reader; a checklist brings in the full app", async () => {
  const { page, context, problems } = await open(env);
  const fetched = wasmFetched(page);
  await go(env, page, "#/");
  assert.equal(await build(page), "reader");
  assert.deepEqual(fetched, ["reader"], "the full app is not fetched for reading");

  // From the page, by keyboard: the full app takes over in place.
  await page.getByRole("link", { name: "Rate your organisation", exact: true }).first().focus();
  await page.keyboard.press("Enter");
  await waitForHeading(page, "Self-assessment, pillar 1 of 6: We have visible leadership and confident staff");
  assert.equal(await build(page), "full");
  assert.deepEqual(fetched, ["reader", "full"]);
  await waitForTitle(page, "We have visible leadership and confident staff – Self-assessment, pillar 1 of 6 – LGBTQ+ Inclusion Framework");
  await page.waitForFunction(() => document.activeElement?.matches("main h1"));
  assert.equal(await page.locator("header.nhsuk-header").count(), 1, "one app on the page");
  assert.equal(await page.locator("main").count(), 1);

  // It works, and it is the full app's page for reading too from now on.
  await page.locator("#rating-1-1-in_place").check();
  await page.goBack();
  await page.locator('.app-page[data-page="#/"] main h1, .app-page[data-page="#/"] h1').first().waitFor();
  await page.locator(".app-pillar-list a").first().click();
  await page.locator(".app-element-status").first().getByText("In place").waitFor();
  assert.deepEqual(fetched, ["reader", "full"], "nothing fetched twice");
  await expectGoodPage(page, problems, "after the handover");
  await context.close();
});

test("a deep link starts the build that draws it", async () => {
  const { page, context, problems } = await open(env);
  for (const route of [...READING, ...EDITING]) {
    await page.goto("about:blank");
    await go(env, page, route);
    assert.equal(await build(page), READING.includes(route) ? "reader" : "full", route);
    assert.notEqual(await heading(page), "Loading…", route);
  }
  await expectClean(page, problems, "deep links");
  await context.close();
});

test("the reader shows the ratings saved by the full app, and an element link lands on its question", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/2");
  await page.locator("#rating-2-1-work_in_progress").check();
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  await page.goto("about:blank");
  await go(env, page, "#/pillars/2");
  assert.equal(await build(page), "reader");
  const element = page.locator('section[aria-labelledby="element-2-1"]');
  await element.getByText("Work in progress").waitFor();
  await element.getByRole("link", { name: /Rate this element/ }).click();
  await page.waitForFunction(() => document.documentElement.dataset.build === "full");
  await page.waitForFunction(() => document.activeElement?.id === "rate-2-1");
  assert.ok(await page.locator("#rating-2-1-work_in_progress").isChecked());
  await expectClean(page, problems, "element link");
  await context.close();
});

test("when the full app cannot be fetched, the reader says so and can try again", async () => {
  // No service worker: it would serve the files from its cache.
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  let block = true;
  await page.route(/inclusion-framework-[0-9a-f]+_bg\.wasm$/, (route) => (block ? route.abort() : route.continue()));
  await go(env, page, "#/");
  await page.getByRole("link", { name: "Summary", exact: true }).first().click();
  await waitForHeading(page, "This part of the app could not be loaded");
  assert.match(await page.locator("main").innerText(), /Your answers are safe in this browser/);
  assert.equal(await build(page), "reader");
  await expectAccessible(page, "full app not loaded");
  block = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await waitForHeading(page, "Summary");
  assert.equal(await build(page), "full");
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
