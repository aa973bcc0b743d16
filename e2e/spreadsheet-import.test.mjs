// Importing the app's own spreadsheet after colleagues edited it: an .xlsx
// rewritten by exceljs (compressed, shared strings), a CSV saved with a
// byte-order mark and CRLF, reordered rows and an extra column, bad cells
// (named, and the good rows importable on their own), and hostile files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { start, open, go, expectGoodPage, expectClean, storedWorkspace, storedText, noteBox } from "./harness.mjs";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
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
  return readFileSync(await file.path());
}

async function fillSome(page) {
  await go(env, page, "#/organisation");
  await page.getByLabel("Organisation name").fill("Northshire NHS Foundation Trust");
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-in_place").check();
  await (await noteBox(page, "1.1")).fill("Board paper, May 2027");
  await go(env, page, "#/progress/1");
  await page.locator("#progress-1-1-level-moderate").check();
  await page.locator("#action-1-1").fill("Network launched");
}

function importFile(page, name, buffer, mimeType = XLSX) {
  return page.locator("#import-file").setInputFiles([{ name, mimeType, buffer }]);
}

async function storedAfterSave(page) {
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  return storedWorkspace(page);
}

async function stored(page) {
  await page.evaluate(() => dispatchEvent(new Event("pagehide")));
  return storedText(page);
}

/** The row of a sheet whose column `col` starts with `start`. */
function rowStarting(sheet, col, start) {
  let found;
  sheet.eachRow((row) => {
    if (String(row.getCell(col).value ?? "").startsWith(start)) found ??= row;
  });
  assert.ok(found, `a row starting ${start}`);
  return found;
}

async function book(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  return wb;
}

test("an .xlsx edited in exceljs merges as a colleague's changes, and undo puts them back", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const exported = await download(page, "#export-xlsx");
  // After the download we change 1.1's note here; the file keeps the old one.
  await go(env, page, "#/self-assessment/1");
  await (await noteBox(page, "1.1")).fill("Board paper, updated here");

  // A colleague edits the spreadsheet.
  const wb = await book(exported);
  const sa = wb.getWorksheet("Self-assessment");
  rowStarting(sa, 2, "3.1").getCell(4).value = "work in progress";
  const pr = wb.getWorksheet("Progress checklist");
  const row = rowStarting(pr, 2, "2.1 ");
  row.getCell(3).value = "Significant";
  row.getCell(6).value = "Sam (EDI lead)   ";
  row.getCell(7).value = new Date(Date.UTC(2027, 2, 31));
  const edited = Buffer.from(await wb.xlsx.writeBuffer());
  assert.equal(edited.readUInt16LE(8), 8, "exceljs compresses (deflate)");
  assert.ok(edited.includes("xl/sharedStrings.xml"), "exceljs writes shared strings");

  await go(env, page, "#/share");
  await importFile(page, "edited.xlsx", edited);
  await page.locator("#import-preview").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "import-preview");
  const preview = await page.locator("main").innerText();
  assert.match(preview, /File: edited\.xlsx/);
  assert.match(preview, /Northshire NHS Foundation Trust/);
  assert.match(preview, /2 of 17 elements rated, progress recorded for 2/);
  assert.match(preview, /Rows read\s+34 rows for 17 of 17 elements/);
  assert.match(preview, /Downloaded from ‘.*’\. When merging, only the cells changed/);
  assert.ok(await page.locator("#import-merge").isChecked(), "merge is offered first for its own file");
  await expectGoodPage(page, problems, "spreadsheet preview");

  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-done").waitFor();
  assert.match(await page.locator("#import-done").innerText(), /was merged into/);
  const changed = await page.locator("#import-changes").textContent();
  assert.match(changed, /What changed \(4 answers\)/);
  assert.match(changed, /Work in progress/);
  assert.match(changed, /Significant progress/);
  assert.match(changed, /Sam \(EDI lead\)/);
  assert.doesNotMatch(changed, /Board paper/, "the file's unedited note is not a change");
  await expectGoodPage(page, problems, "spreadsheet merged");

  const answers = (await storedAfterSave(page)).assessments[0].answers;
  assert.equal(answers["3.1"].rating.value, "work_in_progress");
  assert.equal(answers["2.1"].progress.value, "significant");
  assert.equal(answers["2.1"].owner.value, "Sam (EDI lead)");
  assert.equal(answers["2.1"].target_date.value, "2027-03-31", "an Excel date cell");
  assert.equal(answers["1.1"].note.value, "Board paper, updated here", "our later change stays");

  await page.getByRole("button", { name: "Undo import" }).click();
  await page.locator("#undo-done").waitFor();
  await expectGoodPage(page, problems, "spreadsheet import undone");
  const undone = (await storedAfterSave(page)).assessments[0].answers;
  assert.equal(undone["3.1"]?.rating?.value ?? "not_assessed", "not_assessed");
  assert.equal(undone["2.1"]?.progress?.value ?? "not_recorded", "not_recorded");
  assert.equal(undone["1.1"].note.value, "Board paper, updated here");
  await context.close();
});

