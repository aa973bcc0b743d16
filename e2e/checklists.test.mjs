// The checklists on the release build: keyboard-only completion, reload,
// summary, two tabs, several assessments, and storage failures.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, go, arrived, expectGoodPage, expectClean, tabTo, storedWorkspace, noteBox, fillDate, reload } from "./harness.mjs";

const framework = JSON.parse(readFileSync("content/framework.json", "utf8"));
const elements = framework.pillars.flatMap((p) => p.elements.map((e) => ({ ...e, pillar: p.id })));
const dom = (id) => id.replace(".", "-");
// A rating for element i, chosen by keys from "Not yet assessed" (the last radio).
const PLAN = [
  { key: "ArrowDown", rating: "in_place", label: "In place" },
  { key: "ArrowDown ArrowDown", rating: "work_in_progress", label: "Work in progress" },
  { key: "ArrowUp", rating: "not_in_place", label: "Not in place" },
];
const PROGRESS = [
  { key: "ArrowDown", progress: "no_progress" },
  { key: "ArrowDown ArrowDown", progress: "moderate" },
  { key: "ArrowUp", progress: "significant" },
];
let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

async function press(page, keys) {
  for (const key of keys.split(" ")) await page.keyboard.press(key);
}

test("a user completes both checklists with the keyboard alone, one pillar at a time, and it all survives a reload", async () => {
  const { page, context, problems } = await open(env);
  // The old one-page address lands on pillar 1.
  await go(env, page, "#/self-assessment");
  assert.equal(await page.evaluate(() => document.querySelector(".app-page").dataset.page), "#/self-assessment/1");
  await expectGoodPage(page, problems, "empty self-assessment");

  for (const p of framework.pillars) {
    if (p.id > 1) await arrived(page, `#/self-assessment/${p.id}`);
    for (const e of p.elements) {
      const plan = PLAN[elements.findIndex((x) => x.id === e.id) % 3];
      await tabTo(page, `input[name="rating-${dom(e.id)}"]:checked`);
      await press(page, plan.key);
      assert.equal(
        await page.evaluate((n) => document.querySelector(`input[name="${n}"]:checked`).value, `rating-${dom(e.id)}`),
        plan.rating,
        `rating for ${e.id}`,
      );
      // The optional note is folded away: open it with the keyboard.
      await tabTo(page, `#note-details-${dom(e.id)} summary`);
      await page.keyboard.press("Enter");
      await tabTo(page, `#note-${dom(e.id)}`);
      await page.keyboard.type(`Evidence for ${e.id}: board paper <b>not bold</b>`);
    }
    if (p.id === 1) await expectGoodPage(page, problems, "a rated pillar");
    // "Save and continue" goes on to the next pillar, then to check-your-answers.
    await tabTo(page, "#save-continue");
    await page.keyboard.press("Enter");
  }
  await arrived(page, "#/self-assessment/check");
  await expectGoodPage(page, problems, "check your self-assessment");
  for (const [i, e] of elements.entries()) {
    const row = page.locator(`#check-${dom(e.id)}`);
    assert.match(await row.locator(".app-tag").innerText(), new RegExp(PLAN[i % 3].label));
    assert.equal(await row.locator(".app-check-note").innerText(), `Evidence for ${e.id}: board paper <b>not bold</b>`);
  }
  assert.match(await page.locator("#check-status").innerText(), /You have rated every element/);

  // From check-your-answers on to the progress checklist, by its link.
  await tabTo(page, 'a[href="#/progress/1"]', 200);
  await page.keyboard.press("Enter");
  await arrived(page, "#/progress/1");
  const today = new Date();
  for (const p of framework.pillars) {
    await arrived(page, `#/progress/${p.id}`);
    for (const e of p.elements) {
      const i = elements.findIndex((x) => x.id === e.id);
      const plan = PROGRESS[i % 3];
      // Each recommendation shows its element's rating beside it.
      assert.match(await page.locator(`#progress-${dom(e.id)}-rating`).innerText(), new RegExp(PLAN[i % 3].label));
      await tabTo(page, `input[name="progress-${dom(e.id)}-level"]:checked`);
      await press(page, plan.key);
      await tabTo(page, `#action-${dom(e.id)}`);
      await page.keyboard.type(`Action to date for ${e.id}.\nSecond line.`);
      await tabTo(page, `#progress-${dom(e.id)} summary`);
      await page.keyboard.press("Enter");
      await tabTo(page, `#next-${dom(e.id)}`);
      await page.keyboard.type(`Next steps for ${e.id}`);
      await tabTo(page, `#owner-${dom(e.id)}`);
      await page.keyboard.type("Director of people");
      await tabTo(page, `#target-${dom(e.id)}-day`);
      // Day, month and year, each in its box. Element 1.1 gets a date in
      // the past: asked about, and kept by the button that follows.
      for (const part of i === 0 ? ["1", "1", "2020"] : ["31", "12", `${today.getFullYear() + 1}`]) {
        await page.keyboard.type(part);
        await page.keyboard.press("Tab");
      }
      if (i === 0) {
        assert.match(await page.locator("#target-1-1-confirm").innerText(), /1 January 2020 has already passed/);
        assert.equal(await page.evaluate(() => document.activeElement?.id), "target-1-1-yes");
        await page.keyboard.press("Enter");
        await page.locator("#target-1-1-confirm").waitFor({ state: "detached" });
      }
    }
    if (p.id === 1) {
      await expectGoodPage(page, problems, "a recorded pillar");
      // 1.1 has "no progress" and a past target date: overdue, in words.
      await page.locator("#progress-1-1 .app-tag--overdue").waitFor();
      assert.equal(await page.locator(".app-tag--overdue").count(), 1);
    }
    await tabTo(page, "#save-continue", 40);
    await page.keyboard.press("Enter");
  }
  await arrived(page, "#/progress/check");
  await expectGoodPage(page, problems, "check your progress");

  await reload(page);
  for (const [i, e] of elements.entries()) {
    const entry = page.locator(`#check-${dom(e.id)} + dl`);
    const text = await entry.innerText();
    assert.match(text, new RegExp(["No progress", "Moderate progress", "Significant progress"][i % 3]), e.id);
    assert.match(text, new RegExp(`Action to date for ${e.id}.\nSecond line.`));
    assert.match(text, /Owner: Director of people/);
  }
  await go(env, page, "#/progress?to=progress-4-1");
  await arrived(page, "#/progress/4", "#progress-4-1");
  assert.equal(await page.locator("#owner-4-1").inputValue(), "Director of people");
  await go(env, page, "#/self-assessment?to=rate-2-1");
  await arrived(page, "#/self-assessment/2", "#rate-2-1");
  assert.ok(await page.locator(`#rating-2-1-${PLAN[elements.findIndex((x) => x.id === "2.1") % 3].rating}`).isChecked());

  // The summary matches what was entered.
  await go(env, page, "#/summary");
  assert.match(await page.locator("#completeness-count").innerText(), /17 of 17 elements assessed/);
  assert.match(await page.locator("#completeness-count").innerText(), /Progress recorded for 17 of 17/);
  const rows = await page.locator("#rating-table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.textContent))),
  );
  framework.pillars.forEach((p, row) => {
    const expected = [0, 0, 0, 0];
    p.elements.forEach((e) => {
      const i = elements.findIndex((x) => x.id === e.id);
      expected[i % 3] += 1;
    });
    assert.deepEqual(rows[row], expected, `pillar ${p.id} counts`);
  });
  const overdue = await page.locator("#progress-table tbody tr").first().locator("td").last().innerText();
  assert.equal(overdue, "1");
  const focus = await page.locator("#focus-order li").allInnerTexts();
  assert.equal(focus.length, 6);
  await expectGoodPage(page, problems, "summary");
  // Each focus area leads to its recommendations' progress entries.
  const first = await page.locator("#focus-order li a[id^=focus-progress-]").first().getAttribute("id");
  await page.locator(`#${first}`).click();
  await arrived(page, `#/progress/${first.replace("focus-progress-", "")}`);

  // The pillar page shows each element's rating in words, linking to rate it.
  await go(env, page, "#/pillars/1");
  assert.match(await page.locator("#element-1-1 ~ .app-element-status").first().innerText(), /In place/);
  await page.locator(".app-element-status a").first().click();
  await page.waitForURL("**#/self-assessment/1?to=rate-1-1");
  await page.waitForFunction(() => document.activeElement?.id === "rate-1-1");
  await expectClean(page, problems, "keyboard journey");
  await context.close();
});

