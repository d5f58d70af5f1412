"""The essay cards: ``[[essays]]`` on an authored page, and the Essays page."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from .generated import ESSAY_CARDS, ESSAY_LIST, MarkerProcessor, in_language, isolated, literal, long_date, where_given
from .model import Essay
from .navigation import ESSAYS_INDEX


class EssayListProcessor(MarkerProcessor):
    """Renders a paragraph ``[[essays]]`` as a grid of cards, one per essay, newest first.

    ``[[essays 6]]`` shows the six newest and then a link to the Essays page,
    which lists them all. Only on authored pages: on a generated page (where the
    only Markdown is claim notes) it is text; the Essays page has its own marker.
    """

    KIND = ESSAY_CARDS

    def test(self, parent: etree.Element, block: str) -> bool:
        return super().test(parent, block) or (not self.site.page.generated and bool(ESSAY_LIST.match(block)))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        authored = ESSAY_LIST.match(block)
        limit = authored.group(1) if authored else None
        essays = self.site.essays
        shown = essays[: int(limit)] if limit is not None else essays
        grid = etree.SubElement(parent, "div", {"class": "grid cards explainer-essays"})
        ul = etree.SubElement(grid, "ul")
        for essay in shown:
            self._card(etree.SubElement(ul, "li"), essay)
        if not essays:
            p = etree.SubElement(grid, "p")
            p.text = AtomicString("No essays yet: add a folder under seeds/.")
        elif len(shown) < len(essays):
            more = etree.SubElement(parent, "p", {"class": "explainer-more"})
            link = etree.SubElement(more, "a", {"href": self.site.url_to(ESSAYS_INDEX)})
            link.text = AtomicString(f"All {len(essays)} essays")

    def _card(self, li: etree.Element, essay: Essay) -> None:
        title = etree.SubElement(etree.SubElement(li, "p"), "strong")
        a = in_language(etree.SubElement(title, "a", {"href": self.site.url_to(essay.page_src)}), essay)
        a.text = literal(essay.title)
        byline = etree.SubElement(li, "p", {"class": "explainer-byline"})
        last = isolated(byline, essay.author)
        if (where := where_given(essay)) is not None:
            last.tail = AtomicString(" · ")
            last = isolated(byline, where)
        last.tail = AtomicString(f" · {long_date(essay.date)} · {essay.reading_minutes} min read")
        if essay.summary:
            summary = etree.SubElement(li, "p")
            summary.text = literal(essay.summary)
        if essay.claims:
            more = etree.SubElement(li, "p")
            link = etree.SubElement(more, "a", {"href": self.site.url_to(essay.register_src)})
            link.text = AtomicString(f"{len(essay.claims)} annotated claims")
