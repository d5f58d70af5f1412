"""The search splits words at brackets and quotation marks, so a word is found as typed wherever it stands.

Material's search worker splits the index's text with the ``separator`` of the search plugin
(a regular expression; this one reads the same in Python and JavaScript) and matches the last
word typed as a prefix. With the default, which splits at spaces and hyphens only, a word right
after "(" or an opening quotation mark became "(word" or "“word" and was never found.
"""

from __future__ import annotations

import functools
import re

import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT


@functools.cache
def _separator() -> re.Pattern[str]:
    """The search plugin's separator in the project's mkdocs.yml, read once."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    search = next(p for p in config["plugins"] if isinstance(p, dict) and "search" in p)["search"]
    return re.compile(search["separator"])


def _words(text: str) -> list[str]:
    return [w for w in _separator().split(text) if w]


words = st.text(st.sampled_from("abcxyzéשלАя0123456789"), min_size=1, max_size=12)
around = st.sampled_from([("(", ")"), ("“", "”"), ("‘", "’"), ("«", "»"), ('"', '"'), ("[", "]"), ("", ","), ("", "."),
                          ("", ":"), ("", "!"), ("&lt;", "&gt;")])


@given(words, around, words)
def test_a_word_in_brackets_or_quotation_marks_is_a_word_of_its_own(word: str, marks: tuple[str, str], before: str) -> None:
    """Typed, the word is matched as the start of a word of the index (a closing ’ stays: it is an apostrophe too)."""
    opening, closing = marks
    assert any(token.startswith(word) for token in _words(f"{before} {opening}{word}{closing} after"))


def test_decimal_numbers_and_hyphenated_parts_read_as_before() -> None:
    assert "1.5" in _words("rose by 1.5 per cent.")
    assert _words("early-warning") == ["early", "warning"]
