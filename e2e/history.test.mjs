// History you can prove, on the release build: each test is one way an
// edit used to be lost or hidden without a word (issue 18), tried as a
// person would, in the words the page uses.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, go, onPillarOf, expectGoodPage, expectClean, noteBox, storedWorkspace } from "./harness.mjs";

let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

/** Saves now, as the app does when a tab is hidden or closed. */
async function flush(page) {
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
}

async function download(page, selector) {
  const waiting = page.waitForEvent("download");
  await page.locator(selector).click();
  const file = await waiting;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

async function exportOpen(page) {
  await go(env, page, "#/share");
  return download(page, "#export-json");
}

/** Chooses a file on the share page and waits for its preview. */
async function choose(page, file) {
  await go(env, page, "#/share");
  await page.locator("#import-file").setInputFiles([{ name: file.name, mimeType: "application/json", buffer: Buffer.from(file.text) }]);
  await page.locator("#import-preview").waitFor();
}

async function rate(page, element, level) {
  await onPillarOf(env, page, element);
  await page.locator(`#rating-${element.replace(".", "-")}-${level}`).check();
}

/** The question for one answer on the merge page, found by its legend. */
function question(page, label) {
  return page.locator(".app-conflict").filter({ has: page.locator("legend", { hasText: label }) });
}

/** Everything this browser stores, as key/value pairs. */
async function storage(page) {
  return page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
}

/**
 * Writes `entries` into this browser's storage from a third tab, as a
 * second tab's save does: the open tabs hear it as a storage event.
 */
async function saveFromAnotherTab(context, entries) {
  const tab = await context.newPage();
  await go(env, tab, "#/");
  await tab.evaluate((pairs) => {
    for (const [k, v] of Object.entries(pairs)) localStorage.setItem(k, v);
  }, entries);
  return tab;
}

test("Delete all, start again, merge in the old backup: it is a different assessment, and every answer that differs is a question with no default", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await rate(page, "1.1", "not_in_place");
  await (await noteBox(page, "1.1")).fill("Old note");
  await rate(page, "2.1", "in_place");
  await flush(page);
  const backup = await exportOpen(page);

  await go(env, page, "#/privacy");
  await page.locator("#delete-all").click();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await page.locator("#deleted-all").waitFor();
  await go(env, page, "#/self-assessment/1");
  await rate(page, "1.1", "in_place");
  await (await noteBox(page, "1.1")).fill("New note");
  await flush(page);

  await choose(page, backup);
  await page.locator("#import-different").getByText("is a different assessment from the open one").waitFor();
  await page.getByLabel(/choosing for every answer that differs/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#conflicts").waitFor();
  await page.getByText("2 answers to choose").waitFor();
  const rating = question(page, "1.1");
  assert.equal(await page.locator(".app-conflict").count(), 2, "the rating and the note, nothing else");
  assert.equal(await page.locator(".app-conflict input:checked").count(), 0, "no choice is made for the person");
  await expectGoodPage(page, problems, "every difference a question");

  await page.getByRole("button", { name: "Finish merging" }).click();
  const summary = page.locator("#conflict-error-summary");
  await summary.waitFor();
  await summary.getByText("Nothing has been merged yet.").waitFor();
  assert.equal(await summary.locator("li").count(), 2);
  assert.ok(await summary.evaluate((el) => el === document.activeElement), "focus moves to the error summary");
  await expectGoodPage(page, problems, "unanswered questions");

  await rating.first().getByLabel("In place", { exact: true }).check();
  await page.locator(".app-conflict").nth(1).getByLabel("Old note").check();
  await page.getByRole("button", { name: "Finish merging" }).click();
  await page.locator("#import-done").waitFor();
  await go(env, page, "#/self-assessment/1");
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked());
  assert.equal(await (await noteBox(page, "1.1")).inputValue(), "Old note");
  await go(env, page, "#/self-assessment/2");
  assert.ok(await page.locator("#rating-2-1-in_place").isChecked(), "an answer only the backup had is taken");
  await expectClean(page, problems, "backup merged");
  await context.close();
});

