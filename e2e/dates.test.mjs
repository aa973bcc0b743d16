// Dates as people type them (issue 19, point 1): the NHS date input (day,
// month and year boxes, each labelled) on the start questions and in an
// action plan. An impossible or half-typed date is named in an error
// summary that takes focus and at the field; nothing else typed is lost;
// a target date that has passed is asked about before it is kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, go, arrived, heading, expectGoodPage, expectClean, tabTo, storedWorkspace, waitForStored } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

/** Types each part into the focused box and moves to the next with Tab. */
async function typeDate(page, parts) {
  for (const part of parts) {
    await page.keyboard.type(part);
    await page.keyboard.press("Tab");
  }
}

const focused = (page) => page.evaluate(() => document.activeElement?.id);

test("start questions: 31 February 2027 typed by keyboard is named, focused and fixed, and the organisation's name is kept", async () => {
  const { page, context, problems } = await open(env, { width: 375, height: 812 });
  await go(env, page, "#/start");
  // Each box has its own label, in a group named by the question.
  for (const label of ["Day", "Month", "Year"]) {
    assert.equal(await page.getByRole("group", { name: "Date of assessment" }).getByLabel(label, { exact: true }).count(), 1, label);
  }
  await tabTo(page, "#start-organisation");
  await page.keyboard.type("Northshire NHS Foundation Trust");
  await tabTo(page, "#start-date-day");
  await typeDate(page, ["31", "2", "2027"]);
  await tabTo(page, "#start-submit");
  await page.keyboard.press("Enter");

  // The error summary takes focus and names the problem; so does the field.
  await page.waitForFunction(() => document.activeElement?.id === "start-errors");
  const summary = await page.locator("#start-errors").innerText();
  assert.match(summary, /There is a problem/);
  assert.match(summary, /Date of assessment must be a real date, for example 15 1 2027/);
  assert.match(await page.locator("#start-date-error").innerText(), /Error:\s*Date of assessment must be a real date/);
  assert.match(await page.locator("#start-date-day").getAttribute("class"), /nhsuk-input--error/);
  assert.equal(await heading(page), "About your organisation", "still on the start questions");
  await expectGoodPage(page, problems, "start, impossible date");
  // Everything typed is still there, and nothing was saved.
  assert.equal(await page.locator("#start-organisation").inputValue(), "Northshire NHS Foundation Trust");
  assert.deepEqual(
    [await page.locator("#start-date-day").inputValue(), await page.locator("#start-date-month").inputValue(), await page.locator("#start-date-year").inputValue()],
    ["31", "2", "2027"],
  );
  const stored = await storedWorkspace(page);
  assert.equal(stored?.assessments?.[0]?.profile?.organisation?.value ?? "", "");

  // Only a day and a month: the year is asked for, and its link goes to it.
  await page.locator("#start-date-year").fill("");
  await page.locator("#start-submit").click();
  await page.waitForFunction(() => document.activeElement?.id === "start-errors");
  assert.match(await page.locator("#start-errors").innerText(), /Date of assessment must include a year/);
  await page.locator("#start-errors a").first().click();
  await page.waitForFunction(() => document.activeElement?.id === "start-date-year");

  // Corrected, by keyboard: the assessment is named after it.
  await page.keyboard.type("2027");
  await page.locator("#start-date-day").fill("28");
  await page.locator("#start-submit").focus();
  await page.keyboard.press("Enter");
  await arrived(page, "#/tasks");
  assert.match(await page.locator("#working-on").innerText(), /Northshire NHS Foundation Trust, February 2027/);
  await waitForStored(page, (w) => w.assessments[0].profile.assessed_on?.value === "2027-02-28");
  const saved = await storedWorkspace(page);
  assert.equal(saved.assessments[0].profile.organisation.value, "Northshire NHS Foundation Trust");
  await expectClean(page, problems, "start dates");
  await context.close();
});

