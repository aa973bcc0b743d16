// Collaboration you can trust, on the release build: two tabs, two
// browsers and a colleague whose clock is wrong. Each test is one way the
// promise "never lost, never resurrected" used to break.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { start, open, go, onPillarOf, expectAccessible, expectGoodPage, expectClean, storedWorkspace, noteBox } from "./harness.mjs";

const KEY = "lgbtq-inclusion-framework";
const DAY = 86_400_000;
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

async function importAs(page, name, text, choice) {
  await go(env, page, "#/share");
  await page.locator("#import-file").setInputFiles([{ name, mimeType: "application/json", buffer: Buffer.from(text) }]);
  await page.locator("#import-preview").waitFor();
  if (choice) await page.getByLabel(choice).check();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** A second tab of the same browser: it shares localStorage. */
async function secondTab(context, route) {
  const page = await context.newPage();
  await go(env, page, route);
  return page;
}

async function rate(page, element, level) {
  await onPillarOf(env, page, element);
  await page.locator(`#rating-${element.replace(".", "-")}-${level}`).check();
}

async function checked(page, element, level) {
  await onPillarOf(env, page, element);
  return page.locator(`#rating-${element.replace(".", "-")}-${level}`).isChecked();
}

/** Waits until the other tab shows a rating (it hears our save). */
async function waitForRating(page, element, level) {
  await onPillarOf(env, page, element);
  await page.locator(`#rating-${element.replace(".", "-")}-${level}`).and(page.locator(":checked")).waitFor();
}

test("Delete all data holds in every open tab: the other tab gives way, says so, and never writes its copy back", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await rate(page, "1.1", "in_place");
  await (await noteBox(page, "1.1")).fill("Private evidence");
  await flush(page);
  const other = await secondTab(context, "#/self-assessment");
  assert.ok(await checked(other, "1.1", "in_place"));

  await go(env, page, "#/privacy");
  await page.locator("#delete-all").click();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await page.locator("#deleted-all").waitFor();

  await other.getByText("All data in this browser was deleted in another tab or window").waitFor();
  assert.ok(await checked(other, "1.1", "not_assessed"), "the other tab no longer shows the old answers");
  assert.equal(await other.locator("#note-1-1").inputValue(), "");
  await expectAccessible(other, "notice after delete all");
  // Its next edit is saved alone; the old answers never come back.
  await rate(other, "2.2", "work_in_progress");
  await flush(other);
  await flush(page);
  const stored = await storedWorkspace(other);
  assert.equal(stored.assessments.length, 1);
  assert.ok(!JSON.stringify(stored).includes("Private evidence"), "nothing of the old data is stored");
  assert.equal(stored.assessments[0].answers["1.1"], undefined);
  assert.equal(stored.assessments[0].answers["2.2"].rating.value, "work_in_progress");
  await other.reload();
  await go(env, other, "#/self-assessment");
  assert.ok(await checked(other, "1.1", "not_assessed"));
  assert.ok(await checked(other, "2.2", "work_in_progress"));
  await expectClean(page, problems, "delete all");
  await context.close();
});

