// Board-ready and region-ready (issue 13): the board report on paper, what
// moved between review rounds, printing without link addresses or cut
// tables, and the regional element view with duplicate files counted once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import ExcelJS from "exceljs";
import { start, open, go, expectGoodPage, expectClean, storedWorkspace } from "./harness.mjs";

const KEY = "lgbtq-inclusion-framework";
const IDS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "6.1", "6.2"];
const OUT = process.env.BOARD_OUT ?? "target/board-e2e";

let env;
before(async () => {
  env = await start();
  mkdirSync(OUT, { recursive: true });
});
after(async () => {
  await env?.stop();
});

const day = 24 * 3600 * 1000;
function isoDate(offsetDays) {
  return new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);
}
const v = (value, changed_at = 1_790_000_000_000) => ({ value, changed_at });

/** Ratings now, and 5 of them different in the last review round. */
const NOW = {
  "1.1": "in_place", "1.2": "work_in_progress", "1.3": "not_in_place", "1.4": "in_place",
  "2.1": "work_in_progress", "2.2": "in_place", "2.3": "in_place",
  "3.1": "not_in_place", "3.2": "not_in_place",
  "4.1": "work_in_progress", "4.2": "in_place", "4.3": "work_in_progress",
  "5.1": "in_place", "5.2": "work_in_progress", "5.3": "in_place",
  "6.1": "not_in_place", "6.2": "work_in_progress",
};
const ROUND = { ...NOW, "1.1": "work_in_progress", "1.2": "not_in_place", "2.2": "work_in_progress", "4.2": "not_in_place", "6.2": "in_place" };
const MOVED = ["1.1", "1.2", "2.2", "4.2", "6.2"];

function seededAssessment() {
  const answers = {};
  for (const id of IDS) answers[id] = { rating: v(NOW[id]) };
  Object.assign(answers["3.1"], {
    progress: v("no_progress"),
    next_steps: v("Commission LGBTQ+ awareness training for front-line staff"),
    owner: v("Director of Nursing"),
    target_date: v(isoDate(-40)),
  });
  Object.assign(answers["6.1"], {
    progress: v("moderate"),
    next_steps: v("Agree a partnership with the local LGBTQ+ centre"),
    owner: v("Head of Partnerships"),
    target_date: v(isoDate(-10)),
  });
  Object.assign(answers["4.1"], {
    progress: v("moderate"),
    next_steps: v("Add sexual orientation and gender identity to the patient record"),
    owner: v("Chief Information Officer"),
    target_date: v(isoDate(30)),
  });
  const roundAnswers = {};
  for (const id of IDS) roundAnswers[id] = { rating: { value: ROUND[id] } };
  // Progress was already recorded at the round: only the 5 ratings moved.
  for (const id of ["3.1", "6.1", "4.1"]) roundAnswers[id].progress = { value: answers[id].progress.value };
  return {
    id: "board-e2e",
    name: v("2027 self-assessment"),
    created_at: 1_780_000_000_000,
    touched_at: 1_790_000_000_000,
    profile: {
      organisation: v("Northshire NHS Foundation Trust"),
      org_type: v("acute_trust"),
      completed_by: v("EDI lead"),
      assessed_on: v("2027-01-15"),
    },
    answers,
    rounds: [{ id: "round-q1", name: v("Q1 board review"), taken_at: 1_785_000_000_000, answers: roundAnswers }],
  };
}

/** Opens the app with the seeded assessment stored, as if entered earlier. */
async function seeded(options) {
  const opened = await open(env, options);
  const envelope = { schema: 2, saved_at: 1, workspace: { assessments: [seededAssessment()], current: "board-e2e" } };
  writeFileSync(`${OUT}/seed.json`, JSON.stringify(envelope));
  await opened.page.addInitScript(
    ([key, text]) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, text);
        sessionStorage.setItem("seeded", "1");
      }
    },
    [KEY, JSON.stringify(envelope)],
  );
  return opened;
}

