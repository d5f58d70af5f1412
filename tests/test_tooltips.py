"""Term links and tooltips are finished at the end, written exactly as the serializer would write them."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
from explainer.model import Term
from explainer.site import PageContext, Site
from explainer.termlinks import TermLinkExtension
from explainer.tooltips import Tooltips, attribute_text, finish_links
from markdown.serializers import to_html_string

TRICKY = ["plain", "AT&T & co", "&amp; stays literal", "&copy; is not ©", "<b>not bold</b>",
          'a "quoted" word', "it's", "¶2: \u201ccurly\u201d \u2026", "a > b < c"]


@pytest.mark.parametrize("text", TRICKY)
def test_attribute_text_is_what_the_markdown_serializer_writes_for_a_literal_title(text: str) -> None:
    # The extensions used to hand the serializer "&" as "&amp;" so that text that looks like an entity stays text.
    serialized = to_html_string(etree.Element("a", {"title": text.replace("&", "&amp;")}))
    assert serialized == f'<a title="{attribute_text(text)}"></a>'


def test_rendered_pages_carry_keys_and_finish_links_writes_address_and_text() -> None:
    site = Site(essays=[], terms=[Term("entente", "Entente", [], 'A "friendly" understanding & no more.', 1)])
    site.page = PageContext(src="page.md", title="Page")
    rendered = markdown.Markdown(extensions=[TermLinkExtension(site)]).convert("An entente.")
    assert "friendly" not in rendered  # the search plugin and the serializer never see the text
    assert '<a class="explainer-term" href="explainer-term:entente">entente</a>' in rendered.replace(
        'href="explainer-term:entente" class="explainer-term"', 'class="explainer-term" href="explainer-term:entente"')
    finished = finish_links(rendered, site.tooltips.attributes, "../glossary/")
    assert 'href="../glossary/#entente" title="A &quot;friendly&quot; understanding &amp; no more."' in finished
    assert "explainer-term:" not in finished


def test_unknown_keys_and_pages_without_tooltips_are_left_as_they_are() -> None:
    tips = Tooltips()
    assert tips.defer("cite:a", "First") == "cite:a"
    tips.defer("cite:a", "Second")  # the first text given for a key wins
    page = '<a data-explainer-title="cite:a">a</a> <a data-explainer-title="cite:b">b</a>'
    assert finish_links(page, tips.attributes, "g/") == '<a title="First">a</a> <a data-explainer-title="cite:b">b</a>'
    assert finish_links("<p>No tooltips</p>", tips.attributes, "g/") == "<p>No tooltips</p>"
