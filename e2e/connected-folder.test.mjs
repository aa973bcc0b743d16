// Keeping a folder connected, on the release build: three colleagues'
// browsers (separate contexts, as separate laptops) each connect "the team's
// folder" and stay in step through it with no server (issue 21).
//
// Headless Chromium cannot drive the folder picker, so each context gets a
// stand-in, injected only here: `showDirectoryPicker` answers with a real
// directory handle on the context's own private file system (OPFS), which
// has the same interface and is kept in IndexedDB like a real one. The test
// plays the sync client (OneDrive, say) by copying files between the
// contexts' folders, which is what lets it hold a file back half-copied.
// Withdrawn access is the permission calls answering "prompt" and the
// folder refusing with NotAllowedError until "Reconnect" asks again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, go, onPillarOf, expectGoodPage, expectAccessible, noteBox, tabTo } from "./harness.mjs";

const FOLDER = "Northshire EDI (Teams)";
let env;

before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

/** A colleague's browser whose folder picker answers with the stand-in. */
async function colleague(options) {
  const c = await open(env, options);
  await c.context.addInitScript((folderName) => {
    const withdrawn = () => localStorage.getItem("stand-in:withdrawn") === "1";
    window.showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle(folderName, { create: true });
    const handle = FileSystemHandle.prototype;
    handle.queryPermission = async () => (withdrawn() ? "prompt" : "granted");
    handle.requestPermission = async () => {
      localStorage.removeItem("stand-in:withdrawn");
      return "granted";
    };
    const dir = FileSystemDirectoryHandle.prototype;
    // The sync client (this test) still reaches the folder.
    window.__syncClient = {};
    for (const name of ["values", "getFileHandle"]) {
      const real = dir[name];
      window.__syncClient[name] = (d, ...args) => real.apply(d, args);
      dir[name] = function (...args) {
        if (withdrawn()) throw new DOMException("Access was withdrawn", "NotAllowedError");
        return real.apply(this, args);
      };
    }
  }, FOLDER);
  return c;
}

/** Every file in a colleague's copy of the folder: name → text. */
async function filesOf(page) {
  return page.evaluate(async (folderName) => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle(folderName, { create: true });
    const out = {};
    for await (const h of window.__syncClient.values(dir)) {
      // A browser's swap file can go between listing and reading.
      if (h.kind === "file" && !h.name.endsWith(".crswap")) {
        try {
          out[h.name] = await (await h.getFile()).text();
        } catch {}
      }
    }
    return out;
  }, FOLDER);
}

async function put(page, name, text) {
  await page.evaluate(
    async ([folderName, name, text]) => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle(folderName, { create: true });
      const w = await (await window.__syncClient.getFileHandle(dir, name, { create: true })).createWritable();
      await w.write(text);
      await w.close();
    },
    [FOLDER, name, text],
  );
}

