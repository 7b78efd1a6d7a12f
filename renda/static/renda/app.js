// renda: the only site script besides vendor packages. No inline scripts (Content-Security-Policy).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});

// Irreversible steps ask first. The text sits on the button that submits (one form may hold a harmless
// button beside a final one) or, failing that, on the form. Listening in the capture phase runs before
// htmx's own submit listener on the form, so a dismissed prompt stops htmx requests too.
function confirmText(form, submitter) {
  const own = submitter && submitter.getAttribute("data-confirm");
  return own || form.getAttribute("data-confirm");
}

document.addEventListener(
  "submit",
  (event) => {
    const message = confirmText(event.target, event.submitter);
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);

// htmx requests not started by a form submit (hx-post on a button or link) ask through the same attribute;
// hx-confirm works as htmx documents it. Submits were asked above, so they are not asked twice.
document.addEventListener("htmx:confirm", (event) => {
  const trigger = event.detail.triggeringEvent;
  if (trigger && trigger.type === "submit") return;
  const message = event.detail.elt.getAttribute("data-confirm");
  if (!message || event.detail.question) return;
  event.preventDefault();
  if (window.confirm(message)) event.detail.issueRequest(true);
});

// "返回上一页" on error pages: go back when there is a page to go back to, else follow the link (home).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// A table wider than the screen scrolls inside its box; keyboard users can scroll it only if the box takes
// focus (WCAG 2.1.1; axe "scrollable-region-focusable"). Boxes that fit stay out of the tab order.
function focusableScrollers() {
  document.querySelectorAll(".table-responsive:not([tabindex])").forEach((box) => {
    if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
  });
}
document.addEventListener("DOMContentLoaded", focusableScrollers);
document.addEventListener("htmx:afterSettle", focusableScrollers);
