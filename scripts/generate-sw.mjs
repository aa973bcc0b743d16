// Trunk post_build hook: writes sw.js from sw/sw.js with the list of every
// built file (hashed names included) and a version derived from their
// contents. Only release builds register the worker.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("generate-sw: TRUNK_STAGING_DIR is not set (run via trunk)");
  process.exit(1);
}

function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(dir)
  .map((path) => relative(dir, path).split("\\").join("/"))
  .filter((name) => name !== "sw.js")
  .sort();
const hash = createHash("sha256");
for (const name of files) hash.update(name).update(readFileSync(join(dir, name)));
const version = hash.digest("hex").slice(0, 16);
const precache = ["./", ...files.map((name) => `./${name}`)];
const template = readFileSync("sw/sw.js", "utf8");
writeFileSync(
  join(dir, "sw.js"),
  template.replace("__VERSION__", version).replace("__PRECACHE__", JSON.stringify(precache, null, 2)),
);
console.log(`generate-sw: ${precache.length} files, version ${version}`);
