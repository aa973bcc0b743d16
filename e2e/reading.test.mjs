// The reading journey on the release build: overview -> every pillar ->
// glossary -> resources, by links and by deep links, refresh and back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, go, heading, expectGoodPage, expectClean, waitForHeading, waitForTitle, reload } from "./harness.mjs";

const framework = JSON.parse(readFileSync("content/framework.json", "utf8"));
const SERVICE = "LGBTQ+ Inclusion Framework";
let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("the overview credits the publication and lists the six pillars", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page);
  await waitForHeading(page, framework.title);
  await waitForTitle(page, `Overview – ${SERVICE}`);
  const credit = page.locator(".nhsuk-inset-text");
  await assert.doesNotReject(credit.getByText("Health and Care LGBTQ+ Leaders Network").waitFor());
  assert.match(await credit.innerText(), /Mental Health Network/);
  const original = credit.getByRole("link", { name: /Read the original publication/ });
  assert.equal(await original.getAttribute("href"), framework.source_url);
  assert.match(await original.innerText(), /external website/);
  for (const pillar of framework.pillars) {
    const link = page.locator("#the-pillars ~ .app-pillar-list").first().getByRole("link", { name: pillar.title });
    assert.equal(await link.getAttribute("href"), `#/pillars/${pillar.id}`);
  }
  for (const section of framework.sections) {
    assert.equal(await page.locator(`#${section.id}`).innerText(), section.heading);
  }
  await expectGoodPage(page, problems, "overview");
  await context.close();
});

test("a reader goes from the overview through every pillar by links", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page);
  await page.locator(".app-pillar-list").first().getByRole("link", { name: framework.pillars[0].title }).click();
  for (const pillar of framework.pillars) {
    await page.waitForURL(`**#/pillars/${pillar.id}`);
    await waitForHeading(page, `Pillar ${pillar.id}: ${pillar.title}`);
    await waitForTitle(page, `Pillar ${pillar.id}: ${pillar.title} – ${SERVICE}`);
    // Focus moves to the new heading so screen readers announce the page.
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    for (const element of pillar.elements) {
      const section = page.locator(`#element-${element.id.replace(".", "-")}`);
      assert.match(await section.innerText(), new RegExp(`^${element.id.replace(".", "\\.")} `));
      const listed = page.locator(".app-element-list").getByRole("link", { name: element.id, exact: false });
      assert.ok((await listed.count()) >= 1, `element ${element.id} listed`);
    }
    const text = await page.locator("main").innerText();
    assert.match(text, /Potential challenges to anticipate/);
    assert.match(text, /Learning from pilot sites/);
    assert.equal(await page.locator("#summary + ul li").count(), pillar.summary.length);
    await expectGoodPage(page, problems, `pillar ${pillar.id}`);
    const next = page.locator(".nhsuk-pagination__link--next");
    if (pillar.id < 6) await next.click();
    else assert.equal(await next.count(), 0, "no next link after the last pillar");
  }
  await page.locator(".nhsuk-pagination__link--prev").click();
  await page.waitForURL("**#/pillars/5");
  await context.close();
});

test("the glossary and resources pages are reached from the footer", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page);
  await page.getByRole("contentinfo").getByRole("link", { name: "A note on language" }).click();
  await page.waitForURL("**#/glossary");
  await waitForHeading(page, "A note on language");
  for (const term of framework.glossary.terms) {
    assert.equal(await page.getByText(term.term, { exact: true }).count(), 1);
  }
  await expectGoodPage(page, problems, "glossary");

  await page.getByRole("contentinfo").getByRole("link", { name: "Resources" }).click();
  await page.waitForURL("**#/resources");
  // The address changes at once; the page and its title follow it.
  await waitForHeading(page, "Resources");
  await waitForTitle(page, `Resources – ${SERVICE}`);
  for (const group of framework.resources) {
    assert.equal(await page.getByRole("heading", { level: 2, name: group.heading }).count(), 1);
  }
  const links = await page.locator("main a").evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute("href"), target: a.getAttribute("target"), text: a.innerText })),
  );
  assert.ok(links.length >= 15);
  for (const link of links) {
    assert.match(link.href, /^https:\/\//, `${link.text} links out over https`);
    assert.equal(link.target, null, "external links open in the same tab");
    assert.match(link.text, /external website/);
  }
  await expectGoodPage(page, problems, "resources");
  await context.close();
});

