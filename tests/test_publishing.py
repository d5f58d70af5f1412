"""Publishing (issue 17): descriptions, share cards, JSON-LD, feeds, "cite this", annotations, robots.txt."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURE_ESSAY, FIXTURES, ROOT, Build, build
from explainer.errors import EditorError
from explainer.publishing.citation import bibtex, split_name, tex
from explainer.publishing.edition import load_publisher, modified_dates
from explainer.publishing.plain import markdown_text
from explainer.seeds import load_essays
from explainer.site import load_essay_with_claims
from explainer.text import normalise
from publishing_support import anchoring_problems, essay_text, expand, page_jsonld, schema_problems

SLUG = "trenin-2019"
HOSTILE = '<script>alert("x")</script> &amp; <b>bold</b> "quoted" {50%_$#} עברית \u202eRTL'


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every content page of the build (the 404 page is no page to share), by path."""
    return {str(p.parent.relative_to(site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(site.rglob("index.html")) if p.parent.name != "search"}


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag.get("content") if tag else None


def test_every_page_has_its_own_description_and_open_graph_tags(site_build: Build) -> None:
    pages = _pages(site_build.site)
    assert len(pages) >= 6
    descriptions: dict[str, str] = {}
    for path, soup in pages.items():
        description = _meta(soup, "description")
        assert description, f"{path}: no description"
        assert description not in descriptions.values(), f"{path} shares its description with {descriptions}"
        descriptions[path] = description
        canonical = soup.find("link", rel="canonical")["href"]
        assert _meta(soup, "og:url") == canonical, path
        assert _meta(soup, "og:description") == description == _meta(soup, "twitter:description"), path
        assert _meta(soup, "og:title") and _meta(soup, "og:site_name") == "Explainer", path
        assert _meta(soup, "twitter:card") == "summary", path
        assert _meta(soup, "og:image") is None, f"{path}: an image though the site configures none"
    essay = pages[f"essays/{SLUG}"]
    assert _meta(essay, "og:type") == "article"
    assert _meta(essay, "article:published_time") == "2019-12-02"
    assert _meta(essay, "article:author") == "Dmitri Trenin"
    assert _meta(essay, "og:description").startswith("Why Russia and China")  # its summary
    assert _meta(pages["glossary"], "og:type") == "website"
    assert _meta(pages["."], "description").startswith("Annotated reader's editions")  # the home page: site_description
    register = _meta(pages[f"essays/{SLUG}/claims"], "description")
    assert register.startswith("The ") and "annotated claims of “" in register


def test_favicon_is_our_own_svg(site_build: Build) -> None:
    for path, soup in _pages(site_build.site).items():
        icon = soup.find("link", rel="icon")["href"]
        assert icon.endswith("assets/favicon.svg"), f"{path}: {icon}"
    assert (site_build.site / "assets/favicon.svg").read_text().startswith("<svg")


def test_every_page_links_the_feeds(site_build: Build) -> None:
    for path, soup in _pages(site_build.site).items():
        links = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate") if link.get("type")}
        for kind, name in (("application/atom+xml", "feed.xml"), ("application/rss+xml", "rss.xml")):
            href = links.get(kind)
            assert href and href.endswith(name), f"{path}: no {kind} link"
            assert (site_build.site / path / href).resolve() == (site_build.site / name).resolve(), f"{path}: {href}"


def test_feeds_parse_with_one_entry_per_essay_newest_first(site_build: Build) -> None:
    essays = load_essays(ROOT / "seeds")
    for name in ("feed.xml", "rss.xml"):
        parsed = feedparser.parse((site_build.site / name).read_bytes())
        assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
        assert [e.link for e in parsed.entries] == [f"http://127.0.0.1:8000/essays/{e.slug}/" for e in essays], name
        for entry, essay in zip(parsed.entries, essays, strict=True):
            assert entry.title == essay.title and entry.author == essay.author, name
            assert entry.summary and entry.published_parsed[:3] == essay.date.timetuple()[:3], name
    atom = feedparser.parse((site_build.site / "feed.xml").read_bytes())
    assert atom.version == "atom10" and atom.feed.updated


def test_essay_jsonld_expands_to_schema_org_terms_only(site_build: Build) -> None:
    pages = _pages(site_build.site)
    (essay,) = page_jsonld(pages[f"essays/{SLUG}"])
    expanded = expand(essay)
    assert schema_problems(expanded) == []
    by_type: dict[str, list[dict]] = {}
    for node in expanded:  # a document that is only a @graph expands to its nodes
        for t in node.get("@type", []):
            by_type.setdefault(t.removeprefix("https://schema.org/"), []).append(node)
    (article,) = by_type["OpinionNewsArticle"]
    assert article["https://schema.org/datePublished"][0]["@value"] == "2019-12-02"
    (edition,) = by_type["WebPage"]
    assert edition["https://schema.org/isBasedOn"][0]["@id"] == article["@id"]
    assert edition["https://schema.org/dateModified"]
    model = next(e for e in load_essays(ROOT / "seeds", load_essay_with_claims) if e.slug == SLUG)
    assert len(by_type["Claim"]) == len(model.claims)  # every claim is a node
    assert all(c["https://schema.org/appearance"][0]["@id"] == article["@id"] for c in by_type["Claim"])
    (glossary,) = page_jsonld(pages["glossary"])
    assert schema_problems(expand(glossary)) == []
    assert glossary["@type"] == "DefinedTermSet" and glossary["hasDefinedTerm"]
    assert {t["@type"] for t in glossary["hasDefinedTerm"]} == {"DefinedTerm"}


def test_the_schema_check_catches_a_term_schema_org_does_not_define() -> None:
    bad = {"@context": "https://schema.org", "@type": "OpinionNewsArticle", "headline": "x", "colour": "red",
           "author": {"@type": "Persona", "name": "y"}, "hasDefinedTerm": "z"}
    problems = " | ".join(schema_problems(expand(bad)))
    assert "Persona" in problems and "colour" in problems and "hasDefinedTerm" in problems


def test_every_annotation_re_anchors_on_its_passage_in_essay_txt(site_build: Build) -> None:
    for essay in load_essays(ROOT / "seeds"):
        _check_annotations(site_build.site, ROOT / "seeds" / essay.slug)


def _check_annotations(site: Path, seed: Path) -> dict:
    collection = json.loads((site / "essays" / seed.name / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld" and collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) > 0
    text = essay_text(seed / "essay.txt")
    assert anchoring_problems(collection, text) == []
    essay = next(e for e in load_essays(seed.parent, load_essay_with_claims) if e.slug == seed.name)
    claims = {c.id: c for c in essay.claims}
    for item in items:
        exact = item["target"]["selector"][0]["exact"]
        if "#claim-" in item["id"]:
            claim = claims.pop(item["id"].rsplit("#claim-", 1)[1])
            assert normalise(exact) == normalise(claim.quote), item["id"]
            assert item["body"][0]["value"] == claim.kind
        else:
            assert item["motivation"] == "describing"
            assert " ".join(exact.split()).casefold() in {" ".join(n.split()).casefold() for n in _names(item["label"])}
    assert not claims, f"claims without an annotation: {sorted(claims)}"
    return collection


def _names(name: str) -> list[str]:
    """A term's names from the glossary (the label is its main name)."""
    from explainer.glossary import parse_glossary
    for term in parse_glossary(ROOT / "docs" / "glossary.md"):
        if term.name == name:
            return term.names
    return [name]


def test_annotations_of_a_hostile_essay_with_bom_and_crlf_re_anchor(project: Path) -> None:
    seed = project / "seeds" / "hostile-2020"
    seed.mkdir()
    paragraphs = [f"{HOSTILE} opens the text, and an entente is named.",
                  "A second paragraph\r\nruns over two lines: the alliance\r\nbetween <two> & \"three\" is here.",
                  "Alignment, alliance, entente: alliance again, with עברית between."]
    (seed / "essay.txt").write_bytes(("\ufeff" + "\r\n\r\n".join(paragraphs) + "\r\n").encode("utf-8"))
    (seed / "meta.yml").write_text(yaml.safe_dump({"title": HOSTILE, "author": f"Jane {HOSTILE} Doe", "date": "2020-01-31",
                                                   "publication": HOSTILE, "summary": HOSTILE, "url": "https://example.com/a?b=1&c=2"},
                                                  allow_unicode=True), encoding="utf-8")
    (seed / "claims.md").write_text(
        "# Claims\n\n## A <b>claim</b> & more {#hostile}\n\n> runs over two lines: the alliance between <two> & \"three\" is here.\n\n"
        "Kind: fact\n\nThe note, with <i>markup</i> & [[p1]].\n\nSources:\n\n- [A source](https://example.com/s), 2020.\n",
        encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    collection = _check_annotations(result.site, seed)
    assert sum("#term-" in item["id"] for item in collection["first"]["items"]) >= 6
    (claim,) = [item for item in collection["first"]["items"] if "#claim-" in item["id"]]
    assert "\r\n" in claim["target"]["selector"][0]["exact"]  # positions count the file's own line breaks
    _check_hostile_text_stays_text(result)


def _check_hostile_text_stays_text(result: Build) -> None:
    soup = result.soup("essays/hostile-2020")
    for key in ("og:title", "og:description", "twitter:title", "description"):
        assert _meta(soup, key) == HOSTILE, key
    assert _meta(soup, "article:author") == f"Jane {HOSTILE} Doe"
    # (Material's own <title> and navigation are issue 13's: only what this module writes is checked here.)
    raw = (result.site / "essays/hostile-2020/index.html").read_text(encoding="utf-8")
    head = raw[raw.index('<meta property="og:type"'): raw.index("</head>")]
    assert "<b>" not in head and "<script>alert" not in head
    json_ld = raw[raw.index('<script type="application/ld+json">') + 35:]
    assert "<" not in json_ld[: json_ld.index("</script>")]
    assert not soup.select(".explainer-citethis b, .explainer-citethis script")
    (graph,) = page_jsonld(soup)
    article = next(n for n in graph["@graph"] if n["@type"] == "OpinionNewsArticle")
    assert article["headline"] == HOSTILE and article["publisher"]["name"] == HOSTILE
    cite = soup.select_one(".explainer-citethis-text")
    assert HOSTILE in cite.get_text() and HOSTILE in cite["data-cite-before"]
    register = _meta(result.soup("essays/hostile-2020/claims"), "description")
    assert f"“{HOSTILE}”" in register
    parsed = feedparser.parse((result.site / "feed.xml").read_bytes())
    entry = next(e for e in parsed.entries if e.link.endswith("/hostile-2020/"))
    assert entry.title == HOSTILE and entry.summary == HOSTILE
    csl = json.loads((result.site / "essays/hostile-2020/cite.json").read_text(encoding="utf-8"))
    assert csl[0]["title"] == HOSTILE and csl[0]["container-title"] == HOSTILE
    bib = (result.site / "essays/hostile-2020/cite.bib").read_text(encoding="utf-8")
    assert tex(HOSTILE) in bib and r"\{50\%\_\$\#\}" in bib


def test_bibtex_escapes_every_tex_special() -> None:
    assert tex("\\ { } $ & % # _ ^ ~") == r"\textbackslash{} \{ \} \$ \& \% \# \_ \textasciicircum{} \textasciitilde{}"
    essays = load_essays(ROOT / "seeds")
    entry = bibtex(essays[0], "Site & Co", "https://example.com/a_{b}")
    assert r"Site \& Co" in entry and "url = {https://example.com/a_%7Bb%7D}" in entry
    # Braces balance: the entry parses as one @misc{…}.
    depth = 0
    for i, ch in enumerate(entry):
        if ch in "{}" and entry[i - 1] != "\\":
            depth += 1 if ch == "{" else -1
            assert depth >= 0
    assert depth == 0


def test_names_split_into_family_and_given() -> None:
    assert split_name("Dmitri Trenin") == ("Trenin", "Dmitri")
    assert split_name("Plato") == ("Plato", "")


def test_essay_page_offers_its_citation_and_downloads(site_build: Build) -> None:
    soup = site_build.soup(f"essays/{SLUG}")
    cite = soup.select_one(".explainer-citethis-text")
    assert cite.get_text().startswith("Trenin, Dmitri. “") and "Defense News, 2 December 2019. Annotated edition, Explainer, " in cite.get_text()
    assert cite.get_text().endswith(f"http://127.0.0.1:8000/essays/{SLUG}/.")
    hrefs = {a["href"] for a in soup.select(".explainer-citethis a")}
    assert {"cite.bib", "cite.json", "annotations.jsonld"} <= hrefs
    folder = site_build.site / "essays" / SLUG
    assert (folder / "cite.bib").read_text().startswith(f"@misc{{{SLUG},")
    assert json.loads((folder / "cite.json").read_text())[0]["author"] == [{"family": "Trenin", "given": "Dmitri"}]
    assert soup.find("link", rel="describedby", type="application/ld+json")["href"] == "annotations.jsonld"
    # Material fetches sitemap.xml beside each rel="alternate" link: they must all lead to the site's root.
    for link in soup.find_all("link", rel="alternate"):
        assert link["href"].startswith("../../"), link


def test_robots_txt_names_the_sitemap(site_build: Build) -> None:
    robots = (site_build.site / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots.splitlines()


def test_edition_date_is_the_essay_date_outside_git(tmp_path: Path) -> None:
    essays = load_essays(ROOT / "seeds")
    assert modified_dates(tmp_path, essays) == {e.slug: e.date for e in essays}
    dates = modified_dates(ROOT / "seeds", essays)
    assert all(dates[e.slug] >= e.date for e in essays)


def test_social_image_setting(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "card.png").write_bytes(b"\x89PNG")
    publisher = load_publisher("S", "d", "https://owner.example/site", "en", "assets/card.png", tmp_path)
    assert publisher.absolute(publisher.social_image) == "https://owner.example/site/assets/card.png"
    for bad in ("https://cdn.example/card.png", "../card.png", "assets/missing.png", "assets/card.svg"):
        with pytest.raises(EditorError):
            load_publisher("S", "d", None, "en", bad, tmp_path)


def test_a_configured_social_image_is_on_every_page(project: Path) -> None:
    (project / "docs" / "assets" / "card.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config.replace("    nav_essays: 10\n", "    nav_essays: 10\n    social_image: assets/card.png\n"))
    result = build(project)
    assert result.returncode == 0, result.output
    for path, soup in _pages(result.site).items():
        assert _meta(soup, "og:image") == "http://127.0.0.1:8000/assets/card.png", path


def test_every_annotation_of_the_fixture_essay_re_anchors(fixture_site_build: Build) -> None:
    collection = _check_annotations(fixture_site_build.site, FIXTURES / FIXTURE_ESSAY)
    assert collection["first"]["items"]


def test_markdown_fields_become_plain_text_for_data() -> None:
    assert markdown_text("[Kremlin](http://en.kremlin.ru/a), *3 October* 2019, `code`") == \
        "Kremlin (http://en.kremlin.ru/a), 3 October 2019, code"
    assert markdown_text('Said <span lang="ru">да</span> &amp; more, see [[p5]] and [[t-1:p2|there]].') == \
        "Said да & more, see ¶5 and there."
    assert markdown_text("snake_case_name stays, 5 * 3 = 15") == "snake_case_name stays, 5 * 3 = 15"
    assert markdown_text("One\nline.\n\nTwo.") == "One line.\n\nTwo."
