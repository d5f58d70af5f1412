"""The timeline page: the events of its data file merged with every dated claim of every essay.

A page opts in with ``timeline: timeline.yml`` in its front matter (the data
file, beside the page; format in :mod:`explainer.timelinedata`) and places the
timeline with a paragraph ``[[timeline]]``. That paragraph means something only
on a page whose own front matter names timeline data: generated pages never do,
and essay text is never parsed as Markdown, so no essay or claim can make one.

The block processor renders entries chronologically, grouped under the
periods the data declares (entries outside every period get a heading of their
years), with one ``<dt>`` per date however many entries share it. A claim's
entry links to its passage (with the passage as tooltip, like any citation) and
to its entry in the claims register, and names its essay.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.util import AtomicString

from .citations import TIMELINE_MARKER, Target, citation_problems, cite_link
from .errors import EditorError
from .generated import human_date, literal
from .model import CLAIM_KINDS, Claim, Essay
from .outcomes import outcome_label
from .problems import Problems
from .timelinedata import EventDate, Period, Timeline, load_timeline, parse_date, year_label

_MARKER_LINE = re.compile(r"^[ ]{0,3}\[\[timeline\]\][ \t]*$", re.MULTILINE)


def essay_name(essay: Essay) -> str:
    """How an entry names its essay: as citations of it do (``short_title``, else author and year)."""
    return essay.short_name


def page_timeline(site, value: object, page_path: str | None, file: str, source: str, default_essay: str | None,
                  problems: Problems | None = None) -> Timeline | None:
    """The timeline a page's ``timeline:`` front matter names, loaded and checked; None without one.

    ``file`` is the page as shown in messages; the data file is found beside
    the page. A mistake in the file raises; citations in its events that do not
    resolve go to ``problems`` (one per citation; without a collector the first raises).
    """
    if value is None:
        return None
    line = next((n for n, text in enumerate(source.split("\n"), 1) if text.startswith("timeline:")), None)
    if not isinstance(value, str) or not value.endswith((".yml", ".yaml")) or not page_path:
        raise EditorError(file, line, f"'timeline: {value}' does not name a data file.",
                          "Name the timeline's YAML file, beside the page: 'timeline: timeline.yml'.")
    markers = len(_MARKER_LINE.findall(source))
    if markers != 1:
        raise EditorError(file, line, "the page names timeline data but " + ("does not place it." if not markers else "places it twice."),
                          "Put [[timeline]] alone on one line, with blank lines around it, where the timeline goes.")
    path = Path(page_path).parent / value
    timeline = load_timeline(path, problems)
    shown = str(Path(file).parent / value)
    found = [error for event in timeline.events for text, line in ((event.text, event.text_line), (event.note, event.note_line))
             for error in citation_problems(site, text, shown, line, default_essay)]
    if problems is None and found:
        raise found[0]
    if problems is not None:
        problems.extend(found)
    return timeline


@dataclass
class Entry:
    """One line of the timeline: an event of the data file, or a claim at one of its dates."""

    date: EventDate
    order: tuple[int, ...]  # among entries of the same date: events in file order, then claims by essay
    event_index: int = -1
    claim: Claim | None = None
    essay: Essay | None = None


@dataclass
class Group:
    title: str
    entries: list[Entry] = field(default_factory=list)


def merged_entries(timeline: Timeline, essays: list[Essay]) -> list[Entry]:
    """Events and dated claims, in chronological order (year before month before day within a year)."""
    entries = [Entry(event.date, (0, i), event_index=i) for i, event in enumerate(timeline.events)]
    for essay_number, essay in enumerate(essays):
        for claim in essay.claims:
            for written in claim.dates:
                date = parse_date(written)
                if date is not None:  # claims.py checked the dates; an undated mark such as "n.d." has no place here
                    entries.append(Entry(date, (1, essay_number, claim.number), claim=claim, essay=essay))
    return sorted(entries, key=lambda e: (e.date.key, e.order))


def grouped(entries: list[Entry], periods: tuple[Period, ...]) -> list[Group]:
    """Consecutive entries of the same period under its title; entries outside every period under their years."""
    groups: list[tuple[Period | None, Group]] = []
    for entry in entries:
        year = entry.date.start.year
        period = next((p for p in periods if p.holds(year)), None)
        if groups and groups[-1][0] is period and (period is not None or _outside(groups[-1][1], year, periods)):
            groups[-1][1].entries.append(entry)
        else:
            groups.append((period, Group(period.title if period else "", [entry])))
    for period, group in groups:
        if period is None:
            first, last = group.entries[0].date.start.year, group.entries[-1].date.start.year
            group.title = year_label(first) if first == last else f"{year_label(first)}\u2013{year_label(last)}"
    return [group for _, group in groups]


def _outside(group: Group, year: int, periods: tuple[Period, ...]) -> bool:
    """Whether no period lies between the group's last entry and ``year`` (both outside every period)."""
    last = group.entries[-1].date.start.year
    return not any(p.first is not None and last < p.first <= year for p in periods)