test("notes are rendered as text, never as markup", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/2");
  await (await noteBox(page, "2.1")).fill('<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>');
  await page.locator("#rating-2-1-in_place").check();
  await go(env, page, "#/assessments");
  await go(env, page, "#/self-assessment");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("main img").count(), 0);
  await expectClean(page, problems, "markup in notes");
  await context.close();
});

test("going back to not yet assessed is possible and counted", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/3");
  await page.locator("#rating-3-1-not_in_place").check();
  await page.locator("#rating-3-1-not_assessed").check();
  await go(env, page, "#/summary");
  assert.match(await page.locator("#completeness-count").innerText(), /0 of 17 elements assessed/);
  await page.locator("#unassessed").getByRole("link", { name: /^3\.1/ }).click();
  await page.waitForFunction(() => document.activeElement?.id === "rate-3-1");
  await expectClean(page, problems, "not assessed");
  await context.close();
});

test("a change in one tab appears in another without a reload", async () => {
  const { page: one, context, problems } = await open(env);
  await go(env, one, "#/self-assessment/4");
  const two = await context.newPage();
  await two.goto(env.base + "#/summary");
  await two.locator("main h1").waitFor();
  assert.match(await two.locator("#completeness-count").innerText(), /0 of 17/);

  await one.locator("#rating-4-1-work_in_progress").check();
  await two.waitForFunction(() => /1 of 17 elements assessed/.test(document.querySelector("#completeness-count")?.textContent));

  // Each tab's newer edit survives the other's save.
  await go(env, two, "#/self-assessment/5");
  await go(env, one, "#/self-assessment/6");
  await (await noteBox(two, "5.2")).fill("Written in tab two");
  await (await noteBox(one, "6.1")).fill("Written in tab one");
  await go(env, one, "#/self-assessment/5");
  await go(env, two, "#/self-assessment/6");
  await one.waitForFunction(() => document.querySelector("#note-5-2")?.value === "Written in tab two");
  await two.waitForFunction(() => document.querySelector("#note-6-1")?.value === "Written in tab one");
  await one.evaluate(() => dispatchEvent(new Event("pagehide")));
  const stored = await storedWorkspace(one);
  const current = stored.assessments.find((a) => a.id === stored.current);
  assert.equal(current.answers["5.2"].note.value, "Written in tab two");
  assert.equal(current.answers["6.1"].note.value, "Written in tab one");
  assert.equal(current.answers["4.1"].rating.value, "work_in_progress");
  await expectClean(one, problems, "two tabs");
  await context.close();
});

