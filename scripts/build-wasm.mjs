// Trunk post_build step: builds the app's wasm and cuts it into parts.
// Trunk builds no Rust here (index.html has no rust link), because its own
// wasm-bindgen run cannot handle a split build. In order:
//   cargo rustc --features split, keeping relocations (the splitter needs them)
//   -> wasm-split-cli: the main module, one wasm per part in src/parts.rs,
//      chunks shared by several parts, and __wasm_split.js that fetches them
//   -> wasm-bindgen on the main module (--keep-lld-exports: the parts
//      import the main module's memory, table and functions)
//   -> wasm-opt -Oz on every wasm (release).
// Everything goes into one folder named by its contents (app-<hash>/): the
// splitter's file names are the same in every build, so a page still
// running one version can never fetch another version's parts.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { promisify } from "node:util";
import { minifyModule } from "./minify-js.mjs";

const run = promisify(execFile);
const BIN = "inclusion-framework";
const NAME = "inclusion_framework";
/** The splitter's loader fetches parts with instantiateStreaming, which
 * needs the application/wasm type that some intranet servers do not send,
 * and reports an HTTP error only as a compile error. */
const STREAMING = "WebAssembly.instantiateStreaming(src, imports)";
const INSTANTIATE = `async function instantiate(src, imports) {
  const response = await src;
  if (!response.ok) throw new Error(\`\${response.url}: HTTP \${response.status}\`);
  if ((response.headers.get("content-type") ?? "").startsWith("application/wasm")) {
    return WebAssembly.instantiateStreaming(response, imports);
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;

/** wasm-opt comes from npm (binaryen), however the build was started. */
const env = { ...process.env, PATH: [resolve("node_modules/.bin"), process.env.PATH].join(delimiter) };

async function step(command, args) {
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 64 << 20, env });
    process.stderr.write(stderr);
    return stdout;
  } catch (error) {
    process.stderr.write(error.stderr || `${error.message}\n`);
    throw new Error(`build-wasm: ${command} ${args.join(" ")} failed`);
  }
}

/** Builds the app into `dir`/app-<hash>/; returns that folder's name and
 * the main module's glue and wasm inside it. */
export async function buildWasm(dir, release) {
  const profile = release ? "release" : "debug";
  await step("cargo", ["rustc", "--quiet", "--target", "wasm32-unknown-unknown", "--bin", BIN, "--features", "split",
    ...(release ? ["--release"] : []), "--", "-C", "link-arg=--emit-relocs"]);
  const target = process.env.CARGO_TARGET_DIR ?? "target";
  const raw = join(target, "wasm32-unknown-unknown", profile, `${BIN}.wasm`);
  const work = mkdtempSync(join(tmpdir(), "build-wasm-"));
  try {
    const split = join(work, "split");
    const out = join(work, "out");
    await step("wasm-split-cli", ["--target", "web", "--out-name", NAME, raw, split]);
    await step("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-dir", out,
      "--out-name", NAME, join(split, `${NAME}.wasm`)]);
    rmSync(join(split, `${NAME}.wasm`));

    const files = new Map(); // name in the folder -> contents
    const wasm = [[`${NAME}_bg.wasm`, join(out, `${NAME}_bg.wasm`)],
      ...readdirSync(split).filter((n) => n.endsWith(".wasm")).map((n) => [n, join(split, n)])];
    // Two at a time: the machines this builds on have two cores.
    const queue = [...wasm];
    const optimise = async () => {
      for (let next; (next = queue.shift()); ) {
        const [name, path] = next;
        if (release) await step("wasm-opt", ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
          "--enable-sign-ext", "--enable-mutable-globals", "--strip-debug", "--strip-producers", path, "-o", path]);
        files.set(name, readFileSync(path));
      }
    };
    await Promise.all([optimise(), optimise()]);

    let loader = readFileSync(join(split, "__wasm_split.js"), "utf8");
    if (!loader.includes(STREAMING)) throw new Error("build-wasm: __wasm_split.js no longer fetches parts as expected");
    loader = INSTANTIATE + loader.replaceAll(STREAMING, "instantiate(src, imports)");
    let glue = readFileSync(join(out, `${NAME}.js`), "utf8");
    if (release) {
      loader = await minifyModule(loader);
      glue = await minifyModule(glue);
    }
    files.set("__wasm_split.js", Buffer.from(loader));
    files.set(`${NAME}.js`, Buffer.from(glue));

    const hash = createHash("sha256");
    for (const name of [...files.keys()].sort()) hash.update(name).update(files.get(name));
    const folder = `app-${hash.digest("hex").slice(0, 16)}`;
    mkdirSync(join(dir, folder));
    for (const [name, bytes] of files) writeFileSync(join(dir, folder, name), bytes);
    const parts = [...files.keys()].filter((n) => n.startsWith("split_")).length;
    console.log(`build-wasm: ${folder}/ (main module, ${parts} parts, ${files.size - parts - 3} shared chunks)`);
    return { folder, js: `${folder}/${NAME}.js`, wasm: `${folder}/${NAME}_bg.wasm` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