test("Duplicate, edit both, merge the copy's file into the original: both versions are offered, never a silent pick", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await rate(page, "1.1", "not_in_place");
  await go(env, page, "#/assessments");
  await page.getByRole("button", { name: "Duplicate" }).first().click();
  // The copy is open: rate 1.1 twice there.
  await rate(page, "1.1", "in_place");
  await rate(page, "1.1", "work_in_progress");
  await flush(page);
  const copy = await exportOpen(page);
  // Back to the original, one edit there.
  await go(env, page, "#/assessments");
  await page.locator(".app-assessment-card").filter({ hasNotText: "Copy of" }).getByRole("button", { name: /^Open/ }).click();
  await rate(page, "1.1", "in_place");
  await flush(page);

  await choose(page, copy);
  await page.getByLabel(/^Merge it into ‘/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#conflicts").waitFor();
  const asked = question(page, "1.1");
  assert.equal(await page.locator(".app-conflict").count(), 1);
  await asked.getByText("Yours").first().waitFor();
  await asked.getByText("In the file").first().waitFor();
  assert.ok(await asked.getByLabel("In place", { exact: true }).isVisible());
  assert.ok(await asked.getByLabel("Work in progress", { exact: true }).isVisible());
  assert.equal(await asked.locator("input:checked").count(), 0);
  await expectGoodPage(page, problems, "duplicate merged");
  await context.close();
});

test("Two tabs change the same note at once: both versions are shown where the note lives, and keeping one settles it in both tabs", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await (await noteBox(page, "1.1")).fill("Draft");
  await flush(page);
  // A second browser window with this browser's storage: it edits the same
  // note without hearing ours, as two tabs typing at the same moment do.
  const twin = await env.browser.newContext({ storageState: await context.storageState(), locale: "en-GB" });
  const other = await twin.newPage();
  await go(env, other, "#/self-assessment/1");
  await (await noteBox(other, "1.1")).fill("From the second tab");
  await flush(other);
  await (await noteBox(page, "1.1")).fill("From the first tab");
  await flush(page);
  // The second tab's save reaches this browser's storage.
  const writer = await saveFromAnotherTab(context, await storage(other));

  const panel = page.locator("#versions-1-1");
  await panel.getByText("Two versions to choose from").waitFor();
  await panel.getByText("From the first tab").waitFor();
  await panel.getByText("From the second tab").waitFor();
  await expectGoodPage(page, problems, "two versions shown");
  await go(env, page, "#/tasks");
  await page.locator("#versions-notice").getByText("1 answer has two versions").waitFor();
  await page.locator("#versions-notice").getByRole("link", { name: "1.1 what tells us this" }).click();
  await panel.waitFor();

  await panel
    .locator(".app-versions__version")
    .filter({ hasText: "From the second tab" })
    .getByRole("button", { name: /Keep this version/ })
    .click();
  await panel.waitFor({ state: "detached" });
  assert.equal(await (await noteBox(page, "1.1")).inputValue(), "From the second tab");
  await page.locator("#versions-1-1-status").getByText("Kept ‘From the second tab’").waitFor();
  await flush(page);
  // The writer tab heard it too: one version there as well.
  await go(env, writer, "#/self-assessment/1");
  assert.equal(await (await noteBox(writer, "1.1")).inputValue(), "From the second tab");
  assert.equal(await writer.locator("#versions-1-1").count(), 0);
  await expectClean(page, problems, "two tabs settled");
  await twin.close();
  await context.close();
});

test("A colleague's file that never touched an answer with two versions asks nothing about it", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await (await noteBox(page, "1.1")).fill("Draft");
  await flush(page);
  const shared = await exportOpen(page);
  const twin = await env.browser.newContext({ storageState: await context.storageState(), locale: "en-GB" });
  const other = await twin.newPage();
  await go(env, other, "#/self-assessment/1");
  await (await noteBox(other, "1.1")).fill("Second tab");
  await flush(other);
  await go(env, page, "#/self-assessment/1");
  await (await noteBox(page, "1.1")).fill("First tab");
  await flush(page);
  await saveFromAnotherTab(context, await storage(other));
  await page.locator("#versions-1-1").waitFor();

  // The colleague changed only 3.1.
  const colleague = await open(env);
  await choose(colleague.page, shared);
  await colleague.page.getByLabel("Open it as a new assessment").check();
  await colleague.page.getByRole("button", { name: "Continue" }).click();
  await colleague.page.locator("#import-done").waitFor();
  await rate(colleague.page, "3.1", "in_place");
  await flush(colleague.page);
  const theirs = await exportOpen(colleague.page);
  await colleague.context.close();

  await choose(page, theirs);
  await page.getByLabel(/^Merge it into ‘/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-done").waitFor();
  assert.equal(await page.locator("#conflicts").count(), 0, "no question about the note");
  await go(env, page, "#/self-assessment/1");
  const panel = page.locator("#versions-1-1");
  await panel.getByText("First tab").waitFor();
  await panel.getByText("Second tab").waitFor();
  await go(env, page, "#/self-assessment/3");
  assert.ok(await page.locator("#rating-3-1-in_place").isChecked());
  await expectClean(page, problems, "merge leaves two versions alone");
  await twin.close();
  await context.close();
});

