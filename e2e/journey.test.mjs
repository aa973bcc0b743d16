// The journey through an assessment on the release build: start from the
// landing page, the task list as the assessment's home, ratings shown as
// traffic-light tags where elements are listed, and imported names told apart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, go, arrived, expectGoodPage, expectClean, tabTo, storedWorkspace, fillDate } from "./harness.mjs";

const framework = JSON.parse(readFileSync("content/framework.json", "utf8"));
const dom = (id) => id.replace(".", "-");
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
    // Starting asks about the organisation first; it can be skipped.
    await arrived(page, "#/start");
    await expectGoodPage(page, problems, `start at ${width}`);
    await page.locator("#start-skip").click();
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
    const tag = page.locator("fieldset:has(#rating-1-1-in_place) > .app-legend-tag");
    await tag.waitFor();
    assert.equal((await tag.innerText()).trim(), "In place");
    // Beside the question, not in it: the group's name stays the question.
    const legend = page.locator("fieldset:has(#rating-1-1-in_place) > legend");
    assert.equal(await legend.locator(".app-tag").count(), 0);
    assert.doesNotMatch(await legend.innerText(), /In place/);
    const named = page.getByRole("group", { name: "1.1 LGBTQ+ leaders are visible and can bring their whole selves to work.", exact: true });
    assert.equal(await named.count(), 1, "the group is named by its question alone");
    await expectGoodPage(page, problems, `rated, tag shown at ${width}`);
    // The privacy reminder is said once; each text box points to it.
    assert.equal(await page.locator("main").getByText(/could identify individual staff/).count(), 1);
    assert.match(await page.locator("#note-1-1").getAttribute("aria-describedby"), /privacy-reminder/);

    await go(env, page, "#/tasks");
    assert.equal(await status(page, "task-rate-1"), "In progress");
    assert.match(await page.locator("#task-rate-1").innerText(), /1 of 4 elements rated/);
    assert.equal(await page.locator("#tasks-continue").innerText(), "Continue: rate element 1.2");
    assert.match(await page.locator("#tasks-count").innerText(), /rated 1 of 17 elements/);

    // A pillar's task opens that pillar's page of the checklist.
    await page.locator("#task-rate-3 a").click();
    await arrived(page, "#/self-assessment/3");
    assert.match(await page.locator("main h1").innerText(), /Self-assessment, pillar 3 of 6/);

    // Organisation details complete their task.
    await go(env, page, "#/organisation");
    await page.getByLabel("Organisation name").fill("Northshire NHS Foundation Trust");
    await page.locator("#organisation-type-acute_trust").check();
    await fillDate(page, "assessed-on", "2027-01-15");
    await go(env, page, "#/tasks");
    assert.equal(await status(page, "task-organisation"), "Completed");

    // The progress checklist shows each element's rating beside it.
    await go(env, page, "#/progress/1");
    assert.match(await page.locator("#progress-1-1-rating").innerText(), /Self-assessment:\s+In place/);
    assert.match(await page.locator("#progress-1-2-rating").innerText(), /Not yet rated/);
    await page.locator("#progress-1-1-level-moderate").check();
    await go(env, page, "#/tasks");
    assert.equal(await status(page, "task-progress-1"), "In progress");
    await expectClean(page, problems, `journey at ${width}`);
    await context.close();
  });
}

test("at 375 px: the whole self-assessment, pillar by pillar, to check your answers and the summary", async () => {
  const { page, context, problems } = await open(env, { width: 375, height: 812 });
  await go(env, page, "#/self-assessment/1");
  const levels = ["in_place", "work_in_progress", "not_in_place"];
  let n = 0;
  for (const p of framework.pillars) {
    if (p.id > 1) await arrived(page, `#/self-assessment/${p.id}`);
    assert.match(await page.locator("main h1").innerText(), new RegExp(`pillar ${p.id} of 6`));
    for (const e of p.elements) await page.locator(`#rating-${dom(e.id)}-${levels[n++ % 3]}`).check();
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), `pillar ${p.id} fits`);
    if (p.id === 6) await expectGoodPage(page, problems, "last pillar at 375");
    await page.locator("#save-continue").click();
  }
  await arrived(page, "#/self-assessment/check");
  await expectGoodPage(page, problems, "check your answers at 375");
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), "check page fits");
  assert.equal(await page.locator(".app-check-list .nhsuk-summary-list__row").count(), 17);
  // Change goes back to the question, on its pillar's page.
  await page.locator("#check-4-2 a").click();
  await arrived(page, "#/self-assessment/4", "#rate-4-2");
  await page.locator("#rating-4-2-in_place").check();
  await go(env, page, "#/self-assessment/check");
  assert.match(await page.locator("#check-4-2").innerText(), /In place/);
  await page.locator("#check-continue").click();
  await arrived(page, "#/summary");
  assert.match(await page.locator("#completeness-count").innerText(), /17 of 17 elements assessed/);
  await expectClean(page, problems, "self-assessment at 375");
  await context.close();
});

