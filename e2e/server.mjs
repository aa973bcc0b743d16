// A plain static file server for the release build, bound to 127.0.0.1,
// serving dist/ under a sub-path (as many NHS intranets and static hosts
// will) with no rewrite rules. Used by the end-to-end tests and benchmarks.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
};

// Compressed bodies by path, size and mtime: real static hosts and CDNs
// compress once, not on every request, so the benchmarks must not time a
// 1 MB gzip per load.
const gzipCache = new Map();

/** Starts a server; resolves to { url, close }. `base` must end with "/". */
export async function serve({ root, base = "/tools/inclusion/", port = 0 } = {}) {
  const dir = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end("not found");
      return;
    }
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file);
      }
      let body = await readFile(file);
      const headers = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
        vary: "accept-encoding",
      };
      // Compress as any real static host does.
      if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && body.length > 1024) {
        const key = `${file}:${info.size}:${info.mtimeMs}`;
        if (!gzipCache.has(key)) gzipCache.set(key, gzipSync(body));
        body = gzipCache.get(key);
        headers["content-encoding"] = "gzip";
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return {
    url,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections(); // a browser's keep-alive must not hold it open
      }),
  };
}

// `node e2e/server.mjs [port]` serves dist/ for a look by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve({ root: "dist", port: Number(process.argv[2] ?? 8081) });
  console.log(`Serving the release build at ${url}`);
}
