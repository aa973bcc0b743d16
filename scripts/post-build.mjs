// Trunk post_build hook. Hooks of one stage run concurrently, so the steps
// that depend on each other run here, in order: build the app's wasm and
// its parts, minify the JavaScript (release), write the loader that starts
// the main module, then list every built file for the service worker.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildWasm } from "./build-wasm.mjs";
import { minifyModule } from "./minify-js.mjs";
import { writeLoader } from "./write-loader.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run via trunk)");
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === "release";
const app = await buildWasm(dir, release);
if (release) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    writeFileSync(join(dir, name), await minifyModule(readFileSync(join(dir, name), "utf8")));
  }
}
await writeLoader(dir, app, release);
await import("./generate-sw.mjs");
