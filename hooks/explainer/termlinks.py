"""Link glossary terms where they occur, and list on the glossary where each is used.

:class:`TermLinkTreeprocessor` walks the finished element tree once, in
document order, and only touches text: never headings, links, code, ``abbr``,
definition-list labels, footnotes or attribute values. Each occurrence is
recorded for the glossary's "Used in" lists; whether it becomes a link depends
on the ``link_terms`` setting (first per page, first per section, or all).

The glossary page itself is not linked; its "Used in" lists come from
:mod:`explainer.usedin`, once every page has been rendered.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree
from dataclasses import replace

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .terms import WORD_CHAR, Match
from .tooltips import DEFERRED_TITLE, term_key
from .usedin import UsedInTreeprocessor

SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "abbr", "dt",
             "script", "style", "button", "sup", "svg", "time"}
SKIP_CLASSES = {"footnote", "explainer-noterms", "explainer-sources", "explainer-byline", "explainer-passage", "headerlink"}
TERM_SCHEME = "explainer-term:"  # a term link's href until it is addressed: MkDocs leaves URLs with a scheme alone
# Sections listing sources: their titles are quoted, not used.
SOURCE_HEADINGS = {"sources", "references", "bibliography", "further reading"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Raw inline HTML reaches tree processors as stash placeholders; terms between
# a raw <a …> and its </a> (or <code>, <abbr>, …) must stay unlinked too.
_AMP = re.compile("&amp;")
_PLACEHOLDER = re.compile(r"\x02wzxhzdk:(\d+)\x03")
_RAW_TAG = re.compile(r"^<(/?)(" + "|".join(sorted(SKIP_TAGS - {"sup", "time", "dt"})) + r")\b", re.IGNORECASE)


def _skipped(el: etree.Element) -> bool:
    return el.tag in SKIP_TAGS or bool(SKIP_CLASSES.intersection((el.get("class") or "").split()))


def heading_text(el: etree.Element) -> str:
    """A heading's words, without its permalink sign or Markdown placeholders."""
    parts = [el.text or ""]
    for child in el:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(heading_text(child))
        parts.append(child.tail or "")
    return _PLACEHOLDER.sub("", "".join(parts)).strip()


class TermLinkTreeprocessor(Treeprocessor):
    """Turns term occurrences in text into links to their glossary entries."""

    def __init__(self, md: Markdown, site) -> None:
        super().__init__(md)
        self.site = site

    def run(self, root: etree.Element) -> None:
        site = self.site
        self.mode = site.page.link_mode or site.link_mode  # the page's own setting, else the site's
        if not site.terms or site.page.src == site.glossary_src or self.mode == "none":
            return
        self.linked: set[str] = set()  # linked in this section (link_terms: section) or on this page
        self.linked_on_page: set[str] = set()  # every term linked on the page: its printed "Terms" list
        self.raw_depth = 0  # open raw-HTML elements that terms must not be linked in
        self.sources_level = 0  # inside a "Sources" section (its heading level), where titles are quoted
        self.anchor: str | None = None
        self.place = ""  # where on the page we are, for "Used in": "", "¶5" or a section's title
        # On an essay's own page: which terms occur on their own, and inside which longer terms the others do.
        essay = site.by_slug.get(site.page.essay or "")
        self.essay = essay.slug if essay is not None and essay.page_src == site.page.src else None
        self.alone: set[str] = set()
        self.inside: dict[str, set[str]] = {}
        self._walk(root)
        if self.essay is not None:
            hidden = {term_id: outer for term_id, outer in self.inside.items() if term_id not in self.alone}
            if hidden:
                site.hidden[self.essay] = hidden

    def _walk(self, el: etree.Element) -> None:
        for child in list(el):
            if child.tag in HEADINGS:
                self._enter_section(child)
            elif child.tag == "p" and "explainer-para" in (child.get("class") or ""):
                self.anchor, self.place = child.get("id"), f"\u00b6{child.get('id', '')[1:]}"
            if not _skipped(child) and not self.sources_level:
                if child.text and WORD_CHAR.search(child.text):  # not a bare line break or comma
                    self._link_text(child, None)
                self._walk(child)
            if child.tail and not self.sources_level and WORD_CHAR.search(child.tail):
                self._link_text(el, child)

    def _enter_section(self, heading: etree.Element) -> None:
        level, title = int(heading.tag[1]), heading_text(heading)
        if self.sources_level and level <= self.sources_level:
            self.sources_level = 0
        if title.casefold() in SOURCE_HEADINGS:
            self.sources_level = level
        self.anchor = heading.get("id")
        self.place = "" if not title or title == self.site.page.title else title
        if self.mode == "section" and level <= 2:
            self.linked.clear()

    def _link_text(self, parent: etree.Element, after: etree.Element | None) -> None:
        """Split ``parent.text`` (or ``after.tail``) around the terms it contains."""
        text = parent.text if after is None else after.tail
        matches = self._outside_raw_html(text, self._find(text))
        if not matches:
            return
        site = self.site
        new: list[etree.Element] = []
        head_end = None
        prev: etree.Element | None = None
        position = 0
        for match in matches:
            term = match.term
            site.record(term, self.anchor, self.place)
            # A shorter term inside this one ("alliances" in "entangling alliances") is used here too.
            for inner in match.inner:
                site.record(inner.term, self.anchor, self.place)
                if self.essay is not None:
                    self.inside.setdefault(inner.term.id, set()).add(term.name)
            if self.essay is not None:
                self.alone.add(term.id)
            if self.mode != "all" and term.id in self.linked:
                continue
            self.linked.add(term.id)
            self.linked_on_page.add(term.id)
            piece = text[position:match.start]
            if prev is None:
                head_end = piece
            else:
                prev.tail = AtomicString(piece)
            # The address is written after MkDocs' link resolution (TermAddressTreeprocessor), the
            # definition after the search plugin has read the page (see tooltips).
            prev = etree.Element("a", {"href": TERM_SCHEME + term.id, "class": "explainer-term",
                                       DEFERRED_TITLE: site.tooltips.defer(term_key(term.id), term.short)})
            prev.text = AtomicString(text[match.start:match.end])
            new.append(prev)
            position = match.end
        if prev is None:
            return
        prev.tail = AtomicString(text[position:])
        if after is None:
            parent.text = AtomicString(head_end)
            index = 0
        else:
            after.tail = AtomicString(head_end)
            index = list(parent).index(after) + 1
        for offset, element in enumerate(new):
            parent.insert(index + offset, element)


    def _find(self, text: str) -> list[Match]:
        """The terms in a text node, at its offsets.

        An essay's text reaches the tree with each ``&`` written ``&amp;`` (``generated.literal``),
        and an editor may type ``&amp;`` in Markdown: terms are found in the text as read ("AT&T"),
        then placed back in the node.
        """
        if "&amp;" not in text:
            return self.site.matcher.find(text)
        amps: list[int] = []  # where, in the text as read, an "&" stands for "&amp;"
        for k, m in enumerate(_AMP.finditer(text)):
            amps.append(m.start() - 4 * k)
        found = self.site.matcher.find(text.replace("&amp;", "&"))

        def at(offset: int) -> int:
            return offset + 4 * bisect.bisect_left(amps, offset)

        return [replace(m, start=at(m.start), end=at(m.end)) for m in found]

    def _outside_raw_html(self, text: str, matches: list) -> list:
        """Drop matches inside raw inline HTML such as ``<a href=…>entente</a>``."""
        if "\x02" not in text:
            return matches if self.raw_depth == 0 else []
        stash = self.md.htmlStash.rawHtmlBlocks
        events = []
        for m in _PLACEHOLDER.finditer(text):
            raw = stash[int(m.group(1))] if int(m.group(1)) < len(stash) else ""
            tag = _RAW_TAG.match(raw) if isinstance(raw, str) else None
            if tag and not raw.rstrip().endswith("/>"):
                events.append((m.start(), -1 if tag.group(1) else 1))
        kept, k = [], 0
        for match in matches:
            while k < len(events) and events[k][0] < match.start:
                self.raw_depth = max(0, self.raw_depth + events[k][1])
                k += 1
            if self.raw_depth == 0:
                kept.append(match)
        for _, step in events[k:]:
            self.raw_depth = max(0, self.raw_depth + step)
        return kept


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