test("a dropped spreadsheet where both of you changed a cell asks which to keep", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const wb = await book(await download(page, "#export-xlsx"));
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-not_in_place").check();
  rowStarting(wb.getWorksheet("Self-assessment"), 2, "1.1").getCell(4).value = "Work in progress";
  const edited = Buffer.from(await wb.xlsx.writeBuffer());

  await go(env, page, "#/share");
  await page.evaluate((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], "dropped.xlsx"));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [...edited]);
  await page.locator("#import-preview").waitFor();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#conflicts").waitFor();
  const conflicts = await page.locator(".app-conflict").allInnerTexts();
  assert.equal(conflicts.length, 1);
  assert.match(conflicts[0], /1\.1 .*Rating/s);
  assert.match(conflicts[0], /Not in place/);
  assert.match(conflicts[0], /Work in progress/);
  await expectGoodPage(page, problems, "spreadsheet conflict");
  await page.locator(".app-conflict .nhsuk-radios__item").filter({ hasText: "In the file" }).locator("input").check();
  await page.getByRole("button", { name: "Finish merging" }).click();
  await page.locator("#import-done").waitFor();
  const answers = (await storedAfterSave(page)).assessments[0].answers;
  assert.equal(answers["1.1"].rating.value, "work_in_progress");
  await context.close();
});

const HEADER =
  "Pillar,Element,Self-assessment statement,Rating,What tells us this,Recommendation,Progress,Action to date,Next steps,Owner,Target date,Overdue";

function csv(lines) {
  return Buffer.from("\uFEFF" + lines.join("\r\n") + "\r\n", "utf8");
}

test("a CSV saved with a byte-order mark and CRLF opens as a new assessment", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/share");
  const file = csv([
    "Assessment,Ward 7 pilot",
    'Organisation,"Southshire, NHS"',
    "Type of organisation,acute trust",
    "",
    HEADER,
    '"1. We have visible leadership",1.1,Statement,IN PLACE  ,"Minutes, May 2027",1.1 Leaders,Moderate,\'=not a formula,,,31/03/2027,',
    ",4.1,,Not in place,,,No progress,,,,,",
    ",,,,,,,,,,,",
  ]);
  await importFile(page, "ward-7.csv", file, "text/csv");
  await page.locator("#import-preview").waitFor();
  const preview = await page.locator("main").innerText();
  assert.match(preview, /Ward 7 pilot/);
  assert.match(preview, /Southshire, NHS/);
  assert.match(preview, /2 of 17 elements rated, progress recorded for 2/);
  assert.match(preview, /Not downloaded from the open assessment/);
  await expectGoodPage(page, problems, "CSV preview");
  assert.ok(await page.locator("#import-new").isChecked());
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText("‘Ward 7 pilot’ was opened as a new assessment").waitFor();
  await expectGoodPage(page, problems, "CSV imported");
  const w = (await storedAfterSave(page));
  const a = w.assessments.find((x) => x.name.value === "Ward 7 pilot");
  assert.equal(a.profile.organisation.value, "Southshire, NHS");
  assert.equal(a.profile.org_type.value, "acute_trust");
  assert.equal(a.answers["1.1"].rating.value, "in_place");
  assert.equal(a.answers["1.1"].note.value, "Minutes, May 2027");
  assert.equal(a.answers["1.1"].progress.value, "moderate");
  assert.equal(a.answers["1.1"].action_to_date.value, "=not a formula");
  assert.equal(a.answers["1.1"].target_date.value, "2027-03-31");
  assert.equal(a.answers["4.1"].rating.value, "not_in_place");
  assert.equal(a.answers["4.1"].progress.value, "no_progress");
  await context.close();
});

test("rows in another order, an extra column and a blank row read the same", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const wb = await book(await download(page, "#export-xlsx"));
  const sa = wb.getWorksheet("Self-assessment");
  const header = rowStarting(sa, 1, "Pillar").number;
  const body = [];
  for (let r = header + 1; r <= sa.rowCount; r++) body.push(sa.getRow(r).values.slice(1));
  body.reverse();
  body.splice(5, 0, []); // a blank row
  body.forEach((values, i) => {
    const row = sa.getRow(header + 1 + i);
    for (let c = 1; c <= 5; c++) row.getCell(c).value = values[c - 1] ?? null;
  });
  sa.spliceColumns(1, 0, []);
  sa.getRow(header).getCell(1).value = "Reviewer notes";
  rowStarting(sa, 3, "5.1").getCell(1).value = "Checked with HR";
  rowStarting(sa, 3, "5.1").getCell(5).value = "In place";
  const edited = Buffer.from(await wb.xlsx.writeBuffer());

  await importFile(page, "reordered.xlsx", edited);
  await page.locator("#import-preview").waitFor();
  const preview = await page.locator("main").innerText();
  assert.match(preview, /Columns not read\s+Reviewer notes \(sheet Self-assessment\)/);
  await page.locator("#import-merge").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-done").waitFor();
  assert.match(await page.locator("#import-changes").textContent(), /What changed \(1 answer\)/);
  await expectGoodPage(page, problems, "reordered merged");
  const answers = (await storedAfterSave(page)).assessments[0].answers;
  assert.equal(answers["5.1"].rating.value, "in_place");
  assert.equal(answers["1.1"].rating.value, "in_place");
  assert.equal(answers["1.1"].note.value, "Board paper, May 2027");
  await context.close();
});

