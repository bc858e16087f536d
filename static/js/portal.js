// "Exit this page": leave for a neutral site at once, by the button or by pressing Shift
// three times (as GOV.UK's component does). location.replace keeps this page out of the
// back button's way.
(function () {
  "use strict";
  var link = document.querySelector("[data-exit-page]");
  if (!link) {
    return;
  }
  var destination = link.getAttribute("href");
  var presses = 0;
  var resetTimer = null;

  function exitPage(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("portal-exiting");
    document.title = "Loading";
    window.location.replace(destination);
  }

  link.addEventListener("click", exitPage);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(resetTimer);
    if (presses >= 3) {
      presses = 0;
      exitPage();
      return;
    }
    resetTimer = window.setTimeout(function () {
      presses = 0;
    }, 5000);
  });

  // Move focus to a form's error summary so screen readers announce it.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();

(function () {
  "use strict";
  // A wide table scrolls inside its own region, never the page (WCAG 1.4.10 Reflow), as in
  // USWDS's scrollable table but with cells that still wrap. The region takes keyboard
  // focus only while it has something to scroll, so narrow tables add no tab stop.
  var regions = [];
  Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
    var region = document.createElement("div");
    var caption = table.querySelector("caption");
    region.className = "portal-table-region";
    region.setAttribute("role", "group");
    region.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
    regions.push(region);
  });
  function updateRegions() {
    regions.forEach(function (region) {
      if (region.scrollWidth > region.clientWidth) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }
  updateRegions();
  window.addEventListener("resize", updateRegions);
})();

(function () {
  "use strict";
  // A "Copy" button copies the text of the field named by its data-copy (a secret shown
  // once); the field stays selectable for browsers without the clipboard API.
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    button.addEventListener("click", function () {
      var done = function () {
        button.textContent = button.getAttribute("data-copied");
      };
      var copySelection = function () {
        field.select();
        if (document.execCommand("copy")) {
          done();
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, copySelection);
      } else {
        copySelection();
      }
    });
  });
})();
