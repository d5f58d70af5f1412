"""The note layer in Chromium: sidenotes at wide windows, popovers anyone can use (WCAG 1.4.13),
names for assistive technology, and the print edition (printed to PDF and read back with pdftotext).

The essay is found by its slug; its claims, paragraphs and term definitions are read from the
built HTML, so the tests hold for any content.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import SCREENSHOTS, OpenPage, Site, normalize, term_links
from .test_browser_accessibility import SCHEMES, blocking, wait_for_transitions

pytestmark = pytest.mark.browser

SLUG = "trenin-2019"
WIDE: ViewportSize = {"width": 1440, "height": 900}
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
MEDIUM: ViewportSize = {"width": 1024, "height": 800}  # no room for sidenotes: notes open as popovers
PHONE: ViewportSize = {"width": 375, "height": 812}
NARROWEST: ViewportSize = {"width": 360, "height": 640}

MARKS = "p.explainer-para a.footnote-ref"
OPEN = ".explainer-pop.is-open"


@pytest.fixture(scope="module")
def essay(site: Site) -> str:
    page = f"essays/{SLUG}/"
    assert page in site.pages, f"no page for the essay {SLUG}"
    return page


@pytest.fixture(scope="module")
def soup(site: Site, essay: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(essay), "html.parser")


def open_essay(open_page: OpenPage, site: Site, essay: str, viewport: ViewportSize, scheme: str = "light",
               touch: bool = False) -> Page:
    page, log = open_page(viewport, color_scheme=scheme, touch=touch)
    page.goto(site.url(essay))
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert not log.console_errors, log.console_errors
    return page


def shot(page: Page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"notes-{name}.png", full_page=full_page)


SIDENOTE_GEOMETRY = """() => {
  const marks = [...document.querySelectorAll('p.explainer-para a.footnote-ref')];
  const notes = [...document.querySelectorAll('.explainer-sidenote')];
  const text = document.querySelector('p.explainer-para');
  return {
    line: parseFloat(getComputedStyle(text).lineHeight),
    viewport: document.documentElement.clientWidth,
    textRight: text.getBoundingClientRect().right,
    endnotesShown: getComputedStyle(document.querySelector('.footnote')).display !== 'none',
    pairs: marks.map((mark, i) => {
      const m = mark.getBoundingClientRect(), n = notes[i] ? notes[i].getBoundingClientRect() : null;
      return {mark: m.top, label: mark.getAttribute('aria-label'),
              note: n && {top: n.top, bottom: n.bottom, left: n.left, right: n.right, width: n.width},
              noteLabel: notes[i] && notes[i].getAttribute('aria-label')};
    }),
  };
}"""


@pytest.mark.parametrize("viewport", [WIDE, LAPTOP], ids=["1440", "1280"])
def test_at_wide_windows_each_note_stands_beside_its_mark(site: Site, open_page: OpenPage, essay: str,
                                                          soup: BeautifulSoup, viewport: ViewportSize) -> None:
    """Each note's top is within one line of its mark's line unless the note before it pushed it down;
    none overlaps the next, none passes the viewport's right edge, none covers the text."""
    page = open_essay(open_page, site, essay, viewport)
    geometry = page.evaluate(SIDENOTE_GEOMETRY)
    pairs = geometry["pairs"]
    assert len(pairs) == len(soup.select(MARKS)) > 0
    line = geometry["line"]
    previous_bottom = None
    for number, pair in enumerate(pairs, start=1):
        note = pair["note"]
        assert note and note["width"] > 100, f"note {number} is not shown as a sidenote"
        assert pair["noteLabel"] == pair["label"], f"note {number}: the sidenote and its mark have different names"
        assert note["right"] <= geometry["viewport"], f"note {number} passes the right edge: {note}"
        assert note["left"] >= geometry["textRight"], f"note {number} covers the text column: {note}"
        pushed = previous_bottom is not None and note["top"] > pair["mark"] + line
        if previous_bottom is not None:
            assert note["top"] >= previous_bottom, f"note {number} overlaps note {number - 1}"
        if pushed:
            assert note["top"] <= previous_bottom + 12, f"note {number} is further down than the note before pushes it"
        else:
            assert abs(note["top"] - pair["mark"]) <= line, f"note {number} is not beside its mark: {note['top']} vs {pair['mark']}"
        previous_bottom = note["bottom"]
    beside = sum(abs(p["note"]["top"] - p["mark"]) <= line for p in pairs)
    assert beside >= len(pairs) // 2, f"only {beside} of {len(pairs)} notes are within a line of their marks"
    assert not geometry["endnotesShown"], "the endnotes are shown twice (as sidenotes and at the end)"
    shot(page, f"sidenotes-{viewport['width']}")


