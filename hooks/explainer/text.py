"""Small text helpers shared by the parsers: normalising, excerpts, suggestions."""

from __future__ import annotations

import difflib
import re

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Collapse whitespace and straighten curly quotes, for matching quotes to the essay."""
    return _WS.sub(" ", text.translate(_QUOTES)).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Like :func:`normalise`, plus for each output character its offset in ``text``.

    Lets a match found in the normalised text be mapped back to the original,
    so a footnote mark lands after the exact last character of the quote.
    """
    out: list[str] = []
    offsets: list[int] = []
    for word in _WORD.finditer(text):
        if out:  # one space for the whitespace before this word, where it began: after the last word
            out.append(" ")
            offsets.append(offsets[-1] + 1)
        out.append(word.group())
        offsets.extend(range(word.start(), word.end()))
    return "".join(out).translate(_QUOTES), offsets


def excerpt(text: str, limit: int = 220) -> str:
    """Shorten ``text`` at a word boundary, for tooltips."""
    text = _WS.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "\u2026"


def suggest(word: str, choices: list[str]) -> str:
    """' Did you mean …?' for an unknown key, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
