"""The glossary format and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from explainer.errors import EditorError
from explainer.glossary import markdown_plain_text, parse_glossary, plain_text

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {"entente", "alignment", "alliance", "early-warning-system", "strategic-partnership", "strategic-stability",
            "bipolarity", "military-bloc", "strategic-rival", "zhongnanhai", "the-kremlin"}


def parse(tmp_path: Path, text: str):
    path = tmp_path / "glossary.md"
    path.write_text("# Glossary\n\nIntro.\n\n" + text, encoding="utf-8")
    return parse_glossary(path)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(EditorError) as info:
        parse(tmp_path, text)
    return str(info.value)


def test_the_site_glossary_has_the_required_terms_with_short_definitions() -> None:
    terms = parse_glossary(ROOT / "docs" / "glossary.md")
    assert {t.id for t in terms} >= REQUIRED
    assert all(0 < len(t.short) <= 300 for t in terms)
    early = next(t for t in terms if t.id == "early-warning-system")
    assert "early warning" in early.aliases


def test_sections_aliases_ids_and_plain_short_definitions(tmp_path: Path) -> None:
    terms = parse(tmp_path, "## Entente\n\nAlso: ententes, entente-like\n\nA *friendly* [understanding](x.md).\n\nMore.\n\n"
                            "## The Kremlin {#kremlin}\n\n*Also:* Kremlin\n\nThe seat of power.\n")
    assert [(t.id, t.name, t.aliases, t.short, t.line) for t in terms] == [
        ("entente", "Entente", ["ententes", "entente-like"], "A friendly understanding.", 5),
        ("kremlin", "The Kremlin", ["Kremlin"], "The seat of power.", 13)]


def test_names_that_collide_ignoring_case(tmp_path: Path) -> None:
    message = error(tmp_path, "## Bloc\n\nA group.\n\n## Alliance\n\nAlso: BLOC\n\nA pact.\n")
    assert "glossary.md:9: the name 'BLOC' is claimed by 'Bloc' (line 5) and 'Alliance' (line 9)" in message


def test_alias_repeating_its_own_term(tmp_path: Path) -> None:
    assert "claimed twice in the same entry" in error(tmp_path, "## Bloc\n\nAlso: blocs, Blocs\n\nA group.\n")


def test_term_without_definition(tmp_path: Path) -> None:
    message = error(tmp_path, "## Entente\n\nAlso: ententes\n\n## Alliance\n\nA pact.\n")
    assert "glossary.md:5: the term 'Entente' has no definition." in message


def test_definition_must_start_with_prose(tmp_path: Path) -> None:
    assert "glossary.md:7: the definition of 'Entente' must start with a paragraph" in error(tmp_path, "## Entente\n\n- a list\n")


def test_short_definition_too_long_for_a_tooltip(tmp_path: Path) -> None:
    message = error(tmp_path, "## Entente\n\n" + "word " * 80 + "\n")
    assert "the short definition of 'Entente' is 399 characters; a tooltip holds 300." in message


def test_empty_alias(tmp_path: Path) -> None:
    assert "the 'Also:' line of 'Entente' has an empty name." in error(tmp_path, "## Entente\n\nAlso: a,, b\n\nDef.\n")


def test_empty_heading(tmp_path: Path) -> None:
    assert "glossary.md:5: a glossary heading needs the term." in error(tmp_path, "## \n\nDef.\n")


@pytest.mark.parametrize("source", [
    "A friendly understanding between states.", "“Quoted” words, and ‘single’ ones.", "(Brackets) first.",
    "Ünïcode letters—and dashes – too.", "Two  spaces inside.", "C# and F# are names.", "e.g. this; i.e. that: yes?",
    "A *stressed* word.", "A [link](https://example.org).", "Tom &amp; Jerry.", "Less < more > less.",
    "1990. The year.", "- a list?", "# a heading?", "> a quote?", "    code?", "***", "Not_snake_case.",
    "An `inline` code.", "Escaped \\*star\\*.", "An image ![x](y.png).", "+ plus", "2) second",
])
def test_the_plain_text_shortcut_gives_what_markdown_gives(source: str) -> None:
    """Definitions without markup skip Markdown; they must read exactly as if they had not."""
    assert plain_text(source) == markdown_plain_text(source)


def test_a_byte_order_mark_is_not_part_of_the_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "glossary.md"
    path.write_bytes(b"\xef\xbb\xbf## Entente\n\nA friendly understanding.\n")
    assert [(t.id, t.name) for t in parse_glossary(path)] == [("entente", "Entente")]


@pytest.mark.parametrize(("heading", "expected"), [
    ("Entente {#ent}", ("ent", "Entente")),
    ("Entente {: #ent .important }", ("ent", "Entente")),
    ('Entente { title="x" }', ("entente", "Entente")),
    ("Entente {a} b {c}", ("entente-a-b-c", "Entente {a} b {c}")),
])
def test_glossary_headings_read_attribute_blocks_as_attr_list_does(tmp_path: Path, heading: str, expected: tuple) -> None:
    [term] = parse(tmp_path, f"## {heading}\n\nA friendly understanding.\n")
    assert (term.id, term.name) == expected


@pytest.mark.parametrize(("heading", "problem"), [
    ("Training {#training id}", "glossary.md:5: the heading's attribute block '{#training id}' has a bare word 'id'"),
    ("Training {#a #b}", "gives the heading 2 ids ('a', 'b')"),
    ("Spending {in 2019}", "glossary.md:5: Markdown reads '{in 2019}' at the end of the heading as attributes"),
    ("中国", "glossary.md:5: the heading '中国' gives no anchor"),
])
def test_glossary_headings_that_would_lose_an_id_or_text_are_refused(tmp_path: Path, heading: str, problem: str) -> None:
    message = error(tmp_path, f"## {heading}\n\nA definition.\n")
    assert problem in message and "Fix: " in message


def test_a_glossary_heading_in_another_script_with_an_id_is_accepted(tmp_path: Path) -> None:
    [term] = parse(tmp_path, "## 中国 {#zhongguo}\n\nChina.\n")
    assert (term.id, term.name) == ("zhongguo", "中国")


@pytest.mark.parametrize(("entry", "problem"), [
    ("## The\n\nA word.\n", "glossary.md:5: the name 'The' is only the common word 'The', so it would link that word on every page."),
    ("## (a)\n\nA letter.\n", "glossary.md:5: the name '(a)' is only the common word 'a'"),
    ("## Of the\n\nWords.\n", "the name 'Of the' is only the common words 'Of the'"),
    ("## Quad\n\nAlso: the Quad, and\n\nA group.\n", "glossary.md:7: the name 'and' is only the common word 'and'"),
    ("## ...\n\nDots.\n", "glossary.md:5: the name '...' has no letter, so it would link punctuation."),
    ("## 42\n\nA number.\n", "glossary.md:5: the name '42' has no letter, so it would link every such number."),
    ("## (1992)\n\nA year.\n", "the name '(1992)' has no letter"),
])
def test_names_that_would_link_common_words_or_no_words_are_refused(tmp_path: Path, entry: str, problem: str) -> None:
    message = error(tmp_path, entry)
    assert problem in message and "Fix: " in message


def test_punctuated_names_and_capitalised_short_words_are_accepted(tmp_path: Path) -> None:
    terms = parse(tmp_path, "## C++\n\nA language.\n\n## U.S.\n\nAlso: US, AT&T\n\nA country.\n\n## 9/11\n\nThe attacks.\n")
    assert [t.names for t in terms] == [["C++"], ["U.S.", "US", "AT&T"], ["9/11"]]


def test_names_differing_only_in_unicode_composition_collide(tmp_path: Path) -> None:
    message = error(tmp_path, "## D\u00e9tente\n\nAlso: De\u0301tente\n\nEasing.\n")
    assert "is claimed twice in the same entry" in message
