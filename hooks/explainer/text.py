"""Small text helpers shared by the parsers: normalising, excerpts, suggestions."""

from __future__ import annotations

import difflib
import re

_WS = re.compile(r"\s+")
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
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch.translate(_QUOTES))
        offsets.append(i)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


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