test("several assessments: create, rename, duplicate, switch, delete and undo", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-in_place").check();
  await go(env, page, "#/assessments");
  await expectGoodPage(page, problems, "assessments");

  // A new assessment needs a name: the error is shown, then fixed.
  await page.getByRole("button", { name: "Start new assessment" }).click();
  await page.locator(".nhsuk-error-message").getByText("Enter a name for the new assessment").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "new-assessment-summary");
  // The summary's link takes the user to the field.
  await page.locator("#new-assessment-summary a").click();
  await page.waitForFunction(() => document.activeElement?.id === "new-assessment-name");
  await expectGoodPage(page, problems, "new assessment error");
  await page.locator("#new-assessment-name").fill("North site 2027");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: /North site 2027/ }).waitFor();
  assert.equal(await page.locator(".app-assessment-card").count(), 2);
  assert.match(await page.locator(".app-assessment-card--current").innerText(), /North site 2027/);

  // The new one is empty and is what the checklists now show.
  await go(env, page, "#/self-assessment/1");
  assert.ok(await page.locator("#rating-1-1-not_assessed").isChecked());
  assert.match(await page.locator(".app-working-on").innerText(), /North site 2027/);

  // Rename, with an empty name refused first.
  await go(env, page, "#/assessments");
  const card = page.locator(".app-assessment-card", { hasText: "North site 2027" });
  await card.getByRole("button", { name: "Rename" }).click();
  await card.getByLabel("New name").fill("  ");
  await card.getByRole("button", { name: "Save name" }).click();
  await card.locator(".nhsuk-error-message").getByText("Enter a name for the assessment").waitFor();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith("-summary"));
  await expectGoodPage(page, problems, "rename error");
  await card.getByLabel("New name").fill("North site, March 2027");
  await card.getByRole("button", { name: "Save name" }).click();
  await page.getByRole("heading", { name: /North site, March 2027/ }).waitFor();

  // Duplicate the first assessment: answers come along.
  const first = page.locator(".app-assessment-card").first();
  await first.getByRole("button", { name: "Duplicate" }).click();
  await page.getByRole("heading", { name: /Copy of My organisation’s assessment/ }).waitFor();
  await go(env, page, "#/self-assessment/1");
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked());

  // Switch back to the renamed one.
  await go(env, page, "#/assessments");
  const renamed = page.locator(".app-assessment-card", { hasText: "North site, March 2027" });
  await renamed.getByRole("button", { name: /^Open/ }).click();
  await renamed.locator(".app-tag--current").waitFor();

  // Delete asks first; cancel keeps it; confirm deletes; undo restores.
  await renamed.getByRole("button", { name: "Delete" }).click();
  await page.getByText("Delete ‘North site, March 2027’?").waitFor();
  await expectGoodPage(page, problems, "confirm delete");
  await page.getByRole("button", { name: "Cancel" }).click();
  assert.equal(await page.locator(".app-assessment-card").count(), 3);
  await renamed.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await page.getByText("‘North site, March 2027’ was deleted").waitFor();
  assert.equal(await page.locator(".app-assessment-card").count(), 2);
  await page.waitForFunction(() => document.activeElement?.id === "undo-delete");
  await expectGoodPage(page, problems, "after delete");
  await page.getByRole("button", { name: "Undo delete" }).click();
  await page.getByRole("heading", { name: /North site, March 2027/ }).waitFor();
  assert.equal(await page.locator(".app-assessment-card").count(), 3);

  await reload(page);
  assert.equal(await page.locator(".app-assessment-card").count(), 3);
  assert.match(await page.locator(".app-assessment-card--current").innerText(), /North site, March 2027/);
  await context.close();
});

