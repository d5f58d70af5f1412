"""Forecast outcomes: the `Outcome:` block of a forecast claim, its errors, and where it shows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import Build, build
from explainer.claims import parse_claims
from explainer.errors import EditorError
from explainer.model import OUTCOME_STATUSES, Claim, Essay, Paragraph
from explainer.outcomes import FORECASTS_ID, overdue_forecasts

SLUG = "trenin-2019"
ROOT = Path(__file__).resolve().parent.parent
OUTCOME = """Outcome: partly borne out (as of 2025-05)

What happened since, with a [[p1]] citation.

Outcome sources:

- [A report](https://example.org/report), Outlet, 3 May 2025.
"""


def forecast(outcome: str = OUTCOME, kind: str = "forecast", head: str = "Date: 2019-12-02") -> str:
    return (f"# Claims\n\n## A forecast {{#f}}\n\n> The passage.\n\nKind: {kind}\n{head}\n\nThe note.\n\n"
            f"{outcome}\nSources:\n\n- [Source](https://example.org), 2019.\n")


def parse(tmp_path: Path, text: str) -> list[Claim]:
    path = tmp_path / "claims.md"
    path.write_text(text, encoding="utf-8")
    return parse_claims(path)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(EditorError) as info:
        parse(tmp_path, text)
    return str(info.value)


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def test_an_outcome_is_parsed_with_status_date_note_and_sources(tmp_path: Path) -> None:
    (claim,) = parse(tmp_path, forecast())
    assert claim.outcome is not None
    assert (claim.outcome.status, claim.outcome.as_of) == ("partly borne out", "2025-05")
    assert claim.outcome.note == "What happened since, with a [[p1]] citation."
    assert claim.outcome.sources == ["[A report](https://example.org/report), Outlet, 3 May 2025."]
    assert claim.note == "The note."  # the outcome is not part of the note
    assert claim.outcome.line == line_of(forecast(), "Outcome:")


@pytest.mark.parametrize("status", list(OUTCOME_STATUSES))
def test_every_documented_status_is_accepted_in_any_case(tmp_path: Path, status: str) -> None:
    (claim,) = parse(tmp_path, forecast(OUTCOME.replace("partly borne out", status.upper())))
    assert claim.outcome is not None and claim.outcome.status == status


@pytest.mark.parametrize(("outcome", "problem", "line_start"), [
    (OUTCOME.replace("partly borne out", "mostly right"), "unknown outcome status 'mostly right'", "Outcome:"),
    (OUTCOME.replace("partly borne out", "partly born out"), "Did you mean 'partly borne out'?", "Outcome:"),
    (OUTCOME.replace(" (as of 2025-05)", ""), "has no 'as of' date", "Outcome:"),
    (OUTCOME.replace("2025-05", "2025"), "'as of 2025' is not a date", "Outcome:"),
    (OUTCOME.replace("2025-05", "2025-13"), "'as of 2025-13' is not a date", "Outcome:"),
    (OUTCOME.replace("2025-05", "2999-01"), "is in the future", "Outcome:"),
    (OUTCOME.replace("What happened since, with a [[p1]] citation.\n", ""), "has no note", "Outcome:"),
    (OUTCOME.replace("- [A report](https://example.org/report), Outlet, 3 May 2025.\n", ""), "has no source", "Outcome sources:"),
    (OUTCOME.replace("Outcome sources:\n\n- [A report](https://example.org/report), Outlet, 3 May 2025.\n", ""), "has no source", "Outcome:"),
    (OUTCOME.replace("[A report](https://example.org/report), Outlet, 3 May 2025.", "A report"), "neither a link nor a date", "- A report"),
    (OUTCOME + "\nOutcome: borne out (as of 2025-06)\n\nAgain.\n", "only a list of sources may follow 'Outcome sources:'", "Outcome: borne"),
])
def test_outcome_errors_name_the_line_and_the_fix(tmp_path: Path, outcome: str, problem: str, line_start: str) -> None:
    text = forecast(outcome)
    message = error(tmp_path, text)
    assert problem in message
    assert f"claims.md:{line_of(text, line_start)}:" in message
    assert "Fix:" in message


def test_an_outcome_on_a_claim_that_is_not_a_forecast_is_an_error(tmp_path: Path) -> None:
    text = forecast(kind="assessment")
    message = error(tmp_path, text)
    assert "is a assessment, and only a forecast has an outcome" in message or "only a forecast has an outcome" in message
    assert f"claims.md:{line_of(text, 'Outcome:')}:" in message


def test_outcome_sources_without_an_outcome_and_an_outcome_after_sources_are_errors(tmp_path: Path) -> None:
    text = forecast("Outcome sources:\n\n- [A](https://example.org), 2025.\n")
    assert "without an 'Outcome:' line" in error(tmp_path, text)
    text = forecast("") + "\n" + OUTCOME
    message = error(tmp_path, text)
    assert "Put the 'Outcome:' block between the note and 'Sources:'" in message
    assert f"claims.md:{line_of(text, 'Outcome:')}:" in message


def test_a_horizon_must_be_a_date_and_belongs_to_forecasts_only(tmp_path: Path) -> None:
    (claim,) = parse(tmp_path, forecast(head="Horizon: 2030"))
    assert claim.horizon == "2030"
    assert "'Horizon: soon' is not a date" in error(tmp_path, forecast(head="Horizon: soon"))
    text = forecast("", kind="fact", head="Horizon: 2030")
    message = error(tmp_path, text)
    assert "only a forecast has a horizon" in message and f"claims.md:{line_of(text, 'Horizon:')}:" in message


def test_no_claim_may_take_the_id_of_the_forecasts_section(tmp_path: Path) -> None:
    text = forecast().replace("{#f}", "{#" + FORECASTS_ID + "}")
    assert "taken by the claims register's list of forecasts" in error(tmp_path, text)


def _essay(claims: list[Claim]) -> Essay:
    return Essay(slug="e", folder=Path("."), title="T", author="A", date=dt.date(2019, 12, 2), publication="P",
                 paragraphs=[Paragraph(1, "The passage.", 1)], claims=claims)


def test_a_forecast_past_its_horizon_without_an_outcome_is_overdue(tmp_path: Path) -> None:
    today = dt.date(2026, 1, 1)
    (without,) = parse(tmp_path, forecast(""))
    assert [(c.id, when) for c, when in overdue_forecasts(_essay([without]), today)] == [("f", "2019-12-02")]
    (later,) = parse(tmp_path, forecast("", head="Horizon: 2030"))
    assert overdue_forecasts(_essay([later]), today) == []
    (until_year_end,) = parse(tmp_path, forecast("", head="Horizon: 2025"))
    assert overdue_forecasts(_essay([until_year_end]), dt.date(2025, 12, 31)) == []  # a year-only horizon runs to its end
    assert overdue_forecasts(_essay([until_year_end]), today) != []
    (with_outcome,) = parse(tmp_path, forecast())
    assert overdue_forecasts(_essay([with_outcome]), today) == []


# --- the real essay: every forecast carries a sourced, dated outcome, shown in words ---

def _forecasts() -> list[Claim]:
    return [c for c in parse_claims(ROOT / "seeds" / SLUG / "claims.md") if c.kind == "forecast"]


def test_every_forecast_of_the_essay_has_a_sourced_dated_outcome() -> None:
    forecasts = _forecasts()
    assert {"hard-bipolarity", "early-warning-stability"} <= {c.id for c in forecasts}
    for claim in forecasts:
        assert claim.outcome is not None, claim.id
        assert claim.outcome.sources and claim.outcome.note, claim.id


def _words(claim: Claim) -> tuple[str, str]:
    from explainer.generated import human_date
    assert claim.outcome is not None
    return claim.outcome.status, f"as of {human_date(claim.outcome.as_of)}"


def test_the_note_shows_each_forecasts_outcome_and_as_of_date(site_build: Build) -> None:
    page = site_build.soup(f"essays/{SLUG}/")
    for claim in _forecasts():
        note = page.find(id=f"fn:claim-{claim.id}")
        label = note.find(class_="explainer-outcome")
        status, as_of = _words(claim)
        assert status in label.get_text() and as_of in label.get_text(), claim.id
        assert "Outcome sources:" in note.get_text()


def test_the_register_lists_every_forecast_with_its_outcome_in_words(site_build: Build) -> None:
    page = site_build.soup(f"essays/{SLUG}/claims/")
    section = page.find(id=FORECASTS_ID)
    assert section.name == "h2" and section.get_text(strip=True).startswith("Forecasts")
    items = section.find_next("ul", class_="explainer-forecasts").find_all("li")
    for claim in _forecasts():
        item = next(li for li in items if li.find("a", href=f"#{claim.id}"))
        status, as_of = _words(claim)
        assert status in item.get_text() and as_of in item.get_text(), claim.id
        entry = page.find(id=claim.id).find_next("div", class_="explainer-outcome-block")
        assert status in entry.get_text() and "Outcome sources:" in entry.get_text()


def test_a_forecast_without_an_outcome_warns_and_fails_a_strict_build(project: Path) -> None:
    claims = project / "seeds" / SLUG / "claims.md"
    text = claims.read_text(encoding="utf-8")
    # Drop the first forecast's outcome block: from its `Outcome:` line to the `Sources:` that follows.
    stripped = re.sub(r"^Outcome:.*?(?=^Sources:)", "", text, count=1, flags=re.MULTILINE | re.DOTALL)
    assert stripped != text
    claims.write_text(stripped, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert re.search(r"WARNING\s+-\s+\S*seeds/trenin-2019/claims\.md:\d+: the forecast '.*' is past its horizon", result.output)
    assert "Fix: Add 'Outcome:" in result.output


def test_the_timeline_shows_each_dated_forecasts_outcome_in_words(site_build: Build) -> None:
    page = site_build.soup("timeline/")
    entries = page.select("dd.explainer-timeline-claim")
    for claim in _forecasts():
        if not claim.dates:
            continue
        mine = [dd for dd in entries if dd.find("a", href=lambda h, c=claim: bool(h) and h.endswith(f"#{c.id}"))]
        assert len(mine) == len(claim.dates), claim.id
        status, as_of = _words(claim)
        for dd in mine:
            assert status in dd.get_text() and as_of in dd.get_text(), claim.id
