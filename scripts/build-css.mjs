// Compiles style/main.scss (nhsuk-frontend + our overrides) to
// style/build/app.css, without the nhsuk rules the app never uses
// (scripts/purge-css.mjs). Run by Trunk's pre_build hook; works offline.
// Fails the build if the CSS would fetch anything from another origin.
import { compile } from "sass";
import { purge, usedClasses } from "./purge-css.mjs";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "style/build/app.css");
const { css: full } = compile(join(root, "style/main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});

const css = purge(full, usedClasses([join(root, "src"), join(root, "index.html"), join(root, "scripts/loader.js")]));

const remote = css.match(/url\(\s*["']?(https?:)?\/\/[^)]*\)|@import\s+url|@font-face/gi);
if (remote) {
  console.error(`build-css: refusing CSS that loads remote resources or fonts: ${remote.join(", ")}`);
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, css);
console.log(`build-css: wrote ${out} (${css.length} bytes; ${full.length} before unused rules were dropped)`);
