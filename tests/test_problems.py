"""All errors at once: the collector, a build with five mistakes in four files, and `make check`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build
from explainer.errors import EditorError
from explainer.problems import Problems, ProblemsError
from explainer.site import load_site

SLUG = "trenin-2019"


def test_collect_records_the_error_and_goes_on_with_the_next_unit() -> None:
    problems = Problems()
    done = []
    for n in range(3):
        with problems.collect() as outcome:
            if n != 1:
                raise EditorError(f"f{n}.md", n + 1, f"problem {n}", "fix it")
            done.append(n)
        assert outcome.failed == (n != 1)
    assert done == [1]
    assert [e.problem for e in problems] == ["problem 0", "problem 2"]
    assert problems.attempt(lambda: 5) == 5
    assert problems.attempt(_raise, EditorError("g.md", 1, "boom", "fix")) is None
    assert len(problems) == 3


def _raise(error: EditorError) -> None:
    raise error


def test_report_counts_first_then_sorts_by_file_and_line_and_keeps_one_of_duplicates() -> None:
    problems = Problems()
    for file, line in [("b.md", 9), ("a.md", 12), ("b.md", 2), ("a.md", 3), ("b.md", 9)]:
        problems.add(EditorError(file, line, f"wrong at {line}", "Fix it."))
    lines = problems.report().split("\n")
    assert lines[0] == "4 problems in 2 files:"
    assert [line for line in lines if not line.startswith("  ")][1:] == [
        "a.md:3: wrong at 3", "a.md:12: wrong at 12", "b.md:2: wrong at 2", "b.md:9: wrong at 9"]
    assert lines[2] == "  Fix: Fix it."
    assert str(ProblemsError(problems)) == problems.report()


def test_the_html_list_shows_messages_as_text() -> None:
    problems = Problems()
    problems.add(EditorError("seeds/x/meta.yml", 4, "unknown key '<script>alert(1)</script>'.", 'Use "a" & <b>'))
    markup = problems.html()
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "&lt;b&gt;" in markup and "&amp;" in markup
    assert "seeds/x/meta.yml:4" in markup and "1 problem in 1 file:" in markup


def test_load_site_collects_every_broken_unit_and_keeps_the_rest(project: Path) -> None:
    claims = project / "seeds" / SLUG / "claims.md"
    text = claims.read_text(encoding="utf-8")
    first = text.index("\nKind: ")
    claims.write_text(text[:first] + "\nKind: rumour" + text[text.index("\n", first + 1):], encoding="utf-8")
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n## Orphan\n\n## Another orphan\n", encoding="utf-8")
    broken = project / "seeds" / "broken-1"
    broken.mkdir()
    (broken / "essay.txt").write_text("Text.", encoding="utf-8")
    (broken / "meta.yml").write_text("title: T\n", encoding="utf-8")
    problems = Problems()
    site = load_site(project, project / "docs", {"link_terms": "some", "nav_essays": 10}, problems)
    messages = [e.problem for e in problems]
    assert any("unknown kind 'rumour'" in m for m in messages)
    assert any("'Orphan' has no definition" in m for m in messages)
    assert any("'Another orphan' has no definition" in m for m in messages)
    assert any("'author'" in m for m in messages)  # the broken folder's metadata
    assert any("link_terms: some" in m for m in messages)
    # The broken units are left out, the rest is there.
    assert "broken-1" not in site.by_slug and SLUG in site.by_slug
    original = [c.id for c in load_site(ROOT, ROOT / "docs", {}).by_slug[SLUG].claims]
    assert len(site.by_slug[SLUG].claims) == len(original) - 1
    assert {"Orphan", "Another orphan"}.isdisjoint(t.name for t in site.terms) and site.terms
    assert site.link_mode == "page"


def test_without_a_collector_the_first_problem_raises(project: Path) -> None:
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n## Orphan\n", encoding="utf-8")
    with pytest.raises(EditorError, match="'Orphan' has no definition"):
        load_site(project, project / "docs", {})


def five_mistakes(project: Path) -> list[str]:
    """Five mistakes of different kinds in four files; the ``file:line`` of each."""
    def edit(rel: str, old: str, new: str, needle: str) -> int:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
        return text.count("\n", 0, text.index(needle)) + 1

    config_line = edit("mkdocs.yml", "nav_essays: 10", "nav_essays: -1", "nav_essays: -1")
    claims = f"seeds/{SLUG}/claims.md"
    text = (project / claims).read_text(encoding="utf-8")
    kind = text[text.index("\nKind: ") + 1 :].split("\n", 1)[0]
    kind_line = edit(claims, kind, "Kind: rumour", "Kind: rumour")
    quote = text[text.index("\n> ", text.index("\n## ", text.index("\n## ") + 1)) + 1 :].split("\n", 1)[0]
    quote_line = edit(claims, quote, quote[:-12] + " not in it.", quote[:-12] + " not in it.")
    glossary_line = edit("docs/glossary.md", "\n## ", "\n## Orphan term\n\n## ", "## Orphan term")
    # A line of its own under the title: wherever the page's own citations stand (in an essay's column they
    # are written out with its slug), this one is quoted as written.
    page = (project / "docs" / "alliance-vs-alignment.md").read_text(encoding="utf-8")
    title = next(line for line in page.split("\n") if line.startswith("# "))
    cite_line = edit("docs/alliance-vs-alignment.md", title + "\n", title + "\n\nSee [[trenin-2019:p999]].\n", "[[trenin-2019:p999]]")
    return [f"mkdocs.yml:{config_line}: ", f"{claims}:{kind_line}: unknown kind 'rumour'",
            f"{claims}:{quote_line}: the quoted passage is not in the essay",
            f"docs/glossary.md:{glossary_line}: the term 'Orphan term' has no definition",
            f"docs/alliance-vs-alignment.md:{cite_line}: the citation '[[trenin-2019:p999]]'"]


def _in_order(output: str, expected: list[str]) -> None:
    assert "5 problems in 4 files:" in output
    positions = [output.find(e) for e in expected]
    assert all(p >= 0 for p in positions), [e for e, p in zip(expected, positions, strict=True) if p < 0]
    assert output.find("5 problems in 4 files:") < min(positions)
    # Sorted by file, then line (the build shows paths from where it runs, so compare their tails).
    assert [e for _, e in sorted(zip(positions, expected, strict=True))] == sorted(expected, key=_file_and_line)
    assert output.count("  Fix: ") >= 5
    assert "Traceback" not in output


def _file_and_line(shown: str) -> tuple[str, int]:
    file, line = shown.split(":")[:2]
    return file, int(line)


def test_one_build_reports_five_mistakes_in_four_files_and_publishes_nothing(project: Path) -> None:
    expected = five_mistakes(project)
    result = build(project)
    assert result.returncode != 0
    _in_order(result.output, expected)
    assert not (result.site / "index.html").exists()


def check(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "explainer.check"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_reports_the_same_five_without_building(project: Path) -> None:
    expected = five_mistakes(project)
    result = check(project)
    assert result.returncode == 1
    _in_order(result.stdout + result.stderr, expected)
    assert not (project / "site").exists()


def test_check_passes_on_the_real_sources(project: Path) -> None:
    result = check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems")
    assert not (project / "site").exists()


def test_the_pre_commit_hook_runs_the_check() -> None:
    import shlex

    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"] if h["id"] == "explainer-check"]
    assert hook["pass_filenames"] is False
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(shlex.split(hook["entry"]), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("No problems")


def test_a_timeline_event_with_a_mistake_is_left_out_and_every_such_event_reported(tmp_path: Path) -> None:
    from explainer.timelinedata import load_timeline

    event = "  - date: {date}\n    text: {text}\n    sources:\n      - \"[A source](https://example.org)\"\n"
    path = tmp_path / "timeline.yml"
    path.write_text("events:\n" + event.format(date="2019-02-30", text="Impossible day.") + event.format(date="1066", text="Good.")
                    + "  - date: 1801\n    sources: [x]\n" + event.format(date="1066", text="Good."), encoding="utf-8")
    problems = Problems()
    timeline = load_timeline(path, problems)
    assert [e.text for e in timeline.events] == ["Good."]
    assert [(e.line, "date" in e.problem or "text" in e.problem or "repeats" in e.problem) for e in problems.sorted()] == [
        (2, True), (10, True), (12, True)]
    with pytest.raises(EditorError):
        load_timeline(path)  # without a collector, the first problem raises (from the cache too)


def test_an_essay_left_out_does_not_turn_every_citation_of_it_into_a_problem(project: Path) -> None:
    meta = project / "seeds" / SLUG / "meta.yml"
    meta.write_text("titel: typo\n" + meta.read_text(encoding="utf-8"), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "1 problem in 1 file:" in output and f"seeds/{SLUG}/meta.yml:1: unknown key 'titel'" in output
    assert "does not resolve" not in output


def test_check_reads_mkdocs_yml_as_the_build_does(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: ", "site_name: <b>Bold</b> ", 1).replace("link_terms: page", "link_terms: often"),
                      encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "2 problems in 1 file:" in output
    assert "mkdocs.yml:1: 'site_name' contains" in output and "link_terms: often" in output


def test_a_broken_meta_yml_does_not_hide_the_mistakes_in_its_claims(project: Path) -> None:
    """The essay is left out for its metadata, but its claims file is still read for its own mistakes."""
    folder = project / "seeds" / SLUG
    meta = folder / "meta.yml"
    meta.write_text("titel: typo\n" + meta.read_text(encoding="utf-8"), encoding="utf-8")
    claims = folder / "claims.md"
    text = claims.read_text(encoding="utf-8")
    first = text.index("\nKind: ")
    claims.write_text(text[:first] + "\nKind: rumour" + text[text.index("\n", first + 1):], encoding="utf-8")
    line = text[:first].count("\n") + 2
    result = check(project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "2 problems in 2 files:" in output
    assert f"seeds/{SLUG}/meta.yml:1: unknown key 'titel'" in output
    assert f"seeds/{SLUG}/claims.md:{line}: unknown kind 'rumour'" in output