class TimelineProcessor(BlockProcessor):
    """Renders the paragraph ``[[timeline]]`` of the page whose front matter names timeline data."""

    def __init__(self, parser, site) -> None:
        super().__init__(parser)
        self.site = site

    def test(self, parent: etree.Element, block: str) -> bool:
        return self.site.page.timeline is not None and bool(TIMELINE_MARKER.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        blocks.pop(0)
        timeline: Timeline = self.site.page.timeline
        self.site.page.timeline = None  # placed once; event text cannot place it again
        entries = merged_entries(timeline, self.site.essays)
        self._summary(parent, timeline, entries)
        for group in grouped(entries, timeline.periods):
            etree.SubElement(parent, "h2").text = literal(group.title)
            dl = etree.SubElement(parent, "dl", {"class": "explainer-timeline"})
            previous: EventDate | None = None
            for entry in group.entries:
                if entry.date != previous:  # one label per date, however many entries share it
                    self._date(dl, entry.date)
                    previous = entry.date
                if entry.claim is not None and entry.essay is not None:
                    self._claim(dl, entry.claim, entry.essay)
                else:
                    self._event(dl, timeline, entry.event_index)

    def _summary(self, parent: etree.Element, timeline: Timeline, entries: list[Entry]) -> None:
        claims = [e for e in entries if e.claim is not None]
        essays = {e.essay.slug for e in claims if e.essay}
        p = etree.SubElement(parent, "p", {"class": "explainer-timeline-summary"})
        if not entries:
            p.text = AtomicString("No dated events or claims yet.")
            return
        events = len(timeline.events)
        text = f"{events} event{'s' if events != 1 else ''}"
        if claims:
            from_where = "one essay" if len(essays) == 1 else f"{len(essays)} essays"
            text += (f" and {len(claims)} dates of claims annotated in {from_where}. Each claim links to the passage it "
                     "annotates and to its entry in the claims register, and names its essay.")
        else:
            text += "."
        p.text = AtomicString(text)

    def _date(self, dl: etree.Element, date: EventDate) -> None:
        dt = etree.SubElement(dl, "dt")
        time = etree.SubElement(dt, "time", {"datetime": date.iso}) if date.iso and not date.end else etree.SubElement(dt, "span")
        time.text = AtomicString(date.label())

    def _event(self, dl: etree.Element, timeline: Timeline, index: int) -> None:
        event = timeline.events[index]
        dd = etree.SubElement(dl, "dd", {"class": "explainer-timeline-event"})
        label = "Source:" if len(event.sources) == 1 else "Sources:"
        sources = "; ".join(s.removesuffix(".") for s in event.sources)
        note = f" {event.note}" if event.note else ""
        self.parser.parseChunk(dd, f"{event.text} {label} {sources}.{note}")

    def _claim(self, dl: etree.Element, claim: Claim, essay: Essay) -> None:
        dd = etree.SubElement(dl, "dd", {"class": "explainer-timeline-claim"})
        p = etree.SubElement(dd, "p")
        badge = etree.SubElement(p, "strong", {"class": f"explainer-kind explainer-kind--{claim.kind}",
                                               "title": CLAIM_KINDS.get(claim.kind, claim.kind)})
        badge.text = AtomicString(claim.kind.capitalize())
        badge.tail = AtomicString(" Claim in ")
        name = etree.SubElement(p, "cite", {"title": essay.title})
        name.text = literal(essay_name(essay))
        name.tail = AtomicString(": ")
        title = etree.SubElement(p, "a", {"href": self.site.url_to(essay.register_src, claim.id), "class": "explainer-timeline-register"})
        title.text = claim.title  # the editor's Markdown, as in the register's heading
        title.tail = AtomicString(".")
        paragraph = essay.paragraph(claim.paragraph)
        if paragraph is not None:  # the essay is named just before: the link needs only the paragraph
            title.tail = AtomicString(" (")
            link = cite_link(self.site, Target(essay, paragraph), f"\u00b6{paragraph.number}")
            link.set("class", "explainer-cite explainer-cite--number")
            link.tail = AtomicString(").")
            p.append(link)
        if claim.kind == "forecast":  # what became of it, in words (see outcomes)
            status = etree.SubElement(p, "span", {"class": "explainer-timeline-outcome"})
            status.text = AtomicString(f" {outcome_label(claim, human_date)}." if claim.outcome else " No outcome recorded yet.")


class TimelineExtension(Extension):
    def __init__(self, site, **kwargs) -> None:
        self.site = site
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.parser.blockprocessors.register(TimelineProcessor(md.parser, self.site), "explainer-timeline", 107)
