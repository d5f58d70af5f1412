"""Regression tests for the accuracy pass (issue 18): errors found in the annotations must not come back.

Content-specific: each test finds its content by file, slug, claim id or glossary term, never by count.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from explainer.claims import parse_claims
from explainer.glossary import parse_glossary

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "trenin-2019"
GLOSSARY = ROOT / "docs" / "glossary.md"
COMPARISON = ROOT / "docs" / "alliance-vs-alignment.md"
ANNOTATED = [GLOSSARY, COMPARISON, SEED / "claims.md", ROOT / "docs" / "index.md"]


def _section(path: Path, heading: str) -> str:
    """The text of the '## heading' section of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\b.*?(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no section '{heading}' in {path.name}"
    return match.group(0)


def _claim(claim_id: str):
    return next(c for c in parse_claims(SEED / "claims.md") if c.id == claim_id)


def test_the_entente_scholar_is_artyom_lukin_not_alexander() -> None:
    entente = _section(GLOSSARY, "Entente")
    assert "Alexander Lukin" not in entente
    assert "Artyom Lukin" in entente
    for path in ANNOTATED:  # "A. Lukin" was ambiguous between the two scholars
        assert "A. Lukin" not in path.read_text(encoding="utf-8"), path.name


def test_the_formula_is_not_said_to_be_known_only_from_the_essay() -> None:
    entente = _section(GLOSSARY, "Entente")
    assert "known only from this essay" not in entente
    assert "did not find the formula in any other source" in entente
    assert "known only" not in _claim("never-against-formula").note


def test_strategic_rival_is_called_a_paraphrase_close_to_the_documents() -> None:
    for text in (_section(GLOSSARY, "Strategic rival"), _claim("us-strategic-rival-2017").note):
        assert "Neither document uses" not in text
        assert '"strategic competitor"' in text and '"rival powers"' in text
        assert "primary concern in U.S. national security" in text
    assert "main concern of US defense planning" not in GLOSSARY.read_text(encoding="utf-8")


def test_the_1950_treaty_is_aimed_at_japan_and_its_allies() -> None:
    for text in (_section(GLOSSARY, "Alliance"), _claim("no-defence-commitment").note):
        assert "Japan" in text


def test_arms_prices_and_first_buyer_are_cited_to_news_agencies_not_sipri() -> None:
    claim = _claim("advanced-systems")
    sources = " ".join(claim.sources)
    assert "TASS" in sources and "18 January 2018" in sources
    assert "RIA Novosti" in sources and "19 November 2015" in sources
    assert "SIPRI" not in sources
    assert "reportedly" not in claim.note and "20 September 2018" in claim.note


def test_trade_and_exercises_have_sources_of_their_own() -> None:
    assert any("2019" in s and "Customs" in s for s in _claim("turn-to-china-2014").sources)
    exercises = _claim("joint-exercises")
    assert "every year" not in exercises.note and "Yearly" not in exercises.note
    assert any("April 2012" in s for s in exercises.sources)
    assert any("July 2019" in s for s in exercises.sources)


def test_reliance_is_an_assessment_and_the_gas_price_an_estimate() -> None:
    claim = _claim("turn-to-china-2014")
    assert claim.kind == "assessment"
    assert "press estimate" in claim.note
    comparison = COMPARISON.read_text(encoding="utf-8")
    assert "worth about USD 400 billion" not in comparison and "press estimate" in comparison


def test_alliance_advocates_are_named_with_sources() -> None:
    claim = _claim("alliance-advocates")
    assert "did not identify" not in claim.note
    assert "Karaganov" in claim.note
    assert any("Russia Matters" in s for s in claim.sources)


def test_early_warning_time_is_not_a_few_minutes() -> None:
    entry = _section(GLOSSARY, "Early warning system")
    assert "a few minutes" not in entry and "15 to 30 minutes" in entry


def test_peskov_is_dated_the_day_after_and_not_quoted_as_special_relationship() -> None:
    for claim_id in ("early-warning-confirmed", "new-intimacy"):
        note = _claim(claim_id).note
        assert '"special relationship"' not in note
        assert "4 October" in note


def test_later_evidence_is_dated_as_after_the_essay() -> None:
    for claim_id in ("putin-valdai-2019", "alliance-advocates", "kremlin-zhongnanhai", "no-defence-commitment"):
        note = _claim(claim_id).note
        assert "19 December 2019" in note and "after the essay" in note, claim_id
        assert "2019-12-19" not in _claim(claim_id).dates, claim_id


def test_one_headline_everywhere_and_its_origin_stated() -> None:
    meta = yaml.safe_load((SEED / "meta.yml").read_text(encoding="utf-8"))
    assert f'"{meta["title"]}"' in COMPARISON.read_text(encoding="utf-8")
    assert "web address" in meta["note"]


def test_home_page_does_not_claim_an_exact_reproduction() -> None:
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "exactly as it was published" not in home
    assert "boilerplate" in home


def test_small_citation_fixes() -> None:
    glossary = GLOSSARY.read_text(encoding="utf-8")
    assert "[Meeting of the Valdai Discussion Club]" not in glossary
    assert "25 April 1996" in _section(GLOSSARY, "Strategic partnership")
    assert {t.id for t in parse_glossary(GLOSSARY)} >= {"entente", "early-warning-system"}


TIMELINE = ROOT / "docs" / "timeline.yml"


def test_the_timeline_data_carries_the_corrections() -> None:
    text = " ".join(TIMELINE.read_text(encoding="utf-8").split())
    assert "came under attack" not in text and "allied with Japan" in text
    assert "reportedly" not in text and "2018-09-20" in text
    assert "became a yearly event" not in text
    assert "main concern of US national security" not in text and "primary concern in U.S. national security" in text
    assert "1996-04-25" in text
    assert "2022-04-08" in text and "5 September 2022" in text


def test_each_timeline_date_is_labelled_once_per_section(site_build) -> None:
    page = site_build.soup("timeline/")
    for dl in page.select("dl.explainer-timeline"):
        labels = [dt.get_text(strip=True) for dt in dl.find_all("dt")]
        assert len(labels) == len(set(labels)), labels
