"""The comparison page: its declared columns, every section checked against them, citations per column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from comparison_support import front_matter, variant
from conftest import FIXTURE_ESSAY, ROOT, add_fixture_essay, build
from explainer.citations import CitationExtension
from explainer.comparison import ComparisonExtension, check_sections, page_comparison
from explainer.errors import EditorError
from explainer.model import Essay, Paragraph
from explainer.problems import Problems
from explainer.site import PageContext, Site, load_site
from explainer.tooltips import fill_titles

SLUG = "trenin-2019"
PAGE = ROOT / "docs" / "alliance-vs-alignment.md"


def _essay(slug: str, *texts: str) -> Essay:
    return Essay(slug=slug, folder=Path("."), title=f"Essay {slug}", author="A", date=dt.date(2020, 1, 1), publication="P",
                 paragraphs=[Paragraph(i, t, i) for i, t in enumerate(texts, start=1)])


SITE_ESSAYS = [_essay("one", "First of one.", "Second of one."), _essay("two", "First of two.", "Second of two.", "Third of two.")]
FRONT = """---
essay: one
comparison:
  concepts: [Alliance, Alignment]
  essays:
    one: "Per essay one"
    two: "Per essay two"
---
"""
ROW = "## {title}\n\nAlliance\n:   A.\n\nAlignment\n:   B.\n\nPer essay one\n:   One says [[p2]].\n\nPer essay two\n:   Two says [[p3]].\n\n"


def page(*rows: str, front: str = FRONT) -> str:
    block = "<div class=\"explainer-comparison\" markdown>\n\n" + "".join(rows) + "</div>\n\n"
    return front + "# Compare\n\nIntro [[one:p1]].\n\n" + block + "## Sources\n\n- x\n"


def site() -> Site:
    return Site(essays=SITE_ESSAYS, terms=[])


def declared(source: str, the_site: Site | None = None):
    meta = yaml.safe_load(source.split("---\n")[1])
    return page_comparison(the_site or site(), meta.get("comparison"), "docs/c.md", source)


def problems(source: str) -> list[EditorError]:
    comparison = declared(source)
    body = source.split("---\n", 2)[2]
    first_line = source[: len(source) - len(body)].count("\n") + 1
    return check_sections(comparison, body.split("\n"), "docs/c.md", first_line)


def line_of(source: str, text: str, occurrence: int = 1) -> int:
    found = [n for n, line in enumerate(source.split("\n"), 1) if line == text]
    return found[occurrence - 1]


def test_a_declaration_gives_concept_columns_then_one_column_per_essay() -> None:
    comparison = declared(page())
    assert comparison.labels == ["Alliance", "Alignment", "Per essay one", "Per essay two"]
    assert [c.essay for c in comparison.columns] == [None, None, "one", "two"]
    assert problems(page(ROW.format(title="Row"), ROW.format(title="Another"))) == []


@pytest.mark.parametrize(("front", "key_line", "problem", "fix"), [
    ("comparison:\n  concepts: [A, B]\n  essays:\n    three: X\n", "    three: X", "the essay 'three', which does not exist", "one, two"),
    ("comparison:\n  concepts: [A, B]\n  esays:\n    one: X\n", "  esays:", "unknown key 'esays'. Did you mean 'essays'?", "concepts, essays"),
    ("comparison:\n  concepts: A\n", "  concepts: A", "'concepts' must be a list", "concepts: [Alliance, Alignment]"),
    ("comparison:\n  essays: [one]\n", "  essays: [one]", "'essays' must map each essay's slug", "trenin-2019"),
    ("comparison: yes\n", "comparison: yes", "must list the page's concepts and essays", "concepts:"),
    ("comparison:\n  concepts: [A]\n", "comparison:", "declares 1 column.", "2 to 4 columns"),
    ("comparison:\n  concepts: [A, B, C]\n  essays:\n    one: X\n    two: Y\n", "comparison:", "declares 5 columns", "split"),
    ("comparison:\n  concepts: [A, B]\n  essays:\n    one: A\n", "comparison:", "two columns of the comparison are labelled 'A'", "own label"),
])
def test_a_bad_declaration_names_its_line_and_the_fix(front: str, key_line: str, problem: str, fix: str) -> None:
    source = f"---\n{front}---\n# Compare\n"
    with pytest.raises(EditorError) as info:
        declared(source)
    assert info.value.line == line_of(source, key_line), str(info.value)
    assert problem in info.value.problem and fix in info.value.fix, str(info.value)


def _broken(row: str, old: str, new: str) -> str:
    assert old in row
    return row.replace(old, new, 1)


GOOD = ROW.format(title="Good")


@pytest.mark.parametrize(("row", "at", "occurrence", "problem"), [
    (_broken(GOOD, "Alignment\n:   B.\n\n", ""), "## Good", 1, "section 'Good' has no cell 'Alignment'"),
    (GOOD + "Per essay three\n:   Extra.\n\n", "Per essay three", 1,
     "section 'Good' has a cell 'Per essay three' that the page does not declare. Did you mean 'Per essay two'?"),
    (_broken(GOOD, "Alignment\n:", "Alinement\n:"), "Alinement", 1, "a cell 'Alinement' that the page does not declare. Did you mean 'Alignment'?"),
    (GOOD + "Alliance\n:   Again.\n\n", "Alliance", 3, "has the cell 'Alliance' twice (first at line"),
    (_broken(GOOD, "Alliance\n:   A.\n\nAlignment\n:   B.", "Alignment\n:   B.\n\nAlliance\n:   A."), "Alignment", 2, "out of order"),
    (_broken(GOOD, "Alliance\n:   A.\n", "Alliance\n:   A.\n:   A again.\n"), ":   A again.", 1, "has more than one definition"),
    (_broken(GOOD, "Alliance\n:   A.\n\n", "A stray paragraph.\n\nAlliance\n:   A.\n\n"), "A stray paragraph.", 1, "holds text that is not a cell"),
    (_broken(GOOD, "Alliance\n:   A.\n", "Alliance\nAlignment\n:   A.\n"), "Alliance", 2, "has no definition of its own"),
])
def test_a_section_that_differs_from_the_declaration_names_its_line_and_the_expected_cells(row: str, at: str, occurrence: int,
                                                                                           problem: str) -> None:
    source = page(ROW.format(title="First"), row)
    found = problems(source)
    assert found, "no problem reported"
    first = found[0]
    assert problem in first.problem, [str(e) for e in found]
    assert first.file == "docs/c.md" and first.line == line_of(source, at, occurrence), str(first)
    if "not a cell" not in problem and "definition" not in problem:
        assert "Alliance, Alignment, Per essay one, Per essay two" in first.fix


def test_a_page_that_declares_a_comparison_needs_the_block() -> None:
    source = FRONT + "# Compare\n\nNo block.\n"
    [error] = check_sections(declared(source), source.split("---\n", 2)[2].split("\n"), "docs/c.md", 10)
    assert "has no comparison block" in error.problem and 'class="explainer-comparison"' in error.fix


def render(source: str, the_site: Site | None = None) -> BeautifulSoup:
    the_site = the_site or site()
    meta = yaml.safe_load(source.split("---\n")[1])
    body = source.split("---\n", 2)[2]
    comparison = page_comparison(the_site, meta.get("comparison"), "docs/c.md", source)
    the_site.page = PageContext(src="c.md", file="docs/c.md", essay=meta.get("essay"), comparison=comparison,
                                declares_comparison=comparison is not None, first_line=source.count("\n") - body.count("\n") + 1)
    md = markdown.Markdown(extensions=["def_list", "md_in_html", CitationExtension(the_site), ComparisonExtension(the_site)])
    return BeautifulSoup(fill_titles(md.convert(body), the_site.tooltips.attributes), "html.parser")


def test_a_bare_citation_in_an_essay_column_cites_that_columns_essay() -> None:
    soup = render(page(ROW.format(title="Row")))
    block = soup.select_one("div.explainer-comparison")
    assert block["style"] == "--explainer-columns: 4"
    cells = block.select("dl dd")
    assert [dt.get_text() for dt in block.select("dl dt")] == ["Alliance", "Alignment", "Per essay one", "Per essay two"]
    assert cells[2].a["href"] == "essays/one/index.md#p2"  # the page's essay
    assert cells[3].a["href"] == "essays/two/index.md#p3" and "Third of two." in cells[3].a["title"]  # the column's essay
    assert soup.find("p").a["href"] == "essays/one/index.md#p1"


def test_outside_the_essay_columns_a_bare_citation_on_a_page_of_several_essays_is_ambiguous() -> None:
    the_site = site()
    the_site.problems = Problems()
    render(page(ROW.format(title="Row").replace("Alliance\n:   A.", "Alliance\n:   A [[p1]].")), the_site)
    [error] = list(the_site.problems)
    assert "'[[p1]]' is ambiguous" in error.problem


def test_a_citation_beyond_the_columns_essay_is_reported_against_it() -> None:
    the_site = site()
    the_site.problems = Problems()
    render(page(ROW.format(title="Row").replace("Two says [[p3]]", "Two says [[p4]]")), the_site)
    [error] = list(the_site.problems)
    assert "essay 'two' has paragraphs p1 to p3 only" in error.problem


def test_a_comparison_block_without_a_declaration_is_an_error() -> None:
    with pytest.raises(EditorError) as info:
        render("---\nessay: one\n---\n<div class=\"explainer-comparison\" markdown>\n\n## Row\n\nA\n:   a\n\n</div>\n")
    assert info.value.line == 4 and "comparison:" in info.value.fix


def test_the_real_comparison_declares_its_columns_and_every_row_matches() -> None:
    source = PAGE.read_text(encoding="utf-8")
    meta = yaml.safe_load(source.split("---\n")[1])
    essays = meta["comparison"]["essays"]
    assert SLUG in essays and "Trenin" in essays[SLUG], "the essay's column names its essay"
    the_site = load_site(ROOT, ROOT / "docs", {})  # every essay a column may name
    comparison = page_comparison(the_site, meta["comparison"], "docs/alliance-vs-alignment.md", source)
    body = source.split("---\n", 2)[2]
    assert check_sections(comparison, body.split("\n"), "docs/alliance-vs-alignment.md", source.count("\n") - body.count("\n") + 1) == []


# --- whole builds ------------------------------------------------------------------------------------

def _edit_page(project: Path, old: str, new: str, count: int = 1) -> tuple[str, list[str]]:
    path = project / "docs" / "alliance-vs-alignment.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text, text.split("\n")


def test_a_section_with_a_missing_cell_stops_the_build_with_file_and_line(project: Path) -> None:
    _, lines = _edit_page(project, "\nAlignment\n:", "\nAlignmnt\n:")
    result = build(project)
    assert result.returncode != 0
    bad = lines.index("Alignmnt") + 1
    heading = max(i for i, line in enumerate(lines[:bad]) if line.startswith("## ")) + 1
    title = lines[heading - 1][3:]
    assert f"docs/alliance-vs-alignment.md:{bad}: section '{title}' has a cell 'Alignmnt' that the page does not declare." in result.output
    assert f"docs/alliance-vs-alignment.md:{heading}: section '{title}' has no cell 'Alignment'." in result.output
    assert "Fix: The cells of every section are, in this order: Alliance, Alignment" in result.output
    assert "Traceback" not in result.output


def test_a_section_with_an_extra_cell_stops_the_build_with_file_and_line(project: Path) -> None:
    _, lines = _edit_page(project, "\n## Obligation to defend\n", "\n## Obligation to defend\n\nNATO\n:   A fourth cell.\n")
    result = build(project)
    assert result.returncode != 0
    line = lines.index("NATO") + 1
    assert f"docs/alliance-vs-alignment.md:{line}: section 'Obligation to defend' has a cell 'NATO' that the page does not declare." \
        in result.output


def test_a_second_essays_column_builds_side_by_side_and_cites_its_essay(project: Path) -> None:
    add_fixture_essay(project)
    path = project / "docs" / "alliance-vs-alignment.md"
    source = path.read_text(encoding="utf-8")
    # the page's columns, and one for the fixture essay whose cells cite it with a bare [[p1]] (comparison_support)
    keep = [slug for slug in front_matter(source)["comparison"]["essays"] if slug != FIXTURE_ESSAY]
    label = "Per Jefferson (1801)"
    path.write_text(variant(source, keep, (FIXTURE_ESSAY, label)), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    soup = result.soup("alliance-vs-alignment/")
    block = soup.select_one("div.explainer-comparison")
    assert block["style"] == f"--explainer-columns: {2 + len(keep) + 1}"
    trenin = front_matter(source)["comparison"]["essays"][SLUG]
    for row in block.select("dl"):
        cells = dict(zip([dt.get_text() for dt in row.select("dt")], row.select("dd"), strict=True))
        assert list(cells)[-1] == label
        assert cells[label].a["href"] == f"../essays/{FIXTURE_ESSAY}/#p1"
        assert all(a["href"].startswith(f"../essays/{SLUG}/#p") for a in cells[trenin].select("a.explainer-cite"))


def test_make_check_reports_the_same_section_problems_and_column_citations() -> None:
    from explainer.validate import check_page
    found = Problems()
    source = page(ROW.format(title="Row").replace("Alignment\n:   B.\n\n", "").replace("Two says [[p3]]", "Two says [[p4]]"))
    check_page(site(), "docs/c.md", source, found)
    messages = [e.problem for e in found]
    assert any("section 'Row' has no cell 'Alignment'" in m for m in messages), messages
    assert any("essay 'two' has paragraphs p1 to p3 only" in m for m in messages), messages  # [[p4]] checked against its column