test("Replace and Undo import hold in every tab, and an edit made after the import survives the undo", async () => {
  // The colleague's file: 3.1 rated, and a note of theirs.
  const colleague = await open(env);
  await go(env, colleague.page, "#/self-assessment");
  await rate(colleague.page, "3.1", "in_place");
  await (await noteBox(colleague.page, "3.1")).fill("Their evidence");
  await go(env, colleague.page, "#/share");
  const file = await download(colleague.page, "#export-json");
  await colleague.context.close();

  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await rate(page, "1.1", "not_in_place");
  await (await noteBox(page, "1.1")).fill("Our draft");
  await flush(page);
  const other = await secondTab(context, "#/self-assessment");
  assert.ok(await checked(other, "1.1", "not_in_place"));

  await importAs(page, file.name, file.text, /^Replace ‘/);
  await page.locator("#import-done").waitFor();
  await expectGoodPage(page, problems, "replaced");
  // The other tab follows, and does not put the replaced answers back.
  await waitForRating(other, "3.1", "in_place");
  assert.ok(await checked(other, "1.1", "not_assessed"));
  await rate(other, "4.1", "work_in_progress"); // an edit made after the import
  await flush(other);
  let stored = await storedWorkspace(page);
  let a = stored.assessments.find((x) => x.id === stored.current);
  assert.equal(a.answers["1.1"].rating.value, "not_assessed", "replaced answers stay replaced");
  assert.equal(a.answers["1.1"].note.value, "");
  assert.equal(a.answers["3.1"].rating.value, "in_place");

  // Undo, from the first tab.
  await page.getByRole("button", { name: "Undo import" }).click();
  await page.locator("#undo-done").waitFor();
  await waitForRating(other, "1.1", "not_in_place");
  assert.ok(await checked(other, "3.1", "not_assessed"), "the import's answers went");
  assert.ok(await checked(other, "4.1", "work_in_progress"), "the later edit stayed");
  // The next ordinary edit, in either tab, does not bring the import back.
  await rate(other, "5.1", "in_place");
  await flush(other);
  await go(env, page, "#/self-assessment");
  await waitForRating(page, "5.1", "in_place");
  await rate(page, "5.2", "in_place");
  await flush(page);
  for (const tab of [page, other]) {
    await tab.reload();
    await go(env, tab, "#/self-assessment");
    assert.ok(await checked(tab, "1.1", "not_in_place"));
    assert.equal(await tab.locator("#note-1-1").inputValue(), "Our draft");
    assert.ok(await checked(tab, "3.1", "not_assessed"));
    assert.equal(await tab.locator("#note-3-1").inputValue(), "");
    assert.ok(await checked(tab, "4.1", "work_in_progress"));
    assert.ok(await checked(tab, "5.2", "in_place"));
  }
  await expectClean(page, problems, "replace and undo");
  await context.close();
});

/** Every time in a file moved by `offset` ms, as a wrong clock would write them. */
function shiftTimes(text, offset) {
  const file = JSON.parse(text);
  const walk = (x) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x && typeof x === "object") {
      for (const [k, v] of Object.entries(x)) {
        if (["changed_at", "created_at", "touched_at", "taken_at", "exported_at"].includes(k) && typeof v === "number") x[k] = v + offset;
        else walk(v);
      }
    }
  };
  walk(file);
  return JSON.stringify(file, null, 2);
}

for (const [label, offset] of [["a day ahead", DAY], ["a day behind", -DAY]]) {
  test(`a colleague's clock ${label} cannot lock or override answers`, async () => {
    const shared = await open(env);
    await go(env, shared.page, "#/self-assessment");
    await rate(shared.page, "1.1", "not_in_place");
    await go(env, shared.page, "#/share");
    const base = await download(shared.page, "#export-json");

    // The colleague imports it, changes 1.1 and a note, and sends it back
    // from a computer whose clock is wrong.
    const colleague = await open(env);
    await importAs(colleague.page, base.name, base.text);
    await colleague.page.locator("#import-done").waitFor();
    await go(env, colleague.page, "#/self-assessment");
    await rate(colleague.page, "1.1", "work_in_progress");
    await (await noteBox(colleague.page, "1.2")).fill("From the chair");
    await go(env, colleague.page, "#/share");
    const back = await download(colleague.page, "#export-json");
    await colleague.context.close();

    const { page, context, problems } = shared;
    await importAs(page, back.name, shiftTimes(back.text, offset), /^Merge it into ‘/);
    await page.getByText("was merged into").waitFor();
    assert.equal(await page.locator("#conflicts").count(), 0, "only they changed those");
    await expectGoodPage(page, problems, "merged");
    // What changed is listed, each linked to its place.
    await page.locator("#import-changes summary").click();
    const changes = await page.locator("#import-changes").innerText();
    assert.match(changes, /1\.1 .*Rating/);
    assert.match(changes, /Not in place\s+Work in progress/);
    assert.match(changes, /1\.2 .*What tells us this/);
    assert.ok(await page.locator('#import-changes a[href="#/self-assessment/1?to=rate-1-1"]').count());

    // Every field the file touched can still be changed here, and stays changed.
    await go(env, page, "#/self-assessment/1");
    assert.ok(await checked(page, "1.1", "work_in_progress"));
    await rate(page, "1.1", "in_place");
    await (await noteBox(page, "1.2")).fill("Ours, now");
    await flush(page);
    await page.reload();
    await go(env, page, "#/self-assessment/1");
    assert.ok(await checked(page, "1.1", "in_place"), "our later edit sticks");
    assert.equal(await page.locator("#note-1-2").inputValue(), "Ours, now");
    // And merging the same file again changes nothing.
    await importAs(page, back.name, shiftTimes(back.text, offset), /^Merge it into ‘/);
    await page.getByText("was merged into").waitFor();
    assert.match(await page.locator("#import-done").innerText(), /It changed no answers/);
    await go(env, page, "#/self-assessment");
    assert.ok(await checked(page, "1.1", "in_place"));
    await expectClean(page, problems, `clock ${label}`);
    await context.close();
  });
}

