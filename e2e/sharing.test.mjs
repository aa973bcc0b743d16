// Sharing by file on the release build: export, import (with preview,
// replace, merge, conflicts, undo), every kind of bad file, spreadsheet and
// CSV exports, and the print view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import Ajv2020 from "ajv/dist/2020.js";
import { start, open, go, expectGoodPage, expectClean, storedWorkspace, storedText, noteBox } from "./harness.mjs";

let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

async function download(page, selector) {
  const waiting = page.waitForEvent("download");
  await page.locator(selector).click();
  const file = await waiting;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function fillSome(page) {
  await go(env, page, "#/organisation");
  await page.getByLabel("Organisation name").fill("Northshire NHS Foundation Trust");
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-in_place").check();
  await (await noteBox(page, "1.1")).fill("Board paper, May 2027\nand staff survey");
  await go(env, page, "#/self-assessment/2");
  await page.locator("#rating-2-1-not_in_place").check();
  await go(env, page, "#/progress/1");
  await page.locator("#progress-1-1-level-moderate").check();
  await page.locator("#action-1-1").fill("Network launched");
}

function importFiles(page, files) {
  return page.locator("#import-file").setInputFiles(
    files.map(([name, text]) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) })),
  );
}

test("export, clear the browser, import: everything is back, and undo puts it away again", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  await page.getByText("Some changes are only in this browser").waitFor();
  await expectGoodPage(page, problems, "share page");
  const exported = await download(page, "#export-json");
  assert.match(exported.name, /^northshire-nhs-foundation-trust-lgbtq-inclusion-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(exported.bytes.toString("utf8"));
  assert.equal(json.format, "health-and-care-lgbtq-inclusion-framework");
  assert.equal(json.version, 3);
  assert.match(exported.bytes.toString("utf8"), /\n  "format"/, "pretty-printed");
  // The published JSON Schema describes what the app really writes.
  const schema = JSON.parse(readFileSync("docs/file-format.schema.json", "utf8"));
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  assert.ok(validate(json), JSON.stringify(validate.errors));
  assert.ok(validate(JSON.parse(readFileSync("tests/fixtures/export-v1.json", "utf8"))), "golden sample, version 1");
  assert.ok(validate(JSON.parse(readFileSync("tests/fixtures/export-v2.json", "utf8"))), "golden sample, version 2");
  await page.getByText("Some changes are only in this browser").waitFor({ state: "detached" });

  await expectClean(page, problems, "export");
  await context.close();

  // A browser with nothing stored (cleared, or a colleague's).
  const fresh = await open(env);
  const page2 = fresh.page;
  await go(env, page2, "#/share");
  await importFiles(page2, [[exported.name, exported.bytes.toString("utf8")]]);
  await page2.locator("#import-preview").waitFor();
  await page2.waitForFunction(() => document.activeElement?.id === "import-preview");
  const previewText = await page2.locator("main").innerText();
  assert.match(previewText, /Northshire NHS Foundation Trust/);
  assert.match(previewText, /2 of 17 elements rated, progress recorded for 1/);
  assert.match(previewText, /by version \d+\.\d+\.\d+ of this app/);
  await expectGoodPage(page2, fresh.problems, "import preview");
  await page2.getByLabel(/^Replace ‘/).check();
  await page2.getByRole("button", { name: "Continue" }).click();
  await page2.locator("#import-done").waitFor();
  await expectGoodPage(page2, fresh.problems, "import done");

  await go(env, page2, "#/self-assessment/1");
  assert.ok(await page2.locator("#rating-1-1-in_place").isChecked());
  assert.equal(await page2.locator("#note-1-1").inputValue(), "Board paper, May 2027\nand staff survey");
  await go(env, page2, "#/self-assessment/2");
  assert.ok(await page2.locator("#rating-2-1-not_in_place").isChecked());
  await go(env, page2, "#/progress/1");
  assert.equal(await page2.locator("#action-1-1").inputValue(), "Network launched");

  await go(env, page2, "#/share");
  await page2.getByRole("button", { name: "Undo import" }).click();
  await page2.locator("#undo-done").waitFor();
  await go(env, page2, "#/self-assessment/1");
  assert.ok(await page2.locator("#rating-1-1-not_assessed").isChecked(), "undo restored the empty assessment");
  assert.equal(await page2.locator("#note-1-1").inputValue(), "");
  await page2.evaluate(() => dispatchEvent(new Event("pagehide")));
  const stored = await storedWorkspace(page2);
  // Undo is a set of new edits back to the empty values (so it holds in
  // every tab): every answer is empty again.
  for (const answer of Object.values(stored.assessments[0].answers)) {
    for (const field of Object.values(answer)) {
      assert.ok([undefined, "", "not_assessed", "not_recorded"].includes(field.value), JSON.stringify(field));
    }
  }
  await expectClean(page2, fresh.problems, "round trip");
  await fresh.context.close();
});

