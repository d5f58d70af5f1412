"""The Python-Markdown extensions on their own: term links, citations and the essay body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from explainer.citations import CitationExtension
from explainer.errors import EditorError
from explainer.essaypage import EssayExtension
from explainer.generated import ESSAY as ESSAY_BODY
from explainer.generated import marker
from explainer.model import Essay, Occurrence, Paragraph, Term
from explainer.site import PageContext, Site, page_link_mode
from explainer.termlinks import TermLinkExtension, hidden_term_notes
from explainer.tooltips import fill_titles
from explainer.usedin import fill_used_in

TERMS = [Term("entente", "Entente", [], "A friendly understanding & no more.", 1),
         Term("early-warning-system", "Early warning system", ["early warning"], "Detects launches.", 1)]
ESSAY = Essay(slug="e", folder=Path("."), title="T", author="A", date=dt.date(2020, 1, 1), publication="P",
              paragraphs=[Paragraph(1, "An entente, not an alliance.", 1), Paragraph(2, "An early warning system.", 3)])


GLOSSARY = "# Glossary\n\n## Entente\n\nText.\n\n## Early warning system\n\nText."


def make_site(mode: str = "page", essays: list[Essay] | None = None) -> Site:
    return Site(essays=[ESSAY] if essays is None else essays, terms=TERMS, link_mode=mode)


def render(text: str, site: Site | None = None, src: str = "page.md", essay: str | None = None,
           link_mode: str = "", generated: bool = False) -> BeautifulSoup:
    site = site or make_site()
    site.page = PageContext(src=src, title="Page", file=f"docs/{src}", essay=essay, link_mode=link_mode, generated=generated)
    md = markdown.Markdown(extensions=["toc", "attr_list", "abbr", "footnotes", "def_list",
                                       EssayExtension(site), CitationExtension(site), TermLinkExtension(site)])
    # As the hooks hand it to the template: tooltips written out after the search plugin has read the page.
    return BeautifulSoup(fill_titles(md.convert(text), site.tooltips.attributes), "html.parser")


def render_glossary(text: str, site: Site, page_order: list[str] | None = None) -> BeautifulSoup:
    """The glossary as the hooks finish it: "Used in" placeholders filled once every other page is rendered."""
    html = str(render(text, site, src="glossary.md"))
    return BeautifulSoup(fill_used_in(html, site.occurrences, site.url_to, page_order or []), "html.parser")


def terms_in(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select("a.explainer-term")]


def test_a_term_becomes_a_link_to_its_entry_with_the_short_definition_as_tooltip() -> None:
    [link] = render("An entente.", src="sub/page.md").select("a.explainer-term")
    assert link["href"] == "../glossary.md#entente"
    assert link["title"] == "A friendly understanding & no more."


@pytest.mark.parametrize("text", [
    "# An entente\n\nx", "### An entente\n\nx", "[an entente](x.md)", "`entente`", "    entente in code",
    "*[entente]: abbreviation\n\nentente", "An entente[^1]\n\n[^1]: entente in a footnote.",
    "![entente](img.png)", "<a href='x'>entente</a>", "Entente\n:   a definition list label",
])
def test_never_inside_headings_links_code_abbr_footnotes_or_attributes(text: str) -> None:
    soup = render(text)
    for link in soup.select("a.explainer-term"):
        assert not link.find_parents(["h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "dt"])
        assert not link.find_parent(class_="footnote")
    assert all("explainer-term" not in str(value) for el in soup.find_all(True) for value in el.attrs.values()
               if el.name != "a")
    if text.startswith(("#", "[", "`", "    ", "!", "<a")):
        assert terms_in(soup) == []


def test_link_modes() -> None:
    text = "## One\n\nentente entente\n\n## Two\n\nentente"
    assert terms_in(render(text, make_site("page"))) == ["entente"]
    assert terms_in(render(text, make_site("section"))) == ["entente", "entente"]
    assert terms_in(render(text, make_site("all"))) == ["entente"] * 3


def test_a_page_may_set_its_own_link_mode_or_turn_term_links_off() -> None:
    text = "## One\n\nentente entente\n\n## Two\n\nentente"
    site = make_site("page")
    assert terms_in(render(text, site, link_mode="all")) == ["entente"] * 3
    assert terms_in(render(text, site, src="other.md")) == ["entente"]  # the next page follows the site again
    assert terms_in(render(text, site, src="guide.md", link_mode="none")) == []
    assert {o.page_src for o in site.occurrences["entente"]} == {"page.md", "other.md"}  # not a use


@pytest.mark.parametrize(("value", "expected"), [(None, ""), ("all", "all"), ("none", "none"), (False, "none")])
def test_page_link_mode_values(value: object, expected: str) -> None:
    assert page_link_mode(value, "docs/a.md", "---\nlink_terms: x\n---\n") == expected


@pytest.mark.parametrize("value", ["sometimes", True, 3, ["page"]])
def test_a_bad_page_link_mode_names_the_file_line_and_choices(value: object) -> None:
    with pytest.raises(EditorError) as info:
        page_link_mode(value, "docs/a.md", "---\ntitle: A\nlink_terms: sometimes\n---\n# A\n")
    assert f"docs/a.md:3: 'link_terms: {value}' is not a known setting for a page." in str(info.value)
    assert "page, section, all, none" in str(info.value)


def test_occurrences_are_recorded_with_their_nearest_anchor_even_when_not_linked() -> None:
    site = make_site()
    render("Intro entente.\n\n## Later {#later}\n\nentente again", site)
    assert [(o.page_src, o.page_title, o.anchor, o.place) for o in site.occurrences["entente"]] == [
        ("page.md", "Page", None, ""), ("page.md", "Page", "later", "Later")]


def test_the_glossary_page_is_not_linked_and_gets_used_in_lists() -> None:
    site = make_site()
    render("An entente.", site, src="essay.md")
    soup = render_glossary("# Glossary\n\n## Entente\n\nAn entente.\n\n## Early warning system\n\nText.", site)
    assert terms_in(soup) == []
    used = soup.select(".explainer-used-in")
    assert [u.get_text(" ", strip=True) for u in used] == ["Used in (1) Page", "Not used on any page yet."]
    assert used[0].select_one("a")["href"] == "essay.md"
    assert used[0].find_previous("h2")["id"] == "entente"


def test_used_in_lists_one_line_per_page_with_each_place_linked() -> None:
    site = make_site()
    render("An entente.\n\n## Causes {#causes}\n\nentente\n\n## *Effects* {#effects}\n\nentente", site, src="a.md")
    render("## Only here {#here}\n\nentente", site, src="b/c.md")
    soup = render_glossary(GLOSSARY, site)
    items = soup.select(".explainer-used-in li")
    assert [li.get_text() for li in items] == ["Page: Causes, Effects", "Page: Only here"]
    assert [a["href"] for a in items[0].select("a")] == ["a.md", "a.md#causes", "a.md#effects"]
    assert [a["href"] for a in items[1].select("a")] == ["b/c.md#here"]
    assert soup.select_one(".explainer-used-in-title").get_text() == "Used in (4)"


def test_used_in_lists_are_filled_after_every_page_whatever_the_rendering_order() -> None:
    site = make_site()
    glossary = str(render(GLOSSARY, site, src="glossary.md"))
    assert "explainer-used-in-title" not in glossary  # only a placeholder so far
    render("An entente.", site, src="essay.md")
    site.occurrences["entente"][Occurrence("b.md", "Tom & Jerry <3>", "p2", "\u00b62")] = None

    def url_for(src: str, anchor: str | None) -> str:
        return f"/{src}#{anchor}" if anchor else f"/{src}"

    soup = BeautifulSoup(fill_used_in(glossary, site.occurrences, url_for), "html.parser")
    assert [li.get_text() for li in soup.select(".explainer-used-in li")] == ["Page", "Tom & Jerry <3>: \u00b62"]
    assert [a["href"] for a in soup.select(".explainer-used-in a")] == ["/essay.md", "/b.md#p2"]
    assert soup.select_one(".explainer-used-in")["data-search-exclude"] == ""


def test_used_in_lists_follow_the_navigation_order_then_first_use() -> None:
    site = make_site()
    for src in ("x.md", "timeline.md", "essays/e/index.md", "y.md"):
        render("An entente.", site, src=src)
    soup = render_glossary(GLOSSARY, site, ["index.md", "essays/e/index.md", "timeline.md"])
    hrefs = [a["href"] for a in soup.select(".explainer-used-in a")]
    assert hrefs == ["essays/e/index.md", "timeline.md", "x.md", "y.md"]


def test_citation_links_to_the_paragraph_with_the_passage_as_tooltip() -> None:
    [cite] = render("See [[p2]] and [[e:p1|this]].", src="a/b.md", essay="e").select("a.explainer-cite")[:1]
    assert cite["href"] == "../essays/e/index.md#p2"
    assert cite["title"] == "\u00b62: \u201cAn early warning system.\u201d"
    assert cite.get_text() == "\u00b62"
    assert render("[[e:p1|this]]").select_one("a.explainer-cite").get_text() == "this"


JEFFERSON = Essay(slug="jefferson-1801", folder=Path("."), title="First Inaugural Address", author="Thomas Jefferson",
                  date=dt.date(1801, 3, 4), publication=None, paragraphs=[Paragraph(1, "Friends.", 1), Paragraph(2, "Peace.", 3)])


def test_a_citation_of_another_essay_names_it_in_the_text_and_the_tooltip() -> None:
    site = make_site(essays=[ESSAY, JEFFERSON])
    soup = render("Compare [[jefferson-1801:p2]] with [[e:p1]].", site, essay="e")
    named, own = soup.select("a.explainer-cite")
    assert named.get_text() == "Jefferson 1801, \u00b62" and named["title"] == "Jefferson 1801, \u00b62: \u201cPeace.\u201d"
    assert named["href"] == "essays/jefferson-1801/index.md#p2"
    assert own.get_text() == "\u00b61" and own["title"] == "\u00b61: \u201cAn entente, not an alliance.\u201d"
    # on a page without an essay of its own, every essay is named; a short_title replaces author and year
    JEFFERSON.short_title = "Jefferson's first inaugural"
    try:
        cites = render("[[e:p2]] and [[jefferson-1801:p1|the opening]]", site).select("a.explainer-cite")
    finally:
        JEFFERSON.short_title = None
    assert [a.get_text() for a in cites] == ["A 2020, \u00b62", "the opening"]
    assert cites[1]["title"].startswith("Jefferson's first inaugural, \u00b61: ")


def test_a_bare_citation_on_a_page_citing_two_essays_is_an_error_listing_the_choices() -> None:
    site = make_site(essays=[ESSAY, JEFFERSON])
    with pytest.raises(EditorError) as info:
        render("First [[jefferson-1801:p1]].\n\nThen [[p2]].", site, essay="e")
    assert ("docs/page.md:3: the citation '[[p2]]' is ambiguous: this page cites more than one essay (e, jefferson-1801)."
            in str(info.value))
    assert "write [[e:p2]] or [[jefferson-1801:p2]]" in str(info.value)


@pytest.mark.parametrize(("text", "expected"), [
    ("Line one\n\nSee [[p9]].", "docs/page.md:3: the citation '[[p9]]' does not resolve: essay 'e' has paragraphs p1 to p2 only."),
    ("[[x:p1]]", "the citation '[[x:p1]]' does not resolve: there is no essay 'x'; essays: e."),
    ("[[paragraph 1]]", "docs/page.md:1: '[[paragraph 1]]' is not a citation."),
    ("Intro\n\n[[essays six]]", "docs/page.md:3: '[[essays six]]' is not an essay list."),
    ("See [[essays]] below.", "'[[essays]]' is not an essay list.\n  Fix: Put [[essays]] (every essay) or [[essays 6]]"),
])
def test_citation_errors_name_file_line_and_valid_targets(text: str, expected: str) -> None:
    with pytest.raises(EditorError) as info:
        render(text, essay="e")
    assert expected in str(info.value)


def test_citations_in_code_are_left_alone() -> None:
    soup = render("`[[p9]]`\n\n```\n[[p9]]\n```\n")
    assert soup.select("a.explainer-cite") == [] and soup.get_text().count("[[p9]]") == 2


def test_with_several_essays_a_page_must_say_which_it_cites() -> None:
    other = Essay(slug="f", folder=Path("."), title="F", author="A", date=dt.date(2020, 1, 1), publication="P",
                  paragraphs=[Paragraph(1, "x", 1)])
    site = make_site(essays=[ESSAY, other])
    with pytest.raises(EditorError, match=r"this page names no essay.*write \[\[e:pN\]\] or \[\[f:pN\]\], or add 'essay: <slug>'"):
        render("[[p1]]", site)
    assert render("[[p1]]", site, essay="f").select_one("a")["href"] == "essays/f/index.md#p1"


def test_essay_body_is_text_and_links_terms_inside_it() -> None:
    site = make_site()
    soup = render(marker(site.token, ESSAY_BODY), site, src="essays/e/index.md", essay="e", generated=True)
    assert [p["id"] for p in soup.select("p.explainer-para")] == ["p1", "p2"]
    assert terms_in(soup) == ["entente", "early warning system"]


@pytest.mark.parametrize("text", ["[[essays]]", "  [[essays]]  ", "Intro\n\n [[essays 1]]\n"])
def test_an_essay_list_paragraph_may_have_surrounding_spaces(text: str) -> None:
    assert [a.get_text() for a in render(text).select(".explainer-essays li strong a")] == [ESSAY.title]


def test_essay_cards_are_authored_syntax_a_generated_page_shows_it_as_text() -> None:
    """A claim note is the only Markdown on a generated page: ``[[essays]]`` in it is text (issue 13)."""
    soup = render("[[essays]]", src="essays/e/claims.md", essay="e", generated=True)
    assert not soup.select(".explainer-essays") and soup.get_text().strip() == "[[essays]]"


def test_only_this_builds_token_renders_a_generated_body() -> None:
    site = make_site()
    guessed = marker("0" * 32, ESSAY_BODY)
    assert guessed != marker(site.token, ESSAY_BODY) and make_site().token != site.token
    soup = render(guessed, site, src="essays/e/index.md", essay="e", generated=True)
    assert not soup.select(".explainer-essay") and soup.get_text().strip() == guessed


NESTED_TERMS = [Term("alliance", "Alliance", ["alliances"], "A pledge to fight together.", 1),
                Term("entangling-alliances", "Entangling alliances", [], "Jefferson's phrase.", 1)]


def test_a_term_inside_a_longer_one_counts_as_used_but_is_not_linked() -> None:
    essay = Essay(slug="j", folder=Path("."), title="T", author="A", date=dt.date(1801, 3, 4), publication=None,
                  paragraphs=[Paragraph(1, "Peace, entangling alliances with none.", 1)])
    site = Site(essays=[essay], terms=NESTED_TERMS)
    soup = render(marker(site.token, ESSAY_BODY), site, src="essays/j/index.md", essay="j", generated=True)
    assert terms_in(soup) == ["entangling alliances"]
    assert [(o.page_src, o.place) for o in site.occurrences["alliance"]] == [("essays/j/index.md", "\u00b61")]
    # hidden everywhere in that essay: a notice names it and the longer term
    assert hidden_term_notes(site) == [
        "essays/j: the term 'Alliance' occurs only inside 'Entangling alliances', so it is never linked in this essay "
        "(its glossary entry still lists those passages under \"Used in\")."]
    # many of them: one line that points to the editors' report instead of a line each
    assert hidden_term_notes(site, shown=0) == [
        "Terms hidden by longer terms (1 term, 1 essay): each occurs in such an essay only inside longer terms, "
        "so it is never linked there; its glossary entry still lists those passages under \"Used in\". "
        "`make report` lists them all."]
    # once it also occurs on its own, it is linked there and nothing is hidden
    essay.paragraphs.append(Paragraph(2, "An alliance.", 3))
    site = Site(essays=[essay], terms=NESTED_TERMS)
    assert terms_in(render(marker(site.token, ESSAY_BODY), site, src="essays/j/index.md", essay="j", generated=True)) == [
        "entangling alliances", "alliance"]
    assert hidden_term_notes(site) == []


def test_terms_with_an_ampersand_link_in_an_essay_whose_text_escapes_it() -> None:
    """The essay's text reaches the tree with "&" written "&amp;": "AT&T" is still found, and shown as written."""
    essay = Essay(slug="j", folder=Path("."), title="T", author="A", date=dt.date(1801, 3, 4), publication=None,
                  paragraphs=[Paragraph(1, "They sued AT&T, Procter & Gamble and &amp; Co over an alliance.", 1)])
    terms = [Term("att", "AT&T", [], "A firm.", 1), Term("pg", "Procter & Gamble", [], "A firm too.", 2),
             Term("alliance", "Alliance", [], "A pledge.", 3)]
    site = Site(essays=[essay], terms=terms)
    soup = render(marker(site.token, ESSAY_BODY), site, src="essays/j/index.md", essay="j", generated=True)
    assert terms_in(soup) == ["AT&T", "Procter & Gamble", "alliance"]
    assert soup.select_one("p.explainer-para").get_text() == "1" + essay.paragraphs[0].text
    # what the page found in the essay's text is kept: its annotations find it there again
    text = essay.paragraphs[0].text
    assert site.matcher.find(text) is site.matcher.find(text)
    assert [text[m.start:m.end] for m in site.matcher.find(text)] == ["AT&T", "Procter & Gamble", "alliance"]