/** Polls a condition (an async function) until it holds. */
async function until(what, check, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** The colleague's own file in their folder, once it satisfies `check`. */
async function ownFile(page, person, check = () => true) {
  return until(`${person}'s file`, async () => {
    const files = await filesOf(page);
    const name = Object.keys(files).find((n) => n.includes(` – ${person} – `));
    return name && check(files[name]) ? { name, text: files[name] } : null;
  });
}

/**
 * The sync client: each file's newest version (only its owner changes it)
 * reaches every colleague's folder. `hold` maps a file name to the text to
 * deliver instead to the colleagues in `to` (a half-copied file).
 */
const delivered = {};
const mirrors = new Map();
async function syncClient(colleagues, hold = {}) {
  // A file that differs from what this client last left in a folder was
  // written there by its owner: that is its newest version.
  for (const c of colleagues) {
    const mirror = mirrors.get(c) ?? {};
    for (const [name, text] of Object.entries(await filesOf(c.page))) {
      if (mirror[name] !== text) delivered[name] = text;
    }
  }
  for (const c of colleagues) {
    const have = await filesOf(c.page);
    const held = Object.fromEntries(
      Object.entries(hold).filter(([, h]) => h.to.includes(c)).map(([name, h]) => [name, h.text]),
    );
    for (const [name, text] of Object.entries({ ...delivered, ...held })) {
      if (have[name] !== text) await put(c.page, name, text);
    }
    mirrors.set(c, await filesOf(c.page));
  }
}

/** The tab gains focus, as when the person comes back to it. */
async function focus(page) {
  await page.evaluate(() => dispatchEvent(new Event("focus")));
}

async function connect(c, person) {
  await go(env, c.page, "#/share");
  await c.page.locator("#folder-person").fill(person);
  await c.page.locator("#folder-connect").click();
  await c.page.locator("#folder-line").getByText(`Shared folder: ${FOLDER}.`).waitFor();
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

test("three colleagues connected to one folder stay in step: edits reach the others on focus, a file still copying waits, two versions are shown and settle", async () => {
  const priya = await colleague();
  const sam = await colleague();
  const jo = await colleague();

  // Priya connects; a name is asked for first.
  await onPillarOf(env, priya.page, "1.1");
  await priya.page.locator("#rating-1-1-in_place").check();
  await go(env, priya.page, "#/share");
  await priya.page.locator("#folder-connect").click();
  await priya.page.locator("#folder-error-summary").getByText("Enter your name or your device’s name").waitFor();
  await connect(priya, "Priya Shah");
  await priya.page.locator("#folder-line").getByText("No colleague’s copy is in it yet: yours is.").waitFor();
  const priyaFile = (await ownFile(priya.page, "Priya Shah")).name;
  assert.match(priyaFile, /^My organisation’s assessment – Priya Shah – [A-Za-z0-9]+\.inclusion\.json$/);
  await expectGoodPage(priya.page, priya.problems, "folder connected");

  // Sam's and Jo's fresh browsers find Priya's assessment there and join it.
  for (const c of [sam, jo]) await go(env, c.page, "#/share");
  await syncClient([priya, sam, jo]);
  for (const [c, person] of [[sam, "Sam"], [jo, "Jo"]]) {
    await connect(c, person);
    const others = c.page.locator("#folder-others");
    await others.getByText("holds ‘My organisation’s assessment’, not the open assessment.").waitFor();
    await expectGoodPage(c.page, c.problems, `${person} finds another assessment`);
    await others.getByRole("button", { name: "Work on ‘My organisation’s assessment’ with them" }).click();
    await c.page.locator("#folder-line").getByText(/In step with Priya Shah \((just now|1 minute ago)\)\./).waitFor();
    await ownFile(c.page, person);
  }
  await syncClient([priya, sam, jo]);

  // Sam rates 2.1; Priya and Jo both write a note on 1.1 at the same time.
  const samBefore = (await ownFile(sam.page, "Sam")).text;
  await onPillarOf(env, sam.page, "2.1");
  await sam.page.locator("#rating-2-1-in_place").check();
  await ownFile(sam.page, "Sam", (t) => t !== samBefore);
  for (const [c, person, text] of [[jo, "Jo", "Jo’s evidence"], [priya, "Priya Shah", "Priya’s evidence"]]) {
    await onPillarOf(env, c.page, "1.1");
    await (await noteBox(c.page, "1.1")).fill(text);
    await ownFile(c.page, person, (t) => t.includes(text));
  }

  // Jo's file reaches Priya half-copied: named and left alone; Sam's rating
  // arrives on focus, without reloading, and the task list says with whom.
  const joFile = await ownFile(jo.page, "Jo");
  await syncClient([priya, sam, jo], {
    [joFile.name]: { text: joFile.text.slice(0, joFile.text.length / 2), to: [priya] },
  });
  await go(env, priya.page, "#/share");
  await focus(priya.page);
  const skipped = priya.page.locator("#folder-auto-skipped");
  await skipped.getByText(joFile.name).waitFor();
  await skipped.getByText("it is still being written or downloaded").waitFor();
  await priya.page.locator("#folder-line").getByText(/In step with .*Sam/).waitFor();
  await priya.page.locator("#folder-brought-in").getByText(/Brought in \d+ changes? from Sam/).waitFor();
  await expectGoodPage(priya.page, priya.problems, "a file still copying");
  await priya.page.locator(".nhsuk-header a, nav a").filter({ hasText: "Your tasks" }).first().click();
  await priya.page.locator("#tasks-folder-line").getByText(/Shared folder: Northshire EDI \(Teams\)\. In step with .*Sam \(/).waitFor();

  // The sync client finishes: the note both wrote keeps both versions,
  // shown where it lives, with no question asked.
  await syncClient([priya, sam, jo]);
  await focus(priya.page);
  await priya.page.locator("#versions-notice").getByText("1 answer has two versions").waitFor();
  await go(env, priya.page, "#/self-assessment/1");
  const panel = priya.page.locator("#versions-1-1");
  await panel.getByText("Jo’s evidence").waitFor();
  await panel.getByText("Priya’s evidence").waitFor();
  await expectGoodPage(priya.page, priya.problems, "two versions from the connected folder");
  await panel
    .locator(".app-versions__version")
    .filter({ hasText: "Jo’s evidence" })
    .getByRole("button", { name: /Keep this version/ })
    .click();
  await priya.page.locator("#versions-1-1-status").getByText("Kept ‘Jo’s evidence’").waitFor();
  const kept = await ownFile(priya.page, "Priya Shah", (t) => !t.includes("Priya’s evidence"));
  assert.equal(kept.name, priyaFile, "her file keeps its name");

  // Everyone comes back to their tab and holds the same answers.
  await syncClient([priya, sam, jo]);
  for (const c of [sam, jo]) await focus(c.page);
  const expected = { versions: 0, note: "Jo’s evidence", rated: true, sam: true };
  for (const [who, c] of [["Priya", priya], ["Sam", sam], ["Jo", jo]]) {
    await until(`${who} in step`, async () => {
      const now = await shown(c.page);
      return JSON.stringify(now) === JSON.stringify(expected);
    });
  }
  for (const c of [priya, sam, jo]) await c.context.close();
});

test("access withdrawn shows Reconnect and loses nothing; a folder that has gone is said so; Delete all data forgets the folder", async () => {
  const c = await colleague();
  await onPillarOf(env, c.page, "1.1");
  await c.page.locator("#rating-1-1-in_place").check();
  await connect(c, "Priya Shah");
  await ownFile(c.page, "Priya Shah");

  // Access is withdrawn (as after a browser restart without "allow on
  // every visit"): work goes on, and the page says what to do.
  await c.page.evaluate(() => localStorage.setItem("stand-in:withdrawn", "1"));
  await onPillarOf(env, c.page, "1.1");
  await (await noteBox(c.page, "1.1")).fill("Written while away");
  await go(env, c.page, "#/tasks");
  await c.page.locator("#tasks-folder-line").getByText("This browser needs your permission again to use it.").waitFor();
  await go(env, c.page, "#/share");
  const problem = c.page.locator("#folder-problem");
  await problem.getByText("needs your permission again to use the folder ‘Northshire EDI (Teams)’").waitFor();
  await problem.getByText("Your work is kept in this browser meanwhile.").waitFor();
  await expectGoodPage(c.page, c.problems, "reconnect the shared folder");
  assert.ok(!(await filesOf(c.page).then((f) => Object.values(f).some((t) => t.includes("Written while away")))));
  // By keyboard, from the folder's panel.
  await c.page.locator("#folder-connection").focus();
  await tabTo(c.page, "#folder-reconnect");
  await c.page.keyboard.press("Enter");
  await ownFile(c.page, "Priya Shah", (t) => t.includes("Written while away"));
  await c.page.locator("#folder-line").getByText(`Shared folder: ${FOLDER}.`).waitFor();
  assert.equal(await c.page.evaluate(() => document.activeElement?.id), "folder-connection");

  // The folder is moved away (the sync client stopped, say).
  await c.page.evaluate(async (name) => (await navigator.storage.getDirectory()).removeEntry(name, { recursive: true }), FOLDER);
  await c.page.locator("#folder-check").click();
  await c.page.locator("#folder-problem").getByText("‘Northshire EDI (Teams)’ cannot be found").waitFor();
  await expectGoodPage(c.page, c.problems, "the folder has gone");
  await onPillarOf(env, c.page, "1.1");
  assert.equal(await (await noteBox(c.page, "1.1")).inputValue(), "Written while away", "nothing lost");

  // Delete all data forgets the connection too.
  await go(env, c.page, "#/privacy");
  await c.page.locator("#delete-all").click();
  await c.page.getByRole("button", { name: "Yes, delete everything" }).click();
  await c.page.locator("#deleted-all").waitFor();
  await go(env, c.page, "#/share");
  await c.page.locator("#folder-connect").waitFor();
  assert.equal(
    await c.page.evaluate(
      () =>
        new Promise((ok) => {
          const o = indexedDB.open("lgbtq-inclusion-framework-folders", 1);
          o.onsuccess = () => {
            const r = o.result.transaction("folders").objectStore("folders").count();
            r.onsuccess = () => ok(r.result);
          };
        }),
    ),
    0,
  );
  await c.context.close();
});

test("the folder code is fetched only once a folder is connected; if it cannot be, the page says so and the next check catches up", async () => {
  // No service worker: it would serve the folder code from its cache.
  const c = await colleague({ serviceWorkers: "block" });
  const fetched = [];
  c.page.on("request", (req) => {
    const name = req.url().split("/").pop();
    if (name.startsWith("split_")) fetched.push(name.slice(6, -5));
  });
  let block = true;
  await c.page.route(/\/split_folder\.wasm$/, (route) => (block ? route.abort() : route.continue()));
  await onPillarOf(env, c.page, "1.1");
  await c.page.locator("#rating-1-1-in_place").check();
  await go(env, c.page, "#/share");
  assert.ok(!fetched.includes("folder"), `no folder, no folder code: ${fetched.join()}`);
  await c.page.locator("#folder-person").fill("Priya Shah");
  await c.page.locator("#folder-connect").click();
  const problem = c.page.locator("#folder-problem");
  await problem.getByText(`The folder ‘${FOLDER}’ cannot be kept in step just now, because part of the app could not be loaded.`).waitFor();
  assert.match(await problem.innerText(), /Your work is kept in this browser meanwhile/);
  assert.deepEqual(Object.keys(await filesOf(c.page)), [], "nothing written");
  await expectAccessible(c.page, "folder code not loaded");
  // The next check (the tab gaining focus) fetches it again and catches up.
  block = false;
  await c.page.evaluate(() => dispatchEvent(new Event("focus")));
  await c.page.locator("#folder-line").getByText(`Shared folder: ${FOLDER}.`).waitFor();
  await c.page.waitForFunction(async (folderName) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folderName, { create: true });
    for await (const h of window.__syncClient.values(dir)) if (h.name.endsWith(".json")) return true;
    return false;
  }, FOLDER);
  assert.ok(fetched.includes("folder"));
  await c.context.close();
});

test("a browser without folder access says so and offers the same by hand", async () => {
  const c = await open(env);
  await c.context.addInitScript(() => Object.defineProperty(window, "showDirectoryPicker", { value: undefined }));
  await go(env, c.page, "#/share");
  await c.page.locator("#folder-unsupported").getByText("This browser cannot keep a folder connected").waitFor();
  assert.equal(await c.page.locator("#folder-connect").count(), 0);
  await c.page.locator("#folder-save").waitFor();
  await c.page.locator("#folder-files").waitFor();
  await expectGoodPage(c.page, c.problems, "no folder access");
  await c.context.close();
});

test("deleting a connected assessment leaves the shared copies alone unless asked to stop sharing", async () => {
  const c = await colleague();
  await onPillarOf(env, c.page, "1.1");
  await c.page.locator("#rating-1-1-in_place").check();
  await connect(c, "Priya Shah");
  const mine = (await ownFile(c.page, "Priya Shah")).name;

  // The default leaves the folder alone; undo brings the connection back.
  await go(env, c.page, "#/assessments");
  await c.page.getByRole("button", { name: "Delete" }).first().click();
  const shared = c.page.getByRole("group", { name: `It is shared through the folder ‘${FOLDER}’` });
  await shared.waitFor();
  assert.ok(await shared.getByLabel("Leave the shared copies alone").isChecked(), "leaving them alone is the default");
  await expectGoodPage(c.page, c.problems, "delete a connected assessment");
  await c.page.getByRole("button", { name: "Yes, delete it" }).click();
  await c.page.getByRole("button", { name: "Undo delete" }).click();
  // (Polled: a file being written again is briefly not listed.)
  await until("the shared copy left alone", async () => mine in (await filesOf(c.page)));
  await go(env, c.page, "#/share");
  await c.page.locator("#folder-line").getByText(`Shared folder: ${FOLDER}.`).waitFor();

  // Stop sharing removes this browser's own file, and only that.
  await put(c.page, "My organisation’s assessment – Sam – s1.inclusion.json", "{}");
  await go(env, c.page, "#/assessments");
  await c.page.getByRole("button", { name: "Delete" }).first().click();
  await c.page.getByLabel("Stop sharing: remove my copy from the folder").check();
  await c.page.getByRole("button", { name: "Yes, delete it" }).click();
  await until("my copy removed", async () => !(mine in (await filesOf(c.page))));
  assert.ok("My organisation’s assessment – Sam – s1.inclusion.json" in (await filesOf(c.page)), "a colleague's file stays");
  await c.page.getByRole("button", { name: "Undo delete" }).click();
  await go(env, c.page, "#/share");
  await c.page.locator("#folder-connect").waitFor();
  await c.context.close();
});
