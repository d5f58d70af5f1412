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


PUNCTUATED = TermMatcher([
    Term("cpp", "C++", [], "", 1),
    Term("us", "U.S.", [], "", 1),
    Term("att", "AT&T", [], "", 1),
    Term("nine-eleven", "9/11", [], "", 1),
    Term("dotnet", ".NET", [], "", 1),
    Term("c", "C", [], "", 1),
    Term("bloc", "bloc", [], "", 1),
])


def punctuated(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.term.id) for m in PUNCTUATED.find(text)]


def test_names_with_punctuation_match_as_written() -> None:
    assert punctuated("C++ and C, then C++.") == [("C++", "cpp"), ("C", "c"), ("C++", "cpp")]
    assert punctuated("the U.S. and the U.S.") == [("U.S.", "us"), ("U.S.", "us")]
    assert punctuated("AT&T, 9/11 and .NET") == [("AT&T", "att"), ("9/11", "nine-eleven"), (".NET", "dotnet")]


def test_a_punctuated_name_does_not_match_without_its_punctuation_or_inside_a_longer_word() -> None:
    assert punctuated("U S, US, U.S, U. S. and AT & T, AT T, 9 11, 9-11, NET") == []
    assert punctuated("U.S.A., AT&Tx, 9/11/2001, x.NET, AT&T-like") == []


def test_a_bare_letter_term_is_not_found_inside_a_punctuated_name() -> None:
    only_c = TermMatcher([Term("c", "C", [], "", 1)])
    assert [(m.start, m.end) for m in only_c.find("C++ is not C")] == [(11, 12)]
    assert only_c.find("AT&C, C/C") == []


def test_terms_match_text_in_either_unicode_normal_form_and_offsets_stay_in_the_original() -> None:
    matcher = TermMatcher([Term("detente", "D\u00e9tente", [], "", 1), Term("nfd", "Cafe\u0301 society", [], "", 1),
                           Term("jo", "\u0419\u043e\u0448\u043a\u0430\u0440-\u041e\u043b\u0430", [], "", 1)])
    text = "A de\u0301tente in \u0418\u0306\u043e\u0448\u043a\u0430\u0440-\u041e\u043b\u0430 and a caf\u00e9 society."
    assert [(text[m.start:m.end], m.term.id) for m in matcher.find(text)] == [
        ("de\u0301tente", "detente"), ("\u0418\u0306\u043e\u0448\u043a\u0430\u0440-\u041e\u043b\u0430", "jo"), ("caf\u00e9 society", "nfd")]


def test_an_apostrophe_in_a_name_matches_straight_or_curly() -> None:
    matcher = TermMatcher([Term("xis", "Xi's doctrine", [], "", 1)])
    assert [m.term.id for m in matcher.find("Xi\u2019s doctrine and Xi's doctrine")] == ["xis", "xis"]
    assert matcher.find("Xi doctrine, Xis doctrine") == []


NESTED = TermMatcher([
    Term("alliance", "Alliance", ["alliances"], "", 1),
    Term("entangling-alliances", "Entangling alliances", [], "", 1),
    Term("early-warning", "Early warning", [], "", 1),
    Term("early-warning-system", "Early warning system", [], "", 1),
    Term("warning-system", "Warning system", [], "", 1),
    Term("sino-soviet-alliance", "Sino-Soviet alliance", [], "", 1),
    Term("soviet", "Soviet", [], "", 1),
    Term("soviet-union", "Soviet Union", [], "", 1),
])


def nested(text: str) -> list[tuple[str, list[str]]]:
    return [(text[m.start:m.end], [text[i.start:i.end] + "=" + i.term.id for i in m.inner]) for m in NESTED.find(text)]


def test_a_term_inside_a_longer_one_is_an_inner_match() -> None:
    assert nested("peace, entangling alliances with none; an alliance") == [
        ("entangling alliances", ["alliances=alliance"]), ("alliance", [])]
    # at the same start and at a later word, each at most once per term
    assert nested("an early warning system") == [
        ("early warning system", ["early warning=early-warning", "warning system=warning-system"])]


def test_only_terms_wholly_inside_and_not_part_of_a_compound_are_inner() -> None:
    # "Soviet Union" starts inside "Sino-Soviet alliance" and ends after it: not inner
    assert nested("the Sino-Soviet alliance Union") == [("Sino-Soviet alliance", ["alliance=alliance"])]
    # "Soviet" is joined to "Sino" by a hyphen: part of a compound, not a use of the term
    assert all("soviet=" not in inner for _, inners in nested("the Sino-Soviet alliance") for inner in inners)


def test_inner_matches_map_back_to_the_original_offsets_of_a_decomposed_text() -> None:
    text = "Cafe\u0301 entangling alliances"
    [match] = NESTED.find(text)
    assert text[match.start:match.end] == "entangling alliances"
    assert [text[i.start:i.end] for i in match.inner] == ["alliances"]
