// "Copy citation" on brief pages. The citation is plain text on the page and readable without
// this script; the button stays hidden unless the browser can copy, and says what happened in
// a status region that screen readers announce.
(function () {
  "use strict";
  function copyButtons() {
    var buttons = document.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector("[role=status]");
      if (!source || !navigator.clipboard || !window.isSecureContext) {
        return; // without the Clipboard API (e.g. a page opened over plain http) readers select the text
      }
      button.hidden = false;
      var timer = 0;
      function say(text) {
        if (status) {
          status.textContent = text;
          clearTimeout(timer);
          timer = setTimeout(function () { status.textContent = ""; }, 4000);
        }
      }
      button.addEventListener("click", function () {
        var text = source.textContent.replace(/\s+/g, " ").trim();
        navigator.clipboard.writeText(text).then(function () {
          say("Citation copied.");
        }, function () {
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          say("Could not copy: the citation is selected, copy it with your keyboard.");
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", copyButtons);
  } else {
    copyButtons();
  }
})();
