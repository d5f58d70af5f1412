"""The search indexer reads a lean copy of each page (explainer.searchview): the index must not change.

Two ways: Material's own HTML parser gives the same sections for any page and its
lean copy (Hypothesis builds pages from our links, whitespace of every kind, headings,
``pre``, excluded elements and stray raw HTML); and a whole site's ``search_index.json``
is byte for byte the one built without the lean copy, front matter's ``search:`` honoured.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import explainer.searchview as searchview
import pytest
from explainer import searchparts
from explainer.searchparts import SectionParts, whole
from explainer.searchview import lean, toc_finder
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import add_fixture_essay, copy_project


def sections(page_html: str) -> list[tuple]:
    """What Material's search plugin keeps of a page: each section's tag, id, title and text."""
    return described(whole(page_html))


def described(data: list) -> list[tuple]:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text, s.is_excluded()) for s in data]


TERM = '<a class="explainer-term" data-explainer-title="term:{key}" href="../glossary/#{key}">{text}</a>'
CITE = '<a class="explainer-cite explainer-cite--number" data-explainer-title="cite:x:{key}" href="#p{key}">{text}</a>'
BADGE = '<strong class="explainer-kind explainer-kind--fact" title="a checkable statement">{text}</strong>'
OUTCOME = '<strong class="explainer-outcome explainer-outcome--pending">{text}</strong>'
PERMALINK = ('<p class="explainer-para" id="p{n}"><a aria-label="Paragraph {n}" class="explainer-permalink" '
             'data-search-exclude="" href="#p{n}" title="Link to paragraph {n}">{n}</a>')

gaps = st.sampled_from(["", " ", "  ", "\n", " \n ", "\t", "&amp; ", "&lt;b&gt;", ", ", " \u05e9\u05dc\u05d5\u05dd "])
words = st.text(st.sampled_from("abz AZ\u00e9e\u0301\u05e9\u05dc.,;'\u2019-\u00b6\u00a0\n"), min_size=1, max_size=12)


@st.composite
def inline(draw) -> str:
    """Running text with our links, as a paragraph holds it."""
    out = [draw(gaps)]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["term", "cite", "badge", "outcome", "word", "raw"]))
        text = draw(words).strip() or "x"
        if kind == "term":
            out.append(TERM.format(key=draw(st.sampled_from(["entente", "a-b"])), text=text))
        elif kind == "cite":
            out.append(CITE.format(key=draw(st.integers(1, 9)), text=text))
        elif kind == "badge":
            out.append(BADGE.format(text=text))
        elif kind == "outcome":
            out.append(OUTCOME.format(text=text))
        elif kind == "raw":
            out.append(draw(st.sampled_from(["<em>", "</em>", "<strong>x</strong>", "<code>c</code>", "<br>"])))
        else:
            out.append(text)
        out.append(draw(gaps))
    return "".join(out)


@st.composite
def page(draw) -> str:
    blocks = []
    for n in range(1, draw(st.integers(1, 6)) + 1):
        kind = draw(st.sampled_from(["para", "p", "heading", "pre", "excluded", "li", "bare", "excluded-a", "excluded-strong"]))
        body = draw(inline())
        if kind == "para":
            blocks.append(PERMALINK.format(n=n) + body + "</p>")
        elif kind == "heading":
            level = draw(st.integers(1, 3))
            blocks.append(f'<h{level} id="h{n}">{body}<a class="headerlink" href="#h{n}" title="Link">&para;</a></h{level}>')
        elif kind == "pre":
            blocks.append(f"<pre><code>{body}</code></pre>")
        elif kind == "excluded":
            blocks.append(f'<div data-search-exclude=""><p>{body}</p></div>')
        elif kind == "li":
            blocks.append(f"<ul>\n<li>{body}</li>\n</ul>")
        elif kind == "excluded-a":  # Material's parser ends the exclusion at any </a> inside it
            blocks.append(f'<p><a title="x>y" data-search-exclude="" href="#">{body}</a> after</p>')
        elif kind == "excluded-strong":
            blocks.append(f'<p><strong data-search-exclude="">{body}</strong> after</p>')
        elif kind == "bare":
            blocks.append(body)
        else:
            blocks.append(f"<p>{body}</p>")
    wrap = draw(st.sampled_from(["{}", '<div class="explainer-essay">{}</div>', "<div><div>{}</div> tail</div>"]))
    return wrap.format("\n".join(blocks))


@given(page())
def test_the_search_parser_keeps_the_same_of_a_page_and_its_lean_copy(page_html: str) -> None:
    assert sections(lean(page_html)) == sections(page_html)


def test_the_lean_copy_leaves_out_our_links_permalinks_and_badges() -> None:
    page_html = (PERMALINK.format(n=3) + BADGE.format(text="Fact") + " An " + TERM.format(key="entente", text="entente")
                 + ", see " + CITE.format(key=2, text="¶2") + ".</p>")
    lean_html = lean(page_html)
    assert "<a " not in lean_html and "<strong" not in lean_html
    assert "entente" in lean_html and "¶2" in lean_html and "Fact" in lean_html
    assert sections(lean_html) == sections(page_html)


def test_a_page_with_an_excluded_link_of_its_own_is_read_as_it_is() -> None:
    page_html = '<p><a data-search-exclude="" href="#">hidden ' + TERM.format(key="entente", text="entente") + " still hidden</a></p>"
    assert lean(page_html) == page_html


def _index(project: Path, site: Path) -> list[dict]:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_a_site_is_indexed_as_it_would_be_without_the_lean_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    add_fixture_essay(project)
    (project / "docs" / "boosted.md").write_text("---\nsearch:\n  boost: 2\n---\n# Boosted\n\nAn entente here.\n", encoding="utf-8")
    (project / "docs" / "unsearched.md").write_text("---\nsearch:\n  exclude: true\n---\n# Unsearched\n\nAn entente.\n", encoding="utf-8")
    logging.disable(logging.WARNING)
    try:
        calls: list[str] = []
        real_lean = searchview.lean
        monkeypatch.setattr(searchview, "lean", lambda html: calls.append(html) or real_lean(html))
        with_lean = _index(project, tmp_path / "lean")
        monkeypatch.setattr(searchview, "lean", lambda html: html)
        monkeypatch.setattr(searchview, "toc_finder", materials_toc_finder)  # Material's own walk
        without = _index(project, tmp_path / "full")
    finally:
        logging.disable(logging.NOTSET)
    assert calls and any('class="explainer-term"' in html for html in calls)  # the lean copy was what got indexed
    assert with_lean == without
    assert any(entry.get("boost") == 2 for entry in with_lean if entry["location"].startswith("boosted/"))
    assert not any(entry["location"].startswith("unsearched/") for entry in with_lean)
    assert any(entry["location"].startswith("essays/") for entry in with_lean)


def materials_toc_finder(_toc):
    """Material's ``_find_toc_by_id``, as the plugin itself calls it."""
    index = SearchIndex()
    return lambda toc, id: SearchIndex._find_toc_by_id(index, toc, id)