/** Prints the page to an A4 PDF as Chromium's print does: the page count and its text. */
async function printed(page, name, { landscape = false } = {}) {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true, landscape });
  await page.emulateMedia({ media: "screen" });
  const path = `${OUT}/${name}.pdf`;
  writeFileSync(path, pdf);
  assert.ok(hasPoppler(), "poppler-utils (pdfinfo, pdftotext) reads the printed PDFs: ./scripts/setup.sh --browsers installs it");
  const pages = hasPoppler()
    ? Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [path], { encoding: "utf8" }))[1])
    : Number(/\/Type\s*\/Pages[\s\S]*?\/Count\s+(\d+)/.exec(pdf.toString("latin1"))?.[1] ?? NaN);
  let text = "";
  if (hasPoppler()) {
    // Drawing order, whitespace collapsed: a wrapped table cell reads as one.
    text = execFileSync("pdftotext", ["-raw", path, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    if (process.env.BOARD_PNG) execFileSync("pdftoppm", ["-png", "-r", "60", path, `${OUT}/${name}`]);
  }
  return { pages, text, path };
}

let poppler;
function hasPoppler() {
  poppler ??= ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].some((p) => existsSync(p));
  return poppler;
}

test("the board report prints on at most two A4 pages with ratings, focus areas and overdue actions", async () => {
  const { page, context, problems } = await seeded();
  await go(env, page, "#/summary");
  await page.locator("#summary-board-link").click();
  await page.waitForFunction(() => document.querySelector(".app-page")?.dataset.page === "#/board");
  await page.locator("#board-grid").waitFor();
  await expectGoodPage(page, problems, "board report");

  assert.match(await page.locator("#board-about").innerText(), /Northshire NHS Foundation Trust[\s\S]*2027 self-assessment[\s\S]*15 January 2027/);
  assert.equal(await page.locator("#board-grid .app-board-element").count(), 17);
  for (const id of IDS) {
    const words = { in_place: "In place", work_in_progress: "Work in progress", not_in_place: "Not in place" }[NOW[id]];
    const cell = page.locator(`#board-grid [data-element="${id}"]`);
    assert.equal(await cell.locator(".app-tag").innerText(), words, id);
    assert.equal(await cell.locator(`.app-tag--${NOW[id]} svg`).count(), 1, `${id} has its icon`);
  }
  // Pillar 3 is all "Not in place": the first focus area.
  assert.match(await page.locator("#board-focus-list li").first().innerText(), /^Pillar 3:[\s\S]*Not in place: 3\.1/);
  const overdue = await page.locator("#board-overdue").innerText();
  assert.match(overdue, /3\.1[\s\S]*Director of Nursing[\s\S]*6\.1[\s\S]*Head of Partnerships/);
  assert.match(await page.locator("#board-upcoming").innerText(), /4\.1[\s\S]*Chief Information Officer/);
  assert.match(await page.locator("#board-moved").evaluate((h) => h.nextElementSibling.textContent), /5 elements have moved since “Q1 board review”/);
  assert.equal(await page.locator("#board-moved-list li").count(), 5);

  // The commentary is saved with the assessment (and so exported with it).
  await page.locator("#board-commentary").fill("The board is asked to note the overdue actions in pillar 3.");
  await page.waitForFunction(
    (prefix) => Object.keys(localStorage).some((k) => k.startsWith(prefix) && localStorage.getItem(k).includes("The board is asked to note")),
    KEY,
  );
  const stored = await storedWorkspace(page);
  assert.equal(stored.assessments[0].commentary.value, "The board is asked to note the overdue actions in pillar 3.");
  // As the shared file carries it, it matches the documented format.
  const schema = JSON.parse(readFileSync("docs/file-format.schema.json", "utf8"));
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  const file = { format: "health-and-care-lgbtq-inclusion-framework", version: 3, app_version: "0.1.0", exported_at: 1, assessments: stored.assessments };
  assert.ok(validate(file), JSON.stringify(validate.errors));
  await page.screenshot({ path: `${OUT}/board-1280.png`, fullPage: true });

  const { pages, text } = await printed(page, "board-report");
  assert.ok(pages >= 1 && pages <= 2, `board report printed on ${pages} pages`);
  {
    assert.ok(text, "the printed PDF has text");
    assert.match(text, /Northshire NHS Foundation Trust/);
    assert.match(text, /The board is asked to note the overdue actions/);
    assert.match(text, /Director of Nursing/);
    assert.match(text, /Head of Partnerships/);
    assert.match(text, /Pillar 3/);
    assert.doesNotMatch(text, /Link:|#\//, "no link addresses");
    assert.doesNotMatch(text, /You are working on|Not yet exported|Print or save as PDF|Skip to main content/, "no app chrome or notices");
    const tags = text.match(/In place|Work in progress|Not in place/g) ?? [];
    assert.ok(tags.length >= 17, `all 17 ratings printed (${tags.length} rating words)`);
  }
  await expectClean(page, problems, "board report");
  await context.close();
});

test("a board report of a new assessment says what is missing, and prints on at most two pages", async () => {
  const { page, context, problems } = await open(env, { width: 375, height: 800 });
  await go(env, page, "#/board");
  await page.locator("#board-grid").waitFor();
  assert.equal(await page.locator("#board-grid .app-tag--not_assessed").count(), 17);
  await page.locator("#board-focus-none").waitFor();
  assert.match(await page.locator("#board-overdue").innerText(), /No actions are overdue/);
  assert.match(await page.locator("#board-moved-none").innerText(), /No review round saved yet/);
  await expectGoodPage(page, problems, "board report, new assessment");
  await page.screenshot({ path: `${OUT}/board-empty-375.png`, fullPage: true });
  const { pages, text } = await printed(page, "board-empty");
  assert.ok(pages <= 2, `printed on ${pages} pages`);
  assert.match(text, /No review round saved yet\. Produced on/, "no sentence left half-printed");
  await context.close();
});

test("comparing the last round with now shows only the 5 elements that moved, and all on request", async () => {
  const { page, context, problems } = await seeded();
  await go(env, page, "#/rounds");
  await page.locator("#movement-summary").waitFor();
  assert.equal(await page.locator(".app-change").count(), 5);
  const shown = await page.locator(".app-change").evaluateAll((cards) => cards.map((c) => c.id));
  assert.deepEqual(shown, MOVED.map((id) => `change-${id.replace(".", "-")}`));
  // Each count in the summary links to its items.
  await page.locator("#movement-summary a", { hasText: /moved up/ }).first().click();
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("change-"));
  await page.locator("#show-all-changes").check();
  await page.waitForFunction(() => document.querySelectorAll(".app-change").length === 17);
  await page.locator("#show-all-changes").uncheck();
  await page.waitForFunction(() => document.querySelectorAll(".app-change").length === 5);
  // The trend shows every rating level per pillar, with its table.
  const trend = await page.locator("#trend-table").innerText();
  assert.match(trend, /Work in progress/);
  assert.match(trend, /Not in place/);
  await expectGoodPage(page, problems, "rounds, what moved");
  await context.close();
});

