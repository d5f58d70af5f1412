"""Find glossary terms in running text: one pass over the words, whatever the number of terms.

The matcher is a trie keyed by words, built once per build. Scanning a text
walks its words once and, at each word, follows the trie as far as it goes, so
the cost grows with the words of the page and the length of the longest term,
not with the number of terms. The longest match wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from .model import Term

# A word, or a Python-Markdown placeholder (STX…ETX), which is opaque and breaks phrases.
_TOKEN = re.compile(r"\x02[^\x03]*\x03|\w+")
_SPLIT = re.compile(f"({_TOKEN.pattern})")  # [gap, word, gap, word, …, gap]
HYPHENS = "-\u2010\u2011"
# What may stand between the words of a multi-word term: spaces or a single hyphen.
_JOINER = re.compile(r"\s+|\s*[" + HYPHENS + r"]\s*")  # "-" first: literal in a class


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


def _in_compound(text: str, start: int, end: int) -> bool:
    """A hyphenated compound is one word: "alliance" does not match inside "alliance-like"."""
    before = start >= 2 and text[start - 1] in HYPHENS and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] in HYPHENS and text[end + 1].isalnum()
    return before or after


def case_sensitive(name: str) -> bool:
    """Names with a capital after their first character (NATO, Entente Cordiale) match only as written."""
    return any(ch.isupper() for ch in name[1:])


def _same_case(found: list[str], words: list[str]) -> bool:
    """As written, except that the very first letter may differ (a sentence may start with it)."""
    first, expected = found[0], words[0]
    return first[1:] == expected[1:] and first[:1].casefold() == expected[:1].casefold() and found[1:] == words[1:]


class TermMatcher:
    """A word trie over every name of every term."""

    _END = ""  # key of the entries stored at a trie node (never a word)

    def __init__(self, terms: list[Term]) -> None:
        self.root: dict = {}
        for term in terms:
            for name in term.names:
                words = [m.group() for m in _TOKEN.finditer(name)]
                if not words:
                    continue
                node = self.root
                for word in words:
                    node = node.setdefault(word.casefold(), {})
                node.setdefault(self._END, []).append((words, case_sensitive(name), term))

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in ``text``, left to right, longest first."""
        root = self.root
        folded_text = text.casefold()
        # Split into [gap, word, gap, word, …, gap]. If every character folded to one, the folded
        # text has the same words at the same places; otherwise fold word by word.
        same_places = len(folded_text) == len(text)
        parts = _SPLIT.split(folded_text if same_places else text)
        folded = parts[1::2] if same_places else [word.casefold() for word in parts[1::2]]
        # Most texts hold no term: rule them out at C speed, and walk the others from their hits only.
        if root.keys().isdisjoint(folded):
            return []
        ends = list(accumulate(map(len, parts)))  # word k spans ends[2k] to ends[2k + 1]
        n = len(folded)
        matches: list[Match] = []
        free = 0  # the first word a new match may start at
        for i in [k for k, word in enumerate(folded) if word in root]:
            if i < free:
                continue
            node = root[folded[i]]
            best: tuple[int, Term] | None = None
            j = i
            while True:
                for words, exact, term in node.get(self._END, ()):
                    if not exact or _same_case([text[ends[2 * k] : ends[2 * k + 1]] for k in range(i, j + 1)], words):
                        best = (j, term)
                        break
                j += 1
                if j >= n or not _JOINER.fullmatch(parts[2 * j]):
                    break
                node = node.get(folded[j])
                if node is None:
                    break
            if best is None:
                continue
            last, term = best
            start, end = ends[2 * i], ends[2 * last + 1]
            if _in_compound(text, start, end):
                continue
            matches.append(Match(start, end, term))
            free = last + 1
        return matches