def test_the_printed_terms_list_every_term_linked_on_the_page_when_links_restart_per_section() -> None:
    """link_terms: section starts again at each heading, and the essay's "Notes" heading follows its text:
    the printed "Terms" still list the terms linked in the text."""
    from explainer.generated import essay_markdown
    from explainer.model import Claim
    claim = Claim(id="c1", title="A claim", quote="An entente", kind="fact", dates=[], note="A note.",
                  sources=["A source, 2020."], file=Path("claims.md"), line=1, quote_line=2, paragraph=1, start=0, end=10, number=1)
    essay = Essay(slug="e", folder=Path("."), title="T", author="A", date=dt.date(2020, 1, 1), publication="P",
                  paragraphs=[Paragraph(1, "An entente, not an alliance.", 1), Paragraph(2, "An early warning system.", 3)],
                  claims=[claim])
    site = make_site("section", [essay])
    page = render(essay_markdown(essay, site.token).split("---\n", 2)[2], site, src="essays/e/index.md", essay="e",
                  generated=True)
    assert terms_in(page) == ["entente", "early warning system"]
    assert page.find("h2", id="notes") is not None  # a section after the text
    printed = BeautifulSoup(site.print_terms["essays/e/index.md"], "html.parser")
    assert [dt.get_text() for dt in printed.select("dt")] == ["Early warning system", "Entente"]


def test_the_glossary_entry_of_a_longer_term_links_the_shorter_ones() -> None:
    site = Site(essays=[ESSAY], terms=NESTED_TERMS)
    soup = render_glossary("# Glossary\n\n## Alliance\n\nAlso: alliances\n\nText.\n\n## Entangling alliances\n\nText.", site)
    contains = soup.select(".explainer-contains")
    assert [p.get_text() for p in contains] == ["Contains: Alliance."]
    assert contains[0].select_one("a")["href"] == "#alliance" and contains[0].find_previous("h2")["id"] == "entangling-alliances"
