"""Matching glossary terms in text: longest match, whole words, case rules, aliases."""

from __future__ import annotations

from explainer.model import Term
from explainer.terms import TermMatcher

TERMS = [
    Term("early-warning-system", "Early warning system", ["early warning", "missile attack warning system"], "", 1),
    Term("entente", "Entente", ["ententes"], "", 1),
    Term("nato", "NATO", [], "", 1),
    Term("entente-cordiale", "Entente Cordiale", [], "", 1),
    Term("kremlin", "The Kremlin", ["Kremlin"], "", 1),
    Term("bloc", "Military bloc", [], "", 1),
]
MATCHER = TermMatcher(TERMS)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.term.id) for m in MATCHER.find(text)]


def test_longest_match_wins() -> None:
    assert found("an early warning system and an early warning") == [
        ("early warning system", "early-warning-system"), ("early warning", "early-warning-system")]
    assert found("the Entente Cordiale and an entente") == [("Entente Cordiale", "entente-cordiale"), ("entente", "entente")]


def test_whole_words_only() -> None:
    assert found("ententeish preententes sententes") == []
    assert found("NATOs natoo") == []


def test_aliases_and_inflections() -> None:
    assert found("two ententes") == [("ententes", "entente")]
    assert found("a missile attack warning system") == [("missile attack warning system", "early-warning-system")]


def test_case_rules() -> None:
    # lower-case after the first letter: any case
    assert found("Entente ENTENTE entente") == [("Entente", "entente"), ("ENTENTE", "entente"), ("entente", "entente")]
    # a capital after the first letter: only as written
    assert found("nato Nato NATO") == [("NATO", "nato")]
    assert found("entente cordiale") == [("entente", "entente")]
    # ... apart from the case of the very first letter, which a sentence may change
    assert found("the Entente Cordiale") == [("Entente Cordiale", "entente-cordiale")]
    assert found("the Kremlin; The Kremlin") == [("the Kremlin", "kremlin"), ("The Kremlin", "kremlin")]
    assert found("the kremlin") == [("kremlin", "kremlin")]  # via the alias "Kremlin", which is not case-sensitive


def test_punctuation_and_curly_quotes_next_to_terms() -> None:
    assert found("(entente), “entente” ‘entente’ entente’s entente. entente—and entente…") == [("entente", "entente")] * 7


def test_words_of_a_term_may_be_split_by_spaces_newlines_or_a_hyphen_but_not_punctuation() -> None:
    assert found("early-warning system; early\n  warning") == [("early-warning system", "early-warning-system"),
                                                           ("early\n  warning", "early-warning-system")]
    assert found("early, warning; military. bloc") == []


def test_overlapping_candidates_do_not_overlap_in_the_result() -> None:
    assert found("early warning system early warning system") == [("early warning system", "early-warning-system")] * 2
    assert found("the military bloc") == [("military bloc", "bloc")]


def test_markdown_placeholders_break_phrases() -> None:
    assert found("early\x02wzxhzdk:1\x03warning") == []


def test_a_hyphenated_compound_is_one_word() -> None:
    assert found("entente-like, pre-entente and entente") == [("entente", "entente")]
    assert found("early-warning system") == [("early-warning system", "early-warning-system")]


def test_letters_that_fold_to_two_keep_every_match_in_place() -> None:
    # "ß" folds to "ss" and "İ" to "i̇": the folded text is longer, so matching falls back to word by word.
    assert found("Die Straße und die Entente Cordiale") == [("Entente Cordiale", "entente-cordiale")]
    assert found("İstanbul: an early warning system, NATO and an entente") == [
        ("early warning system", "early-warning-system"), ("NATO", "nato"), ("entente", "entente")]
    assert found("STRASSE ENTENTE") == [("ENTENTE", "entente")]
