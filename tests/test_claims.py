"""Claims: parsing, anchoring to the essay, numbering, and the editor's errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from explainer.claims import anchor_claims, parse_claims
from explainer.errors import EditorError
from explainer.model import Essay, Paragraph
from explainer.text import normalise, original_offset

PARAS = [
    "Putin called the relations \u201calliance-like.\u201d Russia helps build an early warning system.",
    "Arms sales began in 1992. The two militaries   have trained together\nfor more than a decade.",
]


def essay() -> Essay:
    return Essay(slug="e", folder=Path("."), title="T", author="A", date=dt.date(2020, 1, 1), publication="P",
                 paragraphs=[Paragraph(i, t, i) for i, t in enumerate(PARAS, start=1)])


def claim_md(title: str, quote: str, kind: str = "fact", sources: str = "- [Source](https://example.org), 2019.") -> str:
    return f"## {title}\n\n> {quote}\n\nKind: {kind}\nDate: 2019-10-03\n\nA note.\n\nSources:\n\n{sources}\n\n"


def parse(tmp_path: Path, text: str):
    path = tmp_path / "claims.md"
    path.write_text("# Claims\n\n" + text, encoding="utf-8")
    return parse_claims(path)


def anchored(tmp_path: Path, text: str):
    return anchor_claims(essay(), parse(tmp_path, text))


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(EditorError) as info:
        anchored(tmp_path, text)
    return str(info.value)


def test_fields_are_parsed(tmp_path: Path) -> None:
    [claim] = parse(tmp_path, claim_md("Arms sales {#arms}", "Arms sales began in 1992."))
    assert (claim.id, claim.title, claim.kind, claim.dates, claim.note) == ("arms", "Arms sales", "fact", ["2019-10-03"], "A note.")
    assert claim.sources == ["[Source](https://example.org), 2019."]
    assert (claim.line, claim.quote_line) == (3, 5)


def test_quotes_match_across_whitespace_and_straight_or_curly_quotes(tmp_path: Path) -> None:
    [a, b] = anchored(tmp_path, claim_md("A", 'called the relations "alliance-like."') + claim_md("B", "militaries have trained together for"))
    assert (a.paragraph, PARAS[0][: a.end]) == (1, "Putin called the relations \u201calliance-like.\u201d")
    assert (b.paragraph, PARAS[1][: b.end].endswith("together\nfor")) == (2, True)


def test_claims_are_numbered_in_reading_order_whatever_the_file_order(tmp_path: Path) -> None:
    claims = anchored(tmp_path, claim_md("Last", "for more than a decade.") + claim_md("First", "Putin called")
                      + claim_md("Second", "early warning system."))
    assert [(c.title, c.number, c.paragraph) for c in claims] == [("First", 1, 1), ("Second", 2, 1), ("Last", 3, 2)]
    assert claims[1].end == len(PARAS[0])  # a claim on the last words of a paragraph


def test_quote_not_found_shows_the_closest_passage(tmp_path: Path) -> None:
    message = error(tmp_path, claim_md("X", "Arms sales started in 1992."))
    assert "claims.md:5: the quoted passage is not in the essay." in message
    assert 'Closest passage: "Arms sales began in 1992' in message


def test_quote_found_twice(tmp_path: Path) -> None:
    message = error(tmp_path, claim_md("X", "the"))
    assert "the quoted passage occurs 2 times in the essay (p1, p2)" in message and "Quote more of the surrounding words" in message


def test_unknown_kind_lists_the_valid_ones(tmp_path: Path) -> None:
    message = error(tmp_path, claim_md("X", "Putin called", kind="opinion"))
    assert "claims.md:7: unknown kind 'opinion'." in message and "fact, paraphrase, assessment, forecast" in message


def test_claim_without_source(tmp_path: Path) -> None:
    text = "## X\n\n> Putin called\n\nKind: fact\n\nA note.\n"
    assert "claim 'X' has no source." in error(tmp_path, text)


def test_source_without_link_or_date(tmp_path: Path) -> None:
    assert "has neither a link nor a date" in error(tmp_path, claim_md("X", "Putin called", sources="- Some website"))


def test_two_claims_with_the_same_id(tmp_path: Path) -> None:
    message = error(tmp_path, claim_md("Same", "Putin called") + claim_md("Same", "Arms sales"))
    assert "two claims have the id 'same' (the other is at line 3)" in message


@pytest.mark.parametrize(("text", "expected"), [
    ("Loose text\n\n" + claim_md("X", "Putin called"), "claims.md:3: text before the first claim."),
    ("## X\n\nKind: fact\n\nNote.\n\nSources:\n\n- 2019 source\n", "claim 'X' quotes no passage."),
    ("## X\n\n> Putin called\n\nNote.\n\nSources:\n\n- 2019 source\n", "claim 'X' has no 'Kind:' line."),
    ("## X\n\n> Putin called\n\nKind: fact\n\n### Sub\n\nSources:\n\n- 2019 s\n", "a claim cannot contain headings."),
    ("## X\n\n> Putin called\n\nKind: fact\n\nSources:\n\n- 2019 s\n\nStray\n", "only a list of sources may follow 'Sources:'."),
    ("## X\n\n> Putin called\n\nKind: fact\n\nSources:\n\n- 2019 s\n", "claim 'X' has no note."),
    ("## X\n\n> Putin called\n\nKind: fact\nDate: 3 Oct\n\nN.\n\nSources:\n\n- 2019 s\n", "'3 Oct' is not a date."),
    ("## X\n\n> Putin called\n\nKind: fact\nDate: 2019-13\n\nN.\n\nSources:\n\n- 2019 s\n", "'2019-13' is not a date."),
])
def test_malformed_sections(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error(tmp_path, text)


def test_a_bad_citation_in_a_note_names_the_claims_file_and_line(project: Path) -> None:
    from conftest import build

    claims = project / "seeds" / "trenin-2019" / "claims.md"
    text = claims.read_text(encoding="utf-8")
    lines = text.split("\n")
    kind_index = next(i for i, line in enumerate(lines) if line.startswith("Kind:"))
    note_index = next(i for i in range(kind_index + 1, len(lines)) if lines[i].strip() and not lines[i].startswith("Date:"))
    lines[note_index] = "See [[p99]]. " + lines[note_index]
    claims.write_text("\n".join(lines), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"seeds/trenin-2019/claims.md:{note_index + 1}: the citation '[[p99]]' does not resolve" in result.output
    assert "p1 to p6 only" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("text", ["  A  \u201cquoted\u201d\n\tword  here. ", "One\u00a0two \u2018three\u2019", "x", " lead and trail "])
def test_every_character_of_the_normalised_text_maps_back_to_its_original(text: str) -> None:
    """The footnote mark's position rests on this mapping: a space maps to where its whitespace run begins."""
    flat = normalise(text)
    for index, char in enumerate(flat):
        original = text[original_offset(text, index)]
        assert original.isspace() if char == " " else normalise(original) == char, (index, char, original)
        if char == " ":
            assert not text[original_offset(text, index) - 1].isspace()


def test_a_byte_order_mark_before_the_first_claim_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "claims.md"
    path.write_bytes(b"\xef\xbb\xbf" + ("# Claims\n\n" + claim_md("Arms sales", "Arms sales began in 1992.")).encode("utf-8"))
    assert [c.title for c in parse_claims(path)] == ["Arms sales"]
