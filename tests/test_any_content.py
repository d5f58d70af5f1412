"""Checks that hold for any content: run on the real site and on the real site plus the fixture essay.

The fixture essay (``tests/fixtures/jefferson-1801``, an excerpt of a public-domain
speech) is added to a copy of the project exactly as an editor would add an essay:
a folder under ``seeds/``, no code or configuration change.
"""

from __future__ import annotations

from conftest import FIXTURE_ESSAY, FIXTURES, Build
from explainer.claims import parse_claims
from explainer.seeds import load_essay


def test_every_essay_has_its_page_and_register_with_its_title(any_build: Build) -> None:
    for slug in any_build.slugs:
        essay = load_essay(any_build.project / "seeds" / slug)
        page = any_build.soup(f"essays/{slug}/")
        assert page.select_one("h1").get_text().strip("\u00b6") == essay.title
        assert len(page.select("p.explainer-para")) == len(essay.paragraphs)
        claims = parse_claims(essay.folder / "claims.md") if (essay.folder / "claims.md").is_file() else []
        if claims:
            register = any_build.soup(f"essays/{slug}/claims/")
            assert len(register.select("article h2[id]")) >= len(claims)
            assert len(page.select("p.explainer-para a.footnote-ref")) == len(claims)


def test_every_page_keeps_the_navigation_and_the_search(any_build: Build) -> None:
    pages = sorted(any_build.site.rglob("index.html"))
    assert len(pages) >= 6 + len(any_build.slugs)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert 'class="md-nav md-nav--primary"' in html, path
        assert 'data-md-component="search"' in html, path


def test_the_fixture_essay_is_a_valid_essay_with_a_dated_claim() -> None:
    """The fixture must stay valid as the formats grow: it is what the any-content checks add."""
    essay = load_essay(FIXTURES / FIXTURE_ESSAY)
    claims = parse_claims(essay.folder / "claims.md")
    assert essay.date.year == 1801 and len(essay.paragraphs) >= 2
    assert claims and all(c.dates for c in claims)


def test_the_fixture_essay_builds_beside_the_real_one(fixture_site_build: Build) -> None:
    assert FIXTURE_ESSAY in fixture_site_build.slugs and "trenin-2019" in fixture_site_build.slugs
    page = fixture_site_build.soup(f"essays/{FIXTURE_ESSAY}/")
    assert page.select_one(".explainer-byline time")["datetime"] == "1801-03-04"
    listed = [a["href"] for a in fixture_site_build.soup("essays/").select(".explainer-essays li strong a")]
    assert f"{FIXTURE_ESSAY}/" in listed and "trenin-2019/" in listed
    # the glossary links terms in the new essay, and its "Used in" lists name it
    assert page.select("p.explainer-para a.explainer-term")
    glossary = fixture_site_build.soup("glossary/")
    assert any(f"essays/{FIXTURE_ESSAY}/" in a["href"] for a in glossary.select(".explainer-used-in a"))
