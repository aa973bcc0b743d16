// Trunk post_build step: puts scripts/loader.js, filled in with the main
// module's file names, inline in index.html (so starting costs no extra
// round trip), allowed by its SHA-256 in the Content-Security-Policy: no
// other inline script can run. Then checks nothing else inline is there.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minifyModule } from "./minify-js.mjs";

/** Rewrites `dir`/index.html to start `app` (from build-wasm.mjs). */
export async function writeLoader(dir, app, release) {
  const indexPath = join(dir, "index.html");
  let html = readFileSync(indexPath, "utf8");
  const inline = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>\s*/g;
  const already = [...html.matchAll(inline)].map((m) => JSON.stringify(m[0].slice(0, 400)));
  if (already.length) fail(`index.html has an inline script already: ${already.join(" ")}`);

  let body = readFileSync("scripts/loader.js", "utf8").replace("__APP__", JSON.stringify({ js: `./${app.js}`, wasm: `./${app.wasm}` }));
  if (release) body = await minifyModule(body);
  if (body.includes("</script")) fail("the loader must not contain </script");
  const hash = `'sha256-${createHash("sha256").update(body).digest("base64")}'`;
  const policy = "script-src 'self' 'wasm-unsafe-eval'";
  if (!html.includes(policy)) fail(`index.html's Content-Security-Policy must have "${policy}"`);
  html = html.replace(policy, `${policy} ${hash}`);
  // The marker that keeps Trunk from building the Rust itself.
  html = html.replace(/\s*<link data-trunk rel="rust" data-trunk-skip[^>]*>/, "");
  const script = `<script type="module" async>${body}</script>`;
  html = html.replace("</head>", `  ${script}\n  </head>`);

  const withoutLoader = html.replace(script, "");
  const leftovers = [...withoutLoader.matchAll(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/gi)];
  if (leftovers.length) fail(`inline code remains: ${leftovers.map((m) => m[0]).join(", ")}`);
  writeFileSync(indexPath, html);
  console.log(`write-loader: inline loader (${hash}) starts ${app.js}`);
}

function fail(message) {
  console.error(`write-loader: ${message}`);
  process.exit(1);
}