test("the colleague round trip: their own changes come in without a question; the one answer both changed is asked once", async () => {
  // Priya fills in her assessment and sends it to the network chair.
  const priya = await open(env);
  const p = priya.page;
  await go(env, p, "#/organisation");
  await p.getByLabel("Organisation name").fill("Northshire NHS Foundation Trust");
  await go(env, p, "#/self-assessment/1");
  await rate(p, "1.1", "not_in_place");
  await rate(p, "1.2", "not_in_place");
  await (await noteBox(p, "1.1")).fill("Priya's first note");
  await go(env, p, "#/share");
  const sent = await download(p, "#export-json");

  // The chair changes two ratings and that note, and sends it back.
  const chair = await open(env);
  await importAs(chair.page, sent.name, sent.text);
  await chair.page.locator("#import-done").waitFor();
  await go(env, chair.page, "#/self-assessment");
  await rate(chair.page, "1.1", "in_place");
  await rate(chair.page, "1.2", "work_in_progress");
  await (await noteBox(chair.page, "1.1")).fill("The chair's note");
  await go(env, chair.page, "#/share");
  const returned = await download(chair.page, "#export-json");
  await chair.context.close();

  // Meanwhile Priya edited the same note, and a progress entry.
  await go(env, p, "#/self-assessment/1");
  await (await noteBox(p, "1.1")).fill("Priya's second note");
  await go(env, p, "#/progress/2");
  await p.locator("#action-2-1").fill("Training booked");

  await importAs(p, returned.name, returned.text, /^Merge it into ‘/);
  await p.locator("#conflicts").waitFor();
  const asked = await p.locator(".app-conflict").allInnerTexts();
  assert.equal(asked.length, 1, asked.join("\n---\n"));
  assert.match(asked[0], /1\.1 LGBTQ\+ leaders are visible.*What tells us this/s);
  assert.match(asked[0], /Priya's second note/);
  assert.match(asked[0], /The chair's note/);
  await expectGoodPage(p, priya.problems, "one conflict");
  await p.locator(".app-conflict .nhsuk-radios__item").filter({ hasText: "In the file" }).locator("input").check();
  await p.getByRole("button", { name: "Finish merging" }).click();
  await p.getByText("was merged into").waitFor();
  await p.locator("#import-changes summary").click();
  const changes = await p.locator("#import-changes").innerText();
  assert.match(changes, /What changed \(3 answers\)/);

  await go(env, p, "#/self-assessment/1");
  assert.ok(await checked(p, "1.1", "in_place"), "only the chair changed it: taken");
  assert.ok(await checked(p, "1.2", "work_in_progress"));
  assert.equal(await p.locator("#note-1-1").inputValue(), "The chair's note");
  await go(env, p, "#/progress/2");
  assert.equal(await p.locator("#action-2-1").inputValue(), "Training booked", "only Priya changed it: kept");

  // The same file again: nothing to ask, nothing changes.
  await importAs(p, returned.name, returned.text, /^Merge it into ‘/);
  await p.getByText("was merged into").waitFor();
  assert.equal(await p.locator("#conflicts").count(), 0);
  await expectClean(p, priya.problems, "round trip");
  await priya.context.close();
});

test("a well-used browser's own backup imports into a fresh browser, whatever its size", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await rate(page, "1.1", "in_place");
  await (await noteBox(page, "1.1")).fill("seed");
  await flush(page);
  // Fill storage as years of use would: many assessments with long notes.
  // Kept by the previous version, in its one key (schema 3): this version
  // reads it, and makes room for its own keys once all of it is merged.
  const workspace = await storedWorkspace(page);
  const assessments = await page.evaluate(([key, workspace]) => {
    const envelope = { schema: 3, saved_at: 1, workspace };
    const seed = envelope.workspace.assessments[0];
    const ids = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "6.1", "6.2"];
    const list = [];
    for (let i = 0; i < 14; i++) {
      const a = structuredClone(seed);
      a.id = `bulk-${i}`;
      a.name = { ...a.name, value: `Site ${i}` };
      for (const id of ids) {
        a.answers[id] = { ...structuredClone(seed.answers["1.1"]) };
        a.answers[id].note = { ...seed.answers["1.1"].note, value: `${i}:${id} `.padEnd(15_000, "evidence ") };
      }
      list.push(a);
    }
    envelope.workspace.assessments = list;
    envelope.workspace.current = list[0].id;
    localStorage.clear();
    localStorage.setItem(key, JSON.stringify(envelope));
    return list.length;
  }, [KEY, workspace]);
  await page.reload();
  await go(env, page, "#/share");
  await flush(page);
  const kept = await page.evaluate((key) => ({ index: localStorage.getItem(`${key}/4`) !== null, legacy: localStorage.getItem(key) !== null }), KEY);
  assert.deepEqual(kept, { index: true, legacy: false }, "all of it in this version's keys; the old copy gave way for room");
  assert.equal((await storedWorkspace(page)).assessments.length, assessments);
  const all = await download(page, "#export-all");
  assert.ok(all.text.length > 3.5 * 1024 * 1024, `a large backup (${all.text.length} bytes)`);

  const fresh = await open(env);
  await importAs(fresh.page, all.name, all.text);
  await fresh.page.getByText(`${assessments} assessments were added`).waitFor();
  await go(env, fresh.page, "#/assessments");
  assert.equal(await fresh.page.locator(".app-assessment-card").count(), assessments + 1);
  await expectClean(fresh.page, fresh.problems, "backup imported");
  await expectClean(page, problems, "backup");
  await fresh.context.close();
  await context.close();
});

