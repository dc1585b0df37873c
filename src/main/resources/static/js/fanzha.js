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

// Sound and desktop alerts for new red warnings and escalations: opt-in per browser (the button on
// the notices page), then every page asks the server every 15 s what arrived after the last notice
// this browser saw, beeps, shows a desktop notification per alert and updates the badge.
(function () {
  var KEY = "fanzha-alerts";
  var AFTER = "fanzha-alerts-after";
  window.fanzhaAlerted = [];
  function on() { return window.localStorage && localStorage.getItem(KEY) === "on"; }
  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return; }
      var ctx = new Ctx();
      [0, 0.35].forEach(function (start) {
        var osc = ctx.createOscillator();
        var gain = ctx.createGain();
        osc.frequency.value = 880;
        gain.gain.value = 0.2;
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(ctx.currentTime + start);
        osc.stop(ctx.currentTime + start + 0.25);
      });
    } catch (e) { /* no sound here */ }
  }
  function poll(badge) {
    var after = localStorage.getItem(AFTER);
    var url = badge.getAttribute("data-alerts") + (after ? "?after=" + encodeURIComponent(after) : "");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer) { return; }
        localStorage.setItem(AFTER, String(answer.latest));
        badge.textContent = badge.getAttribute("data-label").replace("{n}", answer.unread);
        badge.classList.toggle("hot", answer.unread > 0);
        if (answer.alerts.length === 0) { return; }
        beep();
        answer.alerts.forEach(function (a) {
          window.fanzhaAlerted.push(a.text);
          if (window.Notification && Notification.permission === "granted") {
            var n = new Notification(badge.getAttribute("data-title"), { body: a.text, tag: "fanzha-" + a.id });
            n.onclick = function () { window.focus(); window.location.href = a.link; };
          }
        });
      })
      .catch(function () { /* the next round tries again */ });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var badge = document.getElementById("notices");
    var toggle = document.getElementById("alerts-toggle");
    function label() {
      if (toggle) {
        toggle.textContent = toggle.getAttribute(on() ? "data-label-on" : "data-label-off");
        toggle.classList.toggle("active", on());
      }
    }
    if (toggle) {
      label();
      toggle.addEventListener("click", function () {
        if (on()) {
          localStorage.removeItem(KEY);
        } else {
          localStorage.setItem(KEY, "on");
          window.fanzhaPollAlerts = function () { poll(badge); };
          beep(); // the click lets the page play sound from now on
          if (window.Notification && Notification.permission === "default") {
            Notification.requestPermission();
          }
          if (badge) { poll(badge); }
        }
        label();
      });
    }
    if (!badge || !badge.getAttribute("data-alerts") || !on()) {
      return;
    }
    window.fanzhaPollAlerts = function () { poll(badge); };
    poll(badge);
    setInterval(function () { poll(badge); }, window.fanzhaAlertInterval || 15000);
  });
})();
