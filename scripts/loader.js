// Starts the app (template: scripts/write-loader.mjs fills in BUILDS and
// EDITING).
//
// Two builds of the same Leptos app: the reader draws only the reading
// pages and is much smaller, so the landing page is quick; the full app
// draws every page. The address picks one. When the reader's user goes to
// a page it cannot draw, it sends "inclusion:want-full-app" and this swaps
// the full app in; the reader never writes, so nothing can be lost.
const BUILDS = __BUILDS__;
/** The paths of the pages that edit, which only the full app draws; the
 * reader draws the rest. Written at build time from `Page::is_reading` in
 * src/route.rs (`editing_paths`), the one list of them. */
const EDITING = __EDITING__;

/** Whether the reader draws this address: the first segment of its path,
 * without the `?…` and empty segments (as src/route.rs parses it), is not
 * a page that edits (`#/progress/3` is the progress checklist). */
function isReadingPage(hash) {
  if (!hash.startsWith("#/")) return true;
  const first = hash.slice(2).split("?")[0].split("/").filter(Boolean)[0] ?? "";
  return !EDITING.includes(first);
}

const parsed = new Promise((resolve) => {
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", resolve, { once: true });
  else resolve();
});

async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // Streaming compilation needs the right MIME type, which some intranet
  // servers do not send.
  if ((response.headers.get("content-type") ?? "").startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Fetches and compiles a build in parallel; starts nothing yet. */
async function fetchBuild(build) {
  const [glue, module] = await Promise.all([import(build.js), compile(build.wasm)]);
  return { glue, module };
}

async function start({ glue, module }, name) {
  await parsed; // the app mounts in #app
  await glue.default({ module_or_path: module });
  document.documentElement.dataset.build = name;
  return glue;
}

/** Says so in the page when the app cannot start at all. */
function showFailure(error) {
  console.error(error);
  const app = document.getElementById("app");
  if (!app) return;
  const main = document.createElement("main");
  main.className = "nhsuk-width-container nhsuk-main-wrapper";
  const heading = document.createElement("h1");
  heading.textContent = "The app could not be loaded";
  const body = document.createElement("p");
  body.textContent = "Check your connection, then reload the page. Anything you saved in this browser is still there.";
  main.append(heading, body);
  app.replaceChildren(main);
}

async function startReader() {
  const reader = await fetchBuild(BUILDS.reader);
  let full = null; // the full app's files, once asked for
  let busy = false;
  addEventListener("inclusion:want-full-app", async () => {
    if (busy) return;
    busy = true;
    let stopped = false;
    try {
      full ??= fetchBuild(BUILDS.full);
      const files = await full;
      reader.glue.stop_reader();
      stopped = true;
      document.getElementById("app").setAttribute("data-handoff", "");
      await start(files, "full");
    } catch (error) {
      if (stopped) return showFailure(error);
      console.error(error);
      full = null; // try the network again next time
      busy = false;
      dispatchEvent(new Event("inclusion:full-app-failed"));
    }
  });
  await start(reader, "reader");
}

try {
  if (BUILDS.reader && isReadingPage(location.hash)) await startReader();
  else await start(await fetchBuild(BUILDS.full), "full");
} catch (error) {
  showFailure(error);
}
