"""The built site's annotations: term links, footnotes, the claims register, citations, "used in"."""

from __future__ import annotations

import functools
import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, Build
from explainer.claims import parse_claims
from explainer.glossary import parse_glossary
from explainer.outcomes import FORECASTS_ID

SLUG = "trenin-2019"
TERMS = {t.id: t for t in parse_glossary(ROOT / "docs" / "glossary.md")}


def pages(build: Build) -> dict[str, BeautifulSoup]:
    """Every built page by its URL path ('' for home)."""
    out = {}
    for path in build.site.rglob("index.html"):
        url = str(path.parent.relative_to(build.site)).replace(".", "")
        out[(url + "/") if url else ""] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return out


@functools.cache
def _ids(page: Path) -> frozenset[str]:
    return frozenset(el["id"] for el in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(id=True))


def resolve(build: Build, from_url: str, href: str) -> tuple[str, str]:
    """(page URL, fragment) that a relative link on page ``from_url`` points to; fails for missing pages or anchors."""
    parsed = urlparse(href)
    assert not parsed.scheme and not parsed.netloc, href
    target = posixpath.normpath(posixpath.join(from_url, parsed.path)) if parsed.path else from_url.rstrip("/")
    if parsed.path and not parsed.path.endswith("/") and (build.site / target).is_file():  # a download: cite.bib, a feed
        assert not parsed.fragment, href
        return target, ""
    target = "" if target in (".", "") else target.strip("/") + "/"
    ids = _ids(build.site / target / "index.html")
    fragment = unquote(parsed.fragment)
    if fragment:
        assert fragment in ids, f"{from_url}: {href} -> no #{fragment} on {target}"
    return target, fragment


def test_the_essay_links_its_key_terms_with_their_short_definitions(site_build: Build) -> None:
    essay = site_build.soup(f"essays/{SLUG}/")
    links = {a["href"].split("#")[1]: a for a in essay.select("a.explainer-term")}
    for term_id in ("entente", "alignment", "early-warning-system"):
        assert links[term_id]["href"] == f"../../glossary/#{term_id}"
        assert links[term_id]["title"] == TERMS[term_id].short
    assert links["early-warning-system"].get_text() == "early warning system"  # longest match


def test_every_term_link_and_citation_on_every_page_carries_its_tooltip(any_build: Build) -> None:
    site_build = any_build
    """Tooltips are written into the pages last (explainer.tooltips): none may be left as a bare key."""
    tips = 0
    for url, soup in pages(site_build).items():
        assert not soup.select("[data-explainer-title]"), url
        for link in soup.select("a.explainer-term, a.explainer-cite"):
            assert link.get("title", "").strip(), f"{url}: {link}"
            tips += 1
    assert tips > 50


def test_each_term_is_linked_once_per_page_by_default(any_build: Build) -> None:
    site_build = any_build
    for url, soup in pages(site_build).items():
        targets = [a["href"] for a in soup.select("article a.explainer-term")]
        assert len(targets) == len(set(targets)), url


