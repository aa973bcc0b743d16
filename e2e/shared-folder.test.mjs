// Working through a shared folder by hand, on the release build: three
// colleagues' browsers (separate contexts, as separate laptops) each save
// their own copy into one folder (a temporary directory standing in for a
// Teams or OneDrive folder) and open everyone's copies (issue 21).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, open, go, onPillarOf, expectGoodPage, noteBox, arrived } from "./harness.mjs";

let env;
let folder;

before(async () => {
  env = await start();
  folder = mkdtempSync(join(tmpdir(), "shared-folder-"));
});
after(async () => {
  await env?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Saves now, as the app does when a tab is hidden or closed. */
async function flush(page) {
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
}

async function rate(page, element, level) {
  await onPillarOf(env, page, element);
  await page.locator(`#rating-${element.replace(".", "-")}-${level}`).check();
}

/** "Save my copy" as `person`, then the file moved into the folder; returns its name. */
async function saveCopy(page, person, { into = folder, as } = {}) {
  await go(env, page, "#/share");
  await page.locator("#folder-person").fill(person);
  const waiting = page.waitForEvent("download");
  await page.locator("#folder-save").click();
  const file = await waiting;
  const name = file.suggestedFilename();
  await page.locator("#folder-saved").getByText(`Saved ‘${name}’ to your downloads.`).waitFor();
  writeFileSync(join(into, as ?? name), readFileSync(await file.path()));
  return name;
}

/** "Open the shared folder's files" with every file in the folder; returns the result panel. */
async function openFolder(page) {
  await go(env, page, "#/share");
  const files = readdirSync(folder).map((n) => join(folder, n));
  await page.locator("#folder-files").setInputFiles(files);
  const result = page.locator("#folder-result");
  await result.waitFor();
  return result;
}

async function importAsNew(page, name) {
  await go(env, page, "#/share");
  await page.locator("#import-file").setInputFiles(join(folder, name));
  await page.locator("#import-preview").waitFor();
  await page.getByLabel("Open it as a new assessment").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-done").waitFor();
}

async function shown(page) {
  await go(env, page, "#/self-assessment/1");
  const versions = await page.locator("#versions-1-1").count();
  const note = await (await noteBox(page, "1.1")).inputValue();
  const rated = await page.locator("#rating-1-1-in_place").isChecked();
  await go(env, page, "#/self-assessment/2");
  const sam = await page.locator("#rating-2-1-in_place").isChecked();
  return { versions, note, rated, sam };
}

test("three colleagues stay in step through one folder: each one's edits reach the others, a file still copying waits, two versions are shown and settle", async () => {
  const priya = await open(env);
  const sam = await open(env);
  const jo = await open(env);

  // A name is needed first, and the page says so.
  await go(env, priya.page, "#/share");
  await priya.page.locator("#folder-save").click();
  await priya.page.locator("#folder-error-summary").getByText("Enter your name or your device’s name").waitFor();
  await arrived(priya.page, "#/share", "#folder-error-summary");

  await rate(priya.page, "1.1", "in_place");
  await flush(priya.page);
  const priyaFile = await saveCopy(priya.page, "Priya Shah");
  assert.match(priyaFile, /^My organisation’s assessment – Priya Shah – [A-Za-z0-9]+\.inclusion\.json$/);

  // Sam's fresh browser holds another assessment: the folder's file is
  // named, with what to do, and nothing is merged.
  let result = await openFolder(sam.page);
  await result.locator("#folder-skipped").getByText("it holds another assessment").waitFor();
  await importAsNew(sam.page, priyaFile);
  await rate(sam.page, "2.1", "in_place");
  await flush(sam.page);
  await saveCopy(sam.page, "Sam");

  // Jo joins too and writes a note on 1.1; Priya writes one at the same time.
  await importAsNew(jo.page, priyaFile);
  await onPillarOf(env, jo.page, "1.1");
  await (await noteBox(jo.page, "1.1")).fill("Jo’s evidence");
  await flush(jo.page);
  await onPillarOf(env, priya.page, "1.1");
  await (await noteBox(priya.page, "1.1")).fill("Priya’s evidence");
  await flush(priya.page);

  // Jo's file is still being copied by the sync client: half of it.
  const joFile = await saveCopy(jo.page, "Jo", { into: tmpdir(), as: "jo-copy.json" });
  const joText = readFileSync(join(tmpdir(), "jo-copy.json"));
  rmSync(join(tmpdir(), "jo-copy.json"));
  writeFileSync(join(folder, joFile), joText.subarray(0, joText.length / 2));
  // And someone opened the folder in a newer version of the app.
  const newer = readFileSync(join(folder, priyaFile), "utf8").replace('"version": 3', '"version": 9');
  writeFileSync(join(folder, "Team – Kim – k1.inclusion.json"), newer);
  writeFileSync(join(folder, "minutes.docx"), "not ours");

  result = await openFolder(priya.page);
  await result.getByText("Merged the files of Priya Shah and Sam").waitFor();
  await result.locator("#folder-people").getByText("Sam").waitFor();
  const skipped = result.locator("#folder-skipped");
  await skipped.getByText(joFile).waitFor();
  await skipped.getByText("it is still being written or downloaded").waitFor();
  await skipped.getByText("it was saved by a newer version of this app (file version 9)").waitFor();
  assert.equal(await skipped.getByText("minutes.docx").count(), 0, "other documents are left out");
  await priya.page.locator("#import-done").waitFor();
  await expectGoodPage(priya.page, priya.problems, "folder opened, files skipped");
  let now = await shown(priya.page);
  assert.deepEqual(now, { versions: 0, note: "Priya’s evidence", rated: true, sam: true }, "Sam's rating came in");

  // The sync client finishes: Jo's file is read next time, and the note
  // both wrote at once keeps both versions, shown where it lives.
  writeFileSync(join(folder, joFile), joText);
  result = await openFolder(priya.page);
  await result.getByText("1 answer now holds two versions").waitFor();
  await result.locator("#folder-people").getByText("Jo").waitFor();
  await result.locator("#folder-two-versions").click();
  await priya.page.locator("#versions-notice").getByText("1 answer has two versions").waitFor();
  await go(env, priya.page, "#/self-assessment/1");
  const panel = priya.page.locator("#versions-1-1");
  await panel.getByText("Jo’s evidence").waitFor();
  await panel.getByText("Priya’s evidence").waitFor();
  await expectGoodPage(priya.page, priya.problems, "two versions from the folder");
  await panel
    .locator(".app-versions__version")
    .filter({ hasText: "Jo’s evidence" })
    .getByRole("button", { name: /Keep this version/ })
    .click();
  await priya.page.locator("#versions-1-1-status").getByText("Kept ‘Jo’s evidence’").waitFor();
  await flush(priya.page);
  // The same name as before: it replaces her earlier copy in the folder.
  assert.equal(await saveCopy(priya.page, "Priya Shah"), priyaFile);

  // Everyone opens the folder and holds the same answers.
  for (const colleague of [sam, jo]) {
    await openFolder(colleague.page);
    await colleague.page.locator("#import-done").waitFor();
  }
  const expected = { versions: 0, note: "Jo’s evidence", rated: true, sam: true };
  for (const [who, colleague] of [["Priya", priya], ["Sam", sam], ["Jo", jo]]) {
    assert.deepEqual(await shown(colleague.page), expected, `${who} is in step`);
  }
  // Opening the same files again changes nothing, and says so.
  result = await openFolder(sam.page);
  await result.getByText("Nothing changed: everything in them was already here").waitFor();

  for (const c of [priya, sam, jo]) await c.context.close();
});

test("choosing files that are not this app's says so and changes nothing", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/share");
  await page.locator("#folder-files").setInputFiles([{ name: "minutes.docx", mimeType: "application/octet-stream", buffer: Buffer.from("x") }]);
  await page.locator("#folder-error-summary").getByText("None of the files you chose is one of this app’s files").waitFor();
  assert.equal(await page.locator("#import-done").count(), 0);
  await expectGoodPage(page, problems, "no files of ours");
  await context.close();
});
