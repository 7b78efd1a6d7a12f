// The handbook's print button (no inline scripts under the site's CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
