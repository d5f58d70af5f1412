"""`make report`: passages without claims, unused and hidden terms, unlinked sources, overdue forecasts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import ROOT, add_fixture_essay
from explainer.model import Claim, Essay, Outcome, Paragraph, Term
from explainer.report import essay_report, flags, hidden_terms, sentences
from explainer.site import Site, load_site

SLUG = "trenin-2019"


def run_report(project: Path, out: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "explainer.report", "-o", str(out)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _section(markdown: str, heading: str, within: str = "") -> str:
    start = markdown.index(within) if within else 0
    start = markdown.index(heading, start) + len(heading)
    end = markdown.find("\n#", start)
    return markdown[start : end if end != -1 else None]


def test_sentences_split_at_sentence_ends_only() -> None:
    text = "He said “no.” Then in 1992 sales began. U.S. troops, e.g. some, left. fine."
    parts = [text[s:e].strip() for s, e in sentences(text)]
    assert parts == ["He said “no.”", "Then in 1992 sales began.", "U.S. troops, e.g. some, left. fine."]


def test_flags_numbers_dates_and_names() -> None:
    assert flags("Arms sales began in 1992.") == ["date"]
    assert flags("They met on 3 October in Sochi.") == ["date", "number", "name"]
    assert flags("This is good news.") == []


def test_terms_hidden_inside_longer_terms() -> None:
    alliance = Term("alliance", "alliance", [], "A pact.", 1)
    military = Term("military-alliance", "Military alliance", [], "A pact to fight.", 5)
    entente = Term("entente", "entente", [], "Friendship.", 9)
    [(shorter, longer, times)] = hidden_terms([alliance, military, entente], Counter({"military-alliance": 3}))
    assert (shorter, longer, times) == (alliance, military, 3)


def _claim(kind: str, dates: list[str], sources: list[str]) -> Claim:
    return Claim(id="c", title="C", quote="Two.", kind=kind, dates=dates, note="n", sources=sources, file=Path("c.md"),
                 line=3, quote_line=5, paragraph=1, end=len("One. Two."))


def test_a_term_met_only_inside_a_longer_one_is_hidden_in_that_essay_but_used() -> None:
    from explainer.report import glossary_report

    alliance = Term("alliance", "alliance", [], "A pact.", 1)
    military = Term("military-alliance", "military alliance", [], "A pact to fight.", 5)
    essay = Essay(slug="e", folder=Path("."), title="T", author="A", date=dt.date(2020, 1, 1), publication="P",
                  paragraphs=[Paragraph(1, "They formed a military alliance.", 1)])
    site = Site(essays=[essay], terms=[alliance, military])
    report = glossary_report(site, [])
    assert report.hidden_in_essays == [("e", alliance, ["military alliance"])]
    assert report.unused == []  # used inside the longer term
    essay.paragraphs.append(Paragraph(2, "An alliance binds.", 3))
    assert glossary_report(site, []).hidden_in_essays == []


def test_essay_report_lists_unclaimed_text_unlinked_sources_and_overdue_forecasts() -> None:
    claim = _claim("forecast", ["2020-06"], ["Jane Doe, A book, 2001.", "[Site](https://example.org), 2020."])
    essay = Essay(slug="e", folder=Path("."), title="T", author="A", date=dt.date(2020, 1, 1), publication="P",
                  paragraphs=[Paragraph(1, "One. Two.", 1), Paragraph(2, "Paris is far. It is 3 km.", 3)], claims=[claim])
    report = essay_report(essay, dt.date(2024, 1, 1))
    assert report.unclaimed_paragraphs == [2]
    assert [(s.paragraph, s.text) for s in report.unclaimed_sentences] == [(2, "It is 3 km."), (1, "One."), (2, "Paris is far.")]
    assert report.unlinked_sources == [(claim, "Jane Doe, A book, 2001.")]
    assert report.overdue_forecasts == [(claim, "2020-06")]
    assert essay_report(essay, dt.date(2020, 6, 30)).overdue_forecasts == []  # the month is not over yet
    claim.outcome = Outcome("borne out", "2021-01", "It happened.", ["[Site](https://example.org), 2021."], 9)
    assert essay_report(essay, dt.date(2024, 1, 1)).overdue_forecasts == []


def test_report_of_a_site_lists_paragraphs_without_claims_and_unused_terms(project: Path, tmp_path: Path) -> None:
    add_fixture_essay(project)
    fixture = next(d for d in (project / "seeds").iterdir() if d.name != SLUG)
    (fixture / "claims.md").unlink()  # no claims: every paragraph is unclaimed
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n## Zyxqvword\n\nA word no page uses.\n", encoding="utf-8")
    out = tmp_path / "report.md"
    printed = run_report(project, out)
    written = out.read_text(encoding="utf-8")
    site = load_site(project, project / "docs", {})
    essay = site.by_slug[fixture.name]
    unclaimed = _section(written, "### Paragraphs without a claim", f"(`{fixture.name}`)")
    for paragraph in essay.paragraphs:
        assert f"| {paragraph.number} " in unclaimed
    assert "Zyxqvword" in _section(written, "### Terms never used")
    assert "Zyxqvword" in printed and "| ¶ " in printed


def test_report_on_the_real_site_matches_its_claims(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    run_report(ROOT, out)
    written = out.read_text(encoding="utf-8")
    site = load_site(ROOT, ROOT / "docs", {})
    for essay in site.essays:
        claimed = {c.paragraph for c in essay.claims}
        section = _section(written, "### Paragraphs without a claim", f"(`{essay.slug}`)")
        listed = {int(line.split("|")[1]) for line in section.splitlines() if line.startswith("| ") and line[2:3].isdigit()}
        assert listed == {p.number for p in essay.paragraphs} - claimed
    assert "### Terms never used" in written and "### Terms hidden by longer terms" in written
    assert "### Term names inside longer names" in written
