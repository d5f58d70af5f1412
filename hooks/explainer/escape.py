"""Escaping for every output context, in one place.

Everything an essay, ``meta.yml``, a claim or a glossary entry brings is *text*.
Whatever writes it into an output goes through the function for that context:

* :func:`html_text`   element content (``<p>…</p>``, ``<title>…</title>``)
* :func:`html_attr`   a double-quoted attribute value (``content="…"``, ``title="…"``)
* :func:`script_json` JSON inside ``<script>`` (JSON-LD, data for scripts): no ``</script>``,
  no ``<!--``, no line separators that end a JavaScript string
* :func:`xml_text`    XML character data and attribute values (feeds, sitemaps) written by hand;
  prefer a library that escapes for you.
* :func:`theme_text`  a value the theme prints: a page's ``title`` and ``description`` front
  matter, a navigation title (:func:`theme_plain` reads one back as text).

What the theme does with a value, from the templates of Material 9.8 on MkDocs 1.6
(Jinja without autoescape, so ``{{ x }}`` is printed as it is):

* ``page.meta.title`` and ``page.title``: raw in ``<title>``, the header, the navigation
  (``nav_item.title``, section titles too), the footer's links and the content's ``<h1>``
  when the page has none; ``| e`` in the footer's ``aria-label`` (overridden:
  ``overrides/partials/footer.html``); the search plugin indexes ``page.meta.title``
  as the page's result title, which its results render as HTML.
* ``page.meta.description`` / ``config.site_description``: raw in ``<meta name="description"
  content="…">``.
* ``config.site_name``: raw in ``<title>``, the header, the drawer and two ``aria-label`` attributes,
  ``| e`` in the logo's ``title``. Escaping it would show ``&amp;`` there, so the hooks
  reject ``<``, ``>``, ``"`` and character references in it, ``site_description`` and ``site_author``
  (:func:`theme_misreads`).
* A ``title`` attribute anywhere: Material's tooltips render its value as HTML
  (``innerHTML``); ``docs/assets/tooltip-text.js`` hands them text.

So titles, navigation titles and descriptions the generator sets are HTML for the theme,
written by :func:`theme_text`: escaped as an attribute value, right in both places.
MkDocs itself reads a page title from the first heading the same way (escaped HTML).
Code that needs them as text (the glossary's "Used in", feeds, JSON-LD) reads them with
:func:`theme_plain` or, better, takes the text from the model.

Python-Markdown's serializer escapes element text and attributes itself: code that
builds ``etree`` elements passes the raw text and uses none of these.
"""

from __future__ import annotations

import html
import json
from typing import Any

# Characters JSON leaves alone that end a <script> element, open an HTML comment, or end a JS string.
_SCRIPT_UNSAFE_PAIRS = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def html_text(text: str) -> str:
    """``text`` as HTML element content: ``&``, ``<`` and ``>`` escaped."""
    return html.escape(text, quote=False)


def html_attr(text: str) -> str:
    """``text`` as a quoted HTML attribute value: ``&``, ``<``, ``>``, ``"`` and ``'`` escaped."""
    return html.escape(text, quote=True)


def theme_text(text: str) -> str:
    """``text`` as a page title, navigation title or description for the theme, which prints it raw
    in element content and in double-quoted attributes: escaped as an attribute value."""
    return html.escape(text, quote=True)


def theme_plain(value: str) -> str:
    """A title or description the theme reads as HTML (front matter, a heading's text), as text."""
    return html.unescape(value) if "&" in value else value


def theme_misreads(text: str) -> str | None:
    """What the theme would misread in a value printed raw in some places and escaped in others
    (``site_name``): a character it takes for markup or a character reference; else None."""
    for char in '<>"':
        if char in text:
            return char
    if "&" in text and html.unescape(text) != text:
        return "a character reference (&…;)"
    return None


def xml_text(text: str) -> str:
    """``text`` as XML character data or a quoted attribute value."""
    return html.escape(text, quote=True)


def script_json(value: Any, **dumps: Any) -> str:
    """``value`` as JSON that can stand inside ``<script>…</script>`` and still parse to ``value``."""
    text = json.dumps(value, ensure_ascii=False, **dumps)
    # str.replace per character, not str.translate: many times faster on a page's JSON-LD.
    for char, escaped in _SCRIPT_UNSAFE_PAIRS:
        if char in text:
            text = text.replace(char, escaped)
    return text
