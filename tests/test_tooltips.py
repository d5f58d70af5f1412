"""Tooltip text is kept out of the page until the end, then written in exactly as the serializer would."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
from bs4 import BeautifulSoup
from explainer.model import Term
from explainer.site import PageContext, Site
from explainer.termlinks import TermLinkExtension
from explainer.tooltips import Tooltips, attribute_text, fill_titles
from markdown.serializers import to_html_string

TRICKY = ["plain", "AT&T & co", "&amp; stays literal", "&copy; is not ©", "<b>not bold</b>",
          'a "quoted" word', "it's", "¶2: \u201ccurly\u201d \u2026", "a > b < c"]


@pytest.mark.parametrize("text", TRICKY)
def test_attribute_text_is_what_the_markdown_serializer_writes_for_a_literal_title(text: str) -> None:
    # The extensions used to hand the serializer "&" as "&amp;" so that text that looks like an entity stays text.
    serialized = to_html_string(etree.Element("a", {"title": text.replace("&", "&amp;")}))
    assert serialized == f'<a title="{attribute_text(text)}"></a>'


def test_rendered_pages_carry_keys_and_fill_titles_writes_the_text() -> None:
    site = Site(essays=[], terms=[Term("entente", "Entente", [], 'A "friendly" understanding & no more.', 1)])
    site.page = PageContext(src="essays/e/index.md", title="Page", glossary_url="../../glossary/")
    rendered = markdown.Markdown(extensions=[TermLinkExtension(site)]).convert("An entente.")
    assert "friendly" not in rendered  # the search plugin and the serializer never see the text
    link = BeautifulSoup(rendered, "html.parser").a
    assert link["href"] == "../../glossary/#entente"  # addressed from the page's glossary address
    assert link["data-explainer-title"] == "term:entente"
    filled = fill_titles(rendered, site.tooltips.attributes)
    assert 'title="A &quot;friendly&quot; understanding &amp; no more."' in filled
    assert "data-explainer-title" not in filled


def test_unknown_keys_and_pages_without_tooltips_are_left_as_they_are() -> None:
    tips = Tooltips()
    assert tips.defer("cite:a", "First") == "cite:a"
    tips.defer("cite:a", "Second")  # the first text given for a key wins
    page = '<a data-explainer-title="cite:a">a</a> <a data-explainer-title="cite:b">b</a>'
    assert fill_titles(page, tips.attributes) == '<a title="First">a</a> <a data-explainer-title="cite:b">b</a>'
    assert fill_titles("<p>No tooltips</p>", tips.attributes) == "<p>No tooltips</p>"
