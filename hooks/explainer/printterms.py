"""An essay's printed "Terms": each glossary term linked on the page, with its definition.

Paper has no hover. The section is an empty element while the page is rendered and its
list is written in after the search plugin has read the page (:func:`fill_print_terms`).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from .escape import html_text


class PrintTermsTreeprocessor(Treeprocessor):
    """Ends an essay page with a "Terms" section: each glossary term linked on it, with its definition.

    Paper has no hover, so the printed edition needs the definitions in the page; the screen
    hides the section (``explainer-print-only``; the reader has the tooltips) and search skips
    it. Runs after the term links, from the set of terms they linked: no pass over the tree.
    """

    def __init__(self, md: Markdown, site, essays) -> None:
        super().__init__(md)
        self.site = site
        self.essays = essays

    def run(self, root: etree.Element) -> None:
        if not self.essays.rendered:
            return
        self.essays.rendered = False
        try:  # the term links' processor (termlinks.py) keeps the ids it linked on this page
            linked = getattr(self.md.treeprocessors["explainer-terms"], "linked_on_page", None)
        except KeyError:  # Markdown without the term links
            return
        if not linked:
            return
        by_id = self.site.term_by_id
        terms = sorted((by_id[t] for t in linked if t in by_id), key=lambda term: term.name.casefold())
        # An empty section now, its list written in after the search plugin has read the page
        # (fill_print_terms): every later stage of the build skips those ~90 elements an essay.
        etree.SubElement(root, "section", dict(PRINT_TERMS_ATTRS))
        self.site.print_terms[self.site.page.src] = print_terms_html(terms)


PRINT_TERMS_ATTRS = (("class", "explainer-print-terms explainer-print-only"), ("data-search-exclude", ""))
# The empty section as Python-Markdown serializes it, at the very end of the page's HTML.
_PRINT_TERMS_EMPTY = "<section " + " ".join(f'{k}="{v}"' for k, v in PRINT_TERMS_ATTRS) + "></section>"


def print_terms_html(terms: list) -> str:
    """The section's content, as Python-Markdown would have serialized it from elements of literal text."""
    items = "".join(f"<dt>{html_text(term.name)}</dt><dd>{html_text(term.short)}</dd>" for term in terms)
    return f"<h2>Terms</h2><dl>{items}</dl>"


def fill_print_terms(page_html: str, content: str | None) -> str:
    """The page with its "Terms" section filled (the hooks call it after search has indexed the page).

    The section is the last element of an essay page (:class:`PrintTermsTreeprocessor` appends it
    to the root), so only the end of the HTML is looked at: nothing inside the page can pass for it.
    """
    if content is None or not page_html.endswith(_PRINT_TERMS_EMPTY):
        return page_html
    return page_html[: -len("</section>")] + content + "</section>"
