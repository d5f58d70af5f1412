"""The timeline: its data format and every error, the merge with dated claims, order and grouping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_ESSAY, ROOT, add_fixture_essay, build
from explainer.citations import CitationExtension
from explainer.claims import parse_claims
from explainer.errors import EditorError
from explainer.model import Claim, Essay, Paragraph
from explainer.seeds import load_essay
from explainer.site import PageContext, Site
from explainer.timeline import TimelineExtension, essay_name, grouped, merged_entries, page_timeline
from explainer.timelinedata import DatePoint, parse_date, parse_timeline
from explainer.tooltips import fill_titles

SLUG = "trenin-2019"


def parse(text: str, name: str = "timeline.yml"):
    return parse_timeline(Path(name), text.encode("utf-8"))


def error(text: str) -> EditorError:
    with pytest.raises(EditorError) as info:
        parse(text)
    return info.value


EVENT = "  - date: {date}\n    text: {text}\n    sources:\n      - \"[A source](https://example.org)\"\n"


def events(*pairs: tuple[str, str], periods: str = "") -> str:
    return periods + "events:\n" + "".join(EVENT.format(date=d, text=t) for d, t in pairs)


# --- dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "label", "iso"), [
    ("1066", "1066", "1066"),
    ("1801-03", "March 1801", "1801-03"),
    ("2019-10-03", "3 October 2019", "2019-10-03"),
    ("476", "476", "0476"),
    ("44 BCE", "44 BCE", None),
    ("44-03-15 BCE", "15 March 44 BCE", None),
    ("2005-08-18/2005-08-25", "18–25 August 2005", None),
    ("2005-08-30/2005-09-02", "30 August – 2 September 2005", None),
    ("2005-08/2005-09", "August–September 2005", None),
    ("1914/1918", "1914–1918", None),
    ("1801-05-03/1802-06-02", "3 May 1801 – 2 June 1802", None),
    ("2020-02-29", "29 February 2020", "2020-02-29"),
])
def test_dates_of_any_era_and_precision_have_a_reader_label(written: str, label: str, iso: str | None) -> None:
    date = parse_date(written)
    assert date is not None and date.label() == label
    assert (date.iso if date.end is None else None) == iso


@pytest.mark.parametrize("written", ["2019-02-30", "2019-13", "2019-00", "0", "1801-3", "March 1801", "2019/10/03", "-44",
                                     "2005-08-25/2005-08-18", "2005-08/2005-08-25", "2021-02-29", "12345"])
def test_impossible_or_malformed_dates_are_refused(written: str) -> None:
    assert parse_date(written) is None


def test_year_precision_sorts_before_month_before_day_within_a_year() -> None:
    written = ["2019-10-03", "2019", "1801-03", "44 BCE", "1066", "2019-10", "1801", "2019-10-03/2019-10-05"]
    ordered = sorted(written, key=lambda w: parse_date(w).key)
    assert ordered == ["44 BCE", "1066", "1801", "1801-03", "2019", "2019-10", "2019-10-03", "2019-10-03/2019-10-05"]


# --- the format and its errors ---------------------------------------------------------------------

def test_a_timeline_reads_periods_and_events_with_their_lines() -> None:
    timeline = parse(
        "periods:\n  - title: Early\n    to: 1100\n  - title: Modern\n    from: 1800\n"
        "events:\n"
        "  - date: 1066\n    text: >-\n      A battle\n      at Hastings.\n    sources:\n      - Anglo-Saxon Chronicle, 1066\n"
        "    note: \"In the essay: [[p1]].\"\n"
        "  - date: 2019-10-03\n    text: A speech & a <b>tag</b>.\n"
        "    sources: [\"[Kremlin](http://en.kremlin.ru/x)\", \"Bloomberg, 3 October 2019\"]\n")
    assert [(p.title, p.first, p.last) for p in timeline.periods] == [("Early", None, 1100), ("Modern", 1800, None)]
    first, second = timeline.events
    assert first.date.start == DatePoint(1066) and first.text == "A battle at Hastings." and first.line == 7
    assert first.text_line == 9 and first.note == "In the essay: [[p1]]." and first.note_line == 13
    assert first.sources == ("Anglo-Saxon Chronicle, 1066",)
    assert second.date.start == DatePoint(2019, 10, 3) and second.text == "A speech & a <b>tag</b>."
    assert second.sources == ("[Kremlin](http://en.kremlin.ru/x)", "Bloomberg, 3 October 2019")


@pytest.mark.parametrize(("text", "line", "problem", "fix"), [
    (events(("2019-02-30", "x")), 2, "'2019-02-30' is not a date", "YYYY-MM-DD"),
    (events(("1801-3", "x")), 2, "'1801-3' is not a date", "1801-03"),
    ("events:\n  - date: 1066\n    text: x\n", 2, "an event has no 'sources:'", "a link"),
    ("events:\n  - date: 1066\n    text: x\n    sources: []\n", 4, "'sources' is empty", "at least one"),
    ("events:\n  - date: 1066\n    text: x\n    sources:\n      - The Chronicle\n", 5,
     "the source 'The Chronicle' has neither a link nor a year", "full citation"),
    ("events:\n  - date: 1066\n    text: x\n    sources:\n      -\n", 5, "a source is empty", "delete the item"),
    ("events:\n  - date: 1066\n    sources: [x, 1066]\n", 2, "an event has no 'text:'", "text: …"),
    ("events:\n  - text: x\n    sources: [Chronicle, 1066]\n", 2, "an event has no 'date:'", "YYYY-MM-DD"),
    (events(("1066", "x")) + "    source: y\n", 6, "an event has an unknown key 'source'. Did you mean 'sources'?", "date, text, sources, note"),
    (events(("1066", "x")) + "    text: y\n", 6, "an event gives 'text' twice (first at line 3)", "Keep one"),
    (events(("1066", "A battle."), ("1801", "x"), ("1066", "A  battle.")), 10, "this event repeats the one at line 2", "Delete one"),
    ("events:\n  - date: 1066\n   text: x\n", 3, "this is not valid YAML", "Indent"),
    ("- date: 1066\n", 1, "the timeline must have an 'events:' list", "events:"),
    ("periods: []\n", 1, "the timeline has no 'events:' list", "events:"),
    ("evnts: []\n", 1, "the timeline has an unknown key 'evnts'. Did you mean 'events'?", "periods, events"),
    ("events:\n  date: 1066\n", 2, "'events' must be a list", "- date:"),
    (events(("1066", "[x, y]")).replace("text: [x, y]", "text: [x, y]"), 3, "'text' must be text", "text: …"),
    (events(("1066", "x"), periods="periods:\n  - from: 1000\n"), 2, "a period has no title", "title: …"),
    (events(("1066", "x"), periods="periods:\n  - title: A\n"), 2, "the period 'A' has neither 'from:' nor 'to:'", "from: 1950"),
    (events(("1066", "x"), periods="periods:\n  - title: A\n    from: 1900\n    to: 1800\n"), 2, "ends (1800) before it begins (1900)", "Swap"),
    (events(("1066", "x"), periods="periods:\n  - title: A\n    to: 1900\n  - title: B\n    from: 1850\n"), 4,
     "the period 'B' overlaps 'A' (line 2)", "chronological order"),
    (events(("1066", "x"), periods="periods:\n  - title: A\n    from: 1900-05\n"), 3, "'from: 1900-05' is not a year", "1950"),
])
def test_every_mistake_names_file_line_and_fix(text: str, line: int, problem: str, fix: str) -> None:
    e = error(text)
    assert (e.file, e.line) == ("timeline.yml", line), str(e)
    assert problem in e.problem, str(e)
    assert fix in e.fix, str(e)
    assert str(e).startswith(f"timeline.yml:{line}: ")


def test_text_that_yaml_would_read_as_a_number_date_or_boolean_stays_text() -> None:
    timeline = parse(events(("1066", "yes"), ("1801", "2019-10-03"), ("1802", "1e3")))
    assert [e.text for e in timeline.events] == ["yes", "2019-10-03", "1e3"]


def test_a_file_that_is_not_utf8_is_reported_with_its_line() -> None:
    with pytest.raises(EditorError) as info:
        parse_timeline(Path("timeline.yml"), b"events:\n  - date: 1066\n    text: caf\xe9\n")
    assert info.value.line == 3 and "UTF-8" in info.value.problem


def test_the_projects_own_timeline_is_valid_and_every_event_has_a_source() -> None:
    timeline = parse_timeline(ROOT / "docs" / "timeline.yml", (ROOT / "docs" / "timeline.yml").read_bytes())
    assert timeline.events and all(e.sources for e in timeline.events)


# --- merge, order, groups, rendering ----------------------------------------------------------------

def _claim(claim_id: str, dates: list[str], paragraph: int, number: int) -> Claim:
    return Claim(id=claim_id, title=f"Claim *{claim_id}*", quote="q", kind="fact", dates=dates, note="n", sources=["s, 2019"],
                 file=Path("claims.md"), line=1, quote_line=1, paragraph=paragraph, number=number)


def _essays() -> list[Essay]:
    first = Essay(slug="modern", folder=Path("."), title="A <modern> essay", author="A", date=dt.date(2020, 1, 1), publication="P",
                  paragraphs=[Paragraph(1, "One & two.", 1), Paragraph(2, "Three.", 3)])
    first.claims = [_claim("speech", ["2019-10-03", "2019"], 2, 1), _claim("undated", [], 1, 2)]
    second = Essay(slug="speech-1801", folder=Path("."), title="An 1801 speech", author="B", date=dt.date(1801, 3, 4), publication="Q",
                   paragraphs=[Paragraph(1, "Friends and fellow citizens.", 1)])
    second.claims = [_claim("inauguration", ["1801-03-04", "n.d."], 1, 1)]
    return [first, second]


TIMELINE = ("periods:\n  - title: The early republic\n    from: 1789\n    to: 1815\n  - title: Our time\n    from: 2000\n"
            + events(("2019-10-03", "An event on the claim's day."), ("1066", "Hastings."), ("1801-03", "A month."), ("44 BCE", "Caesar."),
                     ("1900", "Between the periods."), ("1901", "Also between.")))


def test_events_and_dated_claims_merge_in_order_and_group_by_period_across_eras() -> None:
    essays = _essays()
    timeline = parse(TIMELINE)
    entries = merged_entries(timeline, essays)
    labels = [(e.date.label(), e.claim.id if e.claim else timeline.events[e.event_index].text) for e in entries]
    assert labels == [("44 BCE", "Caesar."), ("1066", "Hastings."), ("March 1801", "A month."), ("4 March 1801", "inauguration"),
                      ("1900", "Between the periods."), ("1901", "Also between."), ("2019", "speech"),
                      ("3 October 2019", "An event on the claim's day."), ("3 October 2019", "speech")]
    groups = grouped(entries, timeline.periods)
    assert [(g.title, len(g.entries)) for g in groups] == [("44 BCE\u20131066", 2), ("The early republic", 2), ("1900\u20131901", 2),
                                                           ("Our time", 3)]


def render(text: str, site: Site, timeline_text: str, tmp_path: Path) -> BeautifulSoup:
    data = tmp_path / "timeline.yml"
    data.write_text(timeline_text, encoding="utf-8")
    page = tmp_path / "timeline.md"
    page.write_text(text, encoding="utf-8")
    timeline = page_timeline(site, "timeline.yml", str(page), "docs/timeline.md", text, None)
    site.page = PageContext(src="timeline.md", title="Timeline", file="docs/timeline.md", timeline=timeline, places_timeline=True)
    md = markdown.Markdown(extensions=["toc", "def_list", CitationExtension(site), TimelineExtension(site)])
    return BeautifulSoup(fill_titles(md.convert(text), site.tooltips.attributes), "html.parser")


def test_the_timeline_renders_one_label_per_date_and_claims_link_to_passage_and_register(tmp_path: Path) -> None:
    site = Site(essays=_essays(), terms=[])
    soup = render("# Timeline\n\nIntro.\n\n[[timeline]]\n\nAfter.\n", site, TIMELINE, tmp_path)
    assert [h.get_text() for h in soup.select("h2")] == ["44 BCE\u20131066", "The early republic", "1900\u20131901", "Our time"]
    labels = [dt.get_text() for dt in soup.select("dl.explainer-timeline dt")]
    assert len(labels) == len(set(labels)) and "3 October 2019" in labels
    day = next(dt for dt in soup.select("dt") if dt.get_text() == "3 October 2019")
    assert day.time["datetime"] == "2019-10-03"
    entries = day.find_next_siblings("dd", limit=2)
    assert [dd["class"] for dd in entries] == [["explainer-timeline-event"], ["explainer-timeline-claim"]]
    claim = entries[1]
    register = claim.select_one("a.explainer-timeline-register")
    assert register["href"] == "essays/modern/claims.md#speech" and register.em.get_text() == "speech"
    passage = claim.select_one("a.explainer-cite")
    assert passage["href"] == "essays/modern/index.md#p2" and "Three." in passage["title"]
    assert claim.cite.get_text() == "A 2020" and claim.cite["title"] == "A <modern> essay"  # its short name; its title as text
    assert "<modern>" not in str(claim.cite)
    inauguration = soup.find("a", href="essays/speech-1801/claims.md#inauguration")
    assert inauguration.find_parent("dd").find_previous_sibling("dt").get_text() == "4 March 1801"
    assert "Claim in B 1801: " in inauguration.find_parent("dd").get_text()
    assert soup.select_one("p.explainer-timeline-summary").get_text().startswith("6 events and 3 dates of claims annotated in 2 essays.")
    assert "Source: " in soup.select_one("dd.explainer-timeline-event").get_text()
    assert soup.find_all("p")[-1].get_text() == "After."


def test_a_page_that_names_timeline_data_must_place_it_once(tmp_path: Path) -> None:
    site = Site(essays=_essays(), terms=[])
    for body, problem in [("# T\n\nNo marker.\n", "does not place it"), ("[[timeline]]\n\n[[timeline]]\n", "places it twice")]:
        with pytest.raises(EditorError) as info:
            render("---\ntimeline: timeline.yml\n---\n" + body, site, TIMELINE, tmp_path)
        assert problem in info.value.problem and info.value.line == 2 and "[[timeline]]" in info.value.fix


def test_a_citation_in_an_event_that_does_not_resolve_names_the_data_file_and_line(tmp_path: Path) -> None:
    site = Site(essays=_essays(), terms=[])
    bad = TIMELINE + "  - date: 1802\n    text: Cites [[modern:p9]].\n    sources: [\"Chronicle, 1802\"]\n"
    with pytest.raises(EditorError) as info:
        render("[[timeline]]\n", site, bad, tmp_path)
    assert (info.value.file, info.value.line) == ("docs/timeline.yml", bad.count("\n") - 1)
    assert "p1 to p2 only" in info.value.problem


def test_timeline_marker_without_timeline_data_is_an_error(tmp_path: Path) -> None:
    site = Site(essays=_essays(), terms=[])
    site.page = PageContext(src="page.md", file="docs/page.md")
    md = markdown.Markdown(extensions=[CitationExtension(site), TimelineExtension(site)])
    with pytest.raises(EditorError) as info:
        md.convert("Intro.\n\n[[timeline]]\n")
    assert info.value.line == 3 and "timeline: timeline.yml" in info.value.fix


# --- whole builds ------------------------------------------------------------------------------------

def test_every_dated_claim_of_the_essay_is_on_the_built_timeline(site_build) -> None:
    claims = [c for c in parse_claims(ROOT / "seeds" / SLUG / "claims.md") if c.dates]
    soup = site_build.soup("timeline/")
    for claim in claims:
        links = soup.select(f'dd.explainer-timeline-claim a[href="../essays/{SLUG}/claims/#{claim.id}"]')
        assert len(links) == len(claim.dates), claim.id
        for link in links:
            assert link.find_parent("dd").select_one(f'a.explainer-cite[href^="../essays/{SLUG}/#p"]')
    assert not (site_build.site / "timeline.yml").exists(), "the data file is not published"


def test_a_second_essays_dated_claim_and_an_early_event_appear_on_the_timeline(project: Path) -> None:
    folder = add_fixture_essay(project)
    dated = [c for c in parse_claims(folder / "claims.md") if c.dates]
    assert dated, "the fixture essay has a dated claim"
    data = project / "docs" / "timeline.yml"
    data.write_text(data.read_text(encoding="utf-8") + "\n  - date: 1066-10-14\n    text: The Battle of Hastings.\n"
                    "    sources:\n      - Anglo-Saxon Chronicle, version D, 1066\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    soup = result.soup("timeline/")
    name = essay_name(load_essay(folder))
    for claim in dated:
        links = soup.select(f'a.explainer-timeline-register[href="../essays/{FIXTURE_ESSAY}/claims/#{claim.id}"]')
        assert len(links) == len(claim.dates)
        for link, written in zip(links, claim.dates, strict=True):
            entry = link.find_parent("dd")
            assert entry.find_previous_sibling("dt").get_text() == parse_date(written).label()
            assert entry.select_one("a.explainer-cite")["href"].startswith(f"../essays/{FIXTURE_ESSAY}/#p")
            assert entry.select_one("cite").get_text() == name
    headings = [h.get_text().rstrip("¶") for h in soup.select("article h2")]
    assert headings[0].startswith("1066\u2013") and "14 October 1066" in soup.get_text()
    assert "annotated in 2 essays" in soup.select_one(".explainer-timeline-summary").get_text()


def test_a_bad_date_in_the_timeline_stops_the_build_with_file_line_and_fix(project: Path) -> None:
    data = project / "docs" / "timeline.yml"
    lines = data.read_text(encoding="utf-8").split("\n")
    target = next(i for i, line in enumerate(lines) if line.strip().startswith("- date:"))
    lines[target] = "  - date: 1950-02-30"
    data.write_text("\n".join(lines), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"docs/timeline.yml:{target + 1}: '1950-02-30' is not a date." in result.output
    assert "Fix: Write YYYY" in result.output and "Traceback" not in result.output
