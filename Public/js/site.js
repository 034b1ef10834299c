// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // print buttons (inline handlers are not allowed by the Content-Security-Policy)
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  // pages shown once (voting-code slips): ask before leaving them
  if (document.querySelector("[data-warn-leave]")) {
    window.addEventListener("beforeunload", function (e) { e.preventDefault(); e.returnValue = ""; });
  }
  // a slip's QR code carries the voting code after "#c=": the fragment never reaches the server (nor its logs);
  // it fills the code field and is removed from the address bar at once
  var code = document.getElementById("code");
  if (code && location.hash.indexOf("#c=") === 0) {
    code.value = decodeURIComponent(location.hash.slice(3));
    history.replaceState(null, "", location.pathname + location.search);
  }
})();
