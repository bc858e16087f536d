// Keeps the trainer's check-in screen on the current code: asks the server for it every
// few seconds and swaps the QR image, the typed code and the link. No page reload, so the
// roster below keeps its place.
(function () {
  "use strict";
  var panel = document.querySelector("[data-check-in-refresh]");
  if (!panel || !window.fetch) {
    return;
  }
  var url = panel.getAttribute("data-url");
  var qr = panel.querySelector("[data-check-in-qr]");
  var code = panel.querySelector("[data-check-in-code]");
  var link = panel.querySelector("[data-check-in-link]");
  var expiry = panel.querySelector("[data-check-in-expiry]");

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        if (!data.open) {
          expiry.textContent = expiry.getAttribute("data-closed-text");
          return;
        }
        if (code.textContent !== data.short_code) {
          code.textContent = data.short_code;
          qr.setAttribute("src", data.qr);
          link.setAttribute("href", data.url);
        }
        var next = new Date(data.expires_at);
        expiry.textContent =
          expiry.getAttribute("data-next-text") +
          " " +
          // In the page's language and the session's time zone, as the server wrote it,
          // not the browser's (a trainer of an online session may be elsewhere).
          next.toLocaleTimeString(document.documentElement.lang || [], {
            hour: "numeric",
            minute: "2-digit",
            timeZone: expiry.getAttribute("data-time-zone") || undefined,
          }) +
          ".";
      })
      .catch(function () {
        // A dropped request is retried at the next tick.
      });
  }

  window.setInterval(refresh, 15000);
})();
