"""Find glossary terms in running text: one pass over the words, whatever the number of terms.

The matcher is a trie keyed by words, built once per build. Scanning a text
walks its words once and, at each word, follows the trie as far as it goes, so
the cost grows with the words of the page and the length of the longest term,
not with the number of terms. The longest match wins; the shorter terms inside
it ("alliances" in "entangling alliances") are kept as its ``inner`` matches,
found by walking the trie from the words inside the match only, so that they
count as uses of those terms too (the glossary's "Used in") without becoming
links of their own.

Names are matched as written, punctuation included: between two words of a name
the text must have the same punctuation ("U.S.", "AT&T", "9/11"), or any
whitespace or one hyphen where the name has a space or a hyphen; punctuation
before the first word or after the last (".NET", "C++") must be there too. Text
and names are compared in Unicode NFC, so composed and decomposed spellings
match; offsets are those of the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

from .model import Term
from .text import Composed, straighten

# A word, or a Python-Markdown placeholder (STX…ETX), which is opaque and breaks phrases.
_TOKEN = re.compile(r"\x02[^\x03]*\x03|\w+")
_SPLIT = re.compile(f"({_TOKEN.pattern})")  # [gap, word, gap, word, …, gap]
HYPHENS = "-\u2010\u2011"
# What may stand between the words of a multi-word term: spaces or a single hyphen.
_JOINER = re.compile(r"\s+|\s*[" + HYPHENS + r"]\s*")  # "-" first: literal in a class
# Punctuation that joins words into one ("alliance-like", "AT&T", "9/11", "U.S.A"): a term
# does not match a part of such a compound. An apostrophe does not join ("Russia's").
_CONNECTORS = HYPHENS + "&/.+@#"
_ATTACHED = ("+", "#")  # signs that make a word another word even at its end: C++, C#, F#
_WS = re.compile(r"\s+")
WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term
    inner: tuple[Match, ...] = ()  # other terms wholly inside this match, in text order


def _in_compound(text: str, start: int, end: int) -> bool:
    """A compound is one word: "alliance" does not match inside "alliance-like", nor "AT" inside "AT&T", nor "C" in "C++".

    A match that begins or ends with punctuation ("U.S.", ".NET") must not touch a
    word either: "U.S." is no match in "U.S.A.".
    """
    if (start and WORD_CHAR.match(text, start - 1)) or WORD_CHAR.match(text, end):
        return True
    if text.startswith(_ATTACHED, end):  # "C" is no match in "C++" or "C#"
        return True
    before = start >= 2 and text[start - 1] in _CONNECTORS and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] in _CONNECTORS and text[end + 1].isalnum()
    return before or after


def gap_key(gap: str) -> str:
    """What must stand between two words: " " for whitespace or a hyphen, else the punctuation (spaces collapsed,
    curly quotes straight: "Xi's" matches "Xi’s")."""
    return " " if gap == " " or _JOINER.fullmatch(gap) else _WS.sub(" ", straighten(gap))


def name_parts(name: str) -> tuple[str, list[str], list[str], str]:
    """A name as (punctuation before, words, what stands between them, punctuation after), in NFC."""
    parts = _SPLIT.split(unicodedata.normalize("NFC", name.strip()))
    return parts[0], parts[1::2], [gap_key(g) for g in parts[2:-1:2]], parts[-1]


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
        self._kept: dict[str, list[Match]] = {}  # see find(); matches depend only on the text and the terms
        for term in terms:
            for name in term.names:
                lead, words, gaps, trail = name_parts(name)
                if not words:
                    continue
                node = self.root.setdefault(words[0].casefold(), {})
                for gap, word in zip(gaps, words[1:], strict=True):  # a child's key: what stands before the word, and the word
                    node = node.setdefault(gap + word.casefold(), {})
                entries = node.setdefault(self._END, [])
                entries.append((words, case_sensitive(name), term, lead, trail))
                entries.sort(key=lambda e: -len(e[3]) - len(e[4]))  # "C++" before "C": the most punctuation first

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in ``text``, left to right, longest first.

        A text with terms is remembered: the same text comes back (a claim's note in the
        essay's notes and in its register; an essay's text on its page and in its annotations).
        """
        kept = self._kept.get(text)
        if kept is not None:
            return kept
        if unicodedata.is_normalized("NFC", text):  # nearly every text, decided at C speed
            if not WORD_CHAR.search(text):  # a line break, a comma: half the texts of a page
                return []
            matches = self._find(text)
        else:
            matches = self._find_decomposed(text)
        if matches:
            self._kept[text] = matches
        return matches

    def forget(self) -> None:
        """Drop the remembered matches (see :meth:`find`)."""
        self._kept.clear()

    def _find_decomposed(self, text: str) -> list[Match]:
        """Matches in a text that is not NFC: found in its NFC form, at offsets of the text as given."""
        nfc = Composed(text)  # find() has decided it is not NFC
        return [Match(nfc.original(m.start), nfc.original(m.end, end=True), m.term,
                      tuple(Match(nfc.original(i.start), nfc.original(i.end, end=True), i.term) for i in m.inner))
                for m in self._find(nfc.text)]

    def _find(self, text: str) -> list[Match]:
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
        hits = [k for k, word in enumerate(folded) if word in root]
        matches: list[Match] = []
        free = 0  # the first word a new match may start at
        for h, i in enumerate(hits):
            if i < free:
                continue
            found = self._walk(text, parts, folded, ends, i)
            if not found:
                continue
            last, start, end, term = found[-1]
            if _in_compound(text, start, end) or (matches and start < matches[-1].end):
                continue
            # Shorter terms inside this one: those it starts with, then those starting at its later words.
            inner = [(s, e, t) for _, s, e, t in found[:-1]]
            k = h + 1
            while k < len(hits) and hits[k] <= last:
                inner.extend((s, e, t) for _, s, e, t in self._walk(text, parts, folded, ends, hits[k]) if e <= end)
                k += 1
            if inner:  # most matches are a single term: no inner ones to sort
                kept = {(s, t.id): Match(s, e, t) for s, e, t in sorted(inner, key=lambda m: m[0])
                        if t is not term and not _in_compound(text, s, e)}
                matches.append(Match(start, end, term, tuple(kept.values())))
            else:
                matches.append(Match(start, end, term))
            free = last + 1
        return matches

    def _walk(self, text: str, parts: list[str], folded: list[str], ends: list[int], i: int) -> list[tuple[int, int, int, Term]]:
        """Every name that matches from word ``i``, shortest first, as (last word, start, end, term)."""
        node = self.root[folded[i]]
        found: list[tuple[int, int, int, Term]] = []
        n = len(folded)
        j = i
        while True:
            for words, exact, term, lead, trail in node.get(self._END, ()):
                start, end = ends[2 * i] - len(lead), ends[2 * j + 1] + len(trail)
                if ((not lead or (start >= 0 and text.startswith(lead, start)))
                        and (not trail or text.startswith(trail, end - len(trail)))
                        and (not exact or _same_case([text[ends[2 * k]:ends[2 * k + 1]] for k in range(i, j + 1)], words))):
                    found.append((j, start, end, term))
                    break
            j += 1
            if j >= n:
                break
            node = node.get(gap_key(parts[2 * j]) + folded[j])
            if node is None:
                break
        return found
