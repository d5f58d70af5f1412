// Tooltips show text, never markup (issue 13).
//
// Material's tooltips read an element's `title` and insert it as HTML (innerHTML):
// a citation of a passage that contains "<img onerror=…>" would run it, and "&amp;"
// would show as "&". Every `title` on our pages is text (a definition, a passage,
// a label). So each element with a title gets its own `title` property that hands
// Material the text escaped as HTML, which it then shows exactly as written. The
// attribute itself keeps the plain text for the browser's own tooltip and for
// screen readers; when Material puts back the escaped value on closing a tooltip,
// the attribute is restored to the text.
//
// Runs before Material mounts its components (they wait for DOMContentLoaded), and
// again for each page Material loads (document$, with instant navigation).
(function () {
  "use strict";
  const texts = new WeakMap(); // element -> its title as text
  const escapeHTML = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const restore = new MutationObserver((records) => {
    for (const { target } of records) {
      const text = texts.get(target);
      if (text !== undefined && target.hasAttribute("title") && target.getAttribute("title") !== text) {
        target.setAttribute("title", text);
      }
    }
  });

  function guard(el) {
    if (texts.has(el)) return;
    texts.set(el, el.getAttribute("title"));
    Object.defineProperty(el, "title", {
      configurable: true,
      get: () => escapeHTML(texts.get(el)),
      set: (value) => {
        texts.set(el, String(value));
        el.setAttribute("title", String(value));
      },
    });
    restore.observe(el, { attributes: true, attributeFilter: ["title"] });
  }

  function guardAll() {
    document.querySelectorAll("[title]").forEach(guard);
  }

  guardAll();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(guardAll);
})();