@pytest.mark.parametrize("viewport", [WIDE, LAPTOP, MEDIUM], ids=["1440", "1280", "1024"])
def test_the_text_column_keeps_a_comfortable_measure(site: Site, open_page: OpenPage, essay: str,
                                                     viewport: ViewportSize) -> None:
    """A line of the essay holds 60 to 75 characters: the column's width over the text's mean character width."""
    page = open_essay(open_page, site, essay, viewport)
    per_line = page.evaluate("""() => {
      const p = document.querySelector('p.explainer-para');
      const probe = document.createElement('span');
      probe.style.whiteSpace = 'nowrap';
      probe.style.position = 'absolute';
      probe.textContent = p.textContent;
      p.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return p.clientWidth / (width / p.textContent.length);
    }""")
    assert 60 <= per_line <= 75, f"{per_line:.0f} characters per line"


def test_hovering_or_focusing_a_mark_opens_and_highlights_its_sidenote(site: Site, open_page: OpenPage, essay: str) -> None:
    """The mark and its note light up together; the note shows whole (sources too); Escape closes it."""
    page = open_essay(open_page, site, essay, WIDE)
    mark = page.locator(MARKS).nth(1)
    note = page.locator(".explainer-sidenote").nth(1)
    expect(note.locator(".explainer-sidenote-rest")).to_be_hidden()
    mark.hover()
    expect(note).to_have_class(re.compile(r"\bis-active\b"))
    expect(note.locator(".explainer-sidenote-rest")).to_be_visible()
    assert page.locator(OPEN).count() == 0, "a sidenote's mark also opened a popover"
    shot(page, "sidenote-open-1440")
    # The pointer moves from the mark onto the note: it stays open.
    box = note.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 10, steps=8)
    page.wait_for_timeout(600)
    expect(note).to_have_class(re.compile(r"\bis-open\b"))
    page.keyboard.press("Escape")
    expect(note).not_to_have_class(re.compile(r"\bis-open\b"))
    # Focus does the same, and the reverse: hovering the note lights its mark.
    mark.focus()
    expect(note).to_have_class(re.compile(r"\bis-active\b"))
    page.locator("h1").first.hover()
    page.locator("body").focus()
    note.hover()
    expect(page.locator("span.explainer-mark").nth(1)).to_have_class(re.compile(r"\bis-active\b"))


def test_at_375_notes_open_as_popovers_and_remain_endnotes(site: Site, open_page: OpenPage, essay: str) -> None:
    page = open_essay(open_page, site, essay, PHONE, touch=True)
    assert page.locator(".explainer-sidenote").filter(visible=True).count() == 0
    endnotes = page.locator(".footnote > ol > li")
    assert endnotes.count() == page.locator(MARKS).count()
    expect(endnotes.first).to_be_visible()
    mark = page.locator(MARKS).nth(3)
    mark.scroll_into_view_if_needed()
    mark.tap()
    pop = page.locator(f"{OPEN}[role=note]")
    expect(pop).to_have_count(1)
    expect(pop).to_have_attribute("aria-label", mark.get_attribute("aria-label") or "")
    assert page.url == site.url(essay), "the first tap followed the link"
    shot(page, "popover-note-375")
    page.locator("h1").first.tap()  # a tap elsewhere closes it
    expect(page.locator(OPEN)).to_have_count(0)


def test_escape_closes_every_open_popover(site: Site, open_page: OpenPage, essay: str) -> None:
    """A note popover and a citation popover inside it, both open: one Escape closes both."""
    page = open_essay(open_page, site, essay, MEDIUM)
    marks = page.locator(MARKS)
    for i in range(marks.count()):
        marks.nth(i).hover()
        pop = page.locator(f"{OPEN}[role=note]")
        expect(pop).to_have_count(1)
        cite = pop.locator("a.explainer-cite")
        if cite.count():
            break
    else:
        pytest.fail("no note cites a paragraph")
    box = pop.bounding_box()
    assert box
    page.mouse.move(box["x"] + 20, box["y"] + 10, steps=5)
    cite.first.hover()
    expect(page.locator(OPEN)).to_have_count(2)
    page.keyboard.press("Escape")
    expect(page.locator(OPEN)).to_have_count(0)
    # Keyboard: focus opens, Escape closes, focus stays on the link.
    term = page.locator("p.explainer-para a.explainer-term").first
    term.focus()
    expect(page.locator(f"{OPEN}[role=tooltip]")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(OPEN)).to_have_count(0)
    assert term.evaluate("el => el === document.activeElement")
    # From a link inside a note's popover, Escape closes it and returns focus to the mark, closed.
    mark = page.locator(MARKS).first
    mark.focus()
    note = page.locator(f"{OPEN}[role=note]")
    expect(note).to_have_count(1)
    page.keyboard.press("Tab")
    assert note.evaluate("el => el.contains(document.activeElement)"), "Tab did not enter the note"
    page.mouse.move(5, 5, steps=3)  # the pointer leaving does not close what keyboard focus is in
    page.wait_for_timeout(500)
    expect(note).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(OPEN)).to_have_count(0)
    assert mark.evaluate("el => el === document.activeElement")


