"""The timeline's data file (``docs/timeline.yml``): dated events and the periods that group them.

Format (documented on the editing page)::

    periods:                      # optional; headings for the timeline, in order
      - title: "1950–2002: from alliance to partnership"
        from: 1950                # first year (optional for the first period)
        to: 2002                  # last year (optional for the last period)
    events:
      - date: 1950-02-14          # YYYY, YYYY-MM or YYYY-MM-DD; "44 BCE"; a span "2005-08-18/2005-08-25"
        text: What happened, in Markdown; may cite an essay with [[p5]] or [[slug:p5]].
        sources:                  # at least one: a link or a full citation
          - "[Title](https://…), outlet, date"
        note: "In the essay: [[p2]]."   # optional, shown after the sources

The YAML is read as a node tree, not loaded into Python values: every value
keeps its line for the error messages, a date stays the text the editor wrote
(YAML would turn ``2019-10-03`` into a date and ``1066`` into a number), and a
key given twice is an error instead of silently replacing the first.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import EditorError
from .problems import Problems, RaiseAtOnce
from .text import normalise, suggest

PERIOD_KEYS = ("title", "from", "to")
EVENT_KEYS = ("date", "text", "sources", "note")
TOP_KEYS = ("periods", "events")
_POINT = re.compile(r"^(\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?(?:\s+(BCE))?$")
_LINK = re.compile(r"\]\((https?://[^)\s]+)|<https?://[^>\s]+>")
_YEAR = re.compile(r"\b\d{3,4}\b")  # a full citation names its year (any era)
_NULL = "tag:yaml.org,2002:null"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATE_FIX = ("Write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1066, 1801-03, 2019-10-03), '44 BCE' before the common era, "
            "or a span as start/end (2005-08-18/2005-08-25).")


@dataclass(frozen=True, order=True)
class DatePoint:
    """A date of year, month or day precision; ``year`` is negative before the common era (44 BCE is -44)."""

    year: int
    month: int = 0  # 0: year precision
    day: int = 0  # 0: month or year precision

    def label(self, with_year: bool = True, with_month: bool = True) -> str:
        """'14 February 1950', 'December 1992', '1992', '44 BCE' (parts can be left out for spans)."""
        parts = []
        if self.day:
            parts.append(str(self.day))
        if self.month and with_month:
            parts.append(calendar.month_name[self.month])
        if with_year:
            parts.append(year_label(self.year))
        return " ".join(parts)

    @property
    def iso(self) -> str | None:
        """The value for ``<time datetime>``; None before the common era, which HTML cannot express."""
        if self.year < 1:
            return None
        return "-".join([f"{self.year:04d}", *([f"{self.month:02d}"] if self.month else []), *([f"{self.day:02d}"] if self.day else [])])


@dataclass(frozen=True, order=True)
class EventDate:
    """When an event happened: a point, or a span from ``start`` to ``end`` of the same precision."""

    start: DatePoint
    end: DatePoint | None = None

    @property
    def key(self) -> tuple[int, int, int, int, int, int]:
        """Chronological order; within a year, year precision before month before day."""
        end = self.end or self.start
        return (*(self.start.year, self.start.month, self.start.day), *(end.year, end.month, end.day))

    def label(self) -> str:
        """'18–25 August 2005', 'August–September 2005', '1914–1918', '3 May 1801 – 2 June 1802'."""
        start, end = self.start, self.end
        if end is None:
            return start.label()
        if start.year == end.year and start.month == end.month and start.day:
            return f"{start.day}\u2013{end.label()}"
        if start.year == end.year and start.month:
            return f"{start.label(with_year=False)} \u2013 {end.label()}" if start.day else \
                f"{start.label(with_year=False)}\u2013{end.label()}"
        joiner = "\u2013" if not start.month and start.year > 0 else " \u2013 "
        return f"{start.label()}{joiner}{end.label()}"

    @property
    def iso(self) -> str | None:
        return self.start.iso


def year_label(year: int) -> str:
    return f"{-year} BCE" if year < 0 else str(year)


def parse_point(text: str) -> DatePoint | None:
    """``1066``, ``1801-03``, ``2019-10-03`` or ``44 BCE``; None when it is not a real date."""
    m = _POINT.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if year == 0 or (m.group(2) and not 1 <= month <= 12):
        return None
    if m.group(3):
        days = [31, 29 if calendar.isleap(year if not m.group(4) else 1 - year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if not 1 <= day <= days[month - 1]:
            return None
    return DatePoint(-year if m.group(4) else year, month, day)


def parse_date(text: str) -> EventDate | None:
    """A point or a ``start/end`` span (same precision, end after start); None when it is not one."""
    if "/" not in text:
        point = parse_point(text)
        return EventDate(point) if point else None
    first, _, second = text.partition("/")
    start, end = parse_point(first), parse_point(second)
    if start is None or end is None or (bool(start.month), bool(start.day)) != (bool(end.month), bool(end.day)) or end <= start:
        return None
    return EventDate(start, end)


@dataclass(frozen=True)
class Period:
    """A heading of the timeline: the events from year ``first`` to year ``last`` (None: open)."""

    title: str
    first: int | None
    last: int | None
    line: int

    def holds(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)


@dataclass(frozen=True)
class Event:
    date: EventDate
    text: str  # Markdown
    sources: tuple[str, ...]  # Markdown, one per source
    note: str  # Markdown, may be empty
    line: int  # of the event's first key
    text_line: int
    note_line: int


@dataclass(frozen=True)
class Timeline:
    path: Path
    periods: tuple[Period, ...]
    events: tuple[Event, ...]


_CACHE: dict[Path, tuple[tuple[int, int], Timeline, list[EditorError]]] = {}


def load_timeline(path: Path, problems: Problems | None = None) -> Timeline:
    """The timeline in ``path``, validated; re-read only when the file changed (``mkdocs serve``).

    With ``problems``, a broken event is recorded there and left out (the rest of the file still
    counts); without it, the first problem raises.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise EditorError(path, None, "the timeline's data file does not exist.",
                          "Create it (see 'The timeline' on the editing page) or correct 'timeline:' in the page's front matter.") from None
    state = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if not (cached and cached[0] == state):
        found = Problems()
        cached = (state, parse_timeline(path, path.read_bytes(), found), list(found))
        _CACHE[path] = cached
    _, timeline, errors = cached
    (problems if problems is not None else RaiseAtOnce()).extend(errors)
    return timeline