NOTES_SHOWN = 10  # more hidden terms than this: one summary line, the list is in `make report`


def hidden_term_notes(site, shown: int = NOTES_SHOWN) -> list[str]:
    """One line per term that longer terms hide everywhere in an essay: it is never linked there.

    Such a term still counts as used there (its "Used in" lists the passages); the note says
    why no link to it appears, so an editor can decide whether that is what they want. A site
    with many of them gets one line instead, pointing to the editors' report, which lists them
    all ("Terms hidden by longer terms"): thousands of notices would bury the build's log.
    """
    names = {term.id: term.name for term in site.terms}
    hidden = [(slug, term_id, outer) for slug, by_term in sorted(site.hidden.items())
              for term_id, outer in sorted(by_term.items())]
    if len(hidden) > shown:
        terms, essays = len({term_id for _, term_id, _ in hidden}), len({slug for slug, _, _ in hidden})
        return [f"Terms hidden by longer terms ({_count(terms, 'term')}, {_count(essays, 'essay')}): each occurs in "
                "such an essay only inside longer terms, so it is never linked there; its glossary entry still lists "
                "those passages under \"Used in\". `make report` lists them all."]
    return [f"essays/{slug}: the term '{names[term_id]}' occurs only inside "
            f"{', '.join(repr(o) for o in sorted(outer))}, so it is never linked in this essay "
            "(its glossary entry still lists those passages under \"Used in\")."
            for slug, term_id, outer in hidden]


class TermAddressTreeprocessor(Treeprocessor):
    """After MkDocs has resolved the page's links: gives each term link its glossary entry's address.

    MkDocs would resolve and check the dozens of term links on a page one by one,
    yet they all lead to one page whose address is known (``PageContext.glossary_url``).
    Until then a term link's ``href`` is ``explainer-term:<id>``, which MkDocs leaves
    alone; the glossary checks that every entry has its anchor (``UsedInTreeprocessor``).
    """

    def __init__(self, md: Markdown, site) -> None:
        super().__init__(md)
        self.site = site

    def run(self, root: etree.Element) -> None:
        base = self.site.page.glossary_url or self.site.url_to(self.site.glossary_src)
        for link in root.iter("a"):
            href = link.get("href")
            if href and href.startswith(TERM_SCHEME):
                link.set("href", f"{base}#{href[len(TERM_SCHEME):]}")


class TermLinkExtension(Extension):
    def __init__(self, site, **kwargs) -> None:
        self.site = site
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After toc (5), so headings have their ids; addressed after MkDocs resolves links (0).
        md.treeprocessors.register(TermLinkTreeprocessor(md, self.site), "explainer-terms", 4)
        md.treeprocessors.register(TermAddressTreeprocessor(md, self.site), "explainer-term-addresses", -1)
        md.treeprocessors.register(UsedInTreeprocessor(md, self.site), "explainer-used-in", 3)
