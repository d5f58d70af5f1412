"""Read ``seeds/<slug>/corrections.yml``: the log of corrections made to an essay's annotations.

Once an edition is published, a reader who cited a note deserves to know when it
changed and why. The log is a YAML list, oldest first::

    - date: 2026-12-02
      what: "The glossary named the wrong Lukin; the article is by Artyom Lukin."

Both keys are required; ``date`` is a real day, not in the future; ``what`` is
plain text (shown literally, never as Markdown). Every problem is an
:class:`EditorError` at its line. The essay page lists the entries in a
"Corrections" section after the notes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .errors import EditorError
from .model import Correction
from .seeds import _LineLoader
from .text import suggest
from .yamlfile import read_yaml

CORRECTIONS_FILE = "corrections.yml"
KEYS = ("date", "what")
_ITEM = re.compile(r"^-(\s|$)")
_EXAMPLE = '- date: 2026-12-02\n    what: "What was wrong, and what it says now."'


def parse_corrections(path: Path, today: dt.date | None = None) -> list[Correction]:
    """The entries of one log, in file order; raises :class:`EditorError` on the first problem."""
    data = read_yaml(path, _LineLoader)
    if data is None:
        return []
    if not isinstance(data, list):
        raise EditorError(path, 1, "the corrections log must be a list of entries.",
                          f"Write one entry per correction, each starting with '- ', e.g.\n    {_EXAMPLE}")
    item_lines = _item_lines(path)
    today = today or dt.date.today()
    out: list[Correction] = []
    for index, entry in enumerate(data):
        line = item_lines[index] if index < len(item_lines) else 1
        out.append(_entry(path, line, entry, today))
    return out


def _item_lines(path: Path) -> list[int]:
    """The line of each top-level '- ' item (the loader records lines of keys, not of list items)."""
    text = path.read_text(encoding="utf-8-sig")
    return [number for number, line in enumerate(text.split("\n"), 1) if _ITEM.match(line)]


def _entry(path: Path, line: int, entry: object, today: dt.date) -> Correction:
    if not isinstance(entry, dict):
        raise EditorError(path, line, "a correction must have a 'date:' and a 'what:'.", f"Write it as:\n    {_EXAMPLE}")
    lines: dict[str, int] = entry.pop("__lines__", {})
    entry.pop("__items__", None)
    line = min(lines.values(), default=line)
    for key in entry:
        if key not in KEYS:
            raise EditorError(path, lines.get(key, line), f"unknown key '{key}'.{suggest(str(key), list(KEYS))}",
                              "A correction has two keys: 'date' (YYYY-MM-DD) and 'what' (plain text).")
    for key in KEYS:
        if entry.get(key) in (None, ""):
            raise EditorError(path, line, f"the correction has no '{key}:'.",
                              "Give the day of the correction ('date: YYYY-MM-DD') and what changed ('what: \"…\"').")
    date = entry["date"]
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        raise EditorError(path, lines.get("date", line), f"'date: {date}' is not a date.", "Write it as YYYY-MM-DD, e.g. 2026-12-02.")
    if date > today:
        raise EditorError(path, lines.get("date", line), f"'date: {date.isoformat()}' is in the future.",
                          "Give the day the correction was made.")
    what = entry["what"]
    if not isinstance(what, str) or not what.strip():
        raise EditorError(path, lines.get("what", line), "'what' must be text saying what was corrected.",
                          "Write it in quotes: what: \"What was wrong, and what it says now.\"")
    return Correction(date=date, what=" ".join(what.split()), line=line)
