"""Read ``seeds/<slug>/claims.md`` and anchor each claim to the passage it quotes.

Format, one section per claim::

    ## Short title {#optional-id}

    > The passage, quoted from the essay.

    Kind: fact
    Date: 2019-10-03

    The note, in Markdown.

    Outcome: partly borne out (as of 2025-05)

    A forecast only (see ``outcomes``): what has happened since, in Markdown.

    Outcome sources:

    - [Title](https://…), outlet, date.

    Sources:

    - [Title](https://…), outlet, date.

The quote must match the essay exactly once after normalising whitespace and
quote marks; the footnote mark goes after its last character.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from .errors import EditorError
from .model import CLAIM_KINDS, Claim, Essay, Outcome
from .outcomes import FORECASTS_ID, OUTCOME_LINE, OUTCOME_SOURCES, parse_outcome_line
from .problems import Problems, RaiseAtOnce
from .quotemiss import explain_miss
from .sections import Section, check_attributes, read_sections, stable_id
from .text import Composed, composed, normalise, original_offset

_FIELD = re.compile(r"^(Kind|Date|Dates|Horizon)\s*:\s*(.*)$", re.IGNORECASE)
_SOURCES = re.compile(r"^\**Sources\s*:\**\s*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LINK = re.compile(r"\]\((https?://[^)\s]+)|<https?://[^>\s]+>")
# A year of any era (three or four digits, not part of a longer number such as 1,000 or 3.14),
# or "n.d." (no date) for an undated document.
_YEAR = re.compile(r"(?<!p\. )(?<!pp\. )(?<![\d.,\-\u2013])\b\d{3,4}\b(?![.,]?\d)|\bn\.\s?d\.", re.IGNORECASE)


def parse_claims(path: Path, problems: Problems | None = None) -> list[Claim]:
    """The claims of one file, in file order.

    Without ``problems`` the first malformed section raises :class:`EditorError`; with it,
    each section's problem is recorded there and that claim is left out.
    """
    problems = problems if problems is not None else RaiseAtOnce()
    doc = read_sections(path)
    in_comment = False  # an HTML comment before the first claim is for editors (`make essay` writes one)
    for number, line in doc.preamble:
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = not stripped.endswith("-->")
            continue
        if stripped and not line.startswith("# "):
            problems.add(EditorError(path, number, "text before the first claim.",
                                     "Start each claim with a '## Title' heading; only a '# Title' line or an HTML comment "
                                     "may come before the first."))
            break
    claims = [c for c in (problems.attempt(_parse_section, path, section) for section in doc.sections) if c is not None]
    seen: dict[str, Claim] = {}
    for claim in claims:
        if claim.id == FORECASTS_ID:
            problems.add(EditorError(path, claim.line, f"the id '{claim.id}' is taken by the claims register's list of forecasts.",
                                     "Give the claim another title or an explicit '{#other-id}'."))
            continue
        if claim.id in seen:
            problems.add(EditorError(path, claim.line, f"two claims have the id '{claim.id}' (the other is at line {seen[claim.id].line}).",
                                     "Give one of them a different title or an explicit '{#other-id}'."))
            continue
        seen[claim.id] = claim
    return list(seen.values())


def _parse_section(path: Path, section: Section) -> Claim:
    if not section.title:
        raise EditorError(path, section.line, "a claim heading needs a title.", "Write '## A short title' (optionally '{#an-id}').")
    check_attributes(path, section, only_id=True)
    title, claim_id, start = section.title, section.explicit_id or stable_id(section.title), section.line
    lines = [f"## {title}", *section.body]
    quote_lines: list[str] = []
    quote_line = 0
    kind = ""
    kind_line = 0
    dates: list[str] = []
    note: list[str] = []
    sources: list[str] = []
    source_lines: list[int] = []
    sources_line = 0
    note_line = 0
    horizon, horizon_line = None, 0
    outcome_head: tuple[str, str] | None = None  # (status, as of)
    outcome_line = outcome_sources_line = 0
    outcome_note: list[str] = []
    outcome_sources: list[tuple[str, int]] = []  # (source, line)
    i = 1
    while i < len(lines):
        line, number = lines[i], start + i
        stripped = line.strip()
        if sources_line:
            item = _LIST_ITEM.match(line)
            if item:
                sources.append(item.group(1).strip())
                source_lines.append(number)
            elif stripped and sources and line.startswith((" ", "\t")):
                sources[-1] += " " + stripped
            elif stripped:
                fix = ("Put the 'Outcome:' block between the note and 'Sources:'." if OUTCOME_LINE.match(stripped)
                       else "Write each source as a '- ' list item; put notes above 'Sources:'.")
                raise EditorError(path, number, "only a list of sources may follow 'Sources:'.", fix)
        elif outcome_sources_line and not _SOURCES.match(stripped):
            item = _LIST_ITEM.match(line)
            if item:
                outcome_sources.append((item.group(1).strip(), number))
            elif stripped and outcome_sources and line.startswith((" ", "\t")):
                outcome_sources[-1] = (outcome_sources[-1][0] + " " + stripped, outcome_sources[-1][1])
            elif stripped:
                raise EditorError(path, number, "only a list of sources may follow 'Outcome sources:'.",
                                  "Write each as a '- ' list item, then 'Sources:' and the claim's own sources.")
        elif stripped.startswith(">") and not note and not kind:
            quote_line = quote_line or number
            quote_lines.append(stripped.lstrip(">").strip())
        elif (field := _FIELD.match(stripped)) and not note:
            key, value = field.group(1).lower(), field.group(2).strip()
            if key == "kind":
                kind, kind_line = value.lower(), number
            elif key == "horizon":
                horizon, horizon_line = value, number
                if not _valid_date(value):
                    raise EditorError(path, number, f"'Horizon: {value}' is not a date.",
                                      "Write by when the forecast should be checkable as YYYY-MM-DD, YYYY-MM or YYYY.")
            else:
                dates = [d.strip() for d in value.split(",") if d.strip()]
                for d in dates:
                    if not _valid_date(d):
                        raise EditorError(path, number, f"'{d}' is not a date.",
                                          "Write dates as YYYY-MM-DD, YYYY-MM or YYYY (four-digit years: 1801, 0800), comma separated.")
        elif _SOURCES.match(stripped):
            sources_line = number
        elif found := OUTCOME_LINE.match(stripped):
            if not note:
                raise EditorError(path, number, "an 'Outcome:' line before the claim's note.",
                                  "Write the note first; the 'Outcome:' block follows it, before 'Sources:'.")
            if outcome_line:
                raise EditorError(path, number, f"a second 'Outcome:' (the first is at line {outcome_line}).",
                                  "Give each forecast one outcome; say in its note what is still open.")
            outcome_line = number
            outcome_head = parse_outcome_line(path, number, found.group(1))
        elif OUTCOME_SOURCES.match(stripped):
            if not outcome_line:
                raise EditorError(path, number, "'Outcome sources:' without an 'Outcome:' line above it.",
                                  "Start the block with 'Outcome: <status> (as of YYYY-MM)', or write 'Sources:'.")
            outcome_sources_line = number
        elif stripped.startswith("#"):
            raise EditorError(path, number, "a claim cannot contain headings.",
                              "Use '## ' only to start a new claim; write the note as paragraphs.")
        elif outcome_line:
            outcome_note.append(line)
        elif stripped or note:
            note_line = note_line or number
            note.append(line)
        i += 1

    where = f"claim '{title}'"
    if not quote_lines:
        raise EditorError(path, start, f"{where} quotes no passage.",
                          "Put the passage it annotates right after the heading, as a '> ' quote copied from the essay.")
    if not kind:
        raise EditorError(path, start, f"{where} has no 'Kind:' line.", f"Add 'Kind: …', one of: {', '.join(CLAIM_KINDS)}.")
    if kind not in CLAIM_KINDS:
        raise EditorError(path, kind_line, f"unknown kind '{kind}'.", f"Use one of: {', '.join(CLAIM_KINDS)}.")
    if not sources_line or not sources:
        raise EditorError(path, sources_line or start, f"{where} has no source.",
                          "End the claim with 'Sources:' and a list: a link, or author, title, outlet and date.")
    for source, source_line in zip(sources, source_lines, strict=True):
        if not _LINK.search(source) and not _YEAR.search(source):
            raise EditorError(path, source_line, f"the source '{source}' has neither a link nor a date.",
                              "Give a link ([title](https://…)) or a full citation: author, title, outlet, date "
                              "(any year, or 'n.d.' for an undated document).")
    while note and not note[-1].strip():
        note.pop()
    if not any(n.strip() for n in note):
        raise EditorError(path, start, f"{where} has no note.", "Between the 'Kind:' line and 'Sources:', say what the passage rests on.")
    if horizon and kind != "forecast":
        raise EditorError(path, horizon_line, f"{where} is a {kind}, and only a forecast has a horizon.",
                          "Remove the 'Horizon:' line, or make the claim 'Kind: forecast'.")
    outcome = None
    if outcome_head:
        outcome = _outcome(path, where, kind, outcome_head, outcome_line, outcome_note, outcome_sources_line, outcome_sources)
    return Claim(id=claim_id, title=title, quote=" ".join(quote_lines), kind=kind, dates=dates,
                 note="\n".join(note).strip("\n"), sources=sources, file=path, line=start, quote_line=quote_line,
                 note_line=note_line, horizon=horizon, outcome=outcome)


def _outcome(path: Path, where: str, kind: str, head: tuple[str, str], line: int, note: list[str],
             sources_line: int, sources: list[tuple[str, int]]) -> Outcome:
    """The outcome block of a forecast, checked: a note and at least one source."""
    if kind != "forecast":
        raise EditorError(path, line, f"{where} is a {kind}, and only a forecast has an outcome.",
                          "Remove the 'Outcome:' block, or make the claim 'Kind: forecast' if it predicts something.")
    text = "\n".join(note).strip("\n")
    if not text.strip():
        raise EditorError(path, line, f"the outcome of {where} has no note.",
                          "Below the 'Outcome:' line, say in a few sentences what has happened since and how sure that is.")
    if not sources_line or not sources:
        raise EditorError(path, sources_line or line, f"the outcome of {where} has no source.",
                          "Add 'Outcome sources:' and a list, each a link or author, title, outlet and date, before 'Sources:'.")
    for source, source_line in sources:
        if not _LINK.search(source) and not _YEAR.search(source):
            raise EditorError(path, source_line, f"the outcome source '{source}' has neither a link nor a date.",
                              "Give a link ([title](https://…)) or a full citation: author, title, outlet, date.")
    return Outcome(status=head[0], as_of=head[1], note=text, sources=[source for source, _ in sources], line=line)


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


def anchor_claims(essay: Essay, claims: list[Claim], problems: Problems | None = None) -> list[Claim]:
    """Place each claim in the essay and number the claims in reading order.

    Quotes are matched on NFC text (composed and decomposed spellings are the same
    passage), and each footnote mark is placed in the paragraph as written.
    A claim whose quote is not found once raises, or with ``problems`` is recorded and left out.
    """
    problems = problems if problems is not None else RaiseAtOnce()
    nfc = [composed(p.text) for p in essay.paragraphs]  # None: the paragraph is NFC already
    normalised = [normalise(c.text if c else p.text) for c, p in zip(nfc, essay.paragraphs, strict=True)]
    anchored = [claim for claim in claims if problems.attempt(_anchor, essay, nfc, normalised, claim)]
    ordered = sorted(anchored, key=lambda c: (c.paragraph, c.end))
    for number, claim in enumerate(ordered, start=1):
        claim.number = number
    return ordered


def _anchor(essay: Essay, nfc: list[Composed | None], normalised: list[str], claim: Claim) -> bool:
    wanted = normalise(unicodedata.normalize("NFC", claim.quote))
    hits = [(i, start) for i, text in enumerate(normalised) for start in _find_all(text, wanted)]
    if not hits:
        raise explain_miss(essay, claim, wanted, normalised)
    if len(hits) > 1:
        where = ", ".join(f"p{i + 1}" for i, _ in hits)
        raise EditorError(claim.file, claim.quote_line, f"the quoted passage occurs {len(hits)} times in the essay ({where}).",
                          "Quote more of the surrounding words so it matches only once.")
    index, start = hits[0]
    text, composed_text = essay.paragraphs[index].text, nfc[index]
    base = composed_text.text if composed_text else text
    # Normalising only shortens runs of whitespace: at the same length it changed no offset.
    same = len(normalised[index]) == len(base)
    end = (start + len(wanted) - 1 if same else original_offset(base, start + len(wanted) - 1)) + 1
    if composed_text:
        end = composed_text.original(end, end=True)
    while end < len(text) and unicodedata.combining(text[end]):  # the mark goes after the last letter's accents
        end += 1
    begin = start if same else original_offset(base, start)
    if composed_text:
        begin = composed_text.original(begin)
    claim.paragraph = index + 1
    claim.start = begin
    claim.end = end
    return True


def _find_all(text: str, wanted: str) -> list[int]:
    """Starts of the non-overlapping occurrences of ``wanted`` in ``text``."""
    starts: list[int] = []
    at = text.find(wanted) if wanted else -1
    while at != -1:
        starts.append(at)
        at = text.find(wanted, at + len(wanted))
    return starts
