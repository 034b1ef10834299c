// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // rule IDs (BAL-1, DEC-4 …) after the words: say what they are on hover
  var ruleTip = document.documentElement.lang === "en" ? "Rule ID in the project's catalogue of rules (docs/rules.md)" : "规则编号，见规则目录（docs/rules.md）";
  document.querySelectorAll(".rule").forEach(function (r) { if (!r.title) r.title = ruleTip; });
  // print buttons (inline handlers are not allowed by the Content-Security-Policy)
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  // pages shown once (voting-code slips): ask before leaving them
  if (document.querySelector("[data-warn-leave]")) {
    window.addEventListener("beforeunload", function (e) { e.preventDefault(); e.returnValue = ""; });
  }
  // the new-session form: only the fields of the chosen kind of vote (without this script every field shows)
  var kind = document.getElementById("kind");
  if (kind && document.querySelector("[data-kinds]")) {
    var show = function () {
      document.querySelectorAll("[data-kinds]").forEach(function (el) {
        el.hidden = el.getAttribute("data-kinds").split(" ").indexOf(kind.value) < 0;
      });
    };
    kind.addEventListener("change", show);
    show();
  }
  // a slip's QR code carries the voting code after "#c=": the fragment never reaches the server (nor its logs);
  // it fills the code field and is removed from the address bar at once
  var code = document.getElementById("code");
  if (code && location.hash.indexOf("#c=") === 0) {
    code.value = decodeURIComponent(location.hash.slice(3));
    history.replaceState(null, "", location.pathname + location.search);
  }
})();
