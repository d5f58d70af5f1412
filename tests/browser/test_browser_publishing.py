""""Cite this" in a real Chromium: a paragraph's reference appears under the paragraph its
permalink leads to, and the reference can be copied."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .support import OpenPage, Site

pytestmark = pytest.mark.browser


def test_following_a_paragraph_permalink_shows_its_reference(site: Site, open_page: OpenPage) -> None:
    pages = site.pages_with('class="explainer-citethis-text"')
    assert pages, "no essay page with a 'Cite this edition' box"
    page, log = open_page()
    page.goto(site.url(pages[0]))
    box = page.locator(".explainer-citethis-text")
    expect(box).to_contain_text("Annotated edition")
    expect(page.locator(".explainer-citethis-paragraph")).to_have_count(0)
    page.locator("#p3 a.explainer-permalink").click()
    note = page.locator(".explainer-citethis-paragraph")
    expect(note).to_have_count(1)
    expect(note).to_have_accessible_name("Cite paragraph 3")
    url = box.get_attribute("data-cite-url")
    expect(note).to_contain_text(f"para. 3, {url}#p3.")
    assert page.evaluate("document.querySelector('.explainer-citethis-paragraph').previousElementSibling.id") == "p3"
    page.locator("#p2 a.explainer-permalink").click()  # another paragraph: one reference at a time
    expect(note).to_have_count(1)
    expect(note).to_contain_text(f"para. 2, {url}#p2.")
    expect(page.locator(".explainer-citethis-copy")).to_have_count(4)  # reference, BibTeX, CSL-JSON, paragraph
    assert not log.console_errors and not log.foreign, (log.console_errors, log.foreign)
