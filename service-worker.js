// The site offline: once a visitor has opened it, the workbench opens and learns again
// without a network (its saved session is in localStorage already), and so does the
// streams page once visited.
//
// `make dist` writes this file to dist/sw.js with the workbench's files and the build's
// version (scripts/service-worker.mjs); the pages register it (src/offline.rs). On install
// it stores the workbench's files in a cache named after the version: the page has just
// loaded them, so they come from the browser's HTTP cache, not the network. On activation
// it deletes the caches of earlier builds and takes over the open pages.
//
// Pages (navigations) go to the network first, so that a new deploy is seen as soon as it
// is online, and are stored as they arrive; offline, the stored page answers, and a page
// not stored yet (the streams page before its first visit) is a page of the site's own
// that says so. Everything else (content-hashed assets, the raw UCI files) comes from the
// store, or from the network and is stored then: the streams page's files are kept the
// first time they are used, and a first visit downloads nothing extra. With the streams
// page's first file the worker also stores what that page fetches only when a visitor uses
// a part that needs it, which offline it could not (`later`): its lazy module and the four
// hospitals' raw files.

const BUILD = { version: "", files: [], later: [] }; // filled in by scripts/service-worker.mjs
const CACHE = `online-learning-${BUILD.version}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(BUILD.files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(forgetEarlierBuilds().then(() => self.clients.claim()));
});

/// Delete the stores of other builds.
function forgetEarlierBuilds() {
  return caches
    .keys()
    .then((names) =>
      Promise.all(
        names.filter((name) => name.startsWith("online-learning-") && name !== CACHE).map((name) => caches.delete(name)),
      ),
    );
}

/// `response` fetched for `key`, a copy stored if it is a whole, successful answer, and
/// only while this build's store exists: a worker that a newer one has replaced, still
/// answering a fetch begun before, must not create its deleted store again.
function keep(key, response) {
  if (response.ok && response.status === 200) {
    const copy = response.clone();
    caches.has(CACHE).then((exists) => exists && caches.open(CACHE).then((cache) => cache.put(key, copy)));
  }
  return response;
}

/// What the streams page fetches later (`BUILD.later`) stored, unless it is already (once per
/// worker; tried again after a failure), and only while this build's store exists.
let keptLater = null;
function keepLater() {
  keptLater ??= caches
    .has(CACHE)
    .then((exists) => exists && caches.open(CACHE).then((cache) => Promise.all(BUILD.later.map((url) => cache.match(url).then((stored) => stored || cache.add(url))))))
    .catch(() => {
      keptLater = null;
    });
  return keptLater;
}

/// Offline, in place of a page this browser has not stored (the streams page before its
/// first visit): a page of the site's own, in its style, that says so and leads to the
/// workbench, which is always stored. Not the browser's error page.
function notStoredYet() {
  const style = BUILD.files.find((url) => url.endsWith(".css"));
  const page =
    "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width,initial-scale=1'>" +
    "<title>Offline: this page is not stored yet</title><link rel=icon href=/icon.svg type=image/svg+xml>" +
    (style ? `<link rel=stylesheet href='${style}'>` : "") +
    "<main id=offline class=single><h1>You are offline</h1><p>This browser has not stored this page yet: it keeps " +
    "it the first time it is opened with a network.</p><p><a href='/'>The workbench</a> works offline.</p></main>";
  return new Response(page, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'self'" },
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // The streams page's address without its slash, sent to it as the site does
    // (static.json's redirects), online or not.
    if (url.pathname === "/streams") {
      event.respondWith(Response.redirect(`${url.origin}/streams/${url.search}`, 301));
      return;
    }
    // Any address of a page (`/?seed=42`, `/streams/?seed=5`) is that page.
    const page = url.pathname.startsWith("/streams/") ? "/streams/" : "/";
    // Should a replaced worker have stored something after all, the next page removes it.
    event.waitUntil(forgetEarlierBuilds());
    event.respondWith(
      fetch(request)
        .then((response) => keep(page, response))
        .catch(() => caches.match(page, { cacheName: CACHE }).then((stored) => stored || notStoredYet())),
    );
    return;
  }
  const key = url.origin + url.pathname;
  if (url.pathname.startsWith("/streams/")) {
    event.waitUntil(keepLater());
  }
  event.respondWith(
    caches
      .match(key, { cacheName: CACHE })
      .then((stored) => stored || fetch(request).then((response) => keep(key, response))),
  );
});
