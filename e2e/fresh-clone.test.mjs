// Quick start on a fresh clone: `./scripts/serve.sh` in a new `git clone`
// of the committed HEAD installs what is missing, builds and serves the app.
// (Trunk refuses to start when a folder it is told to ignore is missing, and
// a clone has no generated folders yet.)
//
// The clone shares this checkout's cargo target folder, so its dependencies
// are not compiled again: cargo locks the folder, so builds take turns. Set
// FRESH_CLONE_TARGET_DIR to build somewhere else, e.g. from cold.
// npm installs from its local cache where it can (prefer-offline).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repo = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
const MINUTES = 60_000;

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Whether any process of the group `pgid` is still alive. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    if (error.code === "ESRCH") return false;
    throw error;
  }
}

/** Polls `check` (async, truthy when done) every `every` ms until `deadline`. */
async function until(check, deadline, every = 250) {
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) return null;
    await new Promise((ok) => setTimeout(ok, every));
  }
}

/** Stops the whole process group (trunk, cargo, rustc, node hooks) and waits until it is gone. */
async function stopGroup(pgid) {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, "SIGTERM");
  if (await until(() => !groupAlive(pgid), Date.now() + 20_000, 100)) return;
  process.kill(-pgid, "SIGKILL");
  assert.ok(await until(() => !groupAlive(pgid), Date.now() + 10_000, 100), "the served clone's processes would not stop");
}

test("a fresh clone serves the app with ./scripts/serve.sh", { timeout: 40 * MINUTES }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "fresh-clone-"));
  const clone = join(dir, "repo");
  const logPath = join(dir, "serve.log");
  let child = null;
  // Should this process end before the finally below runs, trunk must not outlive it.
  const killOnExit = () => {
    if (child && groupAlive(child.pid)) process.kill(-child.pid, "SIGKILL");
  };
  process.on("exit", killOnExit);
  try {
    const head = execFileSync("git", ["-C", repo, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    execFileSync("git", ["clone", "--quiet", "--no-checkout", repo, clone]);
    execFileSync("git", ["-C", clone, "checkout", "--quiet", "--detach", head]);

    const port = await freePort();
    const log = openSync(logPath, "w");
    child = spawn("./scripts/serve.sh", ["--port", String(port)], {
      cwd: clone,
      detached: true, // its own process group, so all of it can be stopped
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        CARGO_TARGET_DIR: process.env.FRESH_CLONE_TARGET_DIR ?? process.env.CARGO_TARGET_DIR ?? join(repo, "target"),
        npm_config_prefer_offline: "true",
      },
    });
    closeSync(log);
    let exited = null;
    child.on("exit", (code, signal) => (exited = { code, signal }));
    const tail = () => readFileSync(logPath, "utf8").split("\n").slice(-40).join("\n");

    // Installing (npm ci) and the first debug build of both builds take a few minutes.
    const url = `http://127.0.0.1:${port}/`;
    const html = await until(async () => {
      if (exited) return "exited";
      try {
        const response = await fetch(url);
        const body = await response.text();
        return response.ok && body.includes("inclusion_framework.js") ? body : null;
      } catch {
        return null; // not listening yet
      }
    }, Date.now() + 30 * MINUTES, 1000);
    assert.notEqual(html, "exited", `serve.sh stopped (${JSON.stringify(exited)}):\n${tail()}`);
    assert.ok(html, `the app was not served at ${url} in time:\n${tail()}`);

    // It is the app: our page, its policy with the loader's hash, and the
    // loader filled in with the main module's files, which are served.
    assert.match(html, /<title>Health and Care LGBTQ\+ Inclusion Framework<\/title>/);
    assert.match(html, /<div id="app">/);
    assert.match(html, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(html, /__APP__|data-trunk/);
    const files = [...html.matchAll(/"\.\/(app-[0-9a-f]{16}\/inclusion_framework(?:_bg\.wasm|\.js))"/g)].map((m) => m[1]);
    assert.equal(files.length, 2, html);
    for (const file of files) {
      const response = await fetch(new URL(file, url));
      assert.equal(response.status, 200, file);
      assert.ok((await response.arrayBuffer()).byteLength > 1000, file);
    }
  } finally {
    if (child) await stopGroup(child.pid);
    process.off("exit", killOnExit);
    rmSync(dir, { recursive: true, force: true });
  }
});
