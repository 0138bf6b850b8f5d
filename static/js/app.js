// Progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Ask before destructive actions marked with data-confirm (no inline handlers: CSP forbids them).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);
  // Buttons marked data-print open the browser's print dialog (print.css shapes the page).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });
  // Printing opens every collapsed section, so the paper copy is complete.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });
  // Filter forms submit every field; leave empty ones out so shared URLs stay short.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") {
      return;
    }
    var params = event.detail.parameters;
    var keys = typeof params.keys === "function" ? Array.from(params.keys()) : Object.keys(params);
    keys.forEach(function (key) {
      var value = typeof params.getAll === "function" ? params.getAll(key) : [params[key]];
      if (value.every(function (v) { return v === ""; })) {
        if (typeof params.delete === "function") { params.delete(key); } else { delete params[key]; }
      }
    });
  });
  // After an HTMX swap, move focus to the swapped region's heading for screen-reader users.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.hasAttribute("data-focus-after-swap")) {
      var heading = target.querySelector("h2, h3, [tabindex='-1']");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      }
    }
  });
})();
