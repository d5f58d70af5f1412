"""Checks that hold for any content: run on the real site and on the real site plus the fixture essay.

The fixture essay (``tests/fixtures/jefferson-1801``, an excerpt of a public-domain
speech) is added to a copy of the project exactly as an editor would add an essay:
a folder under ``seeds/``, no code or configuration change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import FIXTURE_ESSAY, FIXTURES, Build, add_fixture_essay, build
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


def test_each_register_is_titled_for_its_essay_everywhere_it_is_named(fixture_site_build: Build) -> None:
    """Navigation, the previous/next footer, search results and <title> tell the registers apart."""
    build = fixture_site_build
    docs = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for slug, name in ((FIXTURE_ESSAY, "Jefferson 1801"), ("trenin-2019", "Trenin 2019")):
        register = build.soup(f"essays/{slug}/claims/")
        title = f"Claims in {name}"
        assert register.title.get_text().startswith(title)
        assert register.select_one("article h1").get_text().strip("\u00b6") == title
        nav = [a.get_text(" ", strip=True) for a in build.soup("").select(f'nav.md-nav--primary a[href="essays/{slug}/claims/"]')]
        assert nav == [title]
        footer = build.soup(f"essays/{slug}/").select_one("a.md-footer__link--next")
        assert footer["href"] == "claims/" and title in footer.get_text()
        assert [d["title"] for d in docs if d["location"] == f"essays/{slug}/claims/"] == [title]
    assert not build.soup("").find(string=re.compile("Claims register"))


def test_a_speech_has_a_byline_with_its_occasion_and_venue(fixture_site_build: Build) -> None:
    byline = fixture_site_build.soup(f"essays/{FIXTURE_ESSAY}/").select_one(".explainer-byline")
    assert [b.get_text() for b in byline.select("bdi")] == [
        "Thomas Jefferson", "Inauguration as third President of the United States, Senate Chamber, United States Capitol, Washington"]
    assert byline.select_one("time").get_text() == "4 March 1801"
    body = fixture_site_build.soup(f"essays/{FIXTURE_ESSAY}/").select_one(".explainer-essay-body")
    assert (body["lang"], body["dir"]) == ("en", "ltr")


def test_a_companion_page_citing_the_new_essay_names_it_and_a_bare_citation_there_is_refused(project: Path) -> None:
    add_fixture_essay(project)
    (project / "docs" / "speeches.md").write_text(
        "# Speeches\n\nJefferson's principles [[jefferson-1801:p3]]; Trenin's conclusion [[trenin-2019:p6]].\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_in_nav: |\n  speeches.md\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    cites = result.soup("speeches/").select("a.explainer-cite")
    assert [a.get_text() for a in cites] == ["Jefferson 1801, \u00b63", "Trenin 2019, \u00b66"]
    assert cites[0]["href"] == "../essays/jefferson-1801/#p3"
    assert cites[0]["title"].startswith("Jefferson 1801, \u00b63: \u201cAbout to enter, fellow-citizens")
    # a page whose front matter names one essay cites it bare; citing a second essay there makes that ambiguous
    (project / "docs" / "speeches.md").write_text(
        "---\nessay: trenin-2019\n---\n# Speeches\n\nTrenin [[p6]].\n\nJefferson [[jefferson-1801:p3]].\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert ("docs/speeches.md:6: the citation '[[p6]]' is ambiguous: this page cites more than one essay (trenin-2019, jefferson-1801)."
            in result.output)
    assert "write [[trenin-2019:p6]] or [[jefferson-1801:p6]]" in result.output


def test_shared_introductions_read_right_for_one_essay_or_many(any_build: Build) -> None:
    """Home, glossary and Essays page speak of the essays, never of "the essay" as if there were one."""
    count = len(any_build.slugs)
    for url in ("", "glossary/", "essays/"):
        intro = any_build.soup(url).select_one("article h1").find_next("p").get_text(" ", strip=True)
        assert not re.search(r"\bthe essay\b|Trenin's essay", intro, re.IGNORECASE), (url, intro)
    essays_intro = any_build.soup("essays/").select_one("article h1").find_next("p").get_text()
    assert essays_intro.startswith("One essay" if count == 1 else f"{count} essays")
    cards = " ".join(p.get_text(" ", strip=True) for p in any_build.soup("").select(".grid.cards li p"))
    assert not re.search(r"\bthe essay\b", cards, re.IGNORECASE), cards


ENTANGLING = """
## Entangling alliances

Also: entangling alliance

Jefferson's phrase for alliances that would draw the United States into the quarrels of other powers.

Sources: the address itself, [[jefferson-1801:p3]].
"""


def test_a_term_inside_a_longer_one_counts_for_both_and_a_notice_names_it_when_always_hidden(project: Path) -> None:
    add_fixture_essay(project)
    glossary = project / "docs" / "glossary.md"
    if "\n## Entangling alliances\n" not in glossary.read_text(encoding="utf-8"):  # an editor may have added it already
        glossary.write_text(glossary.read_text(encoding="utf-8") + ENTANGLING, encoding="utf-8")
    result = build(project)  # strict: the notice is no warning
    assert result.returncode == 0, result.output
    assert (f"INFO    -  essays/{FIXTURE_ESSAY}: the term 'Alliance' occurs only inside 'Entangling alliances', "
            "so it is never linked in this essay") in result.output
    assert "trenin-2019: the term" not in result.output  # "alliance" stands alone in Trenin's essay
    page = result.soup(f"essays/{FIXTURE_ESSAY}/")
    assert [a.get_text() for a in page.select("p.explainer-para a.explainer-term")] == ["entangling alliances"]
    entries = result.soup("glossary/")
    used = [a["href"] for a in entries.find(id="alliance").find_next(class_="explainer-used-in").select("a")]
    assert f"../essays/{FIXTURE_ESSAY}/#p3" in used
    contains = entries.find(id="entangling-alliances").find_next(class_="explainer-contains")
    assert contains.get_text() == "Contains: Alliance." and contains.a["href"] == "#alliance"
