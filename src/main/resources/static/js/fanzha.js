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
