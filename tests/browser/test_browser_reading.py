"""What a reader does, in a real Chromium: term definitions on hover and keyboard focus,
footnotes and cited passages on hover, search, the light/dark toggle, and the comparison grid.

Terms, citations and notes open popovers of their own (``docs/assets/explainer.js``):
a ``div.explainer-pop[popover]`` placed right after its link when first needed; the
link points at it with ``aria-describedby`` (terms and citations: role tooltip) or
``aria-controls`` (notes: role note). The tests follow that link, so they check the
popover of the element they touched. The note layer's own tests are in
``test_browser_notes.py``.
"""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import DESKTOP, PHONE, SEED_PAGE, OpenPage, Site, TermLink, normalize, term_links

pytestmark = pytest.mark.browser

NO_SIDENOTES: ViewportSize = {"width": 1024, "height": 800}  # narrower than the sidenotes' breakpoint


@pytest.fixture(scope="module")
def essay(site: Site) -> str:
    """The real essay's page (numbered paragraphs, terms and footnotes), found by its slug."""
    pages = site.pages_with('class="explainer-para"')
    assert SEED_PAGE in pages, f"no essay page (p.explainer-para) at {SEED_PAGE}"
    return SEED_PAGE


@pytest.fixture(scope="module")
def terms(site: Site, essay: str) -> list[TermLink]:
    """Term links in the essay's paragraphs, one per distinct definition."""
    links = term_links(site.html(essay))
    assert links, "the essay links no glossary term"
    assert all(link.title for link in links), "a term link has no title (short definition)"
    distinct: dict[str, TermLink] = {}
    for link in links:
        distinct.setdefault(link.title, link)
    return list(distinct.values())


def term_locator(page: Page, term: TermLink) -> Locator:
    return page.locator(f'#{term.paragraph} a.explainer-term[href="{term.href}"]').first


def expect_shown(page: Page, tooltip: Locator, text: str) -> None:
    """The popover is open, opaque, inside the viewport and says ``text``."""
    expect(tooltip).to_be_visible()
    assert tooltip.evaluate("el => el.matches(':popover-open')")
    expect(tooltip).to_contain_text(normalize(text))
    tooltip.evaluate("el => Promise.all(el.getAnimations({subtree: true}).map(a => a.finished.catch(() => null)))")
    assert float(tooltip.evaluate("el => getComputedStyle(el).opacity")) > 0.99
    box = tooltip.bounding_box()
    viewport = page.viewport_size
    assert box and viewport
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, f"tooltip off-screen: {box}"


def described_by(host: Locator, attribute: str) -> Locator:
    expect(host).to_have_attribute(attribute, re.compile(r"\S"))
    return host.page.locator(f"#{host.get_attribute(attribute)}")


def test_hovering_a_term_shows_its_definition(site: Site, open_page: OpenPage, essay: str, terms: list[TermLink]) -> None:
    """Each hovered term shows its own short definition (up to three different terms)."""
    page, _ = open_page(DESKTOP)
    page.goto(site.url(essay))
    for term in terms[:3]:
        link = term_locator(page, term)
        link.hover()
        expect_shown(page, described_by(link, "aria-describedby"), term.title)


def test_on_a_touch_screen_the_first_tap_shows_the_definition_and_the_second_opens_the_entry(
        site: Site, open_page: OpenPage, essay: str, terms: list[TermLink]) -> None:
    """Phones have no hover: the first tap must not navigate away before the reader sees the definition."""
    page, _ = open_page(PHONE, touch=True)
    page.goto(site.url(essay))
    term = terms[0]
    link = term_locator(page, term)
    link.scroll_into_view_if_needed()
    link.tap()
    expect_shown(page, described_by(link, "aria-describedby"), term.title)
    assert page.url == site.url(essay)
    link.tap()
    page.wait_for_url(re.compile(re.escape(term.href.split("/")[-1]) + "$"))


def test_keyboard_focus_on_a_term_shows_its_definition(site: Site, open_page: OpenPage, essay: str,
                                                       terms: list[TermLink]) -> None:
    """Tab reaches the term (from its paragraph's permalink) and focus shows the definition."""
    page, _ = open_page(DESKTOP)
    page.goto(site.url(essay))
    term = terms[0]
    link = term_locator(page, term)
    page.locator(f"#{term.paragraph} a.explainer-permalink").focus()
    for _ in range(15):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab never reached the term '{term.text}' in {term.paragraph}")
    expect_shown(page, described_by(link, "aria-describedby"), term.title)


def test_hovering_a_footnote_mark_shows_the_note(site: Site, open_page: OpenPage, essay: str) -> None:
    """Where there is no room for sidenotes, the footnote's text appears in a popover next to its mark."""
    page, _ = open_page(NO_SIDENOTES)
    page.goto(site.url(essay))
    mark = page.locator("p.explainer-para a.footnote-ref").first
    note_id = (mark.get_attribute("href") or "").removeprefix("#")
    assert note_id, "the footnote mark has no href"
    note = page.evaluate("id => document.getElementById(id).querySelector('p').textContent", note_id)
    mark.hover()
    expect_shown(page, described_by(mark, "aria-controls"), normalize(note)[:80])


def first_citation(site: Site, path: str) -> tuple[str, str]:
    """The address and the passage (its title, as the generator wrote it) of the page's first citation."""
    tag = re.search(r'<a class="explainer-cite"[^>]*>', site.html(path))
    assert tag, f"{path} has no citation"
    href, title = (re.search(f' {name}="([^"]+)"', tag.group(0)) for name in ("href", "title"))
    assert href and title, tag.group(0)
    return html.unescape(href.group(1)), html.unescape(title.group(1))


