"""Small text helpers shared by the parsers: normalising, excerpts, suggestions."""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata

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


# A piece of text that NFC composes on its own: an ASCII character (it never combines with
# what precedes it, and blocks any composition across it) with the non-ASCII ones after it.
_SEGMENT = re.compile(r"[\x00-\x7f][^\x00-\x7f]*|[^\x00-\x7f]+")


class Composed:
    """``text`` in Unicode NFC (:attr:`text`), and the way back to offsets in the original.

    Matching quotes and terms on composed text lets "De\\u0301tente" (decomposed)
    match "Détente" (composed) and the reverse, while pages keep the characters
    as written: a match found in :attr:`text` is mapped back with :meth:`original`.
    Build it only for text that is not already NFC (``unicodedata.is_normalized``,
    fast in C): for such text the offsets are the same.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []  # where each segment starts in the composed text
        self.segments: list[tuple[int, list[tuple[int, int]] | None]] = []  # (original start, points or None if unchanged)
        parts: list[str] = []
        position = 0
        for m in _SEGMENT.finditer(text):
            piece = m.group()
            composed = unicodedata.normalize("NFC", piece)
            points = None
            if composed != piece:  # offsets where the two agree: (composed, original)
                points = [(0, 0)]
                for k in range(1, len(piece)):
                    head = unicodedata.normalize("NFC", piece[:k])
                    if head + unicodedata.normalize("NFC", piece[k:]) == composed:
                        points.append((len(head), k))
                points.append((len(composed), len(piece)))
            self.starts.append(position)
            self.segments.append((m.start(), points))
            parts.append(composed)
            position += len(composed)
        self.text = "".join(parts)
        self.length = len(text)

    def original(self, index: int, end: bool = False) -> int:
        """The offset in the original text of offset ``index`` of the composed text.

        Inside a composed cluster (a letter and its marks) there is no exact
        counterpart: a start moves to the cluster's start, an ``end`` to its end.
        """
        if index >= len(self.text):
            return self.length
        segment = bisect.bisect_right(self.starts, index) - 1
        offset, points = self.segments[segment]
        inside = index - self.starts[segment]
        if points is None:
            return offset + inside
        composed = [c for c, _ in points]
        k = bisect.bisect_left(composed, inside)
        if composed[k] != inside and not end:
            k -= 1
        return offset + points[k][1]


def composed(text: str) -> Composed | None:
    """A :class:`Composed` for text that is not NFC, else None (the text can be used as it is)."""
    return None if unicodedata.is_normalized("NFC", text) else Composed(text)