test("the summary and completed checklist print without link addresses, notices or cut tables", async () => {
  const { page, context, problems } = await seeded();
  for (const [route, name, most] of [["#/summary", "summary", 3], ["#/print", "print", 20]]) {
    await go(env, page, route);
    const { pages, text } = await printed(page, name);
    assert.ok(pages <= most, `${name} printed on ${pages} pages`);
    // Nothing wider than the printed page.
    await page.emulateMedia({ media: "print" });
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll("main table")].filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((t) => t.id),
    );
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(cut, [], `${name}: tables cut off`);
    {
    assert.ok(text, "the printed PDF has text");
      assert.doesNotMatch(text, /Link:|#\//, `${name}: no link addresses`);
      assert.doesNotMatch(text, /You are working on|Not yet exported/, `${name}: no notices`);
      if (name === "summary") assert.match(text, /Overdue/, "the overdue column is printed");
    }
  }
  await expectClean(page, problems, "printing");
  await context.close();
});

function organisationFile({ id, org, ratings, exportedAt = 5000, extraEdits = 0, answered = 17 }) {
  const answers = {};
  IDS.slice(0, answered).forEach((e, k) => {
    answers[e] = { rating: { value: ratings(k), changed_at: 1000 + k } };
  });
  // Extra edits: notes written on a later copy of the same assessment.
  for (let k = 0; k < extraEdits; k++) answers[IDS[k]].note = { value: `Later note ${k}`, changed_at: 9000 + k };
  return {
    name: `${org.toLowerCase().replace(/\W+/g, "-")}-${exportedAt}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({
        format: "health-and-care-lgbtq-inclusion-framework",
        version: 1,
        app_version: "0.1.0",
        exported_at: exportedAt,
        assessments: [
          {
            id,
            name: { value: "2027 assessment", changed_at: 1 },
            created_at: 1,
            touched_at: 2,
            profile: { organisation: { value: org, changed_at: 1 }, org_type: { value: "acute_trust", changed_at: 1 } },
            answers,
          },
        ],
      }),
    ),
  };
}

test("the regional element view ranks the weakest element first, and copies of one assessment are merged, never one dropped", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/compare");
  const RATINGS = ["in_place", "work_in_progress", "not_in_place"];
  const files = [];
  for (let i = 0; i < 6; i++) {
    // Element 4.2 (index 10) is "Not in place" everywhere: the weakest.
    files.push(organisationFile({ id: `org-${i}`, org: `Organisation ${i + 1}`, ratings: (k) => (k === 10 ? "not_in_place" : RATINGS[(i + k) % 2]) }));
  }
  // The same assessment of org-1 again, with three notes written on that copy.
  files.push(organisationFile({ id: "org-1", org: "Organisation 2", ratings: (k) => (k === 10 ? "not_in_place" : RATINGS[(1 + k) % 2]), exportedAt: 10, extraEdits: 3 }));
  // A copy of org-2 in which someone rated 1.1 differently: neither is picked.
  files.push(organisationFile({ id: "org-2", org: "Organisation 3", ratings: (k) => (k === 0 ? "not_in_place" : k === 10 ? "not_in_place" : RATINGS[(2 + k) % 2]), exportedAt: 20 }));
  await page.locator("#rollup-files").setInputFiles(files);
  // Six organisations, fewer than the 17 elements: organisations across
  // the top, and the whole table fits the screen with nothing cut.
  const across = page.locator("#rollup-by-element");
  await across.waitFor();
  assert.equal(await page.locator("#rollup-layout-across").isChecked(), true);
  assert.equal(await across.locator("thead th").count(), 1 + 6, "an element column and one per organisation");
  assert.equal(await across.locator("tbody tr").count(), 17);
  const [scrollW, clientW] = await across.locator("xpath=..").evaluate((box) => [box.scrollWidth, box.clientWidth]);
  assert.ok(scrollW <= clientW, `the table fits at 1280 px: ${scrollW} > ${clientW}`);
  // Seen: the short title; heard: the full statement.
  assert.match(await across.locator("tbody th").nth(8).locator("[aria-hidden=true]").innerText(), /^3\.2 Gender identity and sexual orientation not assumed$/);
  assert.match(await across.locator("tbody th").nth(8).locator(".nhsuk-u-visually-hidden").innerText(), /^3\.2 Gender identity and sexual orientation are not assumed; heterosexuality/);
  await page.screenshot({ path: `${OUT}/compare-across-1280.png`, fullPage: true });
  await expectGoodPage(page, problems, "compare, organisations across the top");
  // The person can switch to one organisation per row.
  await page.locator("#rollup-layout-rows").check();
  await page.locator("#rollup-table").waitFor();
  assert.match(await page.locator("#rollup-count").innerText(), /Showing 6 of 6 organisations/);
  const merged = await page.locator("#rollup-duplicates").innerText();
  assert.match(merged, /2 assessments were opened from more than one file, so each is shown once/);
  assert.match(merged, /Organisation 2: merged from organisation-2-5000\.json, organisation-2-10\.json/);
  const rows = await page.locator("#rollup-table tbody th").allInnerTexts();
  assert.ok(rows.some((t) => /Organisation 2\s*\(organisation-2-5000\.json, organisation-2-10\.json\)/.test(t)), `both copies of org-1 in one row: ${rows}`);
  const org3 = page.locator("#rollup-table tbody tr").filter({ has: page.locator("th", { hasText: "Organisation 3" }) });
  assert.match(await org3.locator("td").nth(1).innerText(), /Two versions\s+In place \/ Not in place|Two versions\s+Not in place \/ In place/);

  const firstRow = page.locator("#element-table tbody tr").first();
  assert.match(await firstRow.locator("th").innerText(), /^4\.2/);
  assert.deepEqual((await firstRow.locator("td").allInnerTexts()).slice(0, 3).map(Number), [0, 0, 6]);
  assert.equal(await page.locator("#element-table tbody tr").count(), 17);
  assert.equal(await page.locator("#pillar-rollup-table tbody tr").count(), 6);

  // Element headers name the element; the first column stays in view.
  const header = page.locator("#rollup-table thead th").nth(2);
  assert.match(await header.innerText(), /1\.1\s+\S+/);
  assert.ok((await header.getAttribute("title"))?.startsWith("LGBTQ+ leaders are visible"));
  await page.locator("#rollup-table").locator("xpath=..").evaluate((scroller) => (scroller.scrollLeft = 2000));
  const stuck = await page.locator("#rollup-table tbody th").first().evaluate((th) => {
    const box = th.getBoundingClientRect();
    const scroller = th.closest(".app-table-scroll").getBoundingClientRect();
    return box.left - scroller.left;
  });
  assert.ok(Math.abs(stuck) < 2, `first column stays in view (${stuck}px off)`);
  await page.screenshot({ path: `${OUT}/compare-1280.png`, fullPage: true });

  // The spreadsheet of the comparison: header frozen, ratings filled, and
  // (where LibreOffice is installed) it opens there too.
  const waiting = page.waitForEvent("download");
  await page.locator("#rollup-xlsx").click();
  const xlsxPath = `${OUT}/compare.xlsx`;
  await (await waiting).saveAs(xlsxPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxPath);
  const sheet = book.getWorksheet("Organisations");
  assert.equal(sheet.getRow(1).getCell(5).value, "1.1");
  assert.equal(sheet.views[0]?.state, "frozen");
  const firstRating = sheet.getRow(2).getCell(5);
  assert.ok(["In place", "Work in progress"].includes(firstRating.value));
  assert.equal(firstRating.fill?.type, "pattern", "a rating's cell is filled");
  if (["/usr/bin/soffice", "/usr/local/bin/soffice"].some((p) => existsSync(p))) {
    execFileSync("soffice", [`-env:UserInstallation=file://${process.cwd()}/${OUT}/lo-profile`, "--headless", "--convert-to", "csv", "--outdir", OUT, xlsxPath], { stdio: "ignore", timeout: 120000 });
    const csv = readFileSync(`${OUT}/compare.csv`, "utf8");
    assert.match(csv, /^Organisation,Type,Assessment,Date,1\.1,/, "LibreOffice reads the spreadsheet");
    assert.equal(csv.trim().split("\n").length, 1 + 6 + 4);
  }
  await expectGoodPage(page, problems, "compare, regional view");

  const { pages, text } = await printed(page, "compare", {});
  assert.ok(pages >= 1, "compare printed");
  {
    assert.ok(text, "the printed PDF has text");
    assert.doesNotMatch(text, /Link:|#\//, "compare: no link addresses");
    assert.match(text, /6\.2/, "compare: the table is not cut before the last element");
  }
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: `${OUT}/compare-375.png`, fullPage: true });

  // "Clear the comparison" closes every file, and says so with an undo.
  await page.locator("#rollup-clear").click();
  await page.waitForFunction(() => document.activeElement?.id === "rollup-cleared");
  assert.match(await page.locator("#rollup-cleared").innerText(), /You cleared the comparison: 8 files were closed\.[\s\S]*Undo/);
  await page.locator("#rollup-empty").waitFor();
  await expectGoodPage(page, problems, "compare, cleared");
  await page.getByRole("button", { name: /^Undo\s*: open them again$/ }).click();
  await page.locator("#rollup-cleared").waitFor({ state: "detached" });
  assert.match(await page.locator("#rollup-count").innerText(), /Showing 6 of 6 organisations/);
  assert.match(await page.locator("#rollup-duplicates").innerText(), /2 assessments were opened from more than one file/, "the same files, copies and all");
  await expectClean(page, problems, "compare");
  await context.close();
});

