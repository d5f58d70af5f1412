"""Hindsight for forecasts: what became of a forecast claim, and by when it should be known.

A forecast in ``claims.md`` may end its note with an outcome block, before
``Sources:``::

    Outcome: partly borne out (as of 2025-05)

    What has happened since, in Markdown.

    Outcome sources:

    - [Title](https://…), outlet, date.

The status comes from a closed list (:data:`model.OUTCOME_STATUSES`); the
"as of" date says how recent the evidence is. ``Horizon: YYYY[-MM[-DD]]`` in a
forecast's header says by when it should be checkable; without one, the horizon
is its latest ``Date:``, else the essay's date. A forecast past its horizon with
no outcome is reported by :func:`overdue_forecasts` (the build logs it as a
warning, which ``mkdocs build --strict`` turns into a failure).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from .errors import EditorError
from .model import OUTCOME_STATUSES, Claim, Essay
from .text import suggest

OUTCOME_LINE = re.compile(r"^Outcome\s*:\s*(.*)$", re.IGNORECASE)
OUTCOME_SOURCES = re.compile(r"^\**Outcome sources\s*:\**\s*$", re.IGNORECASE)
_VALUE = re.compile(r"^(?P<status>[^()]*?)\s*\(\s*as of\s+(?P<date>[^)]*?)\s*\)\s*\.?$", re.IGNORECASE)
_AS_OF = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
FORECASTS_ID = "forecasts"  # the claims register's section listing every forecast: no claim may take this id
_EXAMPLE = "Write it as 'Outcome: partly borne out (as of 2025-05)'."


def parse_outcome_line(path: Path, line: int, value: str, today: dt.date | None = None) -> tuple[str, str]:
    """(status, as-of date) from the text after ``Outcome:``; raises :class:`EditorError`."""
    statuses = ", ".join(OUTCOME_STATUSES)
    match = _VALUE.match(value.strip())
    if not match:
        raise EditorError(path, line, f"the outcome '{value.strip()}' has no 'as of' date.",
                          f"{_EXAMPLE} Status: one of {statuses}; date: YYYY-MM or YYYY-MM-DD, how recent the evidence is.")
    status, as_of = " ".join(match.group("status").lower().split()), match.group("date")
    if status not in OUTCOME_STATUSES:
        raise EditorError(path, line, f"unknown outcome status '{status}'.{suggest(status, list(OUTCOME_STATUSES))}",
                          f"Use one of: {statuses}.")
    if not _AS_OF.match(as_of) or end_of(as_of) is None:
        raise EditorError(path, line, f"'as of {as_of}' is not a date.", "Write it as YYYY-MM or YYYY-MM-DD, e.g. '(as of 2025-05)'.")
    today = today or dt.date.today()
    if start_of(as_of) > today:
        raise EditorError(path, line, f"'as of {as_of}' is in the future.",
                          "Give the date of the latest evidence the outcome cites.")
    return status, as_of


def start_of(iso: str) -> dt.date:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def end_of(iso: str) -> dt.date | None:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date covers; None if it is no date."""
    parts = [int(p) for p in iso.split("-")]
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return dt.date(*parts)
    except ValueError:
        return None


def horizon(claim: Claim, essay: Essay) -> str:
    """By when a forecast should be checkable: its ``Horizon:``, else its latest ``Date:``, else the essay's date."""
    if claim.horizon:
        return claim.horizon
    if claim.dates:
        return max(claim.dates, key=lambda d: end_of(d) or dt.date.min)
    return essay.date.isoformat()


def overdue_forecasts(essay: Essay, today: dt.date | None = None) -> list[tuple[Claim, str]]:
    """The essay's forecasts whose horizon has passed with no outcome recorded, with that horizon."""
    today = today or dt.date.today()
    out: list[tuple[Claim, str]] = []
    for claim in essay.claims:
        if claim.kind == "forecast" and claim.outcome is None:
            when = horizon(claim, essay)
            end = end_of(when)
            if end is not None and end < today:
                out.append((claim, when))
    return out


def overdue_message(claim: Claim, when: str, file: str) -> str:
    """The build warning for a forecast past its horizon without an outcome, worded like an editor error."""
    return str(EditorError(
        file, claim.line, f"the forecast '{claim.title}' is past its horizon ({when}) and has no outcome.",
        f"Add 'Outcome: <{' | '.join(OUTCOME_STATUSES)}> (as of YYYY-MM)', a short note and 'Outcome sources:' "
        "before 'Sources:' (use 'pending' if it cannot be judged yet), or set a later 'Horizon:'."))


def outcome_label(claim: Claim, human_date) -> str:
    """The outcome in words, e.g. 'Outcome as of May 2025: partly borne out'."""
    assert claim.outcome is not None
    return f"Outcome as of {human_date(claim.outcome.as_of)}: {claim.outcome.status}"


def outcome_markdown(claim: Claim, human_date) -> str:
    """The outcome block of a note (footnote or register) as Markdown: label, note, its sources."""
    outcome = claim.outcome
    assert outcome is not None
    slug = outcome.status.replace(" ", "-")
    label = (f'**{outcome_label(claim, human_date)}.**'
             f'{{ .explainer-outcome .explainer-outcome--{slug} title="{OUTCOME_STATUSES[outcome.status]}" }}')
    sources = "\n".join(f"- {source}" for source in outcome.sources)
    return f"{label} {outcome.note}\n\nOutcome sources:\n\n{sources}"
