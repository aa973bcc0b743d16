// Evaluation on the release build: review rounds (save, change, compare,
// trend, rename, delete, in the exported file) and comparing organisations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import { start, open, go, expectGoodPage, expectClean, noteBox, storedText } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("save rounds, change answers, compare and see the movement", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-not_in_place").check();
  await page.locator("#rating-1-2-in_place").check();
  await (await noteBox(page, "1.1")).fill("No network yet");
  await go(env, page, "#/rounds");
  await expectGoodPage(page, problems, "rounds, empty");
  await page.getByRole("button", { name: "Save review round" }).click();
  await page.getByText("Enter a name for the review round").first().waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "round-name-summary");
  await expectGoodPage(page, problems, "rounds, error");
  await page.getByLabel("Name of the round").fill("Q1 2027 board review");
  await page.getByRole("button", { name: "Save review round" }).click();
  await page.getByText("Q1 2027 board review").first().waitFor();

  await go(env, page, "#/self-assessment/1");
  await page.locator("#rating-1-1-in_place").check();
  await page.locator("#rating-1-2-work_in_progress").check();
  await (await noteBox(page, "1.1")).fill("Network launched in March");
  await go(env, page, "#/self-assessment/2");
  await page.locator("#rating-2-1-in_place").check();
  await go(env, page, "#/rounds");
  const summary = await page.locator("#movement-summary").innerText();
  assert.match(summary, /Self-assessment: 1 moved up, 1 moved down, 0 unchanged, 1 newly assessed/);
  const card = await page.locator("#change-1-1").innerText();
  assert.match(card, /Rating: Moved up/);
  assert.match(card, /No network yet/);
  assert.match(card, /Network launched in March/);
  assert.match(await page.locator("#change-1-2").innerText(), /Rating: Moved down/);
  assert.match(await page.locator("#trend-table").innerText(), /1 of 4\s+1 of 4/);
  await expectGoodPage(page, problems, "rounds with comparison");

  // View a round's frozen answers in full.
  const viewButton = page.getByRole("button", { name: "View answers in Q1 2027 board review" });
  await viewButton.click();
  assert.equal(await viewButton.getAttribute("aria-expanded"), "true");
  const frozen = await page.locator(".app-round__answers").innerText();
  assert.match(frozen, /1\.1 LGBTQ\+ leaders are visible[\s\S]*Rating\s+Not in place[\s\S]*No network yet/);
  assert.match(frozen, /1\.2[\s\S]*Rating\s+In place/);
  await expectGoodPage(page, problems, "round answers");
  await viewButton.click();
  assert.equal(await page.locator(".app-round__answers").count(), 0);

  // A second round, then compare round with round.
  await page.getByLabel("Name of the round").fill("Q2 2027");
  await page.getByRole("button", { name: "Save review round" }).click();
  await page.locator(".app-round").nth(1).waitFor();
  await selectByText(page, "#compare-from", /Q1 2027 board review/);
  await selectByText(page, "#compare-to", /^Q2 2027/);
  assert.match(await page.locator("#movement-summary").innerText(), /1 moved up, 1 moved down/);

  // Rename and delete (with confirmation).
  await page.getByRole("button", { name: "Rename Q2 2027" }).click();
  await page.getByLabel("New name").fill("Q2 2027 review");
  await page.getByRole("button", { name: "Save name" }).click();
  await page.getByText("Q2 2027 review").first().waitFor();
  await page.getByRole("button", { name: "Delete Q2 2027 review" }).click();
  await expectGoodPage(page, problems, "delete round");
  await page.getByRole("button", { name: "Yes, delete the round" }).click();
  assert.equal(await page.locator(".app-round").count(), 1);

  // Rounds travel in the exported file.
  await go(env, page, "#/share");
  const waiting = page.waitForEvent("download");
  await page.locator("#export-json").click();
  const file = JSON.parse(require_text(await (await waiting).path()));
  assert.equal(file.assessments[0].rounds.length, 1);
  assert.equal(file.assessments[0].rounds[0].name.value, "Q1 2027 board review");
  assert.equal(file.assessments[0].rounds[0].answers["1.1"].rating.value, "not_in_place");
  const schema = JSON.parse(readFileSync("docs/file-format.schema.json", "utf8"));
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  assert.ok(validate(file), JSON.stringify(validate.errors));
  await page.reload();
  await go(env, page, "#/rounds");
  assert.equal(await page.locator(".app-round").count(), 1, "rounds survive a reload");
  await expectClean(page, problems, "rounds");
  await context.close();
});

