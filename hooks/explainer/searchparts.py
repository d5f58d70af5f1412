"""Material's search sections of a long page, parsed part by part and kept between preview builds.

The glossary is one page of a thousand ``<h2>`` sections, and a reworded entry changes one of
them; Material's search plugin parses the whole page again (about 0.1 s at 1000 terms). Under
the preview :class:`SectionParts` cuts the page's HTML before each ``h2``-``h6`` heading with an
id, parses each part with Material's own parser and keeps the sections of each part by its
text, so only parts that changed are parsed.

A part is parsed alone only when that gives what the whole page's parse gives there: the
parser must stop at the end of the part with nothing open (no element, no unfinished
comment or markup, no element skipped), where the next part's heading starts a section as
it would in the whole page. Otherwise the page is parsed whole, as Material does.
``tests/test_searchview.py`` compares the two on generated pages.
"""

from __future__ import annotations

import re

from material.plugins.search.plugin import Parser, Section

# Where a part may start: a heading (not the page's h1) with an id, as Python-Markdown writes one.
_PART_START = re.compile(r"(?=<h[2-6] id=)")
_Frozen = tuple  # (element, depth, id, title, text): a section as the parser left it
MIN_PARTS = 20  # a page of fewer sections is parsed whole (the preview keeps unchanged pages anyway)


def _freeze(section: Section) -> _Frozen:
    return (section.el, section.depth, section.id, tuple(section.title), tuple(section.text))


def _thaw(frozen: _Frozen) -> Section:
    el, depth, id, title, text = frozen
    section = Section(el, depth)
    section.id, section.title, section.text = id, list(title), list(text)
    return section


def whole(page_html: str) -> list[Section]:
    """The page's sections as Material's plugin parses them (``SearchIndex.add_entry_from_context``)."""
    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return parser.data


def _part(text: str, first: bool, last: bool) -> list[_Frozen] | None:
    """One part's sections, or None if it does not stand alone (see the module's docstring)."""
    parser = Parser()
    skip = set(parser.skip)
    try:
        parser.feed(text)
        if not last and (parser.rawdata or parser.context or parser.skip != skip):
            return None
        parser.close()
    except Exception:  # Material's parser fails on some broken markup: the whole page's parse, as Material's, says how
        return None
    data = parser.data
    if not first:  # alone, the part's heading is preceded by the section the parser opens a page with
        preface = data[0] if data else None
        if preface is None or preface.el.tag != "hx" or preface.title or preface.text or len(data) < 2:
            return None
        data = data[1:]
    return [_freeze(section) for section in data]


class SectionParts:
    """The sections of each part of each long page, from the last build that indexed it."""

    def __init__(self, min_parts: int = MIN_PARTS) -> None:
        self.min_parts = min_parts
        self.kept: dict[str, dict[tuple[bool, bool, str], list[_Frozen]]] = {}  # page src -> part -> its sections

    def sections(self, src: str, page_html: str) -> list[Section]:
        """What Material's parser gives for ``page_html`` (:func:`whole`), parts unchanged since the last call for ``src`` not parsed again."""
        parts = _PART_START.split(page_html)
        if len(parts) < self.min_parts:
            self.kept.pop(src, None)
            return whole(page_html)
        last_kept: dict[tuple[bool, bool, str], list[_Frozen]] = self.kept.get(src, {})
        kept: dict[tuple[bool, bool, str], list[_Frozen]] = {}
        sections: list[Section] = []
        end = len(parts) - 1
        for i, text in enumerate(parts):
            # A part is parsed as the first while the parts before it gave no section (empty, a comment).
            first, last = not sections, i == end
            key = (first, last, text)
            frozen = last_kept.get(key)
            if frozen is None:
                frozen = _part(text, first=first, last=last)
                if frozen is None:
                    self.kept.pop(src, None)
                    return whole(page_html)
            kept[key] = frozen
            sections.extend(_thaw(f) for f in frozen)
        self.kept[src] = kept
        return sections