@pytest.mark.parametrize("kind", ["term", "note"])
def test_a_popover_stays_open_while_the_pointer_moves_onto_it(site: Site, open_page: OpenPage, essay: str, kind: str) -> None:
    page = open_essay(open_page, site, essay, MEDIUM)
    link = page.locator("p.explainer-para a.explainer-term" if kind == "term" else MARKS).first
    link.hover()
    pop = page.locator(OPEN)
    expect(pop).to_have_count(1)
    target, box = link.bounding_box(), pop.bounding_box()
    assert target and box
    page.mouse.move(target["x"] + target["width"] / 2, box["y"] + min(12, box["height"] / 2), steps=10)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=10)
    page.wait_for_timeout(800)
    expect(pop).to_have_count(1)
    page.mouse.move(5, 5, steps=5)
    expect(page.locator(OPEN)).to_have_count(0)


def test_no_layout_shift_when_a_popover_opens(site: Site, open_page: OpenPage, essay: str) -> None:
    page = open_essay(open_page, site, essay, MEDIUM)
    before = page.evaluate("() => [...document.querySelectorAll('p.explainer-para')].map(p => p.getBoundingClientRect().toJSON())")
    page.locator("p.explainer-para a.explainer-term").first.hover()
    expect(page.locator(OPEN)).to_have_count(1)
    page.locator(MARKS).first.focus()
    after = page.evaluate("() => [...document.querySelectorAll('p.explainer-para')].map(p => p.getBoundingClientRect().toJSON())")
    assert before == after


def whole_text(pop: Locator) -> dict[str, Any]:
    return pop.evaluate("""el => ({scroll: el.scrollHeight, client: el.clientHeight, tabIndex: el.tabIndex,
      overflow: getComputedStyle(el).overflowY, font: parseFloat(getComputedStyle(el).fontSize),
      box: el.getBoundingClientRect().toJSON(), vw: document.documentElement.clientWidth, vh: innerHeight})""")


