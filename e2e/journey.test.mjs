// The journey through an assessment on the release build: start from the
// landing page, the task list as the assessment's home, ratings shown as
// traffic-light tags where elements are listed, and imported names told apart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, go, arrived, expectGoodPage, expectClean, tabTo } from "./harness.mjs";

let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

async function status(page, id) {
  return (await page.locator(`#${id}-status`).innerText()).trim();
}

for (const [width, height] of [[1280, 900], [375, 812]]) {
  test(`at ${width} px: start, the task list follows the answers, and continue lands on the next question`, async () => {
    const { page, context, problems } = await open(env, { width, height });
    await go(env, page, "#/");
    const startNow = page.locator("#start-now");
    const box = await startNow.boundingBox();
    assert.ok(box && box.y + box.height <= height, `the start button is above the fold (${JSON.stringify(box)})`);
    await startNow.click();
    await arrived(page, "#/tasks");
    assert.equal(await page.locator("main h1").innerText(), "Complete your assessment");
    await expectGoodPage(page, problems, `task list at ${width}`);
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), "no sideways scrolling");
    for (let p = 1; p <= 6; p++) {
      assert.equal(await status(page, `task-rate-${p}`), "Not started");
      assert.equal(await status(page, `task-progress-${p}`), "Not started");
    }
    assert.equal(await status(page, "task-organisation"), "Not started");
    assert.equal(await page.locator("#tasks-continue").innerText(), "Continue: rate element 1.1");

    // Continue lands on 1.1; rating it shows its tag beside the question.
    await page.locator("#tasks-continue").click();
    await page.waitForFunction(() => document.activeElement?.id === "rate-1-1");
    await page.locator("#rating-1-1-in_place").check();
    const tag = page.locator("fieldset:has(#rating-1-1-in_place) legend .app-legend-tag");
    await tag.waitFor();
    assert.equal((await tag.innerText()).trim(), "In place");
    await expectGoodPage(page, problems, `rated, tag shown at ${width}`);

    await go(env, page, "#/tasks");
    assert.equal(await status(page, "task-rate-1"), "In progress");
    assert.match(await page.locator("#task-rate-1").innerText(), /1 of 4 elements rated/);
    assert.equal(await page.locator("#tasks-continue").innerText(), "Continue: rate element 1.2");
    assert.match(await page.locator("#tasks-count").innerText(), /rated 1 of 17 elements/);

    // A pillar's task opens the checklist at that pillar.
    await page.locator("#task-rate-3 a").click();
    await page.waitForFunction(() => document.activeElement?.id === "pillar-3");

    // Organisation details complete their task.
    await go(env, page, "#/organisation");
    await page.getByLabel("Organisation name").fill("Northshire NHS Foundation Trust");
    await page.locator("#organisation-type-acute_trust").check();
    await page.locator("#assessed-on").fill("2027-01-15");
    await go(env, page, "#/tasks");
    assert.equal(await status(page, "task-organisation"), "Completed");

    // The progress checklist shows each element's rating beside it.
    await go(env, page, "#/progress");
    assert.match(await page.locator("#progress-1-1-rating").innerText(), /Self-assessment:\s+In place/);
    assert.match(await page.locator("#progress-1-2-rating").innerText(), /Not yet rated/);
    await page.locator("#progress-1-1-level-moderate").check();
    await go(env, page, "#/tasks");
    assert.equal(await status(page, "task-progress-1"), "In progress");
    await expectClean(page, problems, `journey at ${width}`);
    await context.close();
  });
}

test("by keyboard alone: Start now, then continue from the task list", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/");
  await tabTo(page, "#start-now");
  await page.keyboard.press("Enter");
  await arrived(page, "#/tasks");
  await tabTo(page, "#tasks-continue", 40);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "rate-1-1");
  // The group's checked radio ("Not yet assessed", where everyone starts)
  // takes focus; arrow keys choose, as in any radio group.
  await tabTo(page, "#rating-1-1-not_assessed", 5);
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked());
  await expectClean(page, problems, "keyboard start");
  await context.close();
});

test("an imported assessment whose name is taken is told apart", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment");
  await page.locator("#rating-2-1-in_place").check();
  await go(env, page, "#/share");
  const waiting = page.waitForEvent("download");
  await page.locator("#export-json").click();
  const file = await waiting;
  const text = readFileSync(await file.path(), "utf8");
  await page.locator("#import-file").setInputFiles([{ name: "same.json", mimeType: "application/json", buffer: Buffer.from(text) }]);
  await page.locator("#import-preview").waitFor();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText(/‘My organisation’s assessment \(from file, \d{1,2} \w+ \d{4}\)’ was opened as a new assessment/).waitFor();
  // Straight after an import the export reminder rests; the next edit wakes it.
  assert.equal(await page.locator(".app-export-reminder").count(), 0);
  await go(env, page, "#/self-assessment");
  assert.equal(await page.locator(".app-export-reminder").count(), 0);
  await page.locator("#rating-3-1-in_place").check();
  await page.locator(".app-export-reminder").getByText("Not yet exported").waitFor();
  await expectGoodPage(page, problems, "export reminder");
  // Saving a review round rests it too.
  await go(env, page, "#/rounds");
  await page.locator("#round-name").fill("Before the board");
  await page.getByRole("button", { name: "Save review round" }).click();
  await page.locator(".app-export-reminder").waitFor({ state: "detached" });
  await go(env, page, "#/assessments");
  const names = await page.locator(".app-assessment-card .nhsuk-card__heading").allInnerTexts();
  assert.equal(names.length, 2);
  assert.equal(new Set(names).size, names.length, `names differ: ${names.join(" | ")}`);
  await expectClean(page, problems, "name clash");
  await context.close();
});