class TocItem:
    def __init__(self, id: str, children: list[TocItem]) -> None:
        self.id, self.children = id, children


ids = st.sampled_from(["a", "b", "c", "p1", "glossary"])
tocs = st.recursive(st.just([]), lambda inner: st.lists(st.builds(TocItem, ids, inner), max_size=4), max_leaves=20)


@given(tocs)
def test_the_table_of_contents_lookup_answers_as_materials(toc: list[TocItem]) -> None:
    """The first item in document order with the id, or None, as Material's walk from the top finds it."""
    ours, theirs = toc_finder(toc), materials_toc_finder(toc)
    for id in ["a", "b", "c", "p1", "glossary", "missing", None]:
        assert ours(toc, id) is theirs(toc, id)


@st.composite
def long_page(draw) -> str:
    """Sections as Python-Markdown writes them (a heading with an id, on a line of its own or right
    after the last section's end), some ending inside something still open where the next starts."""
    page_html = draw(page())
    for n in range(draw(st.integers(1, 7))):
        level = draw(st.integers(2, 4))
        heading = f'<h{level} id="s{n}">{draw(inline())}<a class="headerlink" href="#s{n}" title="Link">&para;</a></h{level}>'
        left_open = draw(st.sampled_from(["", "", "", "<!-- c -->", "<br>", "<div>", "<!-- ", "<script>",
                                          '<div data-search-exclude="">', "&amp", "<p>x"]))
        page_html += left_open + draw(st.sampled_from(["\n", "", " "])) + heading + "\n" + draw(page())
    return page_html


@settings(deadline=None)  # pages of up to 40 sections, each parsed twice
@given(st.lists(long_page(), min_size=1, max_size=3))
def test_a_long_page_parsed_in_parts_gives_materials_sections(pages: list[str]) -> None:
    """Whatever the page, and whatever was kept of the last one: the sections Material's parser gives."""
    parts = SectionParts(min_parts=2)
    for page_html in [*pages, *pages, pages[0] + "\n" + pages[-1]]:
        try:
            expected = described(whole(page_html))
        except ValueError:  # Material's parser fails on some broken markup: so must the parts
            with pytest.raises(ValueError):
                parts.sections("page.md", page_html)
            continue
        assert described(parts.sections("page.md", page_html)) == expected


def test_only_the_parts_that_changed_are_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [f'<h2 id="t{n}">Term {n}</h2>\n<p>Definition {n}, with {TERM.format(key="a-b", text="a link")}.</p>' for n in range(30)]
    page_html = "<p>Intro.</p>\n" + "\n".join(entries)
    parts = SectionParts()
    parsed: list[str] = []
    real_part = searchparts._part
    monkeypatch.setattr(searchparts, "_part", lambda text, **kw: parsed.append(text) or real_part(text, **kw))
    assert described(parts.sections("glossary.md", page_html)) == described(whole(page_html))
    assert len(parsed) == 31
    parsed.clear()
    reworded = page_html.replace("Definition 7,", "A reworded definition 7,")
    assert described(parts.sections("glossary.md", reworded)) == described(whole(reworded))
    assert len(parsed) == 1 and "A reworded definition 7" in parsed[0]
    # A short page is parsed whole, as Material does.
    parsed.clear()
    assert described(parts.sections("short.md", "\n".join(entries[:3]))) == described(whole("\n".join(entries[:3])))
    assert parsed == []