def parse_timeline(path: Path, data: bytes, problems: Problems | None = None) -> Timeline:
    """Parse and check the data file's bytes; every problem is an :class:`EditorError` at its line.

    A problem in the file's shape raises; one in an event raises too, or with ``problems`` is
    recorded there and the event left out.
    """
    problems = problems if problems is not None else RaiseAtOnce()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise EditorError(path, data.count(b"\n", 0, e.start) + 1, f"the file is not UTF-8 (byte {e.start}).", "Save it as UTF-8.") from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e)
        raise EditorError(path, mark.line + 1 if mark else None, f"this is not valid YAML: {problem}.",
                          "Indent each event's keys under its '- date:' line; put text that contains ': ' or begins with '[' (a link) "
                          "or a quote mark in double quotes, or write it as a '>-' block (see the editing page).") from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise EditorError(path, _line(root) if root else 1, "the timeline must have an 'events:' list.",
                          "Start the file with 'events:' and one '- date: …' item per event (see the editing page).")
    top = _mapping(path, root, TOP_KEYS, "the timeline")
    if "events" not in top:
        raise EditorError(path, _line(root), "the timeline has no 'events:' list.", "Add 'events:' with one '- date: …' item per event.")
    periods = _periods(path, top["periods"][1]) if "periods" in top else ()
    events_node = top["events"][1]
    if not isinstance(events_node, yaml.SequenceNode):
        raise EditorError(path, _line(events_node), "'events' must be a list.", "Write each event as a '- date: …' item under 'events:'.")
    events: list[Event] = []
    seen: dict[tuple[EventDate, str], int] = {}
    for node in events_node.value:
        event = problems.attempt(_event, path, node)
        if event is None:
            continue
        key = (event.date, normalise(event.text))
        if key in seen:
            problems.add(EditorError(path, event.line, f"this event repeats the one at line {seen[key]} (same date and text).",
                                     "Delete one of them; if both have sources worth keeping, list them all under the one you keep."))
            continue
        seen[key] = event.line
        events.append(event)
    return Timeline(path, periods, tuple(events))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(path: Path, node: yaml.Node, keys: tuple[str, ...], what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The keys of a mapping node (key node, value node); unknown or repeated keys are errors."""
    if not isinstance(node, yaml.MappingNode):
        raise EditorError(path, _line(node), f"{what} must be a set of 'key: value' lines.", f"Use the keys: {', '.join(keys)}.")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        if key not in keys:
            raise EditorError(path, _line(key_node), f"{what} has an unknown key '{key}'.{suggest(key, list(keys))}",
                              f"Use only: {', '.join(keys)}.")
        if key in out:
            raise EditorError(path, _line(key_node), f"{what} gives '{key}' twice (first at line {_line(out[key][0])}).",
                              "Keep one of the two.")
        out[key] = (key_node, value_node)
    return out


def _text(path: Path, pair: tuple[yaml.Node, yaml.Node], what: str) -> str:
    """A scalar's text as written (never a YAML number, date or boolean); empty for a missing value."""
    key_node, node = pair
    if not isinstance(node, yaml.ScalarNode):
        raise EditorError(path, _line(key_node), f"{what} must be text, not a list or a mapping.",
                          f"Write '{key_node.value}: …' on one line, or as a '>-' block of lines.")
    return "" if node.tag == _NULL and not node.style else str(node.value).strip()


def _periods(path: Path, node: yaml.Node) -> tuple[Period, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise EditorError(path, _line(node), "'periods' must be a list.", "Write each period as a '- title: …' item with 'from:' and 'to:' years.")
    periods: list[Period] = []
    for item in node.value:
        keys = _mapping(path, item, PERIOD_KEYS, "a period")
        line = _line(item)
        title = _text(path, keys["title"], "a period's title") if "title" in keys else ""
        if not title:
            raise EditorError(path, line, "a period has no title.", "Add 'title: …': it becomes the heading of the period's events.")
        bounds = [_year(path, keys[k]) if k in keys else None for k in ("from", "to")]
        first, last = bounds
        if first is None and last is None:
            raise EditorError(path, line, f"the period '{title}' has neither 'from:' nor 'to:'.",
                              "Give its first year ('from: 1950') and its last ('to: 2002'); only the first period may omit 'from', the last 'to'.")
        if first is not None and last is not None and last < first:
            raise EditorError(path, line, f"the period '{title}' ends ({year_label(last)}) before it begins ({year_label(first)}).",
                              "Swap 'from' and 'to', or correct one of them.")
        if periods:
            previous = periods[-1]
            if previous.last is None or first is None or first <= previous.last:
                raise EditorError(path, line, f"the period '{title}' overlaps '{previous.title}' (line {previous.line}) or comes before it.",
                                  "List periods in chronological order, each beginning after the previous one ends.")
        periods.append(Period(title, first, last, line))
    return tuple(periods)


def _year(path: Path, pair: tuple[yaml.Node, yaml.Node]) -> int:
    text = _text(path, pair, f"'{pair[0].value}'")
    point = parse_point(text)
    if point is None or point.month:
        raise EditorError(path, _line(pair[1]), f"'{pair[0].value}: {text}' is not a year.", "Write a year: 1950, or '44 BCE'.")
    return point.year


def _event(path: Path, node: yaml.Node) -> Event:
    keys = _mapping(path, node, EVENT_KEYS, "an event")
    line = _line(node)
    if "date" not in keys:
        raise EditorError(path, line, "an event has no 'date:'.", DATE_FIX)
    written = _text(path, keys["date"], "'date'")
    date = parse_date(written)
    if date is None:
        raise EditorError(path, _line(keys["date"][1]), f"'{written}' is not a date.", DATE_FIX)
    text = _text(path, keys["text"], "'text'") if "text" in keys else ""
    if not text:
        raise EditorError(path, line, "an event has no 'text:'.", "Add 'text: …': what happened, in your own words (Markdown).")
    if "sources" not in keys:
        raise EditorError(path, line, "an event has no 'sources:'.",
                          "Add 'sources:' with at least one '- …' item: a link ([title](https://…)) or a full citation with its date.")
    sources = _sources(path, keys["sources"])
    note = _text(path, keys["note"], "'note'") if "note" in keys else ""
    return Event(date, text, sources, note, line, _content_line(keys["text"][1]), _content_line(keys["note"][1]) if "note" in keys else 0)


def _content_line(node: yaml.Node) -> int:
    """Where a value's text begins: a '>-' or '|' block starts on the line after its indicator."""
    return _line(node) + (1 if getattr(node, "style", None) in (">", "|") else 0)


def _sources(path: Path, pair: tuple[yaml.Node, yaml.Node]) -> tuple[str, ...]:
    key_node, node = pair
    items = [(_line(node), node)] if isinstance(node, yaml.ScalarNode) else \
        [(_line(item), item) for item in node.value] if isinstance(node, yaml.SequenceNode) else None
    if items is None:
        raise EditorError(path, _line(key_node), "'sources' must be a list.", "Write one '- …' item per source.")
    sources: list[str] = []
    for line, item in items:
        source = _text(path, (key_node, item), "a source")
        if not source:
            raise EditorError(path, line, "a source is empty.", "Write a link ([title](https://…)) or a full citation, or delete the item.")
        if not _LINK.search(source) and not _YEAR.search(source):
            raise EditorError(path, line, f"the source '{source}' has neither a link nor a year.",
                              "Give a link ([title](https://…)) or a full citation: author, title, outlet, date.")
        sources.append(source)
    if not sources:
        raise EditorError(path, _line(key_node), "'sources' is empty.", "List at least one source: a link or a full citation with its date.")
    return tuple(sources)
