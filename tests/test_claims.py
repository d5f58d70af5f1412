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


@pytest.mark.parametrize("source", ["Benjamin Franklin, letter to the Comte de Vergennes, 1778.", "Domesday Book, 1086.",
                                    "Bede, Ecclesiastical History of the English People, 731.", "A pamphlet, n.d.",
                                    "Unsigned broadside, N. d."])
def test_a_source_of_any_era_or_undated_is_accepted(tmp_path: Path, source: str) -> None:
    [claim] = parse(tmp_path, claim_md("X", "Putin called", sources=f"- {source}"))
    assert claim.sources == [source]


def test_a_source_error_names_the_sources_own_line(tmp_path: Path) -> None:
    text = claim_md("X", "Putin called", sources="- [Fine](https://example.org)\n- Second, vol. 33, pp. 134-152")
    lines = ("# Claims\n\n" + text).split("\n")
    message = error(tmp_path, text)
    assert f"claims.md:{lines.index('- Second, vol. 33, pp. 134-152') + 1}: the source 'Second, vol. 33, pp. 134-152' has neither" in message
    assert "'n.d.'" in message


def test_claim_dates_of_any_year_and_the_policy_kind(tmp_path: Path) -> None:
    text = claim_md("X", "Putin called", kind="policy").replace("Date: 2019-10-03", "Date: 1801-03-04, 0800-12-25, 1066")
    [claim] = parse(tmp_path, text)
    assert claim.kind == "policy" and claim.dates == ["1801-03-04", "0800-12-25", "1066"]
    assert "'801' is not a date" in error(tmp_path, text.replace("1066", "801"))


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


@pytest.mark.parametrize(("heading", "expected"), [
    ("Arms sales {#arms}", ("arms", "Arms sales")),
    ("Arms sales {: #arms }", ("arms", "Arms sales")),
    ("Arms sales {id=arms}", ("arms", "Arms sales")),
    ("Arms sales {#arms} ##", ("arms", "Arms sales")),
    ("Arms sales {#arms} x", ("arms-sales-arms-x", "Arms sales {#arms} x")),  # not at the end: attr_list leaves it
    ("Arms sales {a} b {c}", ("arms-sales-a-b-c", "Arms sales {a} b {c}")),  # attr_list's strict rule: text
    ("Arms sales \\{in 1992}", ("arms-sales-in-1992", "Arms sales \\{in 1992}")),  # escaped: shown as written
])
def test_heading_attribute_blocks_are_read_as_attr_list_reads_them(tmp_path: Path, heading: str, expected: tuple) -> None:
    [claim] = parse(tmp_path, claim_md(heading, "Arms sales began in 1992."))
    assert (claim.id, claim.title) == expected


@pytest.mark.parametrize(("heading", "problem", "fix"), [
    ("Training {#training id}", "has a bare word 'id', which Markdown reads as an id without a value", "Write the id once"),
    ("Training {#a #b}", "gives the heading 2 ids ('a', 'b'); Markdown keeps only the last", "Keep one: '## Training {#an-id}'"),
    ("Training {#}", "gives the id '', which cannot be used in an address", "Write a non-empty id"),
    ("Training {: #x .cls }", "Markdown reads '{: #x .cls }' at the end of the heading as attributes ('.cls')",
     "A claim heading takes only an id"),
    ('Training { title="x" }', "as attributes ('title')", "A claim heading takes only an id"),
    ("Spending {in 2019}", "Markdown reads '{in 2019}' at the end of the heading as attributes ('in', '2019'), not as part of the title",
     "escape the first one: '\\{in 2019}'"),
])
def test_heading_attribute_blocks_that_would_lose_text_or_ids_are_refused(tmp_path: Path, heading: str, problem: str,
                                                                          fix: str) -> None:
    message = error(tmp_path, claim_md(heading, "Arms sales began in 1992."))
    assert "claims.md:3: the heading's attribute block" in message or "claims.md:3: Markdown reads" in message
    assert problem in message and fix in message.split("Fix: ")[1] and "Traceback" not in message


@pytest.mark.parametrize(("title", "expected"), [
    ("Путин в Валдае", "путин-в-валдае"),
    ("中国", "中国"),
    ("Détente in 2019", "detente-in-2019"),  # Latin letters: toc's id, as before
    ("De\u0301tente", "detente"),
    ("Путин 2019", "путин-2019"),
    ("???", "id-2d86c2a6"),
])
def test_every_claim_gets_a_non_empty_id_whatever_its_script(tmp_path: Path, title: str, expected: str) -> None:
    [claim] = parse(tmp_path, claim_md(title, "Arms sales began in 1992."))
    assert claim.id == expected


def test_composed_and_decomposed_titles_get_the_same_id(tmp_path: Path) -> None:
    [claim] = parse(tmp_path, claim_md("\u0419\u043e\u0448\u043a\u0430\u0440-\u041e\u043b\u0430", "Arms sales began in 1992."))
    [same] = parse(tmp_path, claim_md("\u0418\u0306\u043e\u0448\u043a\u0430\u0440-\u041e\u043b\u0430", "Arms sales began in 1992."))
    assert claim.id == same.id == "йошкар-ола"
