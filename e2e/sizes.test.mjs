// Size budgets (bench/budgets.json): what a first visit downloads to read
// the landing page, to start an assessment from it, and to rate an element
// from a deep link. Sizes are deterministic, so exceeding one fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start } from "./harness.mjs";
import { BUDGETS, JOURNEYS, measure } from "../bench/transfer.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

for (const journey of Object.keys(JOURNEYS)) {
  test(`${journey}: within its budget of ${BUDGETS.budgets[journey]} KB`, async () => {
    const { bytes, files } = await measure(env.browser, env.base, journey);
    const kb = bytes / 1000;
    console.log(`${journey}: ${kb.toFixed(1)} KB gzip in ${files.length} files (target ${BUDGETS.targets[journey]} KB)`);
    assert.ok(
      kb <= BUDGETS.budgets[journey],
      `${journey} is ${kb.toFixed(1)} KB, over its budget of ${BUDGETS.budgets[journey]} KB:\n` +
        files.map((f) => `  ${(f.gzip / 1000).toFixed(1).padStart(6)} KB  ${f.file}`).join("\n"),
    );
  });
}
