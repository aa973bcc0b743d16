// Shared set-up for the end-to-end tests: the release build served on
// 127.0.0.1 under a sub-path, the system Chromium, and the checks every page
// must pass (axe-core, nothing leaving the origin, no CSP violation).
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { serve } from "./server.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Starts the server and browser once per test file. */
export async function start() {
  assert.ok(existsSync("dist/index.html"), "build first: trunk build --release (scripts/test.sh does)");
  const server = await serve({ root: "dist" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
    ],
  });
  return {
    base: server.url,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A fresh browser context and page that records everything that must never
 * happen: requests to another origin, failed requests, CSP violations,
 * console errors and uncaught exceptions.
 */
export async function open(env, { width = 1280, height = 900, serviceWorkers = "allow" } = {}) {
  // en-GB, as NHS laptops are set (Chromium here still lays out date
  // inputs as month, day, year). `serviceWorkers: "block"` for a test that
  // blocks one of the app's files: the worker would serve it from its cache.
  const context = await env.browser.newContext({ viewport: { width, height }, locale: "en-GB", serviceWorkers });
  const page = await context.newPage();
  const origin = new URL(env.base).origin;
  const problems = { foreign: [], failed: [], csp: [], errors: [] };
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
    );
  });
  page.on("request", (req) => {
    const url = req.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) problems.foreign.push(url);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.failed.push(`${res.status()} ${res.url()}`);
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.errors.push(msg.text());
    if (/Content.Security.Policy/i.test(msg.text())) problems.csp.push(msg.text());
  });
  page.on("pageerror", (err) => problems.errors.push(String(err)));
  return { page, context, problems };
}

/** Navigates to a route of the app and waits for it to render. */
/** Reloads, then waits until the app has drawn a page: index.html's own
 * placeholder has a heading too, and a page from a part of the build is
 * drawn only once its part has arrived. */
export async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => Boolean(document.querySelector(".app-page")?.dataset.page));
}

export async function go(env, page, route = "#/") {
  await page.goto(env.base + route);
  // The app marks which page it has drawn; wait for this route's (or "not found").
  // An old one-page address (#/self-assessment) draws one of its pillars.
  const path = route.split("?")[0] || "#/";
  await page.waitForFunction((want) => {
    const drawn = document.querySelector(".app-page")?.dataset.page;
    return drawn === want || drawn?.startsWith(`${want}/`) || drawn === "#/not-found";
  }, path);
  await page.locator("main h1").first().waitFor();
  // Within the app (a new fragment, same document) the page's heading takes
  // focus a frame after it is drawn: let that happen before any key press.
  await nextFrames(page);
}

/**
 * Resolves after two animation frames in the page. The app moves focus in a
 * frame callback it asks for as soon as it has drawn the new page, so once
 * the new page is seen, two more frames mean focus has moved.
 */
