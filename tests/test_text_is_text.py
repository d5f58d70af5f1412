"""Issue 13: whatever text an essay, its metadata or a claim brings shows as written.

Regression tests, one per mistake the issue lists in its items 1 to 3: internal
markers in essay paragraphs and claim notes, and titles and summaries with
markup characters (the property test is ``test_text_property.py``, the browser
test of tooltips ``browser/test_browser_tooltip_text.py``).
"""

from __future__ import annotations

from pathlib import Path

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
