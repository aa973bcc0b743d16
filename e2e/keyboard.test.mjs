// Keyboard only, no mouse: several assessments, sharing by file, review
// rounds and comparing organisations. Every element reached by Tab must
// show a visible focus style. (The checklists have their own keyboard
// journey in checklists.test.mjs.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, go, arrived, fileChoosers, expectGoodPage, tabTo } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

/** Tab to `selector`, then check the browser draws a focus indicator on it. */
async function reach(page, selector, limit = 40) {
  await tabTo(page, selector, limit);
  const visible = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
  });
  assert.ok(visible, `focus on ${selector} is visible`);
}

async function press(page, key) {
  await page.keyboard.press(key);
}

test("several assessments, sharing, review rounds and comparison, by keyboard alone", async () => {
  const { page, context, problems } = await open(env, { width: 1280, height: 900 });
  const nextChooser = fileChoosers(page); // before any key press can open one
  await go(env, page, "#/self-assessment");
  await reach(page, 'input[name="rating-1-1"]:checked');
  await press(page, "ArrowDown"); // In place

  // Header link to "Your assessments".
  await page.keyboard.press("Shift+Tab");
  await reach(page, 'a.nhsuk-header__navigation-link[href="#/assessments"]', 60);
  await press(page, "Enter");
  await arrived(page, "#/assessments");
  await reach(page, "#new-assessment-name", 60);
  await page.keyboard.type("North site 2027");
  await press(page, "Enter");
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("assessment-"));
  assert.match(await page.evaluate(() => document.activeElement.textContent), /North site 2027/);
  await reach(page, ".app-assessment-card--current .app-button-group button:first-child"); // Rename
  await press(page, "Enter");
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("rename-"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("North site, March 2027");
  await press(page, "Enter");
  await page.getByRole("heading", { name: /North site, March 2027/ }).waitFor();
  // Saving moves focus to the renamed assessment's card, a frame later.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("assessment-"));
  await expectGoodPage(page, problems, "assessments by keyboard");

  // Share: export the first assessment, then import it back as a new one.
  await reach(page, 'a.nhsuk-header__navigation-link[href="#/share"]', 80);
  await press(page, "Enter");
  await arrived(page, "#/share");
  await reach(page, "#export-json", 60);
  const download = page.waitForEvent("download");
  await press(page, "Enter");
  const file = readFileSync(await (await download).path(), "utf8");
  await reach(page, "#import-file", 60);
  const chooser = nextChooser();
  await press(page, "Space");
  await (await chooser).setFiles({ name: "mine.json", mimeType: "application/json", buffer: Buffer.from(file) });
  await page.waitForFunction(() => document.activeElement?.id === "import-preview");
  await reach(page, "#import-new");
  await reach(page, 'button[type="submit"]');
  await press(page, "Enter");
  await page.waitForFunction(() => document.activeElement?.id === "import-done");
  await reach(page, "#import-done button");
  await press(page, "Enter"); // Undo import
  await page.waitForFunction(() => document.activeElement?.id === "undo-done");
  await expectGoodPage(page, problems, "share by keyboard");

  // Review rounds (reached from the summary page's link).
  await reach(page, 'a.nhsuk-header__navigation-link[href="#/summary"]', 80);
  await press(page, "Enter");
  await arrived(page, "#/summary");
  await reach(page, '#over-time ~ p a[href="#/rounds"]', 120);
  await press(page, "Enter");
  await arrived(page, "#/rounds");
  await reach(page, "#round-name", 60);
  await page.keyboard.type("Q1 2027 board review");
  await press(page, "Enter");
  await page.locator(".app-round").first().waitFor();
  await reach(page, "#compare-from", 40);
  await reach(page, "#compare-to", 5);
  assert.match(await page.locator("#movement-summary").innerText(), /Self-assessment:/);
  await expectGoodPage(page, problems, "rounds by keyboard");

  // Compare organisations, from the summary page's link.
  await go(env, page, "#/summary");
  await reach(page, '#over-time ~ p a[href="#/compare"]', 120);
  await press(page, "Enter");
  // Not before focus is on the heading: the app moves it there a frame after
  // navigating, and a Tab sequence that reached the file input first would
  // lose it, so Space would land on the heading and open no file chooser.
  await arrived(page, "#/compare");
  await reach(page, "#rollup-files", 60);
  const chooser2 = nextChooser();
  await press(page, "Space");
  await (await chooser2).setFiles([
    { name: "a.json", mimeType: "application/json", buffer: Buffer.from(file) },
    { name: "bad.json", mimeType: "application/json", buffer: Buffer.from("nope") },
  ]);
  // One organisation, fewer than the elements: organisations across the top.
  await page.locator("#rollup-by-element").waitFor();
  // One file was bad: the app moves focus to the list of problems.
  await page.waitForFunction(() => document.activeElement?.id === "rollup-errors");
  await reach(page, "#rollup-filter", 20);
  await press(page, "ArrowDown");
  await reach(page, "#rollup-clear", 80);
  await press(page, "Enter");
  await page.locator("#rollup-empty").waitFor();
  await expectGoodPage(page, problems, "compare by keyboard");
  await context.close();
});
