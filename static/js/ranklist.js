// Rank lists: drag a row, or use its Up and Down buttons, to reorder without a round trip;
// "Save order" then posts the numbers. Without this file the same buttons post to the server.
(function () {
  "use strict";

  var ITEM = "[data-ranklist] .ranklist-item";
  var dragged = null;
  var startIndex = -1;

  function indexOf(li) {
    return Array.prototype.indexOf.call(li.parentNode.children, li);
  }

  function renumber(list) {
    Array.prototype.forEach.call(list.children, function (li, i) {
      var input = li.querySelector("input[name^='position-']");
      if (input) { input.value = String(i + 1); }
    });
  }

  function say(form, message) {
    var status = form.querySelector("[data-ranklist-status]");
    if (status) { status.textContent = message; }
  }

  function changed(li) {
    var form = li.closest("[data-ranklist-form]");
    renumber(li.parentNode);
    form.setAttribute("data-dirty", "");
    li.classList.add("is-moved");
    say(form, li.getAttribute("data-name") + " is now number " + (indexOf(li) + 1) +
      ". Not saved yet: press Save order.");
  }

  // Rows become draggable only when this script runs (and again after each HTMX swap).
  function enable() {
    document.querySelectorAll(ITEM).forEach(function (li) { li.setAttribute("draggable", "true"); });
    document.querySelectorAll("[data-ranklist]").forEach(function (list) {
      list.classList.add("is-enhanced");
    });
  }
  document.addEventListener("DOMContentLoaded", enable);
  document.addEventListener("htmx:afterSettle", enable);

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-ranklist] button[data-move]");
    if (!button) { return; }
    event.preventDefault();
    var li = button.closest(".ranklist-item");
    var up = button.getAttribute("data-move") === "up";
    var neighbour = up ? li.previousElementSibling : li.nextElementSibling;
    if (!neighbour) {
      say(li.closest("[data-ranklist-form]"), li.getAttribute("data-name") + " is already " +
        (up ? "first." : "last."));
      return;
    }
    li.parentNode.insertBefore(up ? li : neighbour, up ? neighbour : li);
    // Moving a focused element drops focus in some browsers: keep it on the same button.
    button.focus();
    changed(li);
  });

  document.addEventListener("input", function (event) {
    var input = event.target.closest("[data-ranklist] input[name^='position-']");
    if (!input) { return; }
    var form = input.closest("[data-ranklist-form]");
    form.setAttribute("data-dirty", "");
    say(form, "Positions changed. Not saved yet: press Save order.");
  });

  document.addEventListener("dragstart", function (event) {
    var li = event.target.closest ? event.target.closest(ITEM) : null;
    if (!li) { return; }
    dragged = li;
    startIndex = indexOf(li);
    li.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", li.getAttribute("data-name"));
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) { return; }
    var over = event.target.closest ? event.target.closest(ITEM) : null;
    if (!over || over.parentNode !== dragged.parentNode) { return; }
    event.preventDefault();
    if (over === dragged) { return; }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });

  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    var li = dragged;
    dragged = null;
    li.classList.remove("is-dragging");
    if (indexOf(li) !== startIndex) { changed(li); }
  });

  // Certifying while the new order is unsaved would certify the old order: save first.
  document.addEventListener("submit", function (event) {
    if (!event.target.hasAttribute("data-ranklist-certify")) { return; }
    var dirty = document.querySelector("[data-ranklist-form][data-dirty]");
    if (!dirty) { return; }
    event.preventDefault();
    say(dirty, "Save your new order first, then certify it.");
    var save = dirty.querySelector("button[name='save']");
    if (save) { save.focus(); }
  }, true);

  // The browser asks before an unsaved order is lost; saving the list is the way out.
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-ranklist-form")) { event.target.removeAttribute("data-dirty"); }
  });
  window.addEventListener("beforeunload", function (event) {
    if (!document.querySelector("[data-ranklist-form][data-dirty]")) { return; }
    event.preventDefault();
    event.returnValue = "";
  });
})();
