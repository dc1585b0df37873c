// Sends the CSRF token with every htmx request that changes something.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Tree nodes fold: a second click on an open node closes it instead of loading it again.
document.addEventListener("htmx:beforeRequest", function (event) {
  var button = event.detail.elt;
  if (!button.classList || !button.classList.contains("expand")) {
    return;
  }
  var kids = event.detail.target;
  if (kids && kids.children.length > 0) {
    event.preventDefault();
    kids.innerHTML = "";
    button.textContent = "+";
    button.setAttribute("aria-expanded", "false");
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  var button = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (button && button.classList && button.classList.contains("expand")) {
    button.textContent = "−";
    button.setAttribute("aria-expanded", "true");
  }
});

// Deadline countdowns: <span class="countdown" data-due="epoch ms" data-left="…" data-late="…">
function fanzhaCountdowns() {
  var now = Date.now();
  document.querySelectorAll(".countdown[data-due]").forEach(function (el) {
    var due = parseInt(el.getAttribute("data-due"), 10);
    if (!due) {
      return;
    }
    var ms = due - now;
    var s = Math.floor(Math.abs(ms) / 1000);
    var text = Math.floor(s / 3600) > 0
      ? Math.floor(s / 3600) + ":" + String(Math.floor(s / 60) % 60).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0")
      : Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    el.textContent = (ms >= 0 ? el.getAttribute("data-left") : el.getAttribute("data-late")) + " " + text;
    el.classList.toggle("late", ms < 0);
  });
}
setInterval(fanzhaCountdowns, 1000);
document.addEventListener("DOMContentLoaded", fanzhaCountdowns);
document.addEventListener("htmx:afterSwap", fanzhaCountdowns);

// The duty board listens to the server's change feed and reloads its rows (with the filter) when
// a warning in the viewer's jurisdiction changes, at most once a second.
document.addEventListener("DOMContentLoaded", function () {
  var live = document.getElementById("live");
  if (!live || !window.EventSource) {
    return;
  }
  var pending = false;
  var source = new EventSource(live.getAttribute("data-stream"));
  source.addEventListener("warnings", function () {
    if (pending) {
      return;
    }
    pending = true;
    setTimeout(function () {
      pending = false;
      htmx.ajax("GET", live.getAttribute("data-rows"), { source: "#board-filter", target: "#board-rows", swap: "outerHTML" });
    }, 1000);
  });
  source.onopen = function () { live.classList.add("on"); };
  source.onerror = function () { live.classList.remove("on"); };
});
