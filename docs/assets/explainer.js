// Touch screens have no hover: the first tap on a glossary term or a citation
// shows its tooltip, the definition or the passage (Material's tooltip opens on
// focus); a second tap follows the link.
let armed = null;
document.addEventListener("click", (event) => {
  const term = event.target.closest && event.target.closest("a.explainer-term, a.explainer-cite");
  if (!term || !window.matchMedia("(hover: none)").matches) return;
  if (armed !== term) {
    event.preventDefault();
    armed = term;
    term.focus();
  }
});
document.addEventListener("focusout", (event) => {
  if (event.target === armed) armed = null;
});
