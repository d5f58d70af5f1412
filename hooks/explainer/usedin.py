"""The glossary's "Used in" lists: a placeholder per entry while rendering, filled at the end.

A term's list needs every page that uses it, and the glossary is one page among
the others. So :class:`UsedInTreeprocessor` leaves an empty placeholder after
each entry, and :func:`fill_used_in` replaces the placeholders once every page
has been rendered (the hooks call it after the search plugin has indexed the
glossary). That needs no rendering order, and the lists, which are no content
to search, cost the search plugin, MkDocs' link resolution and the Markdown
serializer nothing: on a large site they are tens of thousands of links.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Mapping, Sequence

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .errors import EditorError
from .model import Occurrence, Term

PLACEHOLDER_ATTRIBUTE = "data-explainer-used-in"
# How Python-Markdown serializes the placeholder element: exactly this, one attribute, no content.
_PLACEHOLDER = re.compile(r'<div data-explainer-used-in="([^"<>]*)"></div>')

# The address of a page (by its source path) and an anchor on it, as seen from the glossary.
UrlFor = Callable[[str, "str | None"], str]


class UsedInTreeprocessor(Treeprocessor):
    """On the glossary page: checks each entry's anchor, classes its lead and leaves a "Used in" placeholder after it.

    Term links are addressed to ``glossary#<term id>`` without MkDocs resolving them
    (``termlinks.TermAddressTreeprocessor``), so this is where an anchor that differs is caught.
    """

    def __init__(self, md: Markdown, site) -> None:
        super().__init__(md)
        self.site = site

    def run(self, root: etree.Element) -> None:
        site = self.site
        if site.page.src != site.glossary_src:
            return
        by_id = {t.id: t for t in site.terms}
        children = list(root)
        sections: list[tuple[int, str]] = [(i, el.get("id", "")) for i, el in enumerate(children)
                                           if el.tag == "h2" and el.get("id") in by_id]
        if len(sections) < len(by_id):
            _report_missing_anchor(site, {term_id for _, term_id in sections})
        for k in reversed(range(len(sections))):
            start, term_id = sections[k]
            end = sections[k + 1][0] if k + 1 < len(sections) else _section_end(children, start)
            _mark_lead(children[start + 1 : end], by_id[term_id])
            root.insert(end, etree.Element("div", {PLACEHOLDER_ATTRIBUTE: term_id}))
            contained = _contained_terms(site, by_id[term_id])
            if contained:
                root.insert(end, _contains_paragraph(contained))


def _contained_terms(site, term: Term) -> list[Term]:
    """The shorter terms inside this term's names ("Alliance" in "Entangling alliances"), in order of first appearance."""
    found: dict[str, Term] = {}
    for name in term.names:
        for match in site.matcher.find(name):
            for inner in (match, *match.inner):
                if inner.term is not term:
                    found.setdefault(inner.term.id, inner.term)
    return list(found.values())


def _contains_paragraph(terms: list[Term]) -> etree.Element:
    """"Contains: Alliance." linking each shorter term's entry: the glossary's own term links."""
    p = etree.Element("p", {"class": "explainer-contains"})
    p.text = AtomicString("Contains: ")
    for k, term in enumerate(terms):
        a = etree.SubElement(p, "a", {"href": f"#{term.id}", "class": "explainer-contains-term"})
        a.text = AtomicString(term.name)
        a.tail = AtomicString("." if k == len(terms) - 1 else ", ")
    return p


def _report_missing_anchor(site, found: set[str]) -> None:
    """One problem per term whose heading lacks its anchor (reported to the site's collector)."""
    for term in site.terms:
        if term.id not in found:
            site.problems.add(EditorError(
                site.page.file, term.line,
                f"the heading of '{term.name}' did not get the anchor '#{term.id}', so its term links would not land on it.",
                f"Write the anchor after the heading: '## {term.name} {{#{term.id}}}' (a 'slugify' set for 'toc' "
                "in mkdocs.yml makes other anchors than the default)."))


def _mark_lead(section: list[etree.Element], term: Term) -> None:
    """Class the "Also:" line and the short definition, so the page can style them."""
    paragraphs = [el for el in section if el.tag == "p"]
    if term.aliases and paragraphs:
        paragraphs.pop(0).set("class", "explainer-aliases")
    if paragraphs:
        paragraphs[0].set("class", "explainer-short")


def _section_end(children: list[etree.Element], start: int) -> int:
    for i in range(start + 1, len(children)):
        if children[i].tag in ("h1", "h2") or "footnote" in (children[i].get("class") or ""):
            return i
    return len(children)


def fill_used_in(page_html: str, occurrences: dict[str, dict[Occurrence, None]], url_for: UrlFor,
                 page_order: Sequence[str] = (), made: dict[str, tuple[tuple, str]] | None = None) -> str:
    """The glossary's HTML with each placeholder replaced by its term's list.

    ``page_order`` lists source paths in the order readers meet the pages (the
    navigation's); pages in it come first, in that order, the others after them.
    ``made`` (the incremental preview's, kept while ``url_for`` and the order stay the
    same) holds each term's list by its occurrences: a list whose occurrences are the
    same is not made again.
    """
    rank = {src: k for k, src in enumerate(page_order)}
    if made is None:
        return _PLACEHOLDER.sub(lambda m: used_in_html(occurrences.get(m.group(1), ()), url_for, rank), page_html)

    def remembered(m: re.Match) -> str:
        term_id = m.group(1)
        places = tuple(occurrences.get(term_id, ()))
        last = made.get(term_id)
        if last is None or last[0] != places:
            last = made[term_id] = (places, used_in_html(places, url_for, rank))
        return last[1]

    return _PLACEHOLDER.sub(remembered, page_html)


def used_in_html(occurrences: Iterable[Occurrence], url_for: UrlFor, rank: Mapping[str, int] | None = None) -> str:
    """One line per page: the page, then each place on it in order of use ("¶1, ¶5").

    Pages come in the order of ``rank`` (source path -> position), then in order of first use.

    Out of the search index (``data-search-exclude``) for any other search too:
    otherwise a search for an essay's title finds every entry it uses.
    """
    occurrences = list(occurrences)
    head = '<div class="explainer-used-in" data-search-exclude=""><p class="explainer-used-in-title">'
    if not occurrences:
        return head + "Not used on any page yet.</p></div>"
    by_page: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        by_page.setdefault(occ.page_src, []).append(occ)
    rank = rank or {}
    lines = []
    for page_src, places in sorted(by_page.items(), key=lambda item: rank.get(item[0], len(rank))):
        top = next((occ for occ in places if not occ.place), None)
        sections = [_link(url_for(page_src, occ.anchor), occ.place) for occ in places if occ.place]
        colon = ": " if sections else ""
        # Used before the page's first heading: the page's title is the link.
        title = _link(url_for(page_src, top.anchor), top.page_title) if top else _text(places[0].page_title)
        lines.append(f"<li>{title}{colon}{', '.join(sections)}</li>")
    return f"{head}Used in ({len(occurrences)})</p><ul>{''.join(lines)}</ul></div>"


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{_text(text)}</a>'