test("every element title the board report shows is its short title from the content, and none is cut", async () => {
  const fw = JSON.parse(readFileSync("content/framework.json", "utf8"));
  const elements = fw.pillars.flatMap((p) => p.elements);
  const short = Object.fromEntries(elements.map((e) => [e.id, e.short_title]));
  const said = Object.fromEntries(elements.map((e) => [e.id, e.self_assessment]));
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    const { page, context, problems } = await seeded({ width, height });
    await go(env, page, "#/board");
    await page.locator("#board-grid").waitFor();
    // The grid: every element, its short title shown, the publication's
    // wording for screen readers and on hover.
    for (const id of IDS) {
      const item = page.locator(`#board-grid [data-element="${id}"]`);
      assert.equal((await item.locator(".app-short-title").innerText()).trim(), short[id], `${id} at ${width}`);
      assert.equal((await item.locator(".nhsuk-u-visually-hidden").textContent()).trim(), said[id], id);
    }
    assert.match(await page.locator('#board-grid [data-element="3.2"]').innerText(), /3\.2 Gender identity and sexual orientation not assumed/);
    // Everywhere else a title is shown: focus areas, action tables, what moved.
    const named = [
      ...(await page.locator("#board-focus-list li span").allInnerTexts()).flatMap((t) => t.replace(/^(Not in place|Work in progress): /, "").split("; ")),
      ...(await page.locator("#board-overdue tbody td:first-child, #board-upcoming tbody td:first-child").allInnerTexts()),
      ...(await page.locator("#board-moved-list li strong").allInnerTexts()),
    ];
    assert.ok(named.length >= 3 + 3 + 5, `titles checked: ${named.length}`);
    for (const text of named) {
      const m = /^(\d\.\d) (.+)$/.exec(text.replace(/\s+/g, " ").trim());
      assert.ok(m, `an element and its title: ${text}`);
      assert.equal(m[2], short[m[1]], `${m[1]}: "${text}"`);
    }
    // No title ends on a cut: no ellipsis anywhere, no dangling last word.
    assert.doesNotMatch(await page.locator("main").innerText(), /…|\.\.\./);
    for (const id of IDS) assert.doesNotMatch(short[id], /\b(and|or|not|no|the|of|to|with|are|is|a|for|from|in)$/i, id);
    await expectGoodPage(page, problems, `board titles at ${width}`);
    if (width === 1280) {
      // Printed, each title whole.
      const { text } = await printed(page, "board-titles");
      const flat = text.replace(/- /g, "-");
      for (const id of IDS) assert.ok(flat.includes(short[id]), `${id} printed whole: ${short[id]}`);
      assert.doesNotMatch(text, /…/);
      // Leaves out what was not given and says nothing twice.
      assert.doesNotMatch(text, /Not given/);
    }
    await context.close();
  }
});
