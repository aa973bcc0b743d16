// Trunk post_build step: builds the reader (src/bin/reader.rs, the reading
// pages only) the way Trunk builds the full app: cargo, wasm-bindgen, then
// wasm-opt for release. Trunk allows one main Rust app per page, so this
// second one is built here and started by scripts/loader.js.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Builds the reader into `dir`; returns its file names there. */
export function buildReader(dir, release) {
  const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
  const profile = release ? "release" : "debug";
  run("cargo", ["build", "--target", "wasm32-unknown-unknown", "--bin", "reader", ...(release ? ["--release"] : [])]);
  const target = process.env.CARGO_TARGET_DIR ?? "target";
  const out = mkdtempSync(join(tmpdir(), "reader-"));
  try {
    run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "reader",
      join(target, "wasm32-unknown-unknown", profile, "reader.wasm")]);
    const wasmPath = join(out, "reader_bg.wasm");
    if (release) run("wasm-opt", ["-Oz", `--output=${wasmPath}`, wasmPath]);
    const js = readFileSync(join(out, "reader.js"));
    const wasm = readFileSync(wasmPath);
    // Named like Trunk's files, by content, so caches never serve a stale one.
    const hash = createHash("sha256").update(js).update(wasm).digest("hex").slice(0, 16);
    const names = { js: `reader-${hash}.js`, wasm: `reader-${hash}_bg.wasm` };
    writeFileSync(join(dir, names.js), js);
    writeFileSync(join(dir, names.wasm), wasm);
    console.log(`build-reader: ${names.wasm} (${wasm.length} bytes)`);
    return names;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
