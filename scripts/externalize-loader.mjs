// Trunk post_build hook. Trunk injects an inline <script type="module"> that
// loads the wasm; our Content-Security-Policy forbids inline script. Move it
// to a content-hashed file beside index.html and reference that instead, then
// check nothing inline is left.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("externalize-loader: TRUNK_STAGING_DIR is not set (run via trunk)");
  process.exit(1);
}
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

const inline = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
html = html.replace(inline, (_whole, attrs, body) => {
  if (!body.trim()) return "";
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `loader-${hash}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  return `<script${attrs} src="./${name}"></script>`;
});

const leftovers = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=/gi)];
if (leftovers.length) {
  console.error(`externalize-loader: inline code remains: ${leftovers.map((m) => m[0]).join(", ")}`);
  process.exit(1);
}
writeFileSync(indexPath, html);
console.log("externalize-loader: inline loader moved to a file");
