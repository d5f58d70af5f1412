"""A quote that misses the essay: the message names the difference (issue #13, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from explainer.claims import anchor_claims, parse_claims
from explainer.errors import EditorError
from explainer.seeds import load_essay

TEXT = ("The two militaries have trained together for more than a decade.\n\n"
        "Arms sales began in 1992. Trade grew after 2014.\n\n"
        "Subscribe to our newsletter for more analysis.\n\n"
        "A. Writer directs a research centre in Moscow.\n\n"
        "Moscow and Beijing see an of\ufb01cial alignment.\n")
META = ('title: T\nauthor: A. Writer\ndate: 2020-01-01\npublication: P\n'
        'omit: ["Subscribe to our newsletter for more analysis."]\nauthor_note: "A. Writer directs"\n')


def seed(tmp_path: Path, text: str = TEXT) -> Path:
    folder = tmp_path / "an-essay"
    folder.mkdir(parents=True)
    (folder / "essay.txt").write_text(text, encoding="utf-8")
    (folder / "meta.yml").write_text(META if text == TEXT else META.split("omit:")[0], encoding="utf-8")
    return folder


def claim(quote_lines: str) -> str:
    return f"# Claims\n\n## A claim\n\n{quote_lines}\n\nKind: fact\n\nA note.\n\nSources:\n\n- [S](https://example.org), 2019.\n"


def miss(tmp_path: Path, quote_lines: str, text: str = TEXT) -> str:
    folder = seed(tmp_path, text)
    (folder / "claims.md").write_text(claim(quote_lines), encoding="utf-8")
    with pytest.raises(EditorError) as info:
        anchor_claims(load_essay(folder), parse_claims(folder / "claims.md"))
    return str(info.value)


def anchored(tmp_path: Path, quote_lines: str, text: str = TEXT):
    folder = seed(tmp_path, text)
    (folder / "claims.md").write_text(claim(quote_lines), encoding="utf-8")
    [found] = anchor_claims(load_essay(folder), parse_claims(folder / "claims.md"))
    return load_essay(folder), found


def test_an_invisible_character_in_the_quote_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    message = miss(tmp_path, "> The two militaries have trained together\n> for more than\u200b a decade.")
    assert "claims.md:6: the quote has the invisible character U+200B ZERO WIDTH SPACE at column 16" in message
    assert "which paragraph 1 of the essay does not have" in message and "Fix: Delete it" in message
    assert "Closest passage" not in message


def test_an_invisible_character_in_the_essay_is_named_with_its_place(tmp_path: Path) -> None:
    text = TEXT.replace("trained together", "trained to\u00adgether")
    message = miss(tmp_path, "> The two militaries have trained together for", text)
    assert "claims.md:5: paragraph 1 of the essay has the invisible character U+00AD SOFT HYPHEN" in message
    assert "an-essay/essay.txt line 1, column 35" in message and "Fix: Copy the passage" in message


def test_a_character_written_in_another_form_is_named(tmp_path: Path) -> None:
    message = miss(tmp_path, "> see an official alignment.")
    assert "paragraph 3 of the essay writes U+FB01 LATIN SMALL LIGATURE FI (an-essay/essay.txt line 9, column 29)" in message
    message = miss(tmp_path / "b", "> the two militaries have trained to\ufb01gether")
    assert "Closest passage" in message  # no unique passage once folded: the fallback
    message = miss(tmp_path / "c", "> Arms sales began in １９９２.")
    assert "claims.md:5: the quote has U+FF11 FULLWIDTH DIGIT ONE at column 23; paragraph 2 of the essay writes it as '1'" in message


def test_a_quote_across_two_paragraphs_says_so(tmp_path: Path) -> None:
    message = miss(tmp_path, "> for more than a decade. Arms sales began")
    assert "claims.md:5: the quoted passage spans paragraphs 1 and 2 (a claim quotes one paragraph)." in message
    assert "Closest passage" not in message


def test_a_quote_from_omitted_boilerplate_says_so(tmp_path: Path) -> None:
    message = miss(tmp_path, "> Subscribe to our newsletter")
    assert "claims.md:5: the quoted passage lies in omitted boilerplate (an-essay/essay.txt line 5)" in message
    assert "remove it from 'omit' in an-essay/meta.yml" in message


def test_a_quote_from_the_author_note_says_so(tmp_path: Path) -> None:
    message = miss(tmp_path, "> directs a research centre")
    assert "claims.md:5: the quoted passage lies in the author note" in message and "Fix: Quote a passage" in message


def test_otherwise_the_closest_passage_is_shown(tmp_path: Path) -> None:
    message = miss(tmp_path, "> Arms sales started in 1992.")
    assert "the quoted passage is not in the essay." in message and 'Closest passage: "Arms sales began in 1992' in message


def test_a_quote_in_another_unicode_form_matches_and_the_mark_follows_the_accents(tmp_path: Path) -> None:
    text = "Une de\u0301tente re\u0301elle.\n\nAutre.\n"
    essay, found = anchored(tmp_path, "> Une d\u00e9tente r\u00e9elle", text)
    assert (found.paragraph, essay.paragraphs[0].text[: found.end]) == (1, "Une de\u0301tente re\u0301elle")
    essay, found = anchored(tmp_path / "b", "> Une de\u0301tente re\u0301", "Une d\u00e9tente r\u00e9elle.\n")
    assert essay.paragraphs[0].text[: found.end] == "Une d\u00e9tente r\u00e9"
    essay, found = anchored(tmp_path / "c", "> Une q", "Une q\u0307 tente.\n")  # q with a dot above has no composed form
    assert essay.paragraphs[0].text[found.end:] == " tente."
