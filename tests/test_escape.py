"""The one place output is escaped: each context round-trips and lets no markup through."""

from __future__ import annotations

import html
import json

import pytest
from explainer.escape import html_attr, html_text, script_json, theme_misreads, theme_plain, theme_text, xml_text

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


@pytest.mark.parametrize("text", HOSTILE)
def test_theme_values_are_safe_raw_in_text_and_attributes_and_read_back_as_text(text: str) -> None:
    value = theme_text(text)
    assert not set('<>"\'').intersection(value)
    assert theme_plain(value) == text


@pytest.mark.parametrize(("text", "misread"), [
    ("Explainer", None), ("AT&T Explainer", None), ("Q & A", None), ("it's", None),
    ("<b>Explainer</b>", "<"), ('The "Explainer"', '"'), ("Q&amp;A", "a character reference (&…;)"),
    ("Caf&eacute", "a character reference (&…;)"), ("&#60;", "a character reference (&…;)"),
])
def test_theme_misreads_markup_and_character_references_only(text: str, misread: str | None) -> None:
    assert theme_misreads(text) == misread