test("Undo an import, then import the same file again: the page says why nothing would change and offers to go through every difference", async () => {
  const colleague = await open(env);
  await go(env, colleague.page, "#/self-assessment/1");
  await rate(colleague.page, "1.1", "not_in_place");
  await flush(colleague.page);
  const first = await exportOpen(colleague.page);

  const { page, context, problems } = await open(env);
  await choose(page, first);
  await page.getByLabel("Open it as a new assessment").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-done").waitFor();

  await rate(colleague.page, "1.1", "in_place");
  await flush(colleague.page);
  const second = await exportOpen(colleague.page);
  await colleague.context.close();

  await choose(page, second);
  await page.getByLabel(/^Merge it into ‘/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-done").waitFor();
  await page.getByRole("button", { name: "Undo import" }).click();
  await page.locator("#undo-done").getByText("import the same file again").waitFor();

  await choose(page, second);
  await page.locator("#import-seen-all").getByText("has already seen every change in this file").waitFor();
  await page.getByLabel("Go through every answer that differs, and choose").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#conflicts").waitFor();
  const asked = question(page, "1.1");
  assert.equal(await asked.locator("input:checked").count(), 0);
  await expectGoodPage(page, problems, "choose again after undo");
  await asked.getByLabel("In place", { exact: true }).check();
  await page.getByRole("button", { name: "Finish merging" }).click();
  await page.locator("#import-done").waitFor();
  await go(env, page, "#/self-assessment/1");
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked());
  await expectClean(page, problems, "chose again");
  await context.close();
});

test("A newer version of the app in another tab: this tab stops saving, says so on every page, and offers what it holds as a file", async () => {
  const { page, context, problems } = await open(env);
  await rate(page, "1.1", "in_place");
  await flush(page);
  // The newer version opens in another tab and stores under its own keys.
  const newer = await saveFromAnotherTab(context, {
    "lgbtq-inclusion-framework/5": JSON.stringify({ schema: 5, current: "x", assessments: [] }),
  });
  await page.getByText("A newer version of this app is open in another tab or window").waitFor();
  const before = await storage(page);
  await rate(page, "1.2", "work_in_progress");
  await flush(page);
  assert.deepEqual(await storage(page), before, "nothing written over the newer version's data, or our own");
  await go(env, page, "#/summary");
  await page.getByText("A newer version of this app is open in another tab or window").waitFor();
  await expectGoodPage(page, problems, "newer version in another tab");
  const file = await download(page, "#download-this-tab");
  const held = JSON.parse(file.text);
  assert.equal(held.assessments[0].answers["1.2"].rating.value, "work_in_progress", "what this tab holds, to import in the newer version");
  await newer.close();
  await expectClean(page, problems, "newer version in another tab");
  await context.close();
});

test("The previous version, still open in another tab, saves its one key: merged here, and never written by this version", async () => {
  const { page, context, problems } = await open(env);
  await rate(page, "1.1", "in_place");
  await flush(page);
  const ours = await storedWorkspace(page);
  // The previous version (schema 3, one key) holds the same assessment
  // with a note of its own, and an assessment this tab has not seen.
  const theirs = structuredClone(ours);
  const a = theirs.assessments[0];
  const seed = { ...a, writers: [...a.writers, ["previous-tab", 1]] };
  seed.answers = { ...a.answers, "4.1": { rating: { value: "not_in_place", changed_at: 2, dot: [a.writers.length, 1] } } };
  const envelope = { schema: 3, saved_at: 1, workspace: { ...theirs, assessments: [seed] } };
  const previous = await saveFromAnotherTab(context, { "lgbtq-inclusion-framework": JSON.stringify(envelope) });
  await go(env, page, "#/self-assessment/4");
  await page.locator("#rating-4-1-not_in_place:checked").waitFor();
  await go(env, page, "#/self-assessment/1");
  assert.ok(await page.locator("#rating-1-1-in_place").isChecked(), "ours kept");
  await rate(page, "1.3", "in_place");
  await flush(page);
  assert.equal((await storage(page))["lgbtq-inclusion-framework"], JSON.stringify(envelope), "the old key is never written");
  const stored = await storedWorkspace(page);
  assert.equal(stored.assessments[0].answers["4.1"].rating.value, "not_in_place");
  assert.equal(stored.assessments[0].answers["1.3"].rating.value, "in_place");
  await previous.close();
  await expectClean(page, problems, "previous version in another tab");
  await context.close();
});
