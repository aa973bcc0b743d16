// Trunk post_build step. Trunk injects an inline <script type="module">
// that starts the full app, and preloads its files; our Content-Security-
// Policy forbids inline script, and the landing page should not fetch the
// full app at all. Replace both with scripts/loader.js, filled in with both
// builds' file names and written to a content-hashed file, then check that
// nothing inline is left.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minifyModule } from "./minify-js.mjs";

/** Rewrites `dir`/index.html to start the app through our loader. */
export async function writeLoader(dir, reader, release) {
  const indexPath = join(dir, "index.html");
  let html = readFileSync(indexPath, "utf8");

  const inline = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>\s*/g;
  const trunkLoader = [...html.matchAll(inline)].map((m) => m[1]).find((body) => body.includes("module_or_path"));
  const js = trunkLoader?.match(/from\s+'\.\/([^']+\.js)'/)?.[1];
  const wasm = trunkLoader?.match(/module_or_path:\s*'\.\/([^']+\.wasm)'/)?.[1];
  if (!js || !wasm) fail("could not find Trunk's loader for the full app");
  html = html.replace(inline, "");
  // Trunk's preloads of the full app: only the pages that need it fetch it.
  html = html.replace(/<link rel="(modulepreload|preload)" href="\.\/[^"]+"[^>]*>/g, "");

  const builds = { full: { js: `./${js}`, wasm: `./${wasm}` }, reader: reader && { js: `./${reader.js}`, wasm: `./${reader.wasm}` } };
  let body = readFileSync("scripts/loader.js", "utf8").replace("__BUILDS__", JSON.stringify(builds));
  if (release) body = await minifyModule(body);
  const name = `loader-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body);
  html = html.replace("</head>", `  <script type="module" async src="./${name}"></script>\n  </head>`);

  const leftovers = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/gi)];
  if (leftovers.length) fail(`inline code remains: ${leftovers.map((m) => m[0]).join(", ")}`);
  writeFileSync(indexPath, html);
  console.log(`write-loader: ${name} starts ${reader ? "the reader or the full app" : "the full app"}`);
}

function fail(message) {
  console.error(`write-loader: ${message}`);
  process.exit(1);
}