test("a file dropped on the page opens as a new assessment", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const exported = await download(page, "#export-json");
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "colleague.json", { type: "application/json" }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, exported.bytes.toString("utf8"));
  await page.locator("#import-preview").waitFor();
  await page.getByRole("button", { name: "Continue" }).click(); // "new" is the default
  await page.getByText("was opened as a new assessment").waitFor();
  await go(env, page, "#/assessments");
  assert.equal(await page.locator(".app-assessment-card").count(), 2);
  await expectClean(page, problems, "drop");
  await context.close();
});

const BAD_FILES = [
  ["not-json.json", "this is not json", /not a JSON file exported from this app/],
  ["truncated.json", '{"format":"health-and-care-lgbtq-inclusion-framework","version":1,"assessments":[', /incomplete: it ends too early/],
  ["other-shape.json", '{"name":"a shopping list","items":[1,2]}', /JSON but not one exported from this app/],
  ["newer.json", '{"format":"health-and-care-lgbtq-inclusion-framework","version":9,"assessments":[]}', /newer version of this app/],
  ["empty.json", "", /The file is empty/],
];

function variant(base, edit) {
  const file = JSON.parse(base);
  edit(file.assessments[0]);
  return JSON.stringify(file);
}

test("every kind of bad file is explained and changes nothing", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const good = (await download(page, "#export-json")).bytes.toString("utf8");
  const cases = [
    ...BAD_FILES,
    ["unknown-element.json", variant(good, (a) => (a.answers["9.9"] = a.answers["1.1"])), /element 9\.9, which is not in the framework/],
    ["unknown-rating.json", variant(good, (a) => (a.answers["1.1"].rating.value = "brilliant")), /not in the expected format: unknown variant `brilliant`/],
    ["long-text.json", variant(good, (a) => (a.answers["1.1"].note.value = "x".repeat(20001))), /note of 1\.1 is too long \(20001 characters; the limit is 20000\)/],
  ];
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  const before = await storedText(page);
  for (const [name, text, message] of cases) {
    await importFiles(page, [[name, text]]);
    const summary = page.locator("#error-summary");
    await summary.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "error-summary");
    const said = await summary.innerText();
    assert.match(said, new RegExp(name.replace(".", "\\.")), `${name} named`);
    assert.match(said, message, `${name}: ${said}`);
    assert.match(said, /Nothing has been imported or changed/);
    assert.equal(await storedText(page), before, `${name} changed nothing`);
  }
  await expectGoodPage(page, problems, "import error");

  // Too large to be anything the app wrote: refused before it is read.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(65 * 1024 * 1024)], "huge.json", { type: "application/json" }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.locator("#error-summary").getByText(/huge\.json/).waitFor();
  assert.match(await page.locator("#error-summary").innerText(), /65\.0 MB – it must be smaller than 64\.0 MB/);
  assert.equal(await storedText(page), before, "huge.json changed nothing");

  // Several files, one bad: the bad one is named and none is imported.
  await importFiles(page, [["fine.json", good], ["broken.json", "{"]]);
  await page.locator("#error-summary").getByText(/broken\.json/).waitFor();
  assert.doesNotMatch(await page.locator("#error-summary").innerText(), /fine\.json/);
  assert.equal(await storedText(page), before);
  await go(env, page, "#/assessments");
  assert.equal(await page.locator(".app-assessment-card").count(), 1);
  await context.close();
});

