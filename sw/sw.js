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
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("inclusion-framework-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every page is index.html plus a #fragment: serve it from the cache so
    // the app opens with no network.
    event.respondWith(
      caches.match("./index.html").then((cached) => cached || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((cached) => cached || fetch(request)),
  );
});
