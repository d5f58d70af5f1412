// Touch screens have no hover: the first tap on a glossary term shows its
// definition (Material's tooltip opens on focus), a second tap opens the entry.
let armed = null;
document.addEventListener("click", (event) => {
  const term = event.target.closest && event.target.closest("a.explainer-term");
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
