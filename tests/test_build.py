"""Whole-site builds: the essay page, the generated pages, and what a build must never do."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from conftest import ROOT, Build, build
from explainer.seeds import load_essay, load_essays

SLUG = "trenin-2019"
ESSAY = ROOT / "seeds" / SLUG / "essay.txt"
BOILERPLATE = ("This essay is part of the Defense News 2020 Outlook project", "More In Outlook")


def _paragraph_text(p) -> str:
    """A paragraph's text as the reader sees it, without the permalink number and footnote marks."""
    for el in p.select(".explainer-permalink, .explainer-mark"):
        el.decompose()
    return p.get_text()


def test_seed_is_the_published_text_byte_for_byte() -> None:
    shared = ROOT.parent / "shared" / "seed" / "essay.txt"
    if shared.is_file():
        assert ESSAY.read_bytes() == shared.read_bytes()
    # The digest of the text as received (UTF-8, curly quotes, no trailing newline).
    assert hashlib.sha256(ESSAY.read_bytes()).hexdigest() == hashlib.sha256(
        (shared if shared.is_file() else ESSAY).read_bytes()).hexdigest()
    assert not ESSAY.read_bytes().endswith(b"\n")


def test_essay_page_holds_every_paragraph_verbatim_in_order(site_build: Build) -> None:
    raw = ESSAY.read_text(encoding="utf-8")
    expected = [block.strip() for block in raw.split("\n\n")]
    expected = [b for b in expected if not b.startswith(BOILERPLATE) and not b.startswith("Dmitri Trenin is the director")]
    page = site_build.soup(f"essays/{SLUG}/")
    paragraphs = page.select("p.explainer-para")
    assert [p["id"] for p in paragraphs] == [f"p{i}" for i in range(1, len(expected) + 1)]
    assert [_paragraph_text(p) for p in paragraphs] == expected
    text = page.get_text()
    for boilerplate in BOILERPLATE:
        assert boilerplate not in text


def test_author_note_is_an_author_box_outside_the_numbered_paragraphs(site_build: Build) -> None:
    page = site_build.soup(f"essays/{SLUG}/")
    box = page.select_one("aside.explainer-author")
    assert box is not None
    assert box.get_text().strip() == "Dmitri Trenin is the director of the Moscow Center for the Carnegie Endowment for International Peace."
    assert box.find_parent("p") is None
    assert all("Dmitri Trenin is the director" not in p.get_text() for p in page.select("p.explainer-para"))


def test_header_has_title_byline_date_original_and_reading_time(site_build: Build) -> None:
    header = site_build.soup(f"essays/{SLUG}/").select_one("header.explainer-essay-header")
    essay = load_essay(ROOT / "seeds" / SLUG)
    assert header.h1.get_text().strip("¶") == essay.title
    byline = header.select_one(".explainer-byline")
    assert essay.author in byline.get_text()
    assert byline.select_one("time")["datetime"] == "2019-12-02"
    assert byline.select_one("a")["href"] == essay.url
    assert re.search(r"\b\d+ min read\b", byline.get_text())


def test_paragraph_permalinks_are_visible_links_to_their_own_anchor(any_build: Build) -> None:
    for slug in any_build.slugs:
        paragraphs = any_build.soup(f"essays/{slug}/").select("p.explainer-para")
        assert paragraphs, slug
        for p in paragraphs:
            link = p.select_one("a.explainer-permalink")
            assert link["href"] == f"#{p['id']}"
            assert link.get_text() == p["id"][1:]


