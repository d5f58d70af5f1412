"""The data the generator works on: essays, their paragraphs and claims, glossary terms.

Plain dataclasses; parsing lives in ``seeds``, ``claims`` and ``glossary``,
rendering in the Markdown extensions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

CLAIM_KINDS: dict[str, str] = {
    "fact": "a checkable statement about events, dates, documents or numbers",
    "paraphrase": "the essay's rendering of someone's words or of a document",
    "assessment": "the author's judgement or interpretation",
    "forecast": "a statement about what will or could happen",
    "policy": "a statement of policy, a pledge or an intention",
}

# What became of a forecast, as its `Outcome:` line may say (lower case, as written).
OUTCOME_STATUSES: dict[str, str] = {
    "pending": "the forecast's condition or horizon has not yet been reached",
    "borne out": "what followed matches the forecast",
    "partly borne out": "what followed matches some of the forecast and not the rest",
    "not borne out": "what followed contradicts the forecast",
    "too early to tell": "the evidence so far does not settle it either way",
}


@dataclass
class Outcome:
    """What became of a forecast, as of a date, with its own sources."""

    status: str  # a key of OUTCOME_STATUSES
    as_of: str  # YYYY-MM or YYYY-MM-DD
    note: str  # Markdown
    sources: list[str]  # Markdown, one per source
    line: int  # of the `Outcome:` line


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an essay as published, with its permanent number."""

    number: int
    text: str
    line: int  # where it starts in essay.txt

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


@dataclass
class Claim:
    """A passage of an essay with a note saying what it rests on."""

    id: str
    title: str
    quote: str
    kind: str
    dates: list[str]
    note: str  # Markdown
    sources: list[str]  # Markdown, one per source
    file: Path
    line: int  # of the heading
    quote_line: int
    note_line: int = 0
    horizon: str | None = None  # a forecast's `Horizon:`: by when it should be checkable
    outcome: Outcome | None = None  # a forecast's `Outcome:` block
    paragraph: int = 0  # set when anchored
    start: int = 0  # offset in the paragraph text where the quoted passage begins (set when anchored)
    end: int = 0  # offset in the paragraph text where the footnote mark goes
    number: int = 0  # footnote number, in reading order


@dataclass(frozen=True)
class Correction:
    """One entry of an essay's corrections log: when its annotations changed after publication, and how."""

    date: dt.date
    what: str  # plain text
    line: int  # in corrections.yml


@dataclass
class Essay:
    """An essay from ``seeds/<slug>/``: metadata, numbered paragraphs, author note, claims."""

    slug: str
    folder: Path
    title: str
    author: str
    date: dt.date
    publication: str | None
    paragraphs: list[Paragraph]
    short_title: str | None = None
    venue: str | None = None
    occasion: str | None = None
    language: str = "en"  # BCP 47
    direction: str = "ltr"  # of the language's script: "rtl" for Arabic, Hebrew, Persian, Urdu, ...
    series: str | None = None
    url: str | None = None
    summary: str | None = None
    note: str | None = None
    author_note: str | None = None
    claims: list[Claim] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # oldest first, as logged

    @property
    def short_name(self) -> str:
        """How other pages name the essay: ``short_title``, else author surname and year ("Trenin 2019")."""
        return self.short_title or f"{self.author.split()[-1]} {self.date.year}"

    @property
    def register_title(self) -> str:
        """The claims register's title, distinct for each essay in navigation, footer, search and ``<title>``."""
        return f"Claims in {self.short_name}"

    @property
    def page_src(self) -> str:
        return f"essays/{self.slug}/index.md"

    @property
    def register_src(self) -> str:
        return f"essays/{self.slug}/claims.md"

    @property
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 230))

    def paragraph(self, number: int) -> Paragraph | None:
        return self.paragraphs[number - 1] if 0 < number <= len(self.paragraphs) else None

    def pieces(self) -> list[tuple[Paragraph, list[tuple[int, int, Claim | None]]]]:
        """Each paragraph cut where the claims' marks go, as the essay page sets it: (start, end, the
        claim marked at the piece's end, or None for the last piece). Claims are in (paragraph, end) order."""
        marks: dict[int, list[Claim]] = {}
        for claim in self.claims:
            marks.setdefault(claim.paragraph, []).append(claim)
        cut = []
        for paragraph in self.paragraphs:
            spans: list[tuple[int, int, Claim | None]] = []
            position = 0
            for claim in marks.get(paragraph.number, []):
                spans.append((position, claim.end, claim))
                position = claim.end
            spans.append((position, len(paragraph.text), None))
            cut.append((paragraph, spans))
        return cut


@dataclass
class Term:
    """A glossary entry: the names it matches and the short definition for tooltips."""

    id: str
    name: str
    aliases: list[str]
    short: str  # plain text, for the tooltip
    line: int

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class Occurrence:
    """Where a term was met while rendering: for the glossary's "Used in" lists."""

    page_src: str
    page_title: str
    anchor: str | None  # None: before the page's first heading
    place: str  # "¶5", a section's title, or "" for the top of the page
