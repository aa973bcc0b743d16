// Trunk post_build step. Trunk injects an inline <script type="module">
// that starts the full app, and preloads its files; the landing page should
// not fetch the full app at all. Replace both with scripts/loader.js, filled
// in with both builds' file names, inline (so choosing a build costs no
// round trip) and allowed by its SHA-256 in the Content-Security-Policy:
// no other inline script can run. Then check nothing else inline is left.
import { execFileSync } from "node:child_process";
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
  let body = readFileSync("scripts/loader.js", "utf8")
    .replace("__BUILDS__", JSON.stringify(builds))
    .replace("__EDITING__", JSON.stringify(editingPaths()));
  if (release) body = await minifyModule(body);
  if (body.includes("</script")) fail("the loader must not contain </script");
  const hash = `'sha256-${createHash("sha256").update(body).digest("base64")}'`;
  const policy = "script-src 'self' 'wasm-unsafe-eval'";
  if (!html.includes(policy)) fail(`index.html's Content-Security-Policy must have "${policy}"`);
  html = html.replace(policy, `${policy} ${hash}`);
  const script = `<script type="module" async>${body}</script>`;
  html = html.replace("</head>", `  ${script}\n  </head>`);

  const withoutLoader = html.replace(script, "");
  const leftovers = [...withoutLoader.matchAll(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/gi)];
  if (leftovers.length) fail(`inline code remains: ${leftovers.map((m) => m[0]).join(", ")}`);
  writeFileSync(indexPath, html);
  console.log(`write-loader: inline loader (${hash}) starts ${reader ? "the reader or the full app" : "the full app"}`);
}

/** The pages only the full app draws, from src/route.rs: a tiny native
 * program prints them (`Page::is_reading` is the one list). */
export function editingPaths() {
  const out = execFileSync("cargo", ["run", "--quiet", "--example", "editing_pages"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const paths = JSON.parse(out);
  if (!Array.isArray(paths) || !paths.length || !paths.every((p) => typeof p === "string" && /^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(p))) {
    fail(`examples/editing_pages.rs printed ${out.trim()}`);
  }
  return paths;
}

function fail(message) {
  console.error(`write-loader: ${message}`);
  process.exit(1);
}