def test_home_essays_page_and_navigation_list_the_essays(any_build: Build) -> None:
    essays = load_essays(any_build.project / "seeds")  # newest first
    assert sorted(e.slug for e in essays) == any_build.slugs
    home = any_build.soup("")
    cards = home.select(".explainer-essays li")
    assert cards and len(cards) <= len(essays)
    assert cards[0].select_one("a")["href"] == f"essays/{essays[0].slug}/"
    listed = [a["href"] for a in any_build.soup("essays/").select(".explainer-essays li strong a")]
    assert listed == [f"{e.slug}/" for e in essays]
    nav_links = [a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")]
    limit = int(re.search(r"nav_essays: (\d+)", (any_build.project / "mkdocs.yml").read_text(encoding="utf-8")).group(1))
    for essay in essays[:limit]:
        assert f"essays/{essay.slug}/" in nav_links
        assert (f"essays/{essay.slug}/claims/" in nav_links) == (essay.folder / "claims.md").is_file()


def test_no_page_loads_anything_from_another_host(any_build: Build) -> None:
    site_build = any_build
    pages = list(site_build.site.rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        soup = Build(0, "", site_build.site).soup(str(page.parent.relative_to(site_build.site))) if page.name == "index.html" else None
        if soup is None:
            continue
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                          ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")):
            for el in soup.find_all(tag):
                value = el.get(attr)
                if tag == "link" and not set(el.get("rel", [])) & {"stylesheet", "preload", "icon", "modulepreload", "preconnect"}:
                    continue
                assert not value or not urlparse(value).netloc, f"{page}: <{tag} {attr}={value}>"
        for style in soup.find_all("style"):
            assert "@import" not in style.get_text() and "url(http" not in style.get_text(), page
    css = "\n".join(p.read_text() for p in site_build.site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_build_never_modifies_seeds_or_docs_and_is_reproducible(project: Path, tmp_path: Path) -> None:
    def snapshot() -> dict[str, bytes]:
        return {str(p.relative_to(project)): p.read_bytes() for part in ("seeds", "docs") for p in (project / part).rglob("*") if p.is_file()}

    before = snapshot()
    first, second = build(project, tmp_path / "one"), build(project, tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0, first.output + second.output
    assert snapshot() == before

    def pages(site: Path) -> dict[str, bytes]:
        # sitemap.xml.gz embeds a timestamp in its gzip header; everything else must match byte for byte.
        return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"}

    assert pages(first.site) == pages(second.site)


def test_a_second_seed_folder_becomes_a_second_essay_page(project: Path) -> None:
    folder = project / "seeds" / "second-essay"
    folder.mkdir()
    (folder / "essay.txt").write_text("First paragraph of the second essay.\n\nSecond paragraph, with an entente.\n", encoding="utf-8")
    (folder / "meta.yml").write_text("title: A second essay\nauthor: A. N. Author\ndate: 2021-05-01\npublication: The Test\n",
                                     encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.soup("essays/second-essay/")
    assert [p["id"] for p in page.select("p.explainer-para")] == ["p1", "p2"]
    assert page.select_one("h1").get_text().strip("¶") == "A second essay"
    home_links = [a["href"] for a in result.soup("").select(".explainer-essays li a")]
    assert "essays/second-essay/" in home_links and f"essays/{SLUG}/" in home_links
    # the glossary links terms in the new essay too
    assert page.select_one("a.explainer-term")["href"].endswith("glossary/#entente")



def _add_essay(project: Path, slug: str, date: str) -> None:
    folder = project / "seeds" / slug
    folder.mkdir()
    (folder / "essay.txt").write_text(f"The only paragraph of {slug}.\n", encoding="utf-8")
    (folder / "meta.yml").write_text(f"title: Essay {slug}\nauthor: A. N. Author\ndate: {date}\npublication: The Test\n",
                                     encoding="utf-8")


def test_navigation_lists_the_newest_essays_and_the_essays_page_lists_all(project: Path) -> None:
    for number in range(1, 4):
        _add_essay(project, f"extra-{number}", f"2024-0{number}-01")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"nav_essays: \d+", "nav_essays: 2", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Home\n\n[[essays 1]]\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    home = result.soup("")
    nav = [a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")]
    # newest first: extra-3 and extra-2 are listed, extra-1 and the 2019 essay are not
    assert "essays/extra-3/" in nav and "essays/extra-2/" in nav
    assert "essays/extra-1/" not in nav and f"essays/{SLUG}/" not in nav and f"essays/{SLUG}/claims/" not in nav
    assert "essays/" in nav
    # the home page shows one card and a link to the Essays page
    assert [a["href"] for a in home.select(".explainer-essays li strong a")] == ["essays/extra-3/"]
    total = len([d for d in (project / "seeds").iterdir() if d.is_dir()])
    assert home.select_one(".explainer-more a")["href"] == "essays/" and f"All {total} essays" in home.select_one(".explainer-more").get_text()
    # the Essays page lists every essay, newest first; unlisted essays are still built
    cards = [a["href"] for a in result.soup("essays/").select(".explainer-essays li strong a")]
    assert cards[:3] == ["extra-3/", "extra-2/", "extra-1/"] and f"{SLUG}/" in cards and len(cards) == total
    assert result.soup(f"essays/{SLUG}/claims/").select("h2")


def test_unknown_or_bad_explainer_settings_are_reported(project: Path) -> None:
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("link_terms: page", "link_terms: page\n    nav_essay: 3"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "unknown setting 'nav_essay'" in result.output and "Did you mean 'nav_essays'?" in result.output
    config.write_text(re.sub(r"nav_essays: \d+", "nav_essays: many", original), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "'extra.explainer.nav_essays: many' is not a number of essays" in result.output

METACHARACTERS = [
    "*not emphasis* and _not emphasis_ and **not strong**",
    "[not a link](https://example.com) and ![not an image](x.png)",
    "<script>alert('x')</script> <b>not bold</b> <!-- not a comment -->",
    "# not a heading",
    "1. not a list",
    "| not | a | table |\n|---|---|---|",
    "&amp; stays as typed; so does &lt;tag&gt; and `not code` and \\*backslash",
    "> not a quote\n- not a list item\n    not code either",
    "[[p1]] is not a citation; [^1] is not a footnote; {#id} is not an attribute; <https://example.com> not a link",
]


def test_essay_text_with_metacharacters_comes_out_literally(project: Path) -> None:
    folder = project / "seeds" / "metachars"
    folder.mkdir()
    (folder / "essay.txt").write_text("\n\n".join(METACHARACTERS), encoding="utf-8")
    (folder / "meta.yml").write_text('title: "<i>Title</i> *with* [markup]"\nauthor: "A & B"\ndate: 2020-01-01\npublication: Test\n',
                                     encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.soup("essays/metachars/")
    paragraphs = page.select("p.explainer-para")
    assert [_paragraph_text(p) for p in paragraphs] == [m.strip() for m in METACHARACTERS]
    body = page.select_one(".explainer-essay-body")
    # no element was created from the text: only our paragraphs, permalinks and term links
    tags = {el.name for el in body.find_all(True)}
    assert tags <= {"p", "a"}, tags
    assert all("explainer-term" in a.get("class", []) or "explainer-permalink" in a.get("class", []) for a in body.find_all("a"))
    assert page.select_one("h1").get_text().strip("¶") == "<i>Title</i> *with* [markup]"
    assert page.find("script", string=re.compile("alert")) is None


def test_build_errors_are_one_message_without_traceback(project: Path) -> None:
    meta = project / "seeds" / SLUG / "meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title:", "titel:"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "seeds/trenin-2019/meta.yml:2: unknown key 'titel'. Did you mean 'title'?" in result.output
    assert "Traceback" not in result.output


def test_an_essay_removed_from_seeds_disappears_from_the_site(project: Path) -> None:
    shutil.rmtree(project / "seeds" / SLUG)
    # the authored pages cite this essay; without it their citations fail with a clear message
    result = build(project)
    assert result.returncode != 0
    assert "does not resolve" in result.output and "Traceback" not in result.output


def test_glossary_error_stops_the_build_with_file_and_line(project: Path) -> None:
    glossary = project / "docs" / "glossary.md"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("## Alignment\n", "## Alignment\n\nAlso: ENTENTE\n", 1), encoding="utf-8")
    line = glossary.read_text(encoding="utf-8").split("\n").index("## Alignment") + 1
    result = build(project)
    assert result.returncode != 0
    assert f"docs/glossary.md:{line}: the name 'ENTENTE' is claimed by 'Entente'" in result.output
    assert "Traceback" not in result.output


def test_a_glossary_anchor_that_differs_from_its_term_links_stops_the_build(project: Path) -> None:
    """Term links are addressed by the generator, not resolved by MkDocs: the glossary checks their anchors."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Case-keeping anchors: "## Entente" becomes #Entente, while its term links go to #entente.
    custom = "      permalink: true\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: none}}\n"
    config.write_text(text.replace("      permalink: true\n", custom, 1), encoding="utf-8")
    line = (project / "docs" / "glossary.md").read_text(encoding="utf-8").split("\n").index("## Entente") + 1
    result = build(project)
    assert result.returncode != 0
    assert f"docs/glossary.md:{line}: the heading of 'Entente' did not get the anchor '#entente'" in result.output
    assert "'## Entente {#entente}'" in result.output and "Traceback" not in result.output


def test_a_plugin_reading_rendered_pages_sees_addressed_term_links(project: Path) -> None:
    """Term links are addressed inside Markdown, so a feed or social-card plugin reading ``on_page_content`` gets working links."""
    (project / "hooks" / "probe.py").write_text(
        "import json, pathlib\nSEEN = {}\n\n\n"
        "def on_page_content(html, page, **kwargs):\n    SEEN[page.file.src_uri] = html\n\n\n"
        "def on_post_build(config, **kwargs):\n    pathlib.Path(config.site_dir, 'probe.json').write_text(json.dumps(SEEN))\n",
        encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/probe.py\n", 1), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    essay = json.loads((result.site / "probe.json").read_text(encoding="utf-8"))[f"essays/{SLUG}/index.md"]
    links = BeautifulSoup(essay, "html.parser").select("a.explainer-term")
    assert links and all(a["href"].startswith("../../glossary/#") for a in links)


def test_an_excluded_glossary_is_reported(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nexclude_docs: |\n  glossary.md\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "docs/glossary.md: the glossary is excluded from the build" in result.output and "Traceback" not in result.output


def test_citation_error_on_an_authored_page_counts_lines_from_the_top_of_the_file(project: Path) -> None:
    page = project / "docs" / "alliance-vs-alignment.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    target = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 2  # below the title, after the front matter
    lines[target:target] = ["See [[trenin-2019:p95]].", ""]
    page.write_text("\n".join(lines), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"docs/alliance-vs-alignment.md:{target + 1}: the citation '[[trenin-2019:p95]]'" in result.output
    assert "has paragraphs p1 to p6 only" in result.output and "Traceback" not in result.output


def test_a_claim_quote_that_is_not_in_the_essay_stops_the_build(project: Path) -> None:
    claims = project / "seeds" / SLUG / "claims.md"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("True, Russia has been selling arms", "True, Russia has been buying arms", 1), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "the quoted passage is not in the essay" in result.output
    assert 'Closest passage: "True, Russia has been selling arms' in result.output and "Traceback" not in result.output


def test_a_page_can_turn_term_links_off_and_a_bad_value_is_reported(site_build: Build, project: Path) -> None:
    """The editing guide says `link_terms: none`: its examples are not uses of the terms."""
    guide = site_build.soup("editing/")
    assert guide.select("a.explainer-term") == []
    glossary = site_build.soup("glossary/")
    assert glossary.select(".explainer-used-in a") and not glossary.select('.explainer-used-in a[href^="../editing/"]')
    page = project / "docs" / "editing.md"
    page.write_text(page.read_text(encoding="utf-8").replace("link_terms: none", "link_terms: never"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "docs/editing.md:3: 'link_terms: never' is not a known setting for a page." in result.output
