// Explainer's note layer: popovers for glossary terms, citations and notes, and sidenotes.
//
// Popovers (WCAG 1.4.13): open on hover, focus and tap; stay open while the pointer is on
// them; close on Escape and on a tap elsewhere; scroll when long, links inside reachable by
// Tab (each popover follows its mark in the document). They replace Material's tooltips for
// these links only. Their text is set with textContent (terms, citations: the title the
// build wrote) or cloned from the page's own endnote elements: no string is parsed as HTML.
//
// Sidenotes: where the window is wide enough (the CSS media query), each endnote is cloned
// beside the line of its mark; later notes move down so none overlaps. Without this script,
// or narrower, the notes stay endnotes.
(() => {
  "use strict";
  const TRIGGERS = "a.explainer-term, a.explainer-cite, a.footnote-ref";
  const WIDE = window.matchMedia("screen and (min-width: 75em)");
  const HOVER_NONE = window.matchMedia("(hover: none)");
  if (typeof HTMLElement.prototype.showPopover !== "function") return; // old browser: titles and endnotes
  const tips = new WeakMap(); // term or citation link -> its text
  const pops = new Map(); // trigger -> popover
  const open = new Set(); // triggers whose popover is shown
  const timers = new Map(); // trigger -> pending close
  let count = 0;
  let returning = null; // the link Escape sends focus back to

  // Runs before Material mounts its tooltips (at DOMContentLoaded): they skip links without title.
  const takeTitles = (root) => {
    for (const link of root.querySelectorAll("a.explainer-term[title], a.explainer-cite[title]")) {
      tips.set(link, link.getAttribute("title"));
      link.removeAttribute("title");
    }
  };
  takeTitles(document);

  const noteOf = (mark) => document.getElementById(decodeURIComponent(mark.hash.slice(1)));

  // A copy of an endnote's content for a popover or sidenote: no ids, no back link.
  const cloneNote = (li) => {
    const parts = [];
    for (const child of li.children) {
      const copy = child.cloneNode(true);
      copy.querySelectorAll(".footnote-backref").forEach((el) => el.remove());
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
      const from = child.querySelectorAll("a.explainer-cite, a.explainer-term");
      copy.querySelectorAll("a.explainer-cite, a.explainer-term").forEach((el, i) => tips.set(el, tips.get(from[i])));
      parts.push(copy);
    }
    return parts;
  };

  const popover = (trigger) => {
    let pop = pops.get(trigger);
    if (pop) return pop;
    pop = document.createElement("div");
    pop.id = `explainer-pop-${++count}`;
    pop.className = "explainer-pop";
    pop.setAttribute("popover", "manual");
    if (trigger.classList.contains("footnote-ref")) {
      const li = noteOf(trigger);
      if (!li) return null;
      pop.classList.add("explainer-pop--note");
      pop.setAttribute("role", "note");
      pop.setAttribute("aria-label", trigger.getAttribute("aria-label") || `Note ${trigger.textContent}`);
      pop.append(...cloneNote(li));
      trigger.setAttribute("aria-controls", pop.id);
    } else {
      const text = tips.get(trigger);
      if (!text) return null;
      pop.setAttribute("role", "tooltip");
      pop.textContent = text;
      trigger.setAttribute("aria-describedby", pop.id);
    }
    (trigger.closest("sup") || trigger).after(pop); // next in reading and Tab order
    pops.set(trigger, pop);
    return pop;
  };

  const place = (trigger, pop) => {
    const rects = trigger.getClientRects();
    if (!rects.length) return;
    const first = rects[0], last = rects[rects.length - 1];
    const vw = document.documentElement.clientWidth, vh = window.innerHeight, gap = 4, edge = 8;
    pop.style.maxHeight = "";
    const width = pop.offsetWidth, height = pop.offsetHeight;
    pop.style.left = `${Math.max(edge, Math.min(last.left, vw - width - edge))}px`;
    const below = vh - last.bottom - gap - edge, above = first.top - gap - edge;
    if (height <= below || below >= above) {
      pop.style.top = `${last.bottom + gap}px`;
      if (height > below) pop.style.maxHeight = `${Math.max(below, 80)}px`;
    } else {
      const h = Math.min(height, above);
      pop.style.maxHeight = `${h}px`;
      pop.style.top = `${first.top - gap - h}px`;
    }
    // A box that scrolls must be reachable by keyboard to scroll it.
    if (pop.scrollHeight > pop.clientHeight + 1) pop.tabIndex = 0; else pop.removeAttribute("tabindex");
  };

  const show = (trigger) => {
    clearTimeout(timers.get(trigger));
    if (open.has(trigger)) return;
    if (trigger.classList.contains("footnote-ref") && sidenotesOn && sidenoteOf.has(trigger)) return;
    const pop = popover(trigger);
    if (!pop) return;
    for (const other of [...open]) if (!pops.get(other).contains(trigger)) hide(other); // keep the one it sits in
    pop.showPopover();
    pop.classList.add("is-open"); // for tests and styles: the same as :popover-open
    open.add(trigger);
    trigger.setAttribute("aria-expanded", "true");
    place(trigger, pop);
  };

  function hide(trigger) {
    clearTimeout(timers.get(trigger));
    const pop = pops.get(trigger);
    if (!pop || !open.has(trigger)) return;
    for (const inner of [...open]) if (inner !== trigger && pop.contains(inner)) hide(inner);
    open.delete(trigger);
    trigger.setAttribute("aria-expanded", "false");
    pop.classList.remove("is-open");
    if (pop.matches(":popover-open")) pop.hidePopover();
  }

  const hideLater = (trigger) => {
    clearTimeout(timers.get(trigger));
    timers.set(trigger, setTimeout(() => hide(trigger), 300));
  };

  // The trigger a node belongs to: the link itself, or the popover it opened (and its ancestors).
  const owners = (node) => {
    const found = [];
    for (const trigger of open) {
      if (trigger.contains(node) || pops.get(trigger).contains(node)) found.push(trigger);
    }
    return found;
  };
  const triggerAt = (node) => (node instanceof Element ? node.closest(TRIGGERS) : null);

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") return;
    const trigger = triggerAt(event.target);
    if (trigger) show(trigger);
    for (const owner of owners(event.target)) clearTimeout(timers.get(owner));
  });
  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const staying = new Set(event.relatedTarget ? owners(event.relatedTarget) : []);
    const focused = document.activeElement;
    for (const owner of owners(event.target)) {
      // Focus in a popover (or on its link) keeps it open whatever the pointer does.
      if (!staying.has(owner) && owner !== focused && !pops.get(owner).contains(focused)) hideLater(owner);
    }
  });
  document.addEventListener("focusin", (event) => {
    const trigger = triggerAt(event.target);
    if (trigger && trigger !== returning && !HOVER_NONE.matches) show(trigger);
    for (const owner of owners(event.target)) clearTimeout(timers.get(owner));
  });
  document.addEventListener("focusout", (event) => {
    const staying = new Set(event.relatedTarget ? owners(event.relatedTarget) : []);
    for (const owner of owners(event.target)) if (!staying.has(owner)) hideLater(owner);
  });
  // A tap elsewhere closes; on a touch screen the first tap on a link shows its popover, a second follows it.
  document.addEventListener("pointerdown", (event) => {
    const keep = new Set(owners(event.target));
    for (const trigger of [...open]) if (!keep.has(trigger)) hide(trigger);
  });
  document.addEventListener("click", (event) => {
    const trigger = triggerAt(event.target);
    if (!trigger) return;
    if (trigger.classList.contains("footnote-ref") && sidenotesOn && sidenoteOf.has(trigger)) {
      event.preventDefault();
      sidenoteOf.get(trigger).focus();
      return;
    }
    if (HOVER_NONE.matches && !open.has(trigger) && (tips.has(trigger) || trigger.classList.contains("footnote-ref"))) {
      event.preventDefault();
      show(trigger);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !open.size) return;
    const back = owners(document.activeElement)[0];
    for (const trigger of [...open]) hide(trigger);
    if (back && back !== document.activeElement) {
      returning = back; // focus goes back to the link without opening its popover again
      back.focus();
      returning = null;
    }
  });
  const replace = () => { for (const trigger of open) place(trigger, pops.get(trigger)); };
  window.addEventListener("scroll", replace, { passive: true, capture: true });
  window.addEventListener("resize", replace, { passive: true });

  // ---- Sidenotes ----
  const body = document.querySelector(".explainer-essay-body");
  const sidenoteOf = new Map(); // mark -> sidenote
  const markOf = new Map(); // sidenote -> mark
  let sidenotesOn = false;

  const makeSidenotes = () => {
    let previous = null;
    for (const mark of body.querySelectorAll("a.footnote-ref")) {
      const li = noteOf(mark);
      if (!li) continue;
      const note = document.createElement("div");
      note.className = "explainer-sidenote";
      note.setAttribute("role", "note");
      note.setAttribute("aria-label", mark.getAttribute("aria-label") || `Note ${mark.textContent}`);
      note.tabIndex = -1;
      const main = document.createElement("div");
      main.className = "explainer-sidenote-body";
      const rest = document.createElement("div");
      rest.className = "explainer-sidenote-rest";
      const parts = cloneNote(li);
      // Two lines show; the whole note, sources and register link, opens over the notes below
      // while its mark or the note itself is hovered or focused (a tap focuses).
      const cut = parts.findIndex((part, i) => i > 0 && /^\s*Sources\s*:?\s*$/i.test(part.textContent));
      main.append(...(cut > 0 ? parts.slice(0, cut) : parts));
      rest.append(...(cut > 0 ? parts.slice(cut) : []));
      const number = document.createElement("span");
      number.className = "explainer-sidenote-number";
      number.setAttribute("aria-hidden", "true"); // the note's name says it
      number.textContent = mark.textContent;
      (main.querySelector("p") || main).prepend(number);
      note.append(main, rest);
      const paragraph = mark.closest("p") || body;
      (previous && markOf.get(previous).closest("p") === paragraph ? previous : paragraph).after(note);
      sidenoteOf.set(mark, note);
      markOf.set(note, mark);
      previous = note;
    }
  };

  const setOpen = (note, opened) => {
    clearTimeout(timers.get(note));
    note.classList.toggle("is-open", opened);
    note.classList.toggle("is-active", opened);
    markOf.get(note).closest(".explainer-mark")?.classList.toggle("is-active", opened);
  };

  // Each note's top at its mark's line, or just below the note before it. A closed note shows
  // as many lines (1 to 4) as fit before the next mark's line, so crowded marks keep their notes.
  function layout() {
    if (!sidenotesOn) return;
    const origin = body.getBoundingClientRect().top;
    const entries = [...sidenoteOf];
    const tops = entries.map(([mark]) => mark.getBoundingClientRect().top - origin);
    let floor = 0;
    entries.forEach(([, note], i) => {
      const top = Math.max(tops[i], floor);
      const line = parseFloat(getComputedStyle(note).lineHeight) || 20;
      const room = i + 1 < tops.length ? tops[i + 1] - top - 4 - 6 : Infinity;
      note.style.setProperty("--explainer-note-lines", String(Math.max(1, Math.min(4, Math.floor(room / line)))));
      note.style.top = `${top}px`;
      floor = top + note.offsetHeight + 4;
    });
    body.style.minHeight = `${floor}px`;
  }

  const setMode = () => {
    const wide = WIDE.matches && !!body && !!body.querySelector("a.footnote-ref");
    if (wide && !sidenoteOf.size) makeSidenotes();
    sidenotesOn = wide;
    document.body.classList.toggle("explainer-sidenotes-on", wide);
    if (body && !wide) body.style.minHeight = "";
    for (const trigger of [...open]) if (trigger.classList.contains("footnote-ref")) hide(trigger);
    layout();
  };

  if (body) {
    setMode();
    WIDE.addEventListener("change", setMode);
    new ResizeObserver(layout).observe(body);
    if (document.fonts) document.fonts.ready.then(layout);
    window.addEventListener("load", layout);
    // A mark and its sidenote light up together, and the note opens whole.
    const noteAt = (node) => {
      if (!(node instanceof Element)) return null;
      const note = node.closest(".explainer-sidenote");
      if (note) return note;
      const mark = node.closest("a.footnote-ref");
      return mark ? sidenoteOf.get(mark) || null : null;
    };
    const enter = (event) => {
      const note = noteAt(event.target);
      if (note && sidenotesOn) setOpen(note, true);
    };
    const leave = (event) => {
      const note = noteAt(event.target);
      if (!note || noteAt(event.relatedTarget) === note) return;
      if (event.type === "pointerout" && (note.contains(document.activeElement) || markOf.get(note) === document.activeElement)) return;
      clearTimeout(timers.get(note));
      timers.set(note, setTimeout(() => setOpen(note, false), event.type === "focusout" ? 0 : 300));
    };
    body.addEventListener("pointerover", enter);
    body.addEventListener("focusin", enter);
    body.addEventListener("pointerout", leave);
    body.addEventListener("focusout", leave);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") for (const note of markOf.keys()) if (note.classList.contains("is-open")) setOpen(note, false);
    });
  }
})();
