// Keeps the card QR page, and only that page, for offline use at the clinic counter: network first (a fresh
// card when online), the last copy when offline. Logged out (the page answers with a redirect): the copy is dropped.
const CACHE = "ansinh-card-qr-v1";
const PAGE = "{{ page_url|escapejs }}";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add(new Request(PAGE, {credentials: "same-origin"}))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname !== PAGE) {
    return;
  }
  event.respondWith(fetch(event.request, {redirect: "manual"}).then(async (response) => {
    const cache = await caches.open(CACHE);
    if (response.ok) {
      await cache.put(PAGE, response.clone());
    } else if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
      await cache.delete(PAGE);
    }
    return response;
  }).catch(async () => (await caches.match(PAGE)) || Response.error()));
});