def test_every_popover_shows_its_whole_text_at_360(site: Site, open_page: OpenPage, essay: str) -> None:
    """Every note and term popover at 360 px: the whole text fits, or the box scrolls and takes focus;
    inside the viewport; type of 14 px or more; links inside reachable by Tab."""
    page = open_essay(open_page, site, essay, NARROWEST)
    triggers = page.locator(f"{MARKS}, p.explainer-para a.explainer-term")
    assert triggers.count() > 0
    for i in range(triggers.count()):
        trigger = triggers.nth(i)
        trigger.focus()
        pop = page.locator(OPEN)
        expect(pop).to_have_count(1)
        m = whole_text(pop)
        where = f"popover {i} ({trigger.get_attribute('aria-label') or trigger.text_content()})"
        assert m["scroll"] <= m["client"] + 1 or (m["overflow"] in ("auto", "scroll") and m["tabIndex"] == 0), f"{where} cuts its text: {m}"
        assert m["font"] >= 14, f"{where}: {m['font']} px type"
        box = m["box"]
        assert box["left"] >= 0 and box["right"] <= m["vw"] and box["top"] >= 0 and box["bottom"] <= m["vh"] + 1, f"{where} off-screen: {box}"
    # Tab goes from a note's mark into its popover's links.
    mark = page.locator(MARKS).first
    mark.focus()
    pop = page.locator(f"{OPEN}[role=note]")
    links = pop.locator("a[href]")
    assert links.count() > 0
    for _ in range(3):
        page.keyboard.press("Tab")
        if pop.evaluate("el => el.contains(document.activeElement)"):
            break
    else:
        pytest.fail("Tab does not reach the links inside the note's popover")
    expect(pop).to_have_count(1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_citation_popovers_show_their_whole_passage_at_360(site: Site, open_page: OpenPage, scheme: str) -> None:
    """On every page with citations, the first few: whole passage visible or scrollable and focusable."""
    pages = site.pages_with('class="explainer-cite')
    assert pages
    page, _ = open_page(NARROWEST, color_scheme=scheme)
    for path in pages:
        page.goto(site.url(path))
        cites = page.locator("a.explainer-cite")
        for i in range(min(cites.count(), 4)):
            cites.nth(i).focus()
            pop = page.locator(f"{OPEN}[role=tooltip]")
            expect(pop).to_have_count(1)
            m = whole_text(pop)
            assert m["scroll"] <= m["client"] + 1 or (m["overflow"] in ("auto", "scroll") and m["tabIndex"] == 0), f"{path}: {m}"
            assert m["box"]["left"] >= 0 and m["box"]["right"] <= m["vw"], f"{path}: off-screen {m['box']}"
            assert m["font"] >= 14
        if path.startswith("alliance"):
            shot(page, f"popover-cite-360-{scheme}")


def test_marks_and_permalinks_have_distinct_names_in_the_accessibility_tree(site: Site, open_page: OpenPage,
                                                                            essay: str, soup: BeautifulSoup) -> None:
    """Chromium's accessibility tree names a mark "Note N, kind" and a permalink "Paragraph N"."""
    page = open_essay(open_page, site, essay, MEDIUM)
    first = soup.select_one("p.explainer-para")
    assert first is not None
    tree = page.locator(f"#{first['id']}").aria_snapshot()
    number = first["id"][1:]
    assert f'link "Paragraph {number}"' in tree, tree
    kinds = [span["class"][1].removeprefix("explainer-mark--") for span in first.select("span.explainer-mark")]
    notes = re.findall(r'link "Note (\d+), (\w+)"', tree)
    assert [kind for _, kind in notes] == kinds and kinds, tree
    assert not re.search(r'link "\d+"', tree), f"a bare number as a link's name:\n{tree}"
    # The kind is written in the note, not shown by colour alone.
    assert page.locator(".footnote li .explainer-kind").first.text_content().strip().lower() == kinds[0]
    # The Russian phrase is marked as Russian wherever the note appears.
    expect(page.locator('.footnote [lang="ru"]').first).to_have_text("союзнические отношения")


def test_the_essay_printed_to_pdf_has_paragraph_numbers_addresses_and_terms(site: Site, open_page: OpenPage,
                                                                           essay: str, soup: BeautifulSoup, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: `make chromium` installs poppler-utils"
    page = open_essay(open_page, site, essay, LAPTOP)
    pdf = tmp_path / "essay.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = re.sub(r"\s+", "", text)
    for p in soup.select("p.explainer-para"):
        assert f"¶{p['id'][1:]}" in squeezed, f"paragraph number {p['id']} is not printed"
    addresses = {a["href"] for a in soup.select(".footnote a[href^=http]")}
    assert addresses
    for address in addresses:
        assert re.sub(r"\s+", "", address) in squeezed, f"{address} is not printed"
    terms = term_links(site.html(essay))
    assert terms
    assert "Terms" in text
    for term in terms:
        assert re.sub(r"\s+", "", normalize(term.title)) in squeezed, f"the definition of {term.text!r} is not printed"
    assert "hover" not in normalize(text).split("Notes")[0], "the printed guide speaks of hovering"
    assert "Sources" in text  # the notes are printed as endnotes
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:  # pictures of the first two pages, for a reader to look at
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(SCREENSHOTS / "notes-print")], check=True)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_on_the_essay_in_every_state(site: Site, open_page: OpenPage, essay: str, axe: Axe, scheme: str) -> None:
    """0 serious or critical violations with sidenotes shown (one open), with a popover open, and printed."""
    page = open_essay(open_page, site, essay, WIDE, scheme=scheme)
    assert page.locator(".explainer-sidenote").first.is_visible()
    problems = blocking(axe.run(page).response, f"sidenotes [{scheme}]")
    page.locator(MARKS).first.hover()
    expect(page.locator(".explainer-sidenote.is-open")).to_have_count(1)
    wait_for_transitions(page)
    problems += blocking(axe.run(page).response, f"sidenote open [{scheme}]")
    shot(page, f"sidenotes-1440-{scheme}")
    page.set_viewport_size(MEDIUM)
    page.mouse.move(5, 5)
    for selector, role in (("p.explainer-para a.explainer-term", "tooltip"), (MARKS, "note")):
        page.locator(selector).first.hover()
        expect(page.locator(f"{OPEN}[role={role}]")).to_have_count(1)
        wait_for_transitions(page)
        problems += blocking(axe.run(page).response, f"{role} popover open [{scheme}]")
        shot(page, f"popover-{role}-1024-{scheme}")
    page.keyboard.press("Escape")
    page.emulate_media(media="print")
    wait_for_transitions(page)  # colours change with the medium, and Material eases them
    problems += blocking(axe.run(page).response, f"print media [{scheme}]")
    assert not problems, "\n".join(problems)
