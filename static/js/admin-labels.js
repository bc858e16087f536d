// Names for the admin's autocomplete boxes. Django's autocomplete fields are select2
// widgets: the box (role=combobox) is named by the value chosen, so an empty box has no
// name, and a multiple box's search field has none at all. Each gets the field's label as
// well, also in inline rows added later.
(function () {
  "use strict";
  var counter = 0;

  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (!label) {
      return null;
    }
    if (!label.id) {
      counter += 1;
      label.id = "portal-label-" + counter;
    }
    return label;
  }

  function nameBoxes(root) {
    Array.prototype.forEach.call(root.querySelectorAll("select.admin-autocomplete"), function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      // A tabular inline's select has no <label> but an aria-label (campaign/admin_labels.py).
      var label = select.getAttribute("aria-label") ? null : labelOf(select);
      var name = select.getAttribute("aria-label") ||
        (label ? label.textContent.replace(/:\s*$/, "").trim() : select.name);
      var box = container.querySelector("[role=combobox], .select2-selection");
      if (box) {
        var rendered = container.querySelector(".select2-selection__rendered");
        if (label) {
          box.setAttribute("aria-labelledby", label.id + (rendered && rendered.id ? " " + rendered.id : ""));
        } else {
          box.setAttribute("aria-label", name);
        }
      }
      Array.prototype.forEach.call(container.querySelectorAll(".select2-search__field"), function (field) {
        field.setAttribute("aria-label", name);
      });
      // A single box's chosen value is shown in a read-only textbox of its own.
      Array.prototype.forEach.call(container.querySelectorAll("[role=textbox]"), function (value) {
        value.setAttribute("aria-label", name);
      });
    });
  }

  // Django's narrow-screen styles let a tabular inline scroll sideways: the keyboard must
  // reach it too (WCAG 2.1.1).
  function focusScrollers() {
    Array.prototype.forEach.call(document.querySelectorAll("#content fieldset, #content .tabular"), function (box) {
      if (box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX !== "visible") {
        box.setAttribute("tabindex", "0");
      }
    });
  }

  function start() {
    nameBoxes(document);
    focusScrollers();
    window.addEventListener("resize", focusScrollers);
    // select2 redraws its box when a value is chosen, and inline rows come and go.
    new MutationObserver(function () {
      nameBoxes(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