def test_hovering_a_citation_shows_the_passage(site: Site, open_page: OpenPage, comparison: str) -> None:
    """A ``[[pN]]`` citation shows the cited passage (its title, as the generator wrote it) on hover."""
    href, passage = first_citation(site, comparison)
    page, _ = open_page(DESKTOP)
    page.goto(site.url(comparison))
    cite = page.locator(f'a.explainer-cite[href="{href}"]').first
    cite.hover()
    expect_shown(page, described_by(cite, "aria-describedby"), passage)


def test_on_a_touch_screen_the_first_tap_on_a_citation_shows_the_passage(site: Site, open_page: OpenPage,
                                                                        comparison: str) -> None:
    """As for terms: the first tap previews the cited passage, the second goes to the paragraph."""
    href, passage = first_citation(site, comparison)
    page, _ = open_page(PHONE, touch=True)
    page.goto(site.url(comparison))
    cite = page.locator(f'a.explainer-cite[href="{href}"]').first
    cite.scroll_into_view_if_needed()
    cite.tap()
    expect_shown(page, described_by(cite, "aria-describedby"), passage)
    assert page.url == site.url(comparison)
    cite.tap()
    page.wait_for_url(re.compile(re.escape(href.split("/", 2)[-1]) + "$"))


def test_search_finds_the_glossary_entry(site: Site, open_page: OpenPage) -> None:
    """Typing "entente" lists the glossary's entry, and the result leads there."""
    page, log = open_page(DESKTOP)
    page.goto(site.url(""))
    page.locator(".md-search__input").click()
    page.keyboard.type("entente")
    results = page.locator(".md-search-result")
    expect(results.locator(".md-search-result__item").first).to_be_visible()
    glossary = results.locator('a.md-search-result__link[href*="/glossary/"][href$="#entente"]').filter(visible=True)
    expect(glossary.first).to_be_visible()
    expect(glossary.first).to_contain_text(re.compile("entente", re.IGNORECASE))
    glossary.first.click()
    expect(page).to_have_url(re.compile(r"/glossary/\?h=entente#entente$"))
    assert not log.foreign, f"search asked another host: {log.foreign}"


PALETTE_STATE = """() => ({
  media: document.body.dataset.mdColorMedia ?? null,
  scheme: document.body.dataset.mdColorScheme,
  background: getComputedStyle(document.body).backgroundColor,
})"""


def test_palette_toggle_cycles_auto_light_dark(site: Site, open_page: OpenPage) -> None:
    """auto (system: light here) -> light -> dark -> auto; dark survives a reload."""
    page, _ = open_page(DESKTOP, color_scheme="light")
    page.goto(site.url(""))
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    page.wait_for_function("document.body.dataset.mdColorMedia !== undefined")  # Material's palette has mounted
    states = [page.evaluate(PALETTE_STATE)]
    for _ in range(3):
        scheme_before = states[-1]["media"]
        toggle.click()
        page.wait_for_function(
            "before => document.body.dataset.mdColorMedia !== before",
            arg=scheme_before)
        states.append(page.evaluate(PALETTE_STATE))
        if states[-1]["scheme"] == "slate":  # check that the choice is remembered
            page.reload()
            assert page.evaluate(PALETTE_STATE)["scheme"] == "slate", "dark mode was not kept across a reload"
    assert [(s["media"], s["scheme"]) for s in states] == [
        ("(prefers-color-scheme)", "default"),
        ("(prefers-color-scheme: light)", "default"),
        ("(prefers-color-scheme: dark)", "slate"),
        ("(prefers-color-scheme)", "default"),
    ]
    assert states[1]["background"] != states[2]["background"], "the scheme changed but the page did not"


@pytest.fixture(scope="module")
def comparison(site: Site) -> str:
    pages = site.pages_with('class="explainer-comparison"')
    assert pages, "no comparison page (.explainer-comparison) in the build"
    return pages[0]


def first_row_cells(page: Page) -> dict[str, dict[str, float]]:
    """Label -> bounding box of each ``dt`` in the comparison's first ``dl``."""
    return page.evaluate("""() => Object.fromEntries(
      [...document.querySelector(".explainer-comparison dl").querySelectorAll(":scope > dt")].map(dt => {
        const r = dt.getBoundingClientRect();
        return [dt.textContent.trim(), {top: r.top, left: r.left, right: r.right, bottom: r.bottom}];
      }))""")


def test_comparison_is_side_by_side_on_a_desktop(site: Site, open_page: OpenPage, comparison: str) -> None:
    """At 1280x800 the Alliance and Alignment cells share a row: same top, different left."""
    page, _ = open_page(DESKTOP)
    page.goto(site.url(comparison))
    cells = first_row_cells(page)
    assert {"Alliance", "Alignment"} <= cells.keys(), f"first row labels: {list(cells)}"
    alliance, alignment = cells["Alliance"], cells["Alignment"]
    assert abs(alliance["top"] - alignment["top"]) < 1, cells
    assert alignment["left"] >= alliance["right"], f"cells overlap or are not side by side: {cells}"


def test_comparison_stacks_on_a_phone(site: Site, open_page: OpenPage, comparison: str) -> None:
    """At 375x812 the same cells stack (same left, Alignment below Alliance) instead of squeezing."""
    page, _ = open_page(PHONE)
    page.goto(site.url(comparison))
    cells = first_row_cells(page)
    alliance, alignment = cells["Alliance"], cells["Alignment"]
    assert abs(alliance["left"] - alignment["left"]) < 1, cells
    assert alignment["top"] >= alliance["bottom"], cells
