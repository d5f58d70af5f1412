"""The corrections log (seeds/<slug>/corrections.yml): its format, its errors, and the essay page's Corrections section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, Build, build
from explainer.corrections import CORRECTIONS_FILE, parse_corrections
from explainer.errors import EditorError

SLUG = "trenin-2019"
TODAY = dt.date(2026, 12, 2)
GOOD = '# A comment\n- date: 2026-12-01\n  what: "First fix."\n\n- date: 2026-12-02\n  what: >-\n    Second\n    fix.\n'


def parse(tmp_path: Path, text: str):
    path = tmp_path / CORRECTIONS_FILE
    path.write_text(text, encoding="utf-8")
    return parse_corrections(path, today=TODAY)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(EditorError) as info:
        parse(tmp_path, text)
    return str(info.value)


def test_a_log_parses_in_file_order_with_dates_text_and_lines(tmp_path: Path) -> None:
    entries = parse(tmp_path, GOOD)
    assert [(e.date, e.what, e.line) for e in entries] == [(dt.date(2026, 12, 1), "First fix.", 2), (dt.date(2026, 12, 2), "Second fix.", 5)]
    assert parse(tmp_path, "# nothing yet\n") == []


@pytest.mark.parametrize(("text", "problem", "line"), [
    ("date: 2026-12-01\nwhat: x\n", "must be a list of entries", 1),
    ("- just a sentence\n", "must have a 'date:' and a 'what:'", 1),
    ('- date: 2026-12-01\n  what: "ok"\n- date: 2026-12-02\n  wat: "typo"\n', "unknown key 'wat'. Did you mean 'what'?", 4),
    ("- date: 2026-12-01\n", "has no 'what:'", 1),
    ('- what: "no date"\n', "has no 'date:'", 1),
    ('- date: soon\n  what: "x"\n', "'date: soon' is not a date", 1),
    ('- date: 2026-02-30\n  what: "x"\n', "no such day", 1),
    ('- date: 2027-01-01\n  what: "x"\n', "is in the future", 1),
    ("- date: 2026-12-01\n  what: [a, b]\n", "'what' must be text", 2),
    ('- date: 2026-12-01\n  what: "a"\n  what: "b"\n', "written twice", 3),
])
def test_errors_name_the_line_and_the_fix(tmp_path: Path, text: str, problem: str, line: int) -> None:
    message = error(tmp_path, text)
    assert problem in message
    assert f"{CORRECTIONS_FILE}:{line}:" in message
    assert "Fix:" in message


def test_the_essay_log_lists_this_accuracy_pass() -> None:
    entries = parse_corrections(ROOT / "seeds" / SLUG / CORRECTIONS_FILE)
    this_pass = [e for e in entries if e.date == dt.date(2026, 12, 2)]
    assert any("Artyom Lukin" in e.what for e in this_pass)
    assert any("known only from this essay" in e.what for e in this_pass)
    assert any("outcome" in e.what for e in this_pass)


def test_the_essay_page_shows_the_log_after_the_notes(site_build: Build) -> None:
    entries = parse_corrections(ROOT / "seeds" / SLUG / CORRECTIONS_FILE)
    page = site_build.soup(f"essays/{SLUG}/")
    headings = [h["id"] for h in page.select("h2[id]")]
    assert headings.index("corrections") > headings.index("notes")
    items = page.find(id="corrections").find_next("ul", class_="explainer-corrections").find_all("li")
    assert len(items) == len(entries)
    for item, entry in zip(items, entries, strict=True):
        assert item.find("time")["datetime"] == entry.date.isoformat()
        assert item.get_text(" ", strip=True).endswith(entry.what)


def test_hostile_text_in_a_correction_is_shown_literally_and_no_log_means_no_section(project: Path) -> None:
    hostile = '<script>alert(1)</script> *not emphasis* &amp; [[p1]] \u05e9\u05dc\u05d5\u05dd "quoted"'
    (project / "seeds" / SLUG / CORRECTIONS_FILE).write_text(f"- date: 2026-12-01\n  what: '{hostile}'\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.soup(f"essays/{SLUG}/")
    item = page.find(id="corrections").find_next("ul").find("li")
    assert item.get_text(strip=True).endswith(hostile)
    assert not item.find("script") and not item.find("em") and not item.find("a")
    (project / "seeds" / SLUG / CORRECTIONS_FILE).unlink()
    result = build(project)
    assert result.returncode == 0 and result.soup(f"essays/{SLUG}/").find(id="corrections") is None


def test_a_bad_log_fails_the_build_at_its_line(project: Path) -> None:
    (project / "seeds" / SLUG / CORRECTIONS_FILE).write_text('- date: 2026-12-01\n  wat: "typo"\n', encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"{CORRECTIONS_FILE}:2: unknown key 'wat'" in result.output