test("bad cells are named by sheet, row and column; nothing changes until the good rows are chosen", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/share");
  const before = await stored(page);
  const file = csv([
    "Element,Rating,Progress,Target date",
    "1.1,In place,Nearly,",
    "2.1,Work in progress,,2027-03-31",
    "7.1,In place,,",
  ]);
  await importFile(page, "checklist.csv", file, "text/csv");
  const summary = page.locator("#error-summary");
  await summary.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "error-summary");
  const said = await summary.innerText();
  assert.match(said, /Nothing has been imported or changed\. checklist\.csv: 2 rows could not be read\./);
  assert.match(
    said,
    /Row 2, column C \(Progress\): ‘Nearly’ is not a progress level: use No progress, Moderate progress or Significant progress/,
  );
  assert.match(said, /Row 4, column A \(Element\): 7\.1 is not an element of the framework/);
  assert.equal(await stored(page), before, "nothing changed");
  await expectGoodPage(page, problems, "spreadsheet problems");

  await page.getByRole("button", { name: "Import the 1 row that is good" }).click();
  await page.locator("#import-preview").waitFor();
  assert.match(await page.locator("main").innerText(), /Rows left out\s+2 rows, which could not be read/);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#import-done").waitFor();
  const w = (await storedAfterSave(page));
  const a = w.assessments.find((x) => x.answers["2.1"]);
  assert.equal(a.answers["2.1"].rating.value, "work_in_progress");
  assert.equal(a.answers["2.1"].target_date.value, "2027-03-31");
  assert.equal(a.answers["1.1"], undefined, "the bad row was left out");
  await context.close();
});

// A ZIP written by hand, so its headers can say anything.
function crc32(buf) {
  let crc = 0xffffffff;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function zip(parts, { declare } = {}) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const size = declare ?? data.length;
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(0x21, 12);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    local.push(head, nameBytes, packed);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dirBytes, end]);
}

const WORKBOOK =
  '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Self-assessment" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

test("hostile files are refused clearly and change nothing", async () => {
  const { page, context, problems } = await open(env);
  await fillSome(page);
  await go(env, page, "#/share");
  const before = await stored(page);
  const spaces = " ".repeat(17 * 1024 * 1024);
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Element</t></is></c><c r="B1" t="inlineStr"><is><t>Rating</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="B2" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>';
  const big = new ExcelJS.Workbook();
  const sheet = big.addWorksheet("Self-assessment");
  sheet.addRow(["Element", "Rating"]);
  for (let i = 0; i < 1500; i++) sheet.addRow(["1.1", `In place ${i}`]);
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a3a75d0000000049454e44ae426082", "hex");
  const cases = [
    ["bomb.xlsx", zip([["xl/workbook.xml", spaces]]), /bomb\.xlsx: The file was refused for safety: part ‘xl\/workbook\.xml’ would unpack to far more than any checklist needs/],
    ["lying.xlsx", zip([["xl/workbook.xml", spaces]], { declare: 1000 }), /lying\.xlsx: The file was refused for safety: part ‘xl\/workbook\.xml’ would unpack/],
    ["entities.xlsx", zip([["xl/workbook.xml", WORKBOOK], ["xl/_rels/workbook.xml.rels", RELS], ["xl/worksheets/sheet1.xml", laughs]]), /entities\.xlsx: The file was refused for safety: it holds a document type declaration \(DOCTYPE\)/],
    ["huge.xlsx", Buffer.from(await big.xlsx.writeBuffer()), /huge\.xlsx: Sheet ‘Self-assessment’ has more than 1000 rows/],
    ["picture.xlsx", png, /picture\.xlsx: The file is not a spreadsheet this app can read/],
  ];
  for (const [name, bytes, message] of cases) {
    await importFile(page, name, bytes);
    const summary = page.locator("#error-summary");
    await summary.getByText(name).waitFor();
    const said = await summary.innerText();
    assert.match(said, message, `${name}: ${said}`);
    assert.match(said, /Nothing has been imported or changed/);
    assert.equal(await stored(page), before, `${name} changed nothing`);
  }
  await expectGoodPage(page, problems, "hostile file refused");
  await expectClean(page, problems, "hostile files");
  await context.close();
});
