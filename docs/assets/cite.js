// "Cite this edition" (explainer/publishing/citation.py): copy buttons for the
// reference, BibTeX and CSL-JSON, and the reference of one paragraph. The box's
// text is on the page without JavaScript; this only adds conveniences.
//
// A paragraph's reference is shown under the paragraph a permalink leads to
// (#p5): the box's data-cite-before and data-cite-url plus "para. 5". One
// element at a time, so paragraphs carry no markup of their own for it.
(function () {
  const box = document.querySelector(".explainer-citethis-text");
  if (!box) return;

  function copyButton(label, text) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "explainer-citethis-copy md-button";
    button.textContent = label;
    button.addEventListener("click", () => {
      const done = () => { button.textContent = "Copied"; setTimeout(() => { button.textContent = label; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text()).then(done, () => { button.textContent = "Select the text to copy it"; });
      } else {
        button.textContent = "Select the text to copy it";
      }
    });
    return button;
  }

  box.after(copyButton("Copy reference", () => box.textContent));
  document.querySelectorAll(".explainer-citethis-format").forEach((details) => {
    const code = details.querySelector("code");
    const name = details.querySelector("summary").textContent;
    if (code) details.append(copyButton("Copy " + name, () => code.textContent));
  });

  function paragraphReference(number) {
    const before = box.getAttribute("data-cite-before");
    const url = box.getAttribute("data-cite-url");
    return before + ", para. " + number + ", " + url + "#p" + number + ".";
  }

  let shown = null;
  function show() {
    const match = /^#p(\d+)$/.exec(window.location.hash);
    const paragraph = match && document.getElementById("p" + match[1]);
    if (shown) { shown.remove(); shown = null; }
    if (!paragraph || !paragraph.classList.contains("explainer-para")) return;
    const reference = paragraphReference(match[1]);
    shown = document.createElement("div");
    shown.className = "explainer-citethis-paragraph";
    shown.setAttribute("role", "note");
    shown.setAttribute("aria-label", "Cite paragraph " + match[1]);
    const text = document.createElement("p");
    text.textContent = reference;
    const label = document.createElement("strong");
    label.textContent = "Cite paragraph " + match[1] + ": ";
    text.prepend(label);
    shown.append(text, copyButton("Copy", () => reference));
    paragraph.after(shown);
  }
  window.addEventListener("hashchange", show);
  show();
})();