def test_no_term_link_inside_headings_links_code_or_pre_on_any_page(any_build: Build) -> None:
    site_build = any_build
    checked = 0
    for url, soup in pages(site_build).items():
        for link in soup.select("a.explainer-term"):
            assert not link.find_parents(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr"]), (url, link)
            checked += 1
    assert checked >= 20


def test_glossary_has_an_anchor_per_term_and_used_in_links_resolve(site_build: Build) -> None:
    glossary = site_build.soup("glossary/")
    assert all(glossary.find("h2", id=term_id) for term_id in TERMS)
    used_in = glossary.select(".explainer-used-in a")
    assert len(used_in) >= len(TERMS)
    targets = {resolve(site_build, "glossary/", a["href"]) for a in used_in}
    assert (f"essays/{SLUG}/", "p5") in targets  # entente is used in paragraph 5
    entente = glossary.find("h2", id="entente").find_next(class_="explainer-used-in")
    assert "\u00b65" in entente.get_text()
    # In the navigation's order: the essay, its register, then the companion pages.
    first, second = (resolve(site_build, "glossary/", li.a["href"])[0] for li in entente.select("li")[:2])
    assert (first, second) == (f"essays/{SLUG}/", f"essays/{SLUG}/claims/")


def test_used_in_lists_stay_out_of_the_search_index(site_build: Build) -> None:
    """Else searching an essay's title would find every glossary entry it uses."""
    docs = json.loads((site_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entente = next(d for d in docs if d["location"] == "glossary/#entente")
    assert "entente" in entente["text"].lower()
    essay_title = site_build.soup(f"essays/{SLUG}/").select_one("h1").get_text().strip("\u00b6")
    assert "Used in" not in entente["text"] and essay_title not in entente["text"]


def test_essay_text_is_indexed_without_paragraph_numbers_or_the_reading_guide(site_build: Build) -> None:
    docs = json.loads((site_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    essay = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == f"essays/{SLUG}/")
    first = site_build.soup(f"essays/{SLUG}/").select_one("p.explainer-para#p1")
    words = first.get_text()[len(first.select_one(".explainer-permalink").get_text()):].split()[:6]
    assert "<p>" + " ".join(words) in essay  # not "<p>1In his remarks"
    assert "How to read this edition" not in essay


def test_essay_footnotes_sit_in_numbered_paragraphs_in_reading_order_with_sources(site_build: Build) -> None:
    essay = site_build.soup(f"essays/{SLUG}/")
    refs = essay.select("a.footnote-ref")
    claims = parse_claims(ROOT / "seeds" / SLUG / "claims.md")
    assert len(refs) == len(claims) >= 12
    assert [a.get_text() for a in refs] == [str(n) for n in range(1, len(refs) + 1)]
    for ref in refs:
        assert ref.find_parent("p", class_="explainer-para") is not None
        note = essay.find(id=ref["href"][1:])
        assert note is not None
        kind = note.select_one(".explainer-kind")
        assert kind.get_text() in {"Fact", "Paraphrase", "Assessment", "Forecast"}
        assert note.select("ul li"), "every note lists its sources"
        register = note.select_one("a.explainer-register-link")
        page, fragment = resolve(site_build, f"essays/{SLUG}/", register["href"])
        assert page == f"essays/{SLUG}/claims/"
        # ... and the register entry links back to this footnote mark
        entry = site_build.soup(page).find(id=fragment)
        back = [a for a in entry.find_next("p").select("a") if "#fnref:" in a["href"]]
        assert resolve(site_build, page, back[0]["href"]) == (f"essays/{SLUG}/", ref.find_parent("sup")["id"])


def test_register_lists_every_claim_in_reading_order_linked_to_the_essay(site_build: Build) -> None:
    register = site_build.soup(f"essays/{SLUG}/claims/")
    entries = register.select(f"article h2[id]:not(#{FORECASTS_ID})")  # the Forecasts section lists, it is no entry
    essay_refs = [a["href"].split(":", 1)[1] for a in site_build.soup(f"essays/{SLUG}/").select("a.footnote-ref")]
    assert [f"claim-{h['id']}" for h in entries] == essay_refs
    for heading in entries:
        cite = heading.find_next("a", class_="explainer-cite")
        page, fragment = resolve(site_build, f"essays/{SLUG}/claims/", cite["href"])
        assert page == f"essays/{SLUG}/" and fragment.startswith("p")
        passage = heading.find_next("blockquote", class_="explainer-passage").get_text(" ", strip=True)
        assert passage and passage in site_build.soup(f"essays/{SLUG}/").find(id=fragment).get_text()
        sources = heading.find_next(class_="explainer-sources")
        assert sources.select("li") and not sources.select("a.explainer-term")


def test_comparison_cites_the_essay_at_least_seven_times_and_every_citation_resolves(site_build: Build) -> None:
    cites = site_build.soup("alliance-vs-alignment/").select("a.explainer-cite")
    assert len(cites) >= 7
    cited = []
    for cite in cites:  # a cell may cite any essay: each citation leads to the passage its tooltip quotes
        page, fragment = resolve(site_build, "alliance-vs-alignment/", cite["href"])
        assert page.startswith("essays/"), cite["href"]
        cited.append(page)
        passage = site_build.soup(page).find(id=fragment).get_text()
        assert cite["title"].split("\u201c", 1)[1].rstrip("\u201d\u2026")[:40] in passage
    assert cited.count(f"essays/{SLUG}/") >= 7


def test_comparison_has_the_seven_dimensions_each_with_its_declared_columns(site_build: Build) -> None:
    source = (ROOT / "docs" / "alliance-vs-alignment.md").read_text(encoding="utf-8")
    declared = yaml.safe_load(source.split("---\n")[1])["comparison"]
    labels = [*declared["concepts"], *declared["essays"].values()]
    essay_column = labels.index(declared["essays"][SLUG])
    rows = site_build.soup("alliance-vs-alignment/").select(".explainer-comparison dl")
    assert len(rows) >= 7
    for row in rows:
        assert [dt.get_text() for dt in row.select("dt")] == labels
        assert row.select("dd")[essay_column].select("a.explainer-cite"), "the essay column cites the essay"


def test_every_internal_link_and_anchor_resolves(any_build: Build) -> None:
    expected = {"", "glossary/", "alliance-vs-alignment/", "editing/", "essays/", *(f"essays/{s}/" for s in any_build.slugs)}
    built = pages(any_build)
    assert expected <= set(built), sorted(expected - set(built))
    for url, soup in built.items():
        links = [a["href"] for a in soup.select("article a[href]") if not urlparse(a["href"]).scheme]
        assert links, url
        for href in links:
            resolve(any_build, url, href)


def test_citations_resolve_on_every_page_that_uses_them(any_build: Build) -> None:
    site_build = any_build
    total = 0
    for url, soup in pages(site_build).items():
        for cite in soup.select("a.explainer-cite"):
            resolve(site_build, url, cite["href"])
            total += 1
    assert total >= 7


def test_seed_claims_cover_the_essays_factual_statements() -> None:
    claims = parse_claims(ROOT / "seeds" / SLUG / "claims.md")
    kinds = {c.kind for c in claims}
    assert {"fact", "assessment", "forecast"} <= kinds
    text = " ".join(c.quote for c in claims)
    for passage in ("alliance-like", "early warning system", "since 1992", "training together", "Since 2014", "strategic rival",
                    "advanced Russian defense systems", "commitments to defend", "personal rapport", "never-against-each-other",
                    "Zhongnanhai"):
        assert passage in text, passage
    assert Path(ROOT / "seeds" / SLUG / "claims.md").read_text(encoding="utf-8").count("Sources:") == len(claims)
