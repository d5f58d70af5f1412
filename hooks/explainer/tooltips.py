"""Term links and tooltips, completed after the search plugin has read the page.

Term links show their definition and citations their passage on hover: Material's
content tooltips, and the browser's own without JavaScript, read it from the
link's ``title``. That text is a third of an essay page's HTML, none of it is
content to search, and every stage after rendering used to handle it again: the
Markdown serializer escaped it, the search plugin parsed and unescaped it.

So the extensions write short keys instead, and :func:`finish_links` swaps in the
attributes when the hooks hand the page to the template:

* ``data-explainer-title="cite:trenin-2019:5"`` becomes ``title="…"``;
* a term link's ``href="explainer-term:entente"`` becomes the address of the
  glossary entry and its definition, ``href="../glossary/#entente" title="…"``.
  MkDocs leaves an address with a scheme alone, so it need not resolve the
  dozens of term links on a page one by one: they all lead to the one glossary
  page, whose address is known, and the glossary checks that each entry has its
  anchor (:class:`~explainer.usedin.UsedInTreeprocessor`).

The published page is the same.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

DEFERRED_TITLE = "data-explainer-title"
TERM_SCHEME = "explainer-term:"  # href="explainer-term:<term id>"
# How Python-Markdown serializes them; keys are ids, so they need no escaping.
_TERM_LINK = re.compile(r'href="explainer-term:([^"<>&]*)"')
_TITLE = re.compile(r'data-explainer-title="([^"<>&]*)"')


class Tooltips:
    """The build's tooltip texts by key, kept as they go into the attribute."""

    def __init__(self) -> None:
        self.attributes: dict[str, str] = {}

    def defer(self, key: str, text: str) -> str:
        """The placeholder value for ``key``; ``text`` is its tooltip (the first text given for a key wins)."""
        if key not in self.attributes:
            self.attributes[key] = attribute_text(text)
        return key


def term_href(term_id: str) -> str:
    """A term link's address until the page is finished."""
    return TERM_SCHEME + term_id


def term_key(term_id: str) -> str:
    """The key of a term's tooltip."""
    return f"term:{term_id}"


def attribute_text(text: str) -> str:
    """``text`` as a double-quoted attribute value, escaped as Python-Markdown escapes one."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def finish_links(page_html: str, attributes: Mapping[str, str], glossary_url: str) -> str:
    """The page with each deferred attribute written out; an unknown key is left as it is.

    ``glossary_url`` is the glossary page's address as seen from this page.
    """

    def term_link(m: re.Match[str]) -> str:
        text = attributes.get(term_key(m.group(1)))
        return m.group(0) if text is None else f'href="{glossary_url}#{m.group(1)}" title="{text}"'

    def title(m: re.Match[str]) -> str:
        text = attributes.get(m.group(1))
        return m.group(0) if text is None else f'title="{text}"'

    if TERM_SCHEME in page_html:
        page_html = _TERM_LINK.sub(term_link, page_html)
    if DEFERRED_TITLE in page_html:
        page_html = _TITLE.sub(title, page_html)
    return page_html
