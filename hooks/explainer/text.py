"""Small text helpers shared by the parsers: normalising, excerpts, suggestions."""

from __future__ import annotations

import difflib
import re

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def normalise(text: str) -> str:
    """Collapse whitespace and straighten curly quotes, for matching quotes to the essay."""
    return _WS.sub(" ", straighten(text)).strip()


def straighten(text: str) -> str:
    """Curly quotes to straight ones, one for one (``str.replace`` is many times faster than ``translate``)."""
    return text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


def original_offset(text: str, index: int) -> int:
    """The offset in ``text`` of character ``index`` of ``normalise(text)``.

    Lets a quote found in the normalised text be mapped back to the original,
    so a footnote mark lands after the exact last character of the quote. The
    normalised text is the words of ``text`` joined by single spaces (quotes
    are straightened one for one), so counting words is enough.
    """
    position = 0  # where the current word starts in the normalised text
    for word in _WORD.finditer(text):
        length = word.end() - word.start()
        if index < position + length:
            return word.start() + index - position
        if index == position + length:  # the space after this word: where the whitespace begins
            return word.end()
        position += length + 1
    raise IndexError(index)


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
