"""Why a claim's quote is not in the essay: the message that finds the difference.

Run only when a quote misses, so it may be slow. In order, it looks for:
an invisible character (by code point, name and column), a character the essay
writes in another form (a ligature, a full-width letter: the same after NFKC),
a quote that runs from one paragraph into the next, and a quote that lies in
text the edition leaves out (omitted boilerplate, the author note). Only when
none applies does it fall back to the closest passage.
"""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

from .errors import EditorError
from .model import Claim, Essay, Paragraph
from .seeds import TEXT_FILE, _read_text, _split_paragraphs  # the seed reader's own splitting
from .text import normalise


def _invisible(ch: str) -> bool:
    """A character that shows as nothing: format characters (U+200B, U+00AD, U+2060, U+FEFF …)."""
    return unicodedata.category(ch) == "Cf"


def _strip_invisible(text: str) -> str:
    return "".join(ch for ch in text if not _invisible(ch))


def describe(ch: str) -> str:
    """'U+200B ZERO WIDTH SPACE'."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"


def _quote_places(claim: Claim) -> list[tuple[int, int]]:
    """(line, column) in claims.md of each character of ``claim.quote`` (the '> ' lines joined by spaces)."""
    try:
        lines = claim.file.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return []
    places: list[tuple[int, int]] = []
    number = claim.quote_line
    while number <= len(lines) and lines[number - 1].strip().startswith(">"):
        line = lines[number - 1]
        text = line.strip().lstrip(">").strip()
        if text:
            column = line.index(text) + 1
            if places:
                places.append((number, column - 1))  # the joining space
            places.extend((number, column + k) for k in range(len(text)))
        number += 1
    return places if len(places) == len(claim.quote) else []


def _where(claim: Claim, index: int) -> tuple[int, str]:
    """The claims.md line of character ``index`` of the quote, and ' at column N' (or of the quote, when unknown)."""
    places = _quote_places(claim)
    if places:
        line, column = places[index]
        return line, f" at column {column}"
    return claim.quote_line, f" (character {index + 1} of the quote)"


def _in_text(paragraph: Paragraph, index: int) -> str:
    """'line L, column C' of character ``index`` of a paragraph, in essay.txt."""
    line_start = paragraph.text.rfind("\n", 0, index) + 1
    return f"line {paragraph.line + paragraph.text.count(chr(10), 0, index)}, column {index - line_start + 1}"


def _left_out(essay: Essay) -> list[tuple[int, str]]:
    """(line, text) of the paragraphs of essay.txt the edition leaves out as boilerplate."""
    path = essay.folder / TEXT_FILE
    if not path.is_file():
        return []
    kept = {p.line for p in essay.paragraphs}
    return [(line, text) for line, text in _split_paragraphs(_read_text(path))
            if line not in kept and text != essay.author_note]


def explain_miss(essay: Essay, claim: Claim, wanted: str, paragraphs: list[str]) -> EditorError:
    """The error for a quote (``wanted``, normalised) found in none of the (normalised, NFC) ``paragraphs``."""
    file = claim.file
    text_name = f"{essay.folder.name}/essay.txt" if essay.folder.name else "essay.txt"

    # 1. Invisible characters, in the quote or in the essay.
    bare = _strip_invisible(wanted)
    if bare != wanted or any(_invisible(ch) for p in paragraphs for ch in p):
        hits = [i for i, p in enumerate(paragraphs) if bare and bare in _strip_invisible(p)]
        if len(hits) == 1:
            quote = claim.quote
            extra = next((i for i, ch in enumerate(quote) if _invisible(ch)), None)
            if extra is not None:
                line, column = _where(claim, extra)
                return EditorError(file, line, f"the quote has the invisible character {describe(quote[extra])}{column}, "
                                   f"which paragraph {hits[0] + 1} of the essay does not have.",
                                   "Delete it (it shows as nothing: move the cursor across it with the arrow keys).")
            paragraph = essay.paragraphs[hits[0]]
            index = next(i for i, ch in enumerate(paragraph.text) if _invisible(ch))
            return EditorError(file, claim.quote_line,
                               f"paragraph {hits[0] + 1} of the essay has the invisible character {describe(paragraph.text[index])} "
                               f"({text_name} {_in_text(paragraph, index)}) inside the passage; the quote does not.",
                               "Copy the passage from essay.txt with copy and paste, which keeps the character.")

    # 2. A character the essay writes in another form (same after NFKC: ligatures, full-width, superscripts).
    folded = unicodedata.normalize("NFKC", wanted)
    hits = [i for i, p in enumerate(paragraphs) if folded and folded in unicodedata.normalize("NFKC", p)]
    if len(hits) == 1:
        quote = claim.quote
        odd = next((i for i, ch in enumerate(quote) if unicodedata.normalize("NFKC", ch) != ch), None)
        if odd is not None:
            line, column = _where(claim, odd)
            return EditorError(file, line, f"the quote has {describe(quote[odd])}{column}; paragraph {hits[0] + 1} of the essay "
                               f"writes it as '{unicodedata.normalize('NFKC', quote[odd])}'.",
                               "Copy the passage from the essay exactly.")
        paragraph = essay.paragraphs[hits[0]]
        index = next((i for i, ch in enumerate(paragraph.text) if unicodedata.normalize("NFKC", ch) != ch), None)
        if index is not None:
            odd_char = paragraph.text[index]
            return EditorError(file, claim.quote_line, f"paragraph {hits[0] + 1} of the essay writes {describe(odd_char)} "
                               f"({text_name} {_in_text(paragraph, index)}) where the quote has "
                               f"'{unicodedata.normalize('NFKC', odd_char)}'.",
                               "Copy the passage from the essay exactly.")

    # 3. Across paragraphs: the end of one and the start of the next.
    for i in range(len(paragraphs) - 1):
        joined = paragraphs[i] + " " + paragraphs[i + 1]
        at = joined.find(wanted)
        if at != -1 and at < len(paragraphs[i]) < at + len(wanted):
            return EditorError(file, claim.quote_line,
                               f"the quoted passage spans paragraphs {i + 1} and {i + 2} (a claim quotes one paragraph).",
                               "Quote the words in one paragraph only; if the claim needs both, make it two claims.")

    # 4. Text the edition leaves out.
    for line, text in _left_out(essay):
        if wanted in normalise(unicodedata.normalize("NFC", text)):
            return EditorError(file, claim.quote_line,
                               f"the quoted passage lies in omitted boilerplate ({text_name} line {line}), "
                               "which the edition leaves out.",
                               "Quote a passage of the essay itself, or, if that paragraph is part of the essay, "
                               f"remove it from 'omit' in {Path(essay.folder.name, 'meta.yml')}.")
    if essay.author_note and wanted in normalise(unicodedata.normalize("NFC", essay.author_note)):
        return EditorError(file, claim.quote_line, "the quoted passage lies in the author note, which is shown as the author box "
                           "and carries no notes.",
                           "Quote a passage of the essay's own paragraphs; facts about the author can go in a claim's note.")

    return EditorError(file, claim.quote_line, "the quoted passage is not in the essay.",
                       f"Copy it exactly from the essay. Closest passage: \"{_closest(wanted, paragraphs)}\"")


def _closest(wanted: str, paragraphs: list[str]) -> str:
    """The passage of the essay most like ``wanted``: a window of its length around the best match."""
    best, best_ratio = "", 0.0
    size = len(wanted)
    for text in paragraphs:
        words = text.split(" ")
        starts = [0]
        for w in words[:-1]:
            starts.append(starts[-1] + len(w) + 1)
        for s in starts:
            window = text[s : s + size]
            ratio = difflib.SequenceMatcher(None, wanted, window, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    return best
