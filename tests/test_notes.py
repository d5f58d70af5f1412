"""The note layer as built: names for assistive technology, foreign phrases, the print edition's parts."""

from __future__ import annotations

from conftest import Build

SLUG = "trenin-2019"


def test_the_russian_phrase_in_the_first_note_carries_its_language(site_build: Build) -> None:
    for page in (f"essays/{SLUG}/", f"essays/{SLUG}/claims/"):
        spans = site_build.soup(page).select('span[lang="ru"]')
        assert [s.get_text() for s in spans] == ["союзнические отношения"], page


def test_marks_and_permalinks_are_named_for_assistive_technology(site_build: Build) -> None:
    page = site_build.soup(f"essays/{SLUG}/")
    for p in page.select("p.explainer-para"):
        assert p.select_one("a.explainer-permalink")["aria-label"] == f"Paragraph {p['id'][1:]}"
        for span in p.select("span.explainer-mark"):
            link = span.select_one("a.footnote-ref")
            kind = span["class"][1].removeprefix("explainer-mark--")
            assert link["aria-label"] == f"Note {link.get_text()}, {kind}"


def test_the_essay_ends_with_its_linked_terms_defined_for_print(site_build: Build) -> None:
    """Every term linked on the page, once, with its definition; no other term; hidden on screen, not searched."""
    page = site_build.soup(f"essays/{SLUG}/")
    section = page.select_one("section.explainer-print-terms")
    assert section is not None and "explainer-print-only" in section["class"] and section.has_attr("data-search-exclude")
    notes = page.select_one("div.footnote")
    assert notes is not None and notes in section.find_all_previous("div"), "the Terms section comes before the notes"
    assert not section.find_next_sibling(class_="footnote") and not section.find_next_sibling("p"), "essay text after Terms"
    titles = {a["href"].rsplit("#", 1)[1]: a["title"] for a in page.select("a.explainer-term")}
    listed = dict(zip((dt.get_text() for dt in section.select("dt")), (dd.get_text() for dd in section.select("dd")), strict=True))
    assert sorted(listed.values()) == sorted(titles.values())
    glossary = site_build.soup("glossary/")
    for term_id in titles:
        assert glossary.select_one(f"#{term_id}") is not None
    index = (site_build.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "explainer-print-terms" not in index and '"title":"Terms"' not in index


def test_the_reading_guide_has_a_paper_version(site_build: Build) -> None:
    page = site_build.soup(f"essays/{SLUG}/")
    screen, paper = page.select_one(".explainer-howto.explainer-screen-only"), page.select_one(".explainer-howto.explainer-print-only")
    assert "hover" in screen.get_text() and "hover" not in paper.get_text()
    assert "Terms" in paper.get_text() and "¶" in paper.get_text()


def test_a_page_that_links_no_term_gets_no_terms_section(site_build: Build) -> None:
    for page in ("", "glossary/", f"essays/{SLUG}/claims/"):
        assert site_build.soup(page).select_one("section.explainer-print-terms") is None, page