test("one limit everywhere: the count warns before it, the model refuses past it, and the export re-imports", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  const note = await noteBox(page, "1.1");
  await note.fill("x".repeat(19_000));
  await page.locator("#note-1-1-count").getByText("You have 1000 characters remaining").waitFor();
  await flush(page);
  await note.fill("y".repeat(20_005));
  await page.locator("#note-1-1-count").getByText("You have 5 characters too many").waitFor();
  await expectGoodPage(page, problems, "over the limit");
  await flush(page);
  let stored = await storedWorkspace(page);
  assert.equal(stored.assessments[0].answers["1.1"].note.value, "x".repeat(19_000), "over the limit: not saved");
  await note.fill("z".repeat(20_000));
  await page.locator("#note-1-1-count").getByText("You have 0 characters remaining").waitFor();
  await flush(page);
  stored = await storedWorkspace(page);
  assert.equal(stored.assessments[0].answers["1.1"].note.value.length, 20_000);

  await go(env, page, "#/share");
  const file = await download(page, "#export-json");
  const xlsx = await (async () => {
    const waiting = page.waitForEvent("download");
    await page.locator("#export-xlsx").click();
    return readFileSync(await (await waiting).path());
  })();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx);
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => assert.ok(String(cell.value ?? "").length <= 32_767))),
  );
  const fresh = await open(env);
  await importAs(fresh.page, file.name, file.text);
  await fresh.page.getByText("was opened as a new assessment").waitFor();
  await go(env, fresh.page, "#/self-assessment");
  assert.equal((await fresh.page.locator("#note-1-1").inputValue()).length, 20_000);
  await expectClean(page, problems, "limits");
  await fresh.context.close();
  await context.close();
});
