// Copy buttons for the library's templates (emails, checklists). Without script the text
// stays selectable as it is; with it, one click copies the whole template.
(function () {
  "use strict";
  function addButton(pre) {
    var actions = document.createElement("div");
    actions.className = "template-actions";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-secondary btn-small";
    button.textContent = "Copy template";
    var status = document.createElement("span");
    status.className = "muted";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = pre.innerText;
      var done = function () { status.textContent = "Copied to the clipboard."; };
      var failed = function () { status.textContent = "Copy failed: select the text and copy it."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        var range = document.createRange();
        range.selectNodeContents(pre);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { document.execCommand("copy") ? done() : failed(); } catch (e) { failed(); }
      }
    });
    actions.appendChild(button);
    actions.appendChild(status);
    pre.insertAdjacentElement("afterend", actions);
  }
  document.querySelectorAll("pre.template").forEach(addButton);
})();
