// Starts the app (template: scripts/write-loader.mjs fills in APP, the
// main module's glue and wasm, both in the build's app-<hash>/ folder).
// The main module draws the reading pages; every other page's part is
// fetched by the app itself when it is first drawn (src/parts.rs).
const APP = __APP__;

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

try {
  // Fetched and compiled in parallel; started once the page is parsed.
  const [glue, module] = await Promise.all([import(APP.js), compile(APP.wasm)]);
  await parsed;
  await glue.default({ module_or_path: module });
} catch (error) {
  showFailure(error);
}
