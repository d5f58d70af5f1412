"""Issue 13: whatever text an essay, its metadata or a claim brings shows as written.

Regression tests, one per mistake the issue lists in its items 1 to 3: internal
markers in essay paragraphs and claim notes, and titles and summaries with
markup characters (the property test is ``test_text_property.py``, the browser
test of tooltips ``browser/test_browser_tooltip_text.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import build

# Every marker the generator has used, and the shape of today's (with a guessed token).
MARKER_SHAPES = [
    "%%explainer-essay hostile%%",
    "%%explainer-essay trenin-2019%%",
    "%%explainer-register hostile%%",
    "///Footnotes Go Here///",
    "[[essays]]",
    "[[essays 1]]",
    "explainer-0123456789abcdef0123456789abcdef-essay",
    "explainer-0123456789abcdef0123456789abcdef-footnotes",
]


def write_essay(project: Path, slug: str, paragraphs: list[str], meta: str, claims: str | None = None) -> Path:
    folder = project / "seeds" / slug
    folder.mkdir()
    (folder / "essay.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (folder / "meta.yml").write_text(meta, encoding="utf-8")
    if claims is not None:
        (folder / "claims.md").write_text(claims, encoding="utf-8")
    return folder


def _text(el) -> str:
    for mark in el.select(".explainer-permalink, .explainer-mark"):
        mark.decompose()
    return el.get_text()


def test_paragraphs_and_claim_notes_that_read_like_markers_show_verbatim(project: Path) -> None:
    paragraphs = [*MARKER_SHAPES, "The quoted passage is here."]
    note = "\n\n".join(["The note begins.", *MARKER_SHAPES])
    claims = (f"# Claims\n\n## A claim {{#a-claim}}\n\n> The quoted passage is here.\n\nKind: fact\n\n{note}\n\n"
              "Sources:\n\n- A source, 2020.\n")
    write_essay(project, "hostile", paragraphs, "title: Hostile\nauthor: A\ndate: 2020-01-01\npublication: P\n", claims)
    result = build(project)
    assert result.returncode == 0, result.output

    page = result.soup("essays/hostile/")
    assert [_text(p) for p in page.select("p.explainer-para")] == paragraphs
    assert len(page.select(".explainer-essay")) == 1  # no essay embedded a second time
    assert not page.select(".explainer-essays")  # no essay cards
    # the notes are where the page puts them, once, right after their heading
    [notes] = page.select("div.footnote")
    assert notes.find_previous_sibling("h2")["id"] == "notes"
    assert [p.get_text() for p in notes.select("li p")][1:len(MARKER_SHAPES) + 1] == MARKER_SHAPES

    register = result.soup("essays/hostile/claims/")
    assert len(register.select("h2#a-claim")) == 1 and not register.select(".explainer-essays, .explainer-essay")
    note_texts = [p.get_text() for p in register.select("article p")]
    assert all(shape in note_texts for shape in MARKER_SHAPES), note_texts

    # Authored pages keep their [[essays]] cards; the Essays page lists every essay.
    assert "essays/hostile/" in [a["href"] for a in result.soup("").select(".explainer-essays li strong a")]
    assert "hostile/" in [a["href"] for a in result.soup("essays/").select(".explainer-essays li strong a")]


TITLE = "Russia < China? Q&A on <alliances>"
SUMMARY = 'Why "alliance-like" is wrong'


def _nav_texts(soup) -> list[str]:
    return [" ".join(el.get_text().split()) for el in soup.select("nav.md-nav--primary .md-nav__link")]


def test_a_title_and_summary_with_markup_characters_show_whole_everywhere(project: Path) -> None:
    write_essay(project, "hostile", ["One paragraph about an entente."],
                f"title: '{TITLE}'\nauthor: A\ndate: 2031-01-01\npublication: P\nsummary: '{SUMMARY}'\n")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.soup("essays/hostile/")
    assert page.select_one("h1").get_text().strip("¶") == TITLE
    assert page.title.get_text() == f"{TITLE} - Explainer"
    assert page.select_one('meta[name="description"]')["content"] == SUMMARY
    assert " ".join(page.select_one(".md-header__topic:last-child").get_text().split()) == TITLE
    # The navigation of every page names it (the essay's section and its page), and nothing
    # anywhere became an element named after the text.
    for file in [*sorted(result.site.rglob("index.html")), result.site / "404.html"]:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        assert TITLE in _nav_texts(soup), file
        assert not soup.find_all("alliances"), file
    # the footer's link to it, as text for screen readers
    essays = result.soup("essays/")
    assert essays.select_one("a.md-footer__link--next")["aria-label"] == f"Next: {TITLE}"
    card = next(li for li in result.soup("").select(".explainer-essays li") if li.select_one("strong a")["href"] == "essays/hostile/")
    assert card.select_one("strong a").get_text() == TITLE and SUMMARY in card.get_text()
    # Search results are rendered as HTML: the index holds the title escaped, so it reads as written.
    index = json.loads((result.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [d["title"] for d in index["docs"] if d["location"].startswith("essays/hostile/")]
    assert titles and all(BeautifulSoup(t, "html.parser").get_text() == TITLE for t in titles), titles
    assert all(not BeautifulSoup(t, "html.parser").find_all(True) for t in titles)
    assert "essays/hostile/" in (result.site / "sitemap.xml").read_text(encoding="utf-8")
    # the glossary's "Used in" names the page by its title, as text
    assert any(li.get_text().startswith(f"{TITLE}: ") for li in result.soup("glossary/").select(".explainer-used-in li"))


def test_a_site_name_the_theme_would_misread_is_reported(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: Explainer", "site_name: Q&amp;A <b>Explainer</b>"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    line = text.split("\n").index("site_name: Explainer") + 1
    assert f"mkdocs.yml:{line}: 'site_name' contains '<'" in result.output, result.output
    assert "Traceback" not in result.output
    config.write_text(text.replace("site_name: Explainer", "site_name: AT&T Explainer"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert result.soup("glossary/").title.get_text() == "Glossary - AT&T Explainer"


def test_a_control_character_in_metadata_is_reported_not_passed_to_markdown(project: Path) -> None:
    """Python-Markdown marks its own placeholders with STX/ETX: a title holding one is an error, not a page."""
    write_essay(project, "hostile", ["One paragraph."],
                'title: "A \\x02wzxhzdk:0\\x03 title"\nauthor: A\ndate: 2031-01-01\npublication: P\n')
    result = build(project)
    assert result.returncode != 0
    assert "seeds/hostile/meta.yml:1: 'title' contains the control character U+0002." in result.output, result.output
    assert "Traceback" not in result.output


def test_text_that_reads_like_an_attribute_list_stays_text(project: Path) -> None:
    """attr_list reads `{#id .class}` after an inline element and at the end of a block or heading."""
    paragraphs = ["{#zqx .cls}", "An entente {.cls} and more", "Line one\n{#zqx2 .cls}", "Ends with an entente\n{: .cls}"]
    write_essay(project, "hostile", paragraphs,
                'title: "A title {.cls}"\nauthor: A\ndate: 2031-01-01\npublication: P\nsummary: "A summary\\n{#zqx3 .cls}"\n')
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.soup("essays/hostile/")
    paras = page.select("p.explainer-para")
    assert [p["id"] for p in paras] == ["p1", "p2", "p3", "p4"]
    assert [_text(p) for p in paras] == paragraphs
    assert page.select_one("h1").get_text().strip("¶") == "A title {.cls}"
    for soup in (page, result.soup("")):
        assert not soup.select(".cls, #zqx, #zqx2, #zqx3")
    card = next(li for li in result.soup("").select(".explainer-essays li") if li.select_one("strong a")["href"] == "essays/hostile/")
    assert "A summary\n{#zqx3 .cls}" in card.get_text()
