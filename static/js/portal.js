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
