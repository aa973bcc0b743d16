// Finding the way and keeping the work (issue 19, points 3 to 5): the
// header menu follows the journey and folds behind "Menu" on a phone (by
// keyboard, aria-expanded); the summary links the action tracker; the
// export reminder waits for an answer, is one line on most pages, and a
// download is confirmed by the file's name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, go, arrived, heading, expectGoodPage, expectClean, tabTo, nextFrames } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const JOURNEY = ["Framework", "Your tasks", "Summary", "Action tracker", "Board report", "Share", "Your assessments"];

test("on a phone the menu folds behind Menu, opens and closes by keyboard, and follows the journey", async () => {
  const { page, context, problems } = await open(env, { width: 375, height: 812 });
  await go(env, page, "#/self-assessment/1");
  const toggle = page.locator("#menu-toggle");
  const nav = page.locator("#header-navigation");
  assert.equal(await toggle.isVisible(), true);
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await nav.isVisible(), false, "the menu is folded");
  const header = await page.locator("header.nhsuk-header").boundingBox();
  assert.ok(header.height <= 100, `the folded header is ${header.height} px high`);
  await expectGoodPage(page, problems, "phone, menu folded");

  // Tab from the top: skip link, service name, then Menu.
  await page.locator("body").focus();
  await tabTo(page, "#menu-toggle", 4);
  await page.keyboard.press("Enter");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  await nav.waitFor({ state: "visible" });
  const labels = (await nav.locator("a").allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(labels, JOURNEY);
  // The checklist's pages are part of "Your tasks".
  assert.equal(await nav.getByRole("link", { name: "Your tasks" }).getAttribute("aria-current"), "true");
  await expectGoodPage(page, problems, "phone, menu open");
  // Escape closes it and returns to the button.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await nav.waitFor({ state: "hidden" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "menu-toggle");
  // Space opens it too; choosing a page closes it.
  await page.keyboard.press("Space");
  await nav.waitFor({ state: "visible" });
  await tabTo(page, 'a.nhsuk-header__navigation-link[href="#/actions"]', 8);
  await page.keyboard.press("Enter");
  await arrived(page, "#/actions");
  assert.equal(await heading(page), "Action tracker");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await nav.isVisible(), false);
  await expectClean(page, problems, "phone menu");
  await context.close();
});

test("on a laptop the whole menu shows in one row, and Your tasks opens the task list", async () => {
  const { page, context, problems } = await open(env, { width: 1280, height: 900 });
  await go(env, page, "#/summary");
  assert.equal(await page.locator("#menu-toggle").isVisible(), false);
  const links = page.locator("#header-navigation a");
  assert.deepEqual((await links.allInnerTexts()).map((t) => t.trim()), JOURNEY);
  const tops = await links.evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `one row: ${tops}`);
  assert.equal(await page.getByRole("link", { name: "Summary", exact: true }).first().getAttribute("aria-current"), "page");

  // The summary links the action tracker: one click.
  await page.locator("#summary-actions-link").click();
  await arrived(page, "#/actions");
  assert.equal(await heading(page), "Action tracker");
  await page.locator("#header-navigation").getByRole("link", { name: "Your tasks", exact: true }).click();
  await arrived(page, "#/tasks");
  assert.equal(await heading(page), "Complete your assessment");
  await expectGoodPage(page, problems, "laptop menu");
  await context.close();
});

test("the export reminder waits for an answer, is one line beside the questions, and a download names its file", async () => {
  const { page, context, problems } = await open(env, { width: 375, height: 812 });
  await go(env, page, "#/start");
  await page.locator("#start-organisation").fill("Northshire NHS Foundation Trust");
  await page.locator("#start-submit").click();
  await arrived(page, "#/tasks");
  // Only the start questions answered: nothing to remind about yet.
  assert.equal(await page.getByText("Not yet exported").count(), 0);
  await go(env, page, "#/self-assessment/1");
  assert.equal(await page.getByText("Not yet exported").count(), 0);

  await page.locator("#rating-1-1-in_place").check();
  const line = page.locator("#export-reminder");
  await line.waitFor();
  assert.match((await line.textContent()).replace(/\s+/g, " ").trim(), /^Not yet exported: export a copy to keep your changes safe or share them$/);
  assert.equal((await line.getByRole("link").innerText()).split("\n")[0].trim(), "export a copy");
  const { height } = await line.boundingBox();
  const lineHeight = await line.evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
  assert.ok(height <= lineHeight * 1.5, `one line: ${height} px for a ${lineHeight} px line`);
  // Said plainly, not as "Important" on every page.
  assert.equal(await page.locator("main").getByText(/Important/).count(), 0);
  await expectGoodPage(page, problems, "reminder line");

  // On the task list, the full reminder.
  await go(env, page, "#/tasks");
  assert.match(await page.locator("#export-reminder").innerText(), /Not yet exported[\s\S]*Some changes are only in this browser/);

  // Downloading says so, by the file's name, in a status message.
  await go(env, page, "#/share");
  const status = page.locator("#export-status");
  assert.equal(await status.getAttribute("role"), "status");
  const waiting = page.waitForEvent("download");
  await page.locator("#export-json").click();
  const name = (await waiting).suggestedFilename();
  assert.match(name, /^northshire-nhs-foundation-trust-lgbtq-inclusion-\d{4}-\d{2}-\d{2}\.json$/);
  await page.waitForFunction(() => document.querySelector("#export-status")?.textContent.length > 0);
  assert.equal((await status.innerText()).trim(), `Saved ${name} to your downloads.`);
  await page.locator("#export-reminder").waitFor({ state: "detached" });
  await nextFrames(page);
  await expectGoodPage(page, problems, "downloaded");
  await context.close();
});

test("on a phone, rating all 17 elements takes at most 7 screen-heights of scrolling (the benchmark's measure)", async () => {
  const { page, context, problems } = await open(env, { width: 375, height: 812 });
  const perPage = [];
  for (let pillar = 1; pillar <= 6; pillar++) {
    await go(env, page, `#/self-assessment/${pillar}`);
    for (const radio of await page.locator('input[type="radio"][value="work_in_progress"]').all()) await radio.check();
    await page.locator(".app-legend-tag").first().waitFor();
    if (pillar > 1) await page.locator("#export-reminder").waitFor();
    perPage.push(
      await page.evaluate(() => Math.max(0, document.getElementById("save-continue").getBoundingClientRect().bottom + scrollY + 16 - innerHeight)),
    );
  }
  const screens = perPage.reduce((a, b) => a + b, 0) / 812;
  console.log(`phone: ${screens.toFixed(2)} screen-heights (${perPage.map(Math.round).join(", ")} px)`);
  assert.ok(screens <= 7, `${screens.toFixed(2)} screen-heights: ${perPage.map(Math.round).join(", ")} px`);
  await expectClean(page, problems, "phone scroll");
  await context.close();
});
