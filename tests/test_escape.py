"""The one place output is escaped: each context round-trips and lets no markup through."""

from __future__ import annotations

import html
import json

import pytest
from explainer.escape import html_attr, html_text, script_json, xml_text

HOSTILE = ['Russia < China? Q&A on <alliances>', 'Why "alliance-like" is wrong', "&amp; stays &amp;",
           "</script><script>alert(1)</script>", "<!-- x", "\u2028line\u2029sep", "שלום <b>", "it's"]


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_and_attributes_round_trip_without_markup(text: str) -> None:
    for escaped in (html_text(text), html_attr(text), xml_text(text)):
        assert "<" not in escaped and ">" not in escaped
        assert html.unescape(escaped) == text
    assert '"' not in html_attr(text) and "'" not in html_attr(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_cannot_close_the_script_and_parses_back(text: str) -> None:
    out = script_json({"name": text})
    assert "</" not in out and "<!--" not in out and "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"name": text}