test("two colleagues' changes merge, with the conflict settled side by side", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const mine = JSON.parse((await download(page, "#export-json")).bytes.toString("utf8"));
  // After sharing, we change the note; the colleague changed it too (neither
  // saw the other's), and rated 3.1.
  await go(env, page, "#/self-assessment/1");
  await (await noteBox(page, "1.1")).fill("Board paper, May 2027\nand staff survey, June");
  const theirs = structuredClone(mine);
  const a = theirs.assessments[0];
  const later = Date.now() + 60_000;
  // Their edits are a writer of their own (format 3: a place in the
  // writer table and that writer's count).
  a.writers.push(["colleague.1", 2]);
  const them = a.writers.length - 1;
  a.answers["1.1"].note = { value: "Their evidence: the 2027 survey", changed_at: later, dot: [them, 1] };
  a.answers["3.1"] = { rating: { value: "work_in_progress", changed_at: later, dot: [them, 2] } };
  const colleague = JSON.stringify(theirs, null, 2);

  await go(env, page, "#/share");
  await importFiles(page, [["colleague.json", colleague]]);
  await page.getByLabel(/^Merge it into ‘/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#conflicts").waitFor();
  const conflicts = await page.locator(".app-conflict").allInnerTexts();
  assert.equal(conflicts.length, 1);
  assert.match(conflicts[0], /1\.1 LGBTQ\+ leaders are visible.*What tells us this/s);
  assert.match(conflicts[0], /Board paper, May 2027/);
  assert.match(conflicts[0], /Their evidence: the 2027 survey/);
  await expectGoodPage(page, problems, "conflicts");
  await page.locator(".app-conflict .nhsuk-radios__item").filter({ hasText: "Yours" }).locator("input").check();
  await page.getByRole("button", { name: "Finish merging" }).click();
  await page.getByText("was merged into").waitFor();

  await go(env, page, "#/self-assessment/1");
  assert.equal(await page.locator("#note-1-1").inputValue(), "Board paper, May 2027\nand staff survey, June");
  await go(env, page, "#/self-assessment/3");
  assert.ok(await page.locator("#rating-3-1-work_in_progress").isChecked(), "their other change came in");

  // Merging the same file again asks nothing and changes nothing.
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  const before = (await storedWorkspace(page)).assessments[0].answers;
  await go(env, page, "#/share");
  await importFiles(page, [["colleague.json", colleague]]);
  await page.getByLabel(/^Merge it into ‘/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText("was merged into").waitFor();
  assert.equal(await page.locator("#conflicts").count(), 0);
  assert.deepEqual((await storedWorkspace(page)).assessments[0].answers, before);
  await context.close();
});

test("the spreadsheet opens, laid out like the publication's checklist; CSV too", async () => {
  const { page, context } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const xlsx = await download(page, "#export-xlsx");
  assert.match(xlsx.name, /\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes);
  assert.deepEqual(book.worksheets.map((s) => s.name), ["Progress checklist", "Self-assessment", "Summary"]);
  const progress = book.getWorksheet("Progress checklist");
  const values = (r) => progress.getRow(r).values.slice(1);
  assert.deepEqual(values(2), ["Organisation", "Northshire NHS Foundation Trust"]);
  assert.deepEqual(values(9), ["Pillar", "Recommendation", "Progress", "Action to date", "Next steps", "Owner", "Target date", "Overdue"]);
  assert.equal(values(10)[0], "1. We have visible leadership and confident staff");
  assert.match(values(10)[1], /^1\.1 LGBTQ\+ leaders should aim to be visible/);
  assert.equal(values(10)[2], "Moderate progress");
  assert.equal(values(10)[3], "Network launched");
  assert.equal(progress.rowCount, 9 + 17);
  const sa = book.getWorksheet("Self-assessment");
  assert.deepEqual(sa.getRow(10).values.slice(1), ["1. We have visible leadership and confident staff", "1.1", "LGBTQ+ leaders are visible and can bring their whole selves to work.", "In place", "Board paper, May 2027\nand staff survey"]);

  const csv = await download(page, "#export-csv");
  const text = csv.bytes.toString("utf8").replace(/^\uFEFF/, "");
  assert.match(text, /^Assessment,/);
  assert.match(text, /\r\nPillar,Element,Self-assessment statement,Rating,/);
  assert.equal(text.trim().split("\r\n").length, 7 + 1 + 1 + 17);
  await context.close();
});

test("the print view holds every answer in full, unclipped", async () => {
  const { page, context, problems } = await open(env, { width: 800, height: 1100 });
  await fillSome(page);
  const long = "A long note that must wrap rather than be cut off. ".repeat(30);
  await go(env, page, "#/self-assessment/6");
  await (await noteBox(page, "6.2")).fill(long);
  await go(env, page, "#/print");
  await expectGoodPage(page, problems, "print view");
  await page.emulateMedia({ media: "print" });
  const text = await page.locator("main").innerText();
  assert.match(text, /Northshire NHS Foundation Trust/);
  assert.match(text, /In place/);
  assert.match(text, /Not yet assessed/);
  assert.ok(text.includes(long.trim()), "long note printed in full");
  const clipped = await page.locator(".app-pre").evaluateAll((els) =>
    els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).length,
  );
  assert.equal(clipped, 0);
  assert.equal(await page.locator(".nhsuk-header__navigation").isVisible(), false);
  await page.screenshot({ path: "test-results/print-view.png", fullPage: true });
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000);
  await context.close();
});
