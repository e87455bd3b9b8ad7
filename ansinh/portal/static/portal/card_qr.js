/* The card page offline: marks the page when offline, full screen on demand, the service worker. */
  (function () {
    var page = document.body;
    function mark() { page.classList.toggle("offline", !navigator.onLine); }
    window.addEventListener("online", mark); window.addEventListener("offline", mark); mark();
    document.getElementById("go-full").addEventListener("click", function () {
      var root = document.documentElement;
      if (root.requestFullscreen) { root.requestFullscreen().catch(function () {}); }
      // Keep the screen on while the counter scans the code, where the browser allows it.
      if (navigator.wakeLock) { navigator.wakeLock.request("screen").catch(function () {}); }
    });
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(page.dataset.worker, {scope: page.dataset.scope}).catch(function () {});
    }
  })();
