"""Property tests: text in either Unicode normal form matches terms and quotes, and offsets stay exact."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from explainer.claims import anchor_claims
from explainer.model import Claim, Essay, Paragraph, Term
from explainer.terms import TermMatcher
from explainer.text import Composed, normalise
from hypothesis import assume, given, settings
from hypothesis import strategies as st

# Letters with and without a composed form, combining marks (some with no composed pair), other scripts.
LETTERS = "aeinouyAEINOUY\u00e9\u00e8\u00fc\u00f1\u00c5\u0419\u0439\u0451\u1ec7\u01d6\u0105\u0107q\u00df\u4e2d"
MARKS = "\u0300\u0301\u0302\u0303\u0307\u0308\u0323\u0328"
word = st.text(st.sampled_from(LETTERS + MARKS), min_size=1, max_size=6).filter(lambda w: not unicodedata.combining(w[0]))
words = st.lists(word, min_size=1, max_size=8)
form = st.sampled_from(["NFC", "NFD"])


@settings(max_examples=120, deadline=None)
@given(st.text(st.sampled_from(LETTERS + MARKS + " ,.-'\u2019"), max_size=20))
def test_composed_offsets_map_back_to_the_same_text(text: str) -> None:
    c = Composed(text)
    assert c.text == unicodedata.normalize("NFC", text)
    for i in range(len(c.text) + 1):
        start, end = c.original(i), c.original(i, end=True)
        assert 0 <= start <= end <= len(text)
        for j in range(i, len(c.text) + 1):
            assert c.text[i:j] in unicodedata.normalize("NFC", text[start : c.original(j, end=True)])


@settings(max_examples=200, deadline=None)
@given(words, words, words, form, form)
def test_a_term_matches_text_in_either_form_and_the_link_covers_it_exactly(before: list[str], name: list[str], after: list[str],
                                                                           name_form: str, text_form: str) -> None:
    term_name = unicodedata.normalize(name_form, " ".join(name).lower())
    matcher = TermMatcher([Term("t", term_name, [], "", 1)])
    text = unicodedata.normalize(text_form, " ".join([*before, " ".join(name).lower(), *after]))
    matches = matcher.find(text)
    wanted = unicodedata.normalize("NFC", term_name).casefold()
    assert matches
    for m in matches:
        assert unicodedata.normalize("NFC", text[m.start : m.end]).casefold() == wanted
        assert m.end == len(text) or not unicodedata.combining(text[m.end])  # never between a letter and its accent


@settings(max_examples=200, deadline=None)
@given(words, st.data(), form, form)
def test_a_quote_in_either_form_anchors_after_its_last_character(paragraph: list[str], data: st.DataObject,
                                                                 quote_form: str, text_form: str) -> None:
    start = data.draw(st.integers(0, len(paragraph) - 1))
    stop = data.draw(st.integers(start + 1, len(paragraph)))
    text = unicodedata.normalize(text_form, " ".join(paragraph))
    quote = unicodedata.normalize(quote_form, " ".join(paragraph[start:stop]))
    nfc_quote = normalise(unicodedata.normalize("NFC", quote))
    assume(normalise(unicodedata.normalize("NFC", text)).count(nfc_quote) == 1)
    essay = Essay(slug="e", folder=Path("."), title="T", author="A", date=dt.date(2020, 1, 1), publication="P",
                  paragraphs=[Paragraph(1, text, 1)])
    claim = Claim(id="c", title="C", quote=quote, kind="fact", dates=[], note="n", sources=["s"], file=Path("c.md"),
                  line=1, quote_line=1)
    [anchored] = anchor_claims(essay, [claim])
    assert normalise(unicodedata.normalize("NFC", text[: anchored.end])).endswith(nfc_quote)
    assert anchored.end == len(text) or not unicodedata.combining(text[anchored.end])