test("deep links survive a refresh and the back button behaves", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/pillars/4");
  await waitForHeading(page, `Pillar 4: ${framework.pillars[3].title}`);
  await reload(page);
  await waitForHeading(page, `Pillar 4: ${framework.pillars[3].title}`);

  await page.getByRole("link", { name: "A note on language" }).first().click();
  await page.waitForURL("**#/glossary");
  await page.goBack();
  await page.waitForURL("**#/pillars/4");
  await waitForHeading(page, `Pillar 4: ${framework.pillars[3].title}`);
  await page.goForward();
  await page.waitForURL("**#/glossary");
  await waitForHeading(page, "A note on language");

  for (const route of ["#/glossary", "#/resources", "#/pillars/6", "#/"]) {
    await go(env, page, route);
    await reload(page);
    assert.equal(await page.evaluate(() => location.hash), route);
  }
  await expectClean(page, problems, "deep links");
  await context.close();
});

test("element links land on the element, footnotes link both ways", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/pillars/2");
  await page.locator(".app-element-list a").nth(2).click();
  await page.waitForURL("**#/pillars/2?to=element-2-3");
  await page.waitForFunction(() => document.activeElement?.id === "element-2-3");
  await page.reload();
  await page.locator("#element-2-3").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "element-2-3");

  await go(env, page, "#/");
  await page.locator("#footnote-ref-1").click();
  await page.waitForFunction(() => document.activeElement?.id === "footnote-1");
  assert.match(await page.locator("#footnote-1").innerText(), /Hidden Figures/);
  await page.locator("#footnote-1").getByRole("link", { name: /Back to text/ }).click();
  await page.waitForFunction(() => document.activeElement?.id === "footnote-ref-1");
  await expectClean(page, problems, "anchors");
  await context.close();
});

test("an unknown address says page not found and offers a way back", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/pillars/99");
  await waitForHeading(page, "Page not found");
  await waitForTitle(page, `Page not found – ${SERVICE}`);
  await page.getByRole("link", { name: "Go to the framework overview" }).click();
  await page.waitForURL("**#/");
  await waitForHeading(page, framework.title);
  await expectGoodPage(page, problems, "not found");
  await context.close();
});

test("the skip link moves focus to the content without changing the address", async () => {
  const { page, context, problems } = await open(env);
  await go(env, page, "#/glossary");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.textContent.trim());
  assert.equal(focused, "Skip to main content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "maincontent");
  assert.equal(await page.evaluate(() => location.hash), "#/glossary");
  await expectClean(page, problems, "skip link");
  await context.close();
});

test("every page fits 320px without sideways scrolling and passes axe there", async () => {
  const { page, context, problems } = await open(env, { width: 320, height: 640 });
  const routes = [
    "#/",
    ...framework.pillars.map((p) => `#/pillars/${p.id}`),
    "#/glossary",
    "#/resources",
    "#/self-assessment",
    "#/self-assessment/check",
    "#/progress",
    "#/progress/focus",
    "#/progress/check",
    "#/start",
    "#/actions",
    "#/tasks",
    "#/summary",
    "#/organisation",
    "#/assessments",
    "#/share",
    "#/print",
    "#/rounds",
    "#/compare",
    "#/privacy",
    "#/accessibility",
  ];
  for (const route of routes) {
    await go(env, page, route);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${route} scrolls sideways by ${overflow}px at 320px`);
    await expectGoodPage(page, problems, `${route} at 320px`);
  }
  await context.close();
});

test("the content security policy is in force, so the CSP check can fail", async () => {
  const { page, context } = await open(env);
  await go(env, page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  const ran = await page.evaluate(async () => {
    window.__ran = false;
    const s = document.createElement("script");
    s.textContent = "window.__ran = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.__ran;
  });
  assert.equal(ran, false, "inline script must be blocked");
  const violations = await page.evaluate(() => window.__csp);
  assert.ok(violations.some((v) => v.startsWith("script-src")), JSON.stringify(violations));
  await context.close();
});
