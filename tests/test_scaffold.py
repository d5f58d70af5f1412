"""``make essay SLUG=…``: the scaffolded folder documents every key, never overwrites, and builds once filled in."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE_ESSAY, FIXTURES, ROOT, build
from explainer.claims import parse_claims
from explainer.errors import EditorError
from explainer.scaffold import main, scaffold
from explainer.seeds import OPTIONAL, REQUIRED, load_essay


def test_meta_template_names_every_key_with_its_meaning(tmp_path: Path) -> None:
    meta, claims = scaffold(tmp_path, "new-essay")
    text = meta.read_text(encoding="utf-8")
    for key, meaning in {**REQUIRED, **OPTIONAL}.items():
        assert re.search(rf"^(# )?{key}:", text, re.MULTILINE), key
        assert meaning[1:] in text, key
    # the required keys are live (empty) keys, the optional ones comments
    assert set(yaml.safe_load(text)) == set(REQUIRED)
    # no claim yet: the template's example is a comment the build ignores
    assert parse_claims(claims) == []
    assert "Kind: fact" in claims.read_text(encoding="utf-8") and "policy" in claims.read_text(encoding="utf-8")


def test_filled_in_it_is_a_valid_essay(tmp_path: Path) -> None:
    meta, _claims = scaffold(tmp_path, "new-essay")
    (tmp_path / "new-essay" / "essay.txt").write_text("One paragraph.\n\nAnother.", encoding="utf-8")
    text = meta.read_text(encoding="utf-8")
    text = text.replace("title:\n", "title: A speech\n").replace("author:\n", "author: A. Speaker\n")
    text = text.replace("date:\n", "date: 1778-02-06\n").replace("# venue:\n", "venue: A hall\n")
    meta.write_text(text, encoding="utf-8")
    essay = load_essay(tmp_path / "new-essay")
    assert (essay.title, essay.venue, essay.short_name, len(essay.paragraphs)) == ("A speech", "A hall", "Speaker 1778", 2)


@pytest.mark.parametrize(("slug", "problem"), [("Bad Slug", "cannot be used as an essay's address"),
                                               ("-dash", "cannot be used"), ("taken", "already exists; nothing was written")])
def test_a_bad_or_taken_slug_is_refused_and_nothing_is_overwritten(tmp_path: Path, slug: str, problem: str) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "meta.yml").write_text("title: mine\n", encoding="utf-8")
    with pytest.raises(EditorError, match=problem):
        scaffold(tmp_path, slug)
    assert (tmp_path / "taken" / "meta.yml").read_text(encoding="utf-8") == "title: mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_the_command_prints_the_next_steps_or_the_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fresh", "--seeds", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "essay.txt" in out and "make check" in out and "http://127.0.0.1:8000/essays/fresh/" in out
    assert main(["fresh", "--seeds", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main([]) == 2 and "make essay SLUG=" in capsys.readouterr().err


def test_make_essay_then_the_fixture_text_builds_with_no_code_change(tmp_path: Path) -> None:
    """As an editor would: `make essay`, paste the text, fill in meta.yml, build."""
    from conftest import copy_project
    project = copy_project(tmp_path / "project")
    slug = "scaffolded-1801"  # not the fixture's own slug, which an editor may already have copied into seeds/
    done = subprocess.run([sys.executable, "-m", "explainer.scaffold", slug], cwd=project, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    folder = project / "seeds" / slug
    # an unfilled scaffold stops the build with the next thing to do
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output and "has no essay.txt" in result.output
    for name in ("essay.txt", "meta.yml", "claims.md"):
        (folder / name).write_bytes((FIXTURES / FIXTURE_ESSAY / name).read_bytes())
    result = build(project)
    assert result.returncode == 0, result.output
    assert result.soup(f"essays/{slug}/claims/").select_one("article h1").get_text().strip("\u00b6") == "Claims in Jefferson 1801"