test("by keyboard alone: Start now, the organisation's details name the assessment and its file, then continue", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/");
  await tabTo(page, "#start-now");
  await page.keyboard.press("Enter");
  await arrived(page, "#/start");
  await tabTo(page, "#start-organisation");
  await page.keyboard.type("Northshire NHS Foundation Trust");
  await tabTo(page, 'input[name="start-type"]');
  await page.keyboard.press("Space");
  await tabTo(page, "#start-date-day");
  await page.keyboard.type("15"); // the NHS date input: day, month and year boxes
  await page.keyboard.press("Tab");
  await page.keyboard.type("1");
  await page.keyboard.press("Tab");
  await page.keyboard.type("2027");
  await tabTo(page, "#start-submit");
  await page.keyboard.press("Enter");
  await arrived(page, "#/tasks");
  assert.equal(await status(page, "task-organisation"), "Completed");
  assert.match(await page.locator("#working-on").innerText(), /Northshire NHS Foundation Trust, January 2027/);
  await tabTo(page, "#tasks-continue", 40);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "rate-1-1");
  // The group's checked radio ("Not yet assessed", where everyone starts)
  // takes focus; arrow keys choose, as in any radio group.
  await tabTo(page, "#rating-1-1-not_assessed", 5);
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked());
  await tabTo(page, "#save-continue", 60);
  await page.keyboard.press("Enter");
  await arrived(page, "#/self-assessment/2");

  // Starting again, with the first one under way, opens a second
  // assessment; the same details get a distinct name.
  await go(env, page, "#/start");
  assert.match(await page.locator("#start-open").innerText(), /You have an assessment open: Northshire NHS Foundation Trust, January 2027/);
  await page.locator("#start-organisation").fill("Northshire NHS Foundation Trust");
  await fillDate(page, "start-date", "2027-01-20");
  await page.locator("#start-submit").click();
  await arrived(page, "#/tasks");
  assert.match(await page.locator("#working-on").innerText(), /Northshire NHS Foundation Trust, January 2027 \(2\)/);

  // The exported file is named after the organisation.
  await go(env, page, "#/share");
  const waiting = page.waitForEvent("download");
  await page.locator("#export-json").click();
  assert.match((await waiting).suggestedFilename(), /^northshire-nhs-foundation-trust-lgbtq-inclusion-\d{4}-\d{2}-\d{2}\.json$/);
  await expectClean(page, problems, "keyboard start");
  await context.close();
});

test("the start page names a problem, focuses it, and changes nothing", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/start");
  await page.locator("#start-organisation").fill("N".repeat(301));
  await page.locator("#start-submit").click();
  await page.waitForFunction(() => document.activeElement?.id === "start-errors");
  assert.match(await page.locator("#start-errors").innerText(), /Organisation name must be 300 characters or fewer/);
  assert.match(await page.locator("#start-organisation-error").innerText(), /300 characters or fewer/);
  await expectGoodPage(page, problems, "start error");
  await page.locator("#start-errors a").click();
  await page.waitForFunction(() => document.activeElement?.id === "start-organisation");
  const stored = await storedWorkspace(page);
  assert.equal(stored.assessments.length, 1, "nothing started");
  assert.equal(stored.assessments[0].name.value, "My organisation’s assessment");
  assert.equal(stored.assessments[0].profile.organisation.value, "");
  await context.close();
});

async function plan(page, id, { level, next, owner, date }) {
  await page.locator(`#progress-${dom(id)}-level-${level}`).check();
  await page.locator(`#progress-${dom(id)} summary`).click();
  await page.locator(`#next-${dom(id)}`).fill(next);
  await page.locator(`#owner-${dom(id)}`).fill(owner);
  await fillDate(page, `target-${dom(id)}`, date);
}

