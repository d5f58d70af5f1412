"""An essay's claims and term occurrences as a W3C Web Annotation collection.

``essays/<slug>/annotations.jsonld`` holds one ``Annotation`` per claim and one per
occurrence of a glossary term in the essay's numbered paragraphs (found as the essay page finds
them: in the text between two claim marks, where the term links are). Each targets the
original essay with two selectors against ``seeds/<slug>/essay.txt``:

* ``TextQuoteSelector``: ``exact`` (the passage as it stands in the file), with up to
  32 characters of ``prefix`` and ``suffix``;
* ``TextPositionSelector``: ``start`` and ``end`` (exclusive), counted in Unicode
  characters (code points) of the file decoded as UTF-8. A leading byte order mark is
  not counted; line breaks are counted as they are in the file (CR LF is two).

So a tool that reads ``essay.txt`` as UTF-8 text (dropping a BOM, as decoders do)
finds every passage at ``text[start:end]``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path

from ..model import Claim, Essay, Term
from ..seeds import TEXT_FILE
from ..terms import TermMatcher
from .plain import markdown_text

CONTEXT = 32  # characters of prefix and suffix
_CRLF = re.compile("\r\n")


class EssayText:
    """``essay.txt`` as a program reading the file sees it, and the way there from the model's offsets.

    The model reads the file without a BOM and with every line break made ``\\n``; its
    paragraphs are stripped blocks of that text.
    """

    def __init__(self, path: Path) -> None:
        self.raw = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        self.text = self.raw.replace("\r\n", "\n").replace("\r", "\n")
        # Offsets in self.text of each "\n" that was "\r\n": one raw character more from there on.
        self._pairs = [m.start() - k for k, m in enumerate(_CRLF.finditer(self.raw))] if "\r" in self.raw else []
        line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        self._line_starts = line_starts

    def raw_offset(self, i: int) -> int:
        """The raw offset of character ``i`` of the normalised text."""
        return i + bisect.bisect_right(self._pairs, i)  # the "\r" of each pair at or before i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A normalised ``[start, end)`` as a raw one."""
        return self.raw_offset(start), self.raw_offset(end - 1) + 1

    def paragraph_start(self, line: int, text: str) -> int:
        """Where a paragraph of the model (first line, stripped text) starts in the normalised text."""
        at = self.text.find(text, self._line_starts[line - 1])
        if at < 0:
            raise ValueError(f"paragraph at line {line} not found in {TEXT_FILE}")
        return at

    def selectors(self, start: int, end: int) -> list[dict]:
        """Quote and position selectors for the raw ``[start, end)``."""
        raw = self.raw
        return [
            {"type": "TextQuoteSelector", "exact": raw[start:end],
             "prefix": raw[max(0, start - CONTEXT) : start], "suffix": raw[end : end + CONTEXT]},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ]


def _claim_annotation(claim: Claim, base: str, target: dict, register_url: str) -> dict:
    body: list[dict] = [
        {"type": "TextualBody", "purpose": "classifying", "value": claim.kind, "format": "text/plain"},
        # The editor's Markdown as written (``[[p5]]`` cites paragraph 5 of the essay).
        {"type": "TextualBody", "purpose": "commenting", "value": claim.note, "format": "text/markdown"},
        *({"type": "TextualBody", "purpose": "linking", "value": source, "format": "text/markdown"}
          for source in claim.sources),
        {"type": "SpecificResource", "purpose": "describing", "source": f"{register_url}#{claim.id}"},
    ]
    return {"id": f"{base}#claim-{claim.id}", "type": "Annotation", "motivation": "commenting",
            "label": markdown_text(claim.title), "body": body, "target": target}


def _term_annotation(number: int, term: Term, base: str, target: dict, glossary_url: str) -> dict:
    body = [
        {"type": "TextualBody", "purpose": "describing", "value": term.short, "format": "text/plain"},
        {"type": "SpecificResource", "purpose": "identifying", "source": f"{glossary_url}#{term.id}"},
    ]
    return {"id": f"{base}#term-{number}", "type": "Annotation", "motivation": "describing",
            "label": term.name, "body": body, "target": target}


def annotation_collection(essay: Essay, matcher: TermMatcher, *, collection_url: str, page_url: str,
                          register_url: str, glossary_url: str,
                          read: Callable[[Path], EssayText] = EssayText) -> dict:
    """The collection for one essay: claims first (reading order), then term occurrences (reading order)."""
    text = read(essay.folder / TEXT_FILE)
    source = essay.url or page_url
    starts = {p.number: text.paragraph_start(p.line, p.text) for p in essay.paragraphs}

    def target(paragraph: int, start: int, end: int) -> dict:
        base = starts[paragraph]
        raw_start, raw_end = text.span(base + start, base + end)
        return {"source": source, "selector": text.selectors(raw_start, raw_end)}

    items = [_claim_annotation(c, collection_url, target(c.paragraph, c.start, c.end), register_url) for c in essay.claims]
    number = 0
    # The terms the essay page finds: in each piece of a paragraph between two claim marks.
    for paragraph, pieces in essay.pieces():
        for start, end, _ in pieces:
            for outer in matcher.find(paragraph.text[start:end]):
                for match in (outer, *outer.inner):  # a term inside a longer one is an occurrence too
                    number += 1
                    items.append(_term_annotation(number, match.term, collection_url,
                                                  target(paragraph.number, start + match.start, start + match.end),
                                                  glossary_url))
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection_url,
        "type": "AnnotationCollection",
        "label": f"Annotations of “{essay.title}” by {essay.author}",
        "total": len(items),
        "first": {"id": f"{collection_url}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def described_terms(collection: dict) -> set[str]:
    """The ids of the terms whose definitions ``collection`` shows (the preview writes it again when one changes)."""
    return {item["body"][1]["source"].rpartition("#")[2]
            for item in collection["first"]["items"] if item["motivation"] == "describing"}
