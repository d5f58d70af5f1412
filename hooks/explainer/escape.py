"""Escaping for every output context, in one place.

Everything an essay, ``meta.yml``, a claim or a glossary entry brings is *text*.
Whatever writes it into an output goes through the function for that context:

* :func:`html_text`   element content (``<p>…</p>``, ``<title>…</title>``)
* :func:`html_attr`   a double-quoted attribute value (``content="…"``, ``title="…"``)
* :func:`script_json` JSON inside ``<script>`` (JSON-LD, data for scripts): no ``</script>``,
  no ``<!--``, no line separators that end a JavaScript string
* :func:`xml_text`    XML character data and attribute values (feeds, sitemaps) written by hand;
  prefer a library that escapes for you.

Python-Markdown's serializer escapes element text and attributes itself: code that
builds ``etree`` elements passes the raw text and uses none of these.
"""

from __future__ import annotations

import html
import json
from typing import Any

# Characters JSON leaves alone that end a <script> element, open an HTML comment, or end a JS string.
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def html_text(text: str) -> str:
    """``text`` as HTML element content: ``&``, ``<`` and ``>`` escaped."""
    return html.escape(text, quote=False)


def html_attr(text: str) -> str:
    """``text`` as a quoted HTML attribute value: ``&``, ``<``, ``>``, ``"`` and ``'`` escaped."""
    return html.escape(text, quote=True)


def xml_text(text: str) -> str:
    """``text`` as XML character data or a quoted attribute value."""
    return html.escape(text, quote=True)


def script_json(value: Any, **dumps: Any) -> str:
    """``value`` as JSON that can stand inside ``<script>…</script>`` and still parse to ``value``."""
    return json.dumps(value, ensure_ascii=False, **dumps).translate(_SCRIPT_UNSAFE)
