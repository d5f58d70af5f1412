"""Tooltip text, written into each page after the search plugin has read it.

Term links show their definition and citations their passage on hover: Material's
content tooltips, and the browser's own without JavaScript, read it from the
link's ``title``. That text is a third of an essay page's HTML, none of it is
content to search, and every stage after rendering used to handle it again: the
Markdown serializer escaped it, the search plugin parsed and unescaped it.

So the extensions write a short key instead (``data-explainer-title="term:entente"``)
and :func:`fill_titles` swaps in ``title="…"``, escaped once per key, when the
hooks hand the page to the template. The published page is the same. (A plugin
that reads pages before that, at ``on_page_content``, sees the links without
their tooltips.)
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

DEFERRED_TITLE = "data-explainer-title"
# How Python-Markdown serializes the attribute; keys are ids, so they need no escaping.
_DEFERRED = re.compile(r'data-explainer-title="([^"<>&]*)"')


class Tooltips:
    """The build's tooltip texts by key, kept as they go into the attribute."""

    def __init__(self) -> None:
        self.attributes: dict[str, str] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.attributes

    def defer(self, key: str, text: str) -> str:
        """The placeholder value for ``key``; ``text`` is its tooltip (the first text given for a key wins)."""
        if key not in self.attributes:
            self.attributes[key] = attribute_text(text)
        return key


def term_key(term_id: str) -> str:
    """The key of a term's tooltip."""
    return f"term:{term_id}"


def attribute_text(text: str) -> str:
    """``text`` as a double-quoted attribute value, escaped as Python-Markdown escapes one."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def fill_titles(page_html: str, attributes: Mapping[str, str]) -> str:
    """The page with each deferred title written out; an unknown key is left as it is."""
    if DEFERRED_TITLE not in page_html:
        return page_html

    def title(m: re.Match[str]) -> str:
        text = attributes.get(m.group(1))
        return m.group(0) if text is None else f'title="{text}"'

    return _DEFERRED.sub(title, page_html)