test("the organisation profile is kept and shown", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/organisation");
  await page.getByLabel("Organisation name").fill("Northshire NHS Foundation Trust");
  await page.getByLabel("Integrated care board").check();
  await page.getByLabel("Who completed it").fill("EDI lead");
  await fillDate(page, "assessed-on", "2027-01-15");
  await expectGoodPage(page, problems, "organisation");
  await reload(page);
  assert.equal(await page.getByLabel("Organisation name").inputValue(), "Northshire NHS Foundation Trust");
  assert.ok(await page.getByLabel("Integrated care board").isChecked());
  const date = page.getByRole("group", { name: "Date of assessment" });
  assert.deepEqual(
    [await date.getByLabel("Day").inputValue(), await date.getByLabel("Month").inputValue(), await date.getByLabel("Year").inputValue()],
    ["15", "1", "2027"],
  );
  await go(env, page, "#/summary");
  assert.match(await page.locator(".app-working-on").innerText(), /for Northshire NHS Foundation Trust/);
  await context.close();
});

test("blocked storage: the app works in memory and says so on every page", async () => {
  const { page, context, problems } = await open(env);
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  for (const route of ["#/", "#/self-assessment", "#/summary", "#/assessments", "#/pillars/3"]) {
    await go(env, page, route);
    await page.getByText("Your changes are not being saved").waitFor();
    await expectGoodPage(page, problems, `${route} with storage blocked`);
  }
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-in_place").check();
  await go(env, page, "#/summary");
  assert.match(await page.locator("#completeness-count").innerText(), /1 of 17/);
  await context.close();
});

test("unreadable saved data is kept, offered as a download, and replaced only on request", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/");
  await page.evaluate(() => localStorage.setItem("lgbtq-inclusion-framework", '{"schema":1,"workspace":'));
  await page.reload();
  await page.getByText("We could not read the answers saved in this browser").waitFor();
  await expectGoodPage(page, problems, "unreadable data");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the saved data" }).click();
  const file = await download;
  const text = readFileSync(await file.path(), "utf8");
  assert.equal(text, '{"schema":1,"workspace":');
  await go(env, page, "#/self-assessment/2");
  await page.locator("#rating-2-2-in_place").check();
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  assert.equal(
    await page.evaluate(() => localStorage.getItem("lgbtq-inclusion-framework")),
    '{"schema":1,"workspace":',
  );
  await page.getByRole("button", { name: "Replace it and start saving" }).click();
  await page.getByText("We could not read").waitFor({ state: "detached" });
  const stored = await storedWorkspace(page);
  assert.equal(stored.assessments[0].answers["2.2"].rating.value, "in_place");
  await expectClean(page, problems, "unreadable data");
  await context.close();
});

test("the privacy notice explains the data and deletes it all, after confirmation", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-in_place").check();
  await go(env, page, "#/privacy");
  assert.match(await page.locator("main").innerText(), /Only in this browser, on this device/);
  await expectGoodPage(page, problems, "privacy");
  await page.locator("#delete-all").click();
  await page.waitForFunction(() => document.activeElement?.id === "confirm-delete-all");
  await expectGoodPage(page, problems, "delete all confirmation");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.locator("#delete-all").click();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await page.locator("#deleted-all").waitFor();
  // What is left is a fresh, empty assessment marked as the next generation,
  // so a tab still holding the old data gives way instead of writing it back.
  const left = await storedWorkspace(page);
  assert.equal(left.generation, 1);
  assert.equal(left.assessments.length, 1);
  assert.deepEqual(left.assessments[0].answers ?? {}, {});
  // Only the fresh assessment's two keys: every key of every version is gone.
  assert.deepEqual(Object.keys(await page.evaluate(() => ({ ...localStorage }))).sort(), [
    "lgbtq-inclusion-framework/4",
    `lgbtq-inclusion-framework/4/g1/a/${left.assessments[0].id}`,
  ]);
  await go(env, page, "#/self-assessment/1");
  assert.ok(await page.locator("#rating-1-1-not_assessed").isChecked());
  await go(env, page, "#/accessibility");
  await expectGoodPage(page, problems, "accessibility statement");
  await context.close();
});