import { readFileSync } from "node:fs";
function require_text(path) {
  return readFileSync(path, "utf8");
}

/** Chooses the option whose text matches (round ids are generated). */
async function selectByText(page, selector, pattern) {
  const options = await page.locator(`${selector} option`).evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  const found = options.find(([, text]) => pattern.test(text));
  assert.ok(found, `no option matching ${pattern} in ${JSON.stringify(options)}`);
  await page.locator(selector).selectOption(found[0]);
}

const TYPES = ["acute_trust", "mental_health_trust", "integrated_care_board", "community"];
const RATINGS = ["in_place", "work_in_progress", "not_in_place"];
const IDS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "6.1", "6.2"];

function organisationFile(i) {
  const answers = {};
  IDS.forEach((id, k) => {
    answers[id] = { rating: { value: RATINGS[(i + k) % 3], changed_at: 1000 + k } };
  });
  return JSON.stringify({
    format: "health-and-care-lgbtq-inclusion-framework",
    version: 1,
    app_version: "0.1.0",
    exported_at: 5000,
    assessments: [
      {
        id: `org-${i}`,
        name: { value: "2027 assessment", changed_at: 1 },
        created_at: 1,
        touched_at: 2,
        profile: {
          organisation: { value: `Organisation ${String(i).padStart(2, "0")}`, changed_at: 1 },
          org_type: { value: TYPES[i % TYPES.length], changed_at: 1 },
        },
        answers,
      },
    ],
  });
}

test("a folder of organisations' files, one bad, opens into a comparison", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/compare");
  await expectGoodPage(page, problems, "compare, empty");
  const files = Array.from({ length: 12 }, (_, i) => ({
    name: `org-${i}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(organisationFile(i)),
  }));
  files.push({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{not json") });
  await page.locator("#rollup-files").setInputFiles(files);
  // Twelve organisations, fewer than the elements: across the top first;
  // this test reads them one per row.
  // The bad file is named, and focus goes there first.
  await page.locator("#rollup-by-element").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "rollup-errors");
  assert.match(await page.locator("#rollup-errors").innerText(), /1 file could not be opened[\s\S]*broken\.json/);
  await page.locator("#rollup-layout-rows").check();
  await page.locator("#rollup-table").waitFor();
  assert.match(await page.locator("#rollup-count").innerText(), /Showing 12 of 12 organisations/);
  assert.equal(await page.locator("#rollup-table tbody tr").count(), 12);
  await expectGoodPage(page, problems, "compare with files");

  // Counts per element: 12 organisations, ratings cycle, so 4 of each.
  const inPlace = await page.locator("tfoot tr").first().locator("td:not(:empty)").allInnerTexts();
  assert.deepEqual(inPlace.map(Number), IDS.map(() => 4));

  await page.locator("#rollup-filter").selectOption("integrated_care_board");
  assert.match(await page.locator("#rollup-count").innerText(), /Showing 3 of 12/);
  await page.locator("#rollup-filter").selectOption("");
  await page.locator("#rollup-sort").selectOption({ label: "Element 1.1 (in place first)" });
  const first = await page.locator("#rollup-table tbody tr").first().locator("td").nth(1).innerText();
  assert.match(first, /In place/);

  const waiting = page.waitForEvent("download");
  await page.locator("#rollup-csv").click();
  const csv = readFileSync(await (await waiting).path(), "utf8").replace(/^\uFEFF/, "");
  assert.equal(csv.trim().split("\r\n").length, 1 + 12 + 4);
  assert.match(csv, /^Organisation,Type,Assessment,Date,1\.1,/);

  // The comparison never touches the user's own data.
  assert.equal((await storedText(page)).includes("Organisation 01"), false);
  await page.locator("#rollup-clear").click();
  await page.locator("#rollup-empty").waitFor();
  await expectClean(page, problems, "compare");
  await context.close();
});
