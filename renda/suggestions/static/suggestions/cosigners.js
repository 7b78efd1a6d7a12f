// The co-signer search box sits inside the suggestion form: Enter searches instead of saving the draft.
document.addEventListener("keydown", (e) => {
  if (e.key !== "Enter" || !e.target.matches || !e.target.matches("[data-cosigner-search]")) return;
  e.preventDefault();
  if (window.htmx) window.htmx.trigger(e.target, "search");
});
