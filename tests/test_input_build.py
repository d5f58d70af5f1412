"""Editor input through a whole build: the mistakes of issue #13 give one message, never a traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import build

SLUG = "trenin-2019"
BOM = b"\xef\xbb\xbf"


def test_a_byte_order_mark_is_accepted_in_every_file_the_build_reads(project: Path) -> None:
    files = [*(project / "seeds").glob("*/*.*"), *(project / "docs").rglob("*.md")]
    assert any(f.name == "claims.md" for f in files) and any(f.name == "glossary.md" for f in files)
    for path in files:
        path.write_bytes(BOM + path.read_bytes())
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.soup(f"essays/{SLUG}/")
    assert page.select("a.explainer-term") and page.select(".explainer-mark")
    assert "\ufeff" not in (result.site / "glossary" / "index.html").read_text(encoding="utf-8")


def test_an_impossible_date_in_the_metadata_is_one_message_without_traceback(project: Path) -> None:
    meta = project / "seeds" / SLUG / "meta.yml"
    lines = meta.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("date:"))
    lines[number - 1] = "date: 2019-02-30"
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"seeds/{SLUG}/meta.yml:{number}: '2019-02-30' is written as a date, but there is no such day" in result.output
    assert "Fix: Write a real date" in result.output and "Traceback" not in result.output


def test_claim_titles_in_any_script_get_anchors_and_escaped_braces_show(project: Path) -> None:
    claims = project / "seeds" / SLUG / "claims.md"
    text = claims.read_text(encoding="utf-8")
    text = text.replace("## Arms sales since 1992 {#arms-sales-1992}", "## Путин в Валдае")
    text = text.replace("## Training together {#joint-exercises}", "## 中国")
    text = text.replace("## Beijing's interest in Russian weapons {#advanced-systems}", "## Weapons \\{after 2014}")
    claims.write_text(text, encoding="utf-8")
    result = build(project)  # strict, with MkDocs' anchor validation
    assert result.returncode == 0, result.output
    register = result.soup(f"essays/{SLUG}/claims/")
    titles = {h["id"]: h.get_text().split(". ", 1)[-1].rstrip("¶") for h in register.select("h2[id]")}
    assert titles["путин-в-валдае"] == "Путин в Валдае" and titles["中国"] == "中国"
    assert titles["weapons-after-2014"] == "Weapons {after 2014}"
    page = result.soup(f"essays/{SLUG}/")
    links = {a["href"].split("#")[1] for a in page.select(".footnote a.explainer-register-link")}
    assert {"путин-в-валдае", "中国", "weapons-after-2014"} <= links
    notes = {li["id"] for li in page.select(".footnote li[id]")}
    assert {"fn:claim-путин-в-валдае", "fn:claim-中国"} <= notes
    marks = {a["href"] for a in page.select(".explainer-mark a")}
    assert {"#fn:claim-путин-в-валдае", "#fn:claim-中国"} <= marks


def test_terms_with_punctuation_and_decomposed_text_are_linked_and_the_text_kept(project: Path) -> None:
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n## D\u00e9tente\n\nAn easing of tension.\n\n"
                        "## U.S.\n\nThe United States.\n\n## C++\n\nA language.\n", encoding="utf-8")
    folder = project / "seeds" / "nfd-essay"
    folder.mkdir()
    text = "A de\u0301tente with the U.S. and US C; C++ wrote U.S.A.\n"
    (folder / "essay.txt").write_text(text, encoding="utf-8")
    (folder / "meta.yml").write_text("title: NFD\nauthor: A. N. Author\ndate: 2021-05-01\npublication: The Test\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.soup("essays/nfd-essay/")
    links = [(a.get_text(), a["href"].split("#")[1]) for a in page.select("p#p1 a.explainer-term")]
    assert links == [("de\u0301tente", "detente"), ("U.S.", "us"), ("C++", "c")]
    assert page.select_one("p#p1").get_text().endswith(text.strip())  # the decomposed characters as written


def test_a_quote_with_an_invisible_character_names_it_in_one_message(project: Path) -> None:
    claims = project / "seeds" / SLUG / "claims.md"
    lines = claims.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("> True, Russia has been selling arms"))
    lines[number - 1] = lines[number - 1].replace("selling arms", "selling\u200b arms")
    claims.write_text("\n".join(lines), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    column = lines[number - 1].index("\u200b") + 1
    assert (f"seeds/{SLUG}/claims.md:{number}: the quote has the invisible character U+200B ZERO WIDTH SPACE "
            f"at column {column}") in result.output
    assert "Fix: Delete it" in result.output and "Traceback" not in result.output


def test_a_key_written_twice_in_a_pages_front_matter_is_one_message(project: Path) -> None:
    page = project / "docs" / "editing.md"
    source = page.read_text(encoding="utf-8")
    assert source.startswith("---\n")
    page.write_text("---\nlink_terms: all\n" + source[4:], encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "docs/editing.md:" in result.output and "the key 'link_terms' is written twice (first at line 2)" in result.output
    assert "Traceback" not in result.output