export async function nextFrames(page) {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/**
 * After a key press or click that navigates within the app: waits for the
 * page `route` to be drawn and for focus to reach its heading (or `focus`,
 * a selector), so the next Tab starts from there and nothing moves focus
 * under the test's feet.
 */
export async function arrived(page, route, focus = "main h1") {
  await page.waitForFunction(
    ([want, selector]) =>
      document.querySelector(".app-page")?.dataset.page === want && document.activeElement?.matches(selector),
    [route, focus],
  );
}

/** The page's h1 text, whitespace collapsed. */
export async function heading(page) {
  return (await page.locator("main h1").textContent()).replace(/\s+/g, " ").trim();
}

/** Zero axe violations against WCAG 2.0/2.1/2.2 A and AA. */
export async function expectAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

/** Nothing left the origin, nothing failed, no CSP violation, no error. */
export async function expectClean(page, problems, label) {
  const csp = await page.evaluate(() => window.__csp ?? []);
  assert.deepEqual(problems.foreign, [], `requests left the origin on ${label}`);
  assert.deepEqual(problems.failed, [], `failed requests on ${label}`);
  assert.deepEqual([...problems.csp, ...csp], [], `CSP violations on ${label}`);
  assert.deepEqual(problems.errors, [], `console errors on ${label}`);
}

/** Both checks, for every page a test visits. */
export async function expectGoodPage(page, problems, label) {
  await expectAccessible(page, label);
  await expectClean(page, problems, label);
}

/**
 * File choosers, for a page opened by the keyboard: call right after
 * creating the page, before anything opens a chooser. Playwright intercepts
 * choosers only while a "filechooser" listener exists, and it tells the
 * browser so without waiting for an answer: a `page.waitForEvent
 * ("filechooser")` made just before the key press can lose the race with the
 * press (more often on a busy machine), and the chooser is never reported.
 * Returns `next()`, resolving with the next chooser opened.
 */
export function fileChoosers(page, timeout = 30000) {
  const opened = [];
  const waiting = [];
  page.on("filechooser", (chooser) => (waiting.length ? waiting.shift()(chooser) : opened.push(chooser)));
  return function next() {
    if (opened.length) return Promise.resolve(opened.shift());
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no file chooser opened in ${timeout} ms`)), timeout);
      waiting.push((chooser) => {
        clearTimeout(timer);
        ok(chooser);
      });
    });
  };
}

/**
 * Makes sure the self-assessment page holding element `id` ("3.1") is
 * open: the checklist shows one pillar per page.
 */
export async function onPillarOf(env, page, id, checklist = "self-assessment") {
  const route = `#/${checklist}/${id.split(".")[0]}`;
  const drawn = await page.evaluate(() => document.querySelector(".app-page")?.dataset.page);
  if (drawn !== route) await go(env, page, route);
}

/**
 * The note box of element `id` ("1.1") on its self-assessment page, with
 * its fold opened (notes are optional and folded away until wanted).
 */
export async function noteBox(page, id) {
  const dom = id.replace(".", "-");
  const fold = page.locator(`#note-details-${dom}`);
  if (!(await fold.evaluate((d) => d.open))) await fold.locator("summary").click();
  return page.locator(`#note-${dom}`);
}

/** Presses Tab until `selector` has focus (at most `limit` presses). */
export async function tabTo(page, selector, limit = 20) {
  // Already there (the last Tab of a date, say, lands on the next question).
  if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector}; focus is on ${at}`);
}

/** The key everything the app stores starts with (see src/model/store.rs). */
export const STORAGE_PREFIX = "lgbtq-inclusion-framework";

/**
 * The workspace in localStorage, put together as the app reads it: the
 * schema 4 index and each assessment's answers and rounds keys, or else the
 * previous versions' one key.
 */
export async function storedWorkspace(page) {
  return page.evaluate((P) => {
    const index = localStorage.getItem(`${P}/4`);
    if (!index) {
      const raw = localStorage.getItem(P);
      return raw ? JSON.parse(raw).workspace : null;
    }
    const i = JSON.parse(index);
    const g = i.generation ?? 0;
    const assessments = i.assessments.map((e) => {
      const a = JSON.parse(localStorage.getItem(`${P}/4/g${g}/a/${e.id}`));
      const r = localStorage.getItem(`${P}/4/g${g}/r/${e.id}`);
      if (r) {
        const { rounds, deleted } = JSON.parse(r);
        a.rounds = rounds ?? [];
        a.deleted_rounds = deleted ?? {};
      }
      return a;
    });
    return { current: i.current, deleted: i.deleted ?? {}, exported: i.exported ?? {}, generation: g, assessments };
  }, STORAGE_PREFIX);
}

/**
 * Waits until the stored workspace satisfies `check` (a saved change lands
 * after the save's short delay), reading it afresh on each animation frame.
 */
export async function waitForStored(page, check, timeout = 5000) {
  const until = Date.now() + timeout;
  let last = null;
  for (;;) {
    last = await storedWorkspace(page);
    if (last && check(last)) return last;
    if (Date.now() > until) throw new Error(`what is stored never matched: ${JSON.stringify(last)?.slice(0, 300)}`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}

/** Every key the app keeps and its text, as one string ("changed nothing" checks). */
export async function storedText(page) {
  return page.evaluate((P) => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith(P)).sort();
    return JSON.stringify(keys.map((k) => [k, localStorage.getItem(k)]));
  }, STORAGE_PREFIX);
}

/** Waits until the page's h1 reads `expected` (rendering follows the URL). */
export async function waitForHeading(page, expected, timeout = 5000) {
  try {
    await page.waitForFunction(
      (want) => document.querySelector("main h1")?.textContent.replace(/\s+/g, " ").trim() === want,
      expected,
      { timeout },
    );
  } catch {
    assert.equal(await heading(page), expected);
  }
}

/** Waits for the document title (set as the page changes, a moment after it draws). */
export async function waitForTitle(page, expected, timeout = 5000) {
  try {
    await page.waitForFunction((want) => document.title === want, expected, { timeout });
  } catch {
    assert.equal(await page.title(), expected);
  }
}

/**
 * Types an ISO date ("2027-03-31") into the NHS date input whose boxes'
 * ids start with `prefix` ("target-1-1"), as a person does: day, month and
 * year in their boxes, then moves on. A past target date is asked about:
 * `confirm` says yes to it.
 */
export async function fillDate(page, prefix, iso, { confirm = true } = {}) {
  const [year, month, day] = iso ? iso.split("-") : ["", "", ""];
  await page.locator(`#${prefix}-day`).fill(day ? String(Number(day)) : "");
  await page.locator(`#${prefix}-month`).fill(month ? String(Number(month)) : "");
  await page.locator(`#${prefix}-year`).fill(year ?? "");
  const yes = page.locator(`#${prefix}-yes`);
  if (confirm && (await yes.count())) await yes.click();
}
