// Service worker template. scripts/generate-sw.mjs (a Trunk post_build hook)
// fills in VERSION and PRECACHE from the built files, so the list is never
// maintained by hand and every deploy is a new version.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `inclusion-framework-${VERSION}`;

self.addEventListener("install", (event) => {
  // Take over as soon as the new files are cached: pages already open keep
  // running what they loaded, and the next load uses the new version.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  // Keep the version just replaced: a page opened with it may still fetch
  // that version's parts of the app (app-<hash>/…) on first use, and those
  // files may be gone from the server. Older ones go.
  // (keys() lists caches in the order they were created.)
  event.waitUntil(
    caches
      .keys()
      .then((keys) => {
        const older = keys.filter((key) => key.startsWith("inclusion-framework-") && key !== CACHE);
        return Promise.all(older.slice(0, -1).map((key) => caches.delete(key)));
      })
      .then(() => self.clients.claim()),
  );
});

// This version's copy first; then the kept previous version's, for a page
// still running it (hashed names never clash; index.html always comes from
// this version).
function fromCache(request) {
  return caches
    .open(CACHE)
    .then((cache) => cache.match(request, { ignoreSearch: true }))
    .then((hit) => hit || caches.match(request, { ignoreSearch: true }));
}

// The app may be hosted in a folder that holds other pages and files
// (/tools/inclusion/ next to /tools/inclusion/guide/…): the worker answers
// only for the app's own files and leaves every other request to the network.
const SCOPE = new URL(self.registration.scope);
const OWN = new Set(PRECACHE.map((path) => new URL(path, SCOPE).pathname));
// A previous version's files (its folder of wasm and glue, and its
// stylesheet and icon, each named by content), which a page opened before
// a deploy may still ask for. The two builds before the build in parts
// (inclusion-framework-…, reader-…) too: a tab still running that version
// asks for its full app on the way to a page that edits.
const BUILT = /^(app-[0-9a-f]{16}\/[A-Za-z0-9_]+\.(wasm|js)|(app|favicon)-[0-9a-f]{8,}\.(css|svg)|(inclusion-framework|reader)-[0-9a-f]{8,}(_bg\.wasm|\.js))$/;

/** The app's page: the folder itself or its index.html, any query. */
function isAppPage(url) {
  return url.pathname === SCOPE.pathname || url.pathname === `${SCOPE.pathname}index.html`;
}

function isOwnFile(url) {
  if (OWN.has(url.pathname)) return true;
  if (!url.pathname.startsWith(SCOPE.pathname)) return false;
  return BUILT.test(url.pathname.slice(SCOPE.pathname.length));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  if (request.mode === "navigate") {
    // Every page of the app is index.html plus a #fragment: serve it from
    // the cache so the app opens with no network. Other pages in the folder
    // are not ours.
    if (!isAppPage(url)) return;
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match("./index.html"))
        .then((cached) => cached || fetch(request)),
    );
    return;
  }
  if (!isOwnFile(url)) return;
  event.respondWith(fromCache(request).then((cached) => cached || fetch(request)));
});
