"""What the search indexer reads: each page without the links it throws away.

Material's search plugin indexes a page by parsing its HTML with a Python
``HTMLParser`` that keeps text, headings and a few block tags. An essay page has
a term link every dozen words and a permalink on every paragraph, and the
indexer spent a third of its time on these tags only to drop them. So it reads a
lean copy of the page (:func:`lean`), in which

* a term or citation link, or a claim's kind or outcome badge, which hold only
  text, becomes that text between two empty comments, and
* a paragraph's permalink, which the index skips (``data-search-exclude``),
  becomes one empty comment.

The comments keep the pieces of text the parser sees exactly as they were: it
collapses whitespace piece by piece, so merging pieces could change the index.
Nothing else about these links reaches the index (they are never headings,
never inside one another, never ``pre``), so the index is the same;
``tests/test_searchview.py`` checks it against Material's own parser. The
published page keeps every tag.

The plugin is told to skip each page (its own ``search: exclude``) and given
the lean copy right after, from the hooks' ``on_page_context``: the entries come
in the same order, from the same code.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .searchparts import SectionParts

# Our links as Python-Markdown serializes them (attributes sorted, values escaped),
# their tooltip still deferred (tooltips.DEFERRED_TITLE): only their text is content.
_LINK = re.compile(r'<a class="explainer-[a-z -]+" data-explainer-title="[^"]*" href="[^"]*">([^<]+)</a>')
# A claim's kind or outcome badge (generated.kind_element, register).
_BADGE = re.compile(r'<strong class="explainer-(?:kind|outcome)[a-z -]*"(?: title="[^"]*")?>([^<]+)</strong>')
# A paragraph's permalink, right after the paragraph's start tag (essaypage.EssayProcessor).
_PERMALINK = re.compile(r'(<p class="explainer-para" id="[^"]*">)<a aria-label="[^"]*" class="explainer-permalink" '
                        r'data-search-exclude="" href="[^"]*" title="[^"]*">[^<]*</a>')
# The one case where leaving out an element changes what Material's parser keeps: it compares
# elements by tag name, so closing any <a> ends the exclusion of an excluded <a> around it. A page
# with such an <a> or <strong> (its quoted values may hold ">") is read as it is.
_EXCLUDED = re.compile(r"""<(?:a|strong)\s(?:[^>"']|"[^"]*"|'[^']*')*?(?:data-search-exclude|linenodiv)""", re.IGNORECASE)
_ABSENT = object()


def lean(page_html: str) -> str:
    """``page_html`` as the search indexer needs it (see the module's docstring)."""
    if "explainer-" not in page_html:
        return page_html
    text = _LINK.sub(r"<!---->\1<!---->", page_html)
    text = _BADGE.sub(r"<!---->\1<!---->", text)
    text = _PERMALINK.sub(r"\1<!---->", text)
    if "data-search-exclude" in text and _EXCLUDED.search(text):
        return page_html
    return text


class LeanIndex:
    """Feeds Material's search index the lean copy of each page, in place of the page itself."""

    def __init__(self, search_plugin, parts: SectionParts | None = None) -> None:
        self.index = search_plugin.search_index
        self.parts = parts
        self.held: dict[str, object] = {}  # page src -> its front matter's `search:` value, set aside

    @classmethod
    def hold(cls, pages, search_plugin, parts: SectionParts | None = None) -> LeanIndex | None:
        """Tell the plugin to skip ``pages`` that it would index; None if there is no such plugin.

        ``parts``, under the preview: the sections of long pages kept part by part (see searchparts)."""
        config = getattr(search_plugin, "config", None)
        if getattr(search_plugin, "search_index", None) is None or not getattr(config, "enabled", False):
            return None
        lean_index = cls(search_plugin, parts)
        for page in pages:
            search = page.meta.get("search", _ABSENT)
            if isinstance(search, dict) and search.get("exclude"):
                continue  # excluded by its author, or by the preview, which has its entries already
            lean_index.held[page.file.src_uri] = search
            page.meta["search"] = {"exclude": True}
        return lean_index

    def add(self, page) -> None:
        """After the plugin has skipped ``page``: its front matter back, its lean copy indexed."""
        if page.file.src_uri not in self.held:
            return
        self._restore(page, self.held.pop(page.file.src_uri))
        content = page.content
        page.content = lean(content) if content else content
        finds = "_find_toc_by_id" in type(self.index).__dict__  # Material's, replaced for this page only
        if finds:
            self.index._find_toc_by_id = toc_finder(page.toc)
        try:
            if self.parts is None:
                self.index.add_entry_from_context(page)
            else:
                self._add_in_parts(page)
        finally:
            page.content = content
            if finds:
                del self.index._find_toc_by_id

    def _add_in_parts(self, page) -> None:
        """Material's ``add_entry_from_context``, with the page's sections from :attr:`parts`."""
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for section in self.parts.sections(page.file.src_uri, page.content or ""):
            if not section.is_excluded():
                self.index.create_entry_for_section(section, page.toc, page.url, page)

    def release(self, pages) -> None:
        """Front matter back on held pages that were never built."""
        for page in pages:
            if page.file.src_uri in self.held:
                self._restore(page, self.held.pop(page.file.src_uri))

    @staticmethod
    def _restore(page, search: object) -> None:
        if search is _ABSENT:
            del page.meta["search"]
        else:
            page.meta["search"] = search


def toc_finder(toc) -> Callable[[object, object], object]:
    """Material's ``_find_toc_by_id(toc, id)`` for one page's ``toc``, from a table made once.

    Material walks the table of contents from the top for each section it indexes: half a
    million steps for a glossary of 1000 entries. Its answer is the first item in document
    order (depth first, parents before children) whose id equals ``id``; so is this one's."""
    first: dict[object, object] = {}
    stack = list(reversed(list(toc)))
    while stack:
        item = stack.pop()
        first.setdefault(item.id, item)
        stack.extend(reversed(list(item.children)))
    return lambda _toc, id: first.get(id)