test("where to focus: the progress checklist filtered to the focus elements, and the action tracker, overdue first", async () => {
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    const { page, context, problems } = await open(env, { width, height });
    await go(env, page, "#/self-assessment/1");
    await page.locator("#rating-1-1-in_place").check();
    await page.locator("#rating-1-2-work_in_progress").check();
    await go(env, page, "#/self-assessment/4");
    await page.locator("#rating-4-1-not_in_place").check();
    await page.locator("#rating-4-2-work_in_progress").check();

    await go(env, page, "#/progress/1");
    await page.locator("#show-focus").getByText("Show only the 3 elements to focus on").click();
    await arrived(page, "#/progress/focus");
    const shown = await page.locator(".app-recommendation-entry").evaluateAll((els) => els.map((e) => e.id));
    // Pillar 4 is furthest from In place; Not in place first.
    assert.deepEqual(shown, ["progress-4-1", "progress-4-2", "progress-1-2"]);
    assert.match(await page.locator("#focus-count").innerText(), /Showing 3 of 17/);
    await plan(page, "4.1", { level: "no_progress", next: "Write the data policy", owner: "Head of information", date: "2020-03-31" });
    await plan(page, "4.2", { level: "moderate", next: "Publish the report", owner: "EDI lead", date: "2031-06-30" });
    await plan(page, "1.2", { level: "significant", next: "Keep going", owner: "edi lead ", date: "2021-01-01" });
    await expectGoodPage(page, problems, `focus view at ${width}`);

    await go(env, page, "#/actions");
    await expectGoodPage(page, problems, `action tracker at ${width}`);
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), "the tracker fits");
    const order = () => page.locator("#actions-table tbody tr").evaluateAll((rows) => rows.map((r) => r.id));
    assert.deepEqual(await order(), ["action-4-1", "action-4-2", "action-1-2"], "overdue first; done last");
    assert.match(await page.locator("#actions-overdue").innerText(), /1 action is overdue/);
    assert.match(await page.locator("#action-4-1").innerText(), /Overdue/);
    assert.match(await page.locator("#action-4-1").innerText(), /31 March 2020/);
    await page.locator("#actions-sort").selectOption("owner");
    await page.waitForFunction(() => document.querySelector("#actions-table tbody tr")?.id === "action-1-2");
    assert.deepEqual(await order(), ["action-1-2", "action-4-2", "action-4-1"]);
    await page.locator("#actions-owner").selectOption({ label: "edi lead" });
    await page.locator("#actions-count").getByText("Showing 2 of 3 actions.").waitFor();
    await page.locator("#actions-status").selectOption("upcoming");
    await page.locator("#actions-count").getByText("Showing 1 of 3 actions.").waitFor();
    assert.deepEqual(await order(), ["action-4-2"]);
    await expectGoodPage(page, problems, `action tracker filtered at ${width}`);
    await page.locator("#action-4-2 a").click();
    await arrived(page, "#/progress/4", "#progress-4-2");
    await expectClean(page, problems, `focus and actions at ${width}`);
    await context.close();
  }
});

test("an imported assessment whose name is taken is told apart", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/2");
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
  await go(env, page, "#/self-assessment/3");
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

test("summary tables never clip: at 1280 px every column shows, at 320 px each row reflows with its counts labelled", async () => {
  for (const width of [1280, 320]) {
    const { page, context, problems } = await open(env, { width, height: 800 });
    await go(env, page, "#/self-assessment/3");
    await page.locator("#rating-3-1-not_in_place").check();
    await go(env, page, "#/summary");
    const boxes = await page.locator(".app-table-scroll").evaluateAll((els) => els.map((e) => [e.scrollWidth, e.clientWidth]));
    assert.equal(boxes.length, 2);
    for (const [scroll, client] of boxes) assert.ok(scroll <= client, `a table is cut off at ${width} px: ${scroll} > ${client}`);
    const headerShown = await page.locator("#progress-table thead").evaluate((h) => h.getBoundingClientRect().height > 1);
    assert.equal(headerShown, width === 1280, `column headers ${width === 1280 ? "shown" : "folded into each row"} at ${width} px`);
    // Reflowed or not, the cells hold just the number (labels are CSS).
    const row3 = await page.locator("#rating-table tbody tr").nth(2).locator("td").allTextContents();
    assert.deepEqual(row3.map(Number), [0, 0, 1, 1]);
    if (width === 320) {
      const label = await page.locator("#rating-table tbody tr td").nth(2).evaluate((td) => getComputedStyle(td, "::before").content);
      assert.match(label, /Not in place/);
    }
    await expectGoodPage(page, problems, `summary at ${width}`);
    await context.close();
  }
});
