"""Issue 13, property: any essay text and metadata come out as text, everywhere.

Hypothesis writes essays (paragraphs) and ``meta.yml`` values from an alphabet
rich in markup and template metacharacters, character references, strings
shaped like every internal marker (ours and Python-Markdown's), right-to-left,
combining and invisible characters; each example is one strict build. Then:

(a) every paragraph on the essay page reads as its input (as the pipeline
    documents: each paragraph stripped of surrounding whitespace);
(b) nothing became an element or attribute: the essay page, the navigation of
    other pages, ``<title>``, the description and the search index read back as
    the input, and no element or attribute the hostile pieces name exists.

The tooltips are checked in Chromium by ``browser/test_browser_tooltip_text.py``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SLUG = "property-essay"
# Pieces that would be markup, entities, placeholders or template syntax if anything read them so.
PIECES = [
    "<", ">", "&", '"', "'", "*", "_", "[", "]", "(", ")", "#", "|", "\\", "`", "{", "}", "%", "/", "!",
    "&amp;", "&#x3C;", "&lt;b&gt;", "&copy", "<zqx-tag data-zqx-attr=1>", "</zqx-tag>", "<b>", "</title>",
    '<img src=zqx onerror="window.__pwned=1">', "<script>window.__pwned=2</script>", "<!--", "-->",
    "{{ config.site_name }}", "{% if x %}", "%%explainer-essay trenin-2019%%", "%%explainer-register x%%",
    "///Footnotes Go Here///", "[[essays]]", "[[p1]]", "[^1]", "{#zqx .cls}", "explainer-0123456789abcdef-essay",
    "wzxhzdk:0", "**bold**", "`code`", "# heading", "1. ", "| a | b |",
    "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0633\u0644\u0627\u0645", "\u202e", "\u202c", "\u200f",  # right-to-left
    "e\u0301", "\u0301", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00a0",  # combining, invisible
    "entente", "alliance", " ", "a", "Z", "9",
]
HOSTILE_TAGS = ["zqx-tag", "script", "img", "b", "title"]


def _text(pieces: list[str]) -> str:
    return "".join(pieces)


# One line of text with something visible in it (paragraphs are separated by blank lines).
line = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(_text).filter(lambda s: s.strip() != "")
metadata = st.fixed_dictionaries({
    "title": line, "author": line, "publication": line, "summary": line,
}, optional={"series": line, "note": line})


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("property") / "project")


def _write(project: Path, paragraphs: list[str], meta: dict[str, str]) -> None:
    folder = project / "seeds" / SLUG
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "essay.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    # JSON is YAML: every value a double-quoted string, escapes and all; the newest essay, so in every navigation.
    lines = [f"{key}: {json.dumps(value)}" for key, value in meta.items()]
    (folder / "meta.yml").write_text("\n".join([*lines, "date: 2100-01-01"]) + "\n", encoding="utf-8")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _no_hostile_markup(soup: BeautifulSoup, where: str) -> None:
    assert not soup.find_all(HOSTILE_TAGS[0]), where
    assert not soup.select('img[src="zqx"], [data-zqx-attr], [onerror]'), where
    # data for scripts (JSON-LD) may hold the text, escaped; no script that runs may
    assert not [s for s in soup.find_all("script") if s.get("type") in (None, "text/javascript", "module")
                and "__pwned" in (s.string or "")], where


def _paragraph_text(p) -> str:
    for mark in p.select(".explainer-permalink, .explainer-mark"):
        mark.decompose()
    return p.get_text()


def _check(result: Build, paragraphs: list[str], meta: dict[str, str]) -> None:
    assert result.returncode == 0, result.output
    title, summary = meta["title"].strip(), meta["summary"].strip()
    page = _soup(result.site / "essays" / SLUG / "index.html")
    # (a) every paragraph as written
    # as essay.txt is read: a byte order mark opening the file is not text; each paragraph is stripped
    expected = [p.strip() for p in [paragraphs[0].removeprefix("\ufeff"), *paragraphs[1:]]]
    assert [_paragraph_text(p) for p in page.select("p.explainer-para")] == expected
    # (b) the header, <title> and description read back as the metadata
    header = page.select_one(".explainer-essay-header")
    assert header.select_one("h1").get_text().removesuffix("¶") == title
    byline = header.select_one(".explainer-byline").get_text()
    assert byline.startswith(f"By {meta['author'].strip()} · {meta['publication'].strip()}")
    if meta.get("series"):
        assert f", {meta['series'].strip()} · " in byline
    if meta.get("note"):
        assert header.select_one(".explainer-edition-note").get_text() == meta["note"].strip()
    assert page.title.get_text() == f"{title} - Explainer"
    assert page.select_one('meta[name="description"]')["content"] == summary
    # every page's navigation names the essay, and no page holds an element made from the text
    for file in [*result.site.rglob("index.html"), result.site / "404.html"]:
        soup = _soup(file)
        _no_hostile_markup(soup, str(file))
        names = [" ".join(a.get_text().split()) for a in soup.select("nav.md-nav--primary .md-nav__link")]
        assert " ".join(title.split()) in names, file
    # the home page's card
    home = _soup(result.site / "index.html")
    card = next(li for li in home.select(".explainer-essays li") if li.select_one("strong a")["href"] == f"essays/{SLUG}/")
    assert card.select_one("strong a").get_text() == title and summary in card.get_text()
    # the search index: titles and texts are HTML that reads back as the input, with no element of its own
    docs = json.loads((result.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = [d for d in docs if d["location"].startswith(f"essays/{SLUG}/")]
    assert entries
    for entry in entries:
        entry_title, entry_text = BeautifulSoup(entry["title"], "html.parser"), BeautifulSoup(entry["text"], "html.parser")
        assert not entry_title.find_all(True), entry
        assert {el.name for el in entry_text.find_all(True)} <= {"p", "a", "span", "strong", "em", "code"}, entry
        _no_hostile_markup(entry_text, "search index")
    assert BeautifulSoup(entries[0]["title"], "html.parser").get_text() == title


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(paragraphs=st.lists(line, min_size=1, max_size=4), meta=metadata)
def test_any_essay_and_metadata_come_out_as_text(base: Path, paragraphs: list[str], meta: dict[str, str]) -> None:
    _write(base, paragraphs, meta)
    _check(build(base), paragraphs, meta)