test("action plan: an impossible target date is named at the field and stops Save and continue, keeping what else was typed", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/progress/1");
  await page.locator("#progress-1-1 summary").click();
  await page.locator("#next-1-1").fill("Agree the visible leadership plan");
  await page.locator("#owner-1-1").fill("EDI lead");
  await page.locator("#target-1-1-day").focus();
  await typeDate(page, ["31", "2", "2027"]);
  // Leaving the date names the problem beside it; nothing is saved.
  await page.locator("#target-1-1-error").waitFor();
  assert.match(await page.locator("#target-1-1-error").innerText(), /Target date for 1\.1 must be a real date/);
  let stored = await storedWorkspace(page);
  assert.equal(stored?.assessments[0].answers["1.1"]?.target_date?.value ?? "", "");
  await expectGoodPage(page, problems, "impossible target date");

  // Save and continue stays, with the error summary focused.
  await page.locator("#save-continue").click();
  await page.waitForFunction(() => document.activeElement?.id === "date-errors");
  assert.equal(await page.evaluate(() => location.hash), "#/progress/1");
  assert.match(await page.locator("#date-errors").innerText(), /There is a problem[\s\S]*Target date for 1\.1 must be a real date/);
  await expectGoodPage(page, problems, "target date error summary");
  assert.equal(await page.locator("#next-1-1").inputValue(), "Agree the visible leadership plan");
  assert.equal(await page.locator("#owner-1-1").inputValue(), "EDI lead");
  assert.equal(await page.locator("#target-1-1-day").inputValue(), "31");
  // What else was typed is saved as usual.
  await waitForStored(page, (w) => w.assessments[0].answers?.["1.1"]?.owner?.value === "EDI lead");
  await page.locator("#date-errors a").click();
  await page.waitForFunction(() => document.activeElement?.id === "target-1-1-day");

  // Corrected: saved, the summary goes, and Save and continue moves on.
  await page.keyboard.press("Control+A");
  await page.keyboard.type("28");
  await waitForStored(page, (w) => w.assessments[0].answers?.["1.1"]?.target_date?.value === "2027-02-28");
  await page.locator("#date-errors").waitFor({ state: "detached" });
  await page.locator("#save-continue").click();
  await arrived(page, "#/progress/2");
  await expectClean(page, problems, "target dates");
  await context.close();
});

test("action plan: a target date that has passed is asked about when entered, by keyboard", async () => {
  const { page, context, problems } = await open(env, { width: 375, height: 812 });
  await go(env, page, "#/progress/1");
  await page.locator("#progress-1-2 summary").click();
  await page.locator("#target-1-2-day").focus();
  await typeDate(page, ["1", "10", "2020"]);
  // The question comes straight after the year, and Tab reaches its answer.
  const confirm = page.locator("#target-1-2-confirm");
  assert.match(await confirm.innerText(), /1 October 2020 has already passed \(about \d+ years ago\)\. Is this the target date you mean\?/);
  assert.equal(await focused(page), "target-1-2-yes");
  let stored = await storedWorkspace(page);
  assert.equal(stored.assessments[0].answers["1.2"]?.target_date?.value ?? "", "", "not saved before it is confirmed");
  await expectGoodPage(page, problems, "past target date asked");
  // Moving on before answering is stopped, with the question named.
  await page.locator("#save-continue").click();
  await page.waitForFunction(() => document.activeElement?.id === "date-errors");
  assert.match(await page.locator("#date-errors").innerText(), /Target date for 1\.2 \(1 October 2020\) has passed: say it is the date you mean, or change it/);
  // Its link goes to the question's answer.
  await page.locator("#date-errors a").click();
  await page.waitForFunction(() => document.activeElement?.id === "target-1-2-yes");
  await page.keyboard.press("Enter");
  await confirm.waitFor({ state: "detached" });
  await waitForStored(page, (w) => w.assessments[0].answers?.["1.2"]?.target_date?.value === "2020-10-01");
  // Kept, and now flagged overdue, in words.
  await page.locator("#progress-1-2 .app-tag--overdue").waitFor();

  // "No, change it" goes back to the day, and keeps nothing.
  await page.locator("#progress-1-3 summary").click();
  await page.locator("#target-1-3-day").focus();
  await typeDate(page, ["2", "3", "2021"]);
  await page.keyboard.press("Tab"); // from "Yes" to "No, change it"
  assert.equal(await focused(page), "target-1-3-change");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "target-1-3-day");
  stored = await storedWorkspace(page);
  assert.equal(stored.assessments[0].answers["1.3"]?.target_date?.value ?? "", "");
  await expectClean(page, problems, "past target dates");
  await context.close();
});
