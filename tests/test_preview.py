"""Incremental preview (`mkdocs serve --dirty`): only what an edit can change is rebuilt, and the result is exact.

Builds run in this process the way `mkdocs serve` runs them: the config loaded again
for each rebuild, ``build(config, serve_url=..., dirty=True)``. After each edit every
output file, search index included, is compared byte for byte with a clean build of
the same sources (serve mode too, so the problem list shows on the pages).
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import FIXTURE_ESSAY, add_fixture_essay, copy_project

SERVE_URL = "http://127.0.0.1:8000/"


def _config(project: Path, site: Path):
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    return config


def incremental_build(project: Path, site: Path) -> set[str]:
    """One rebuild as `mkdocs serve --dirty` does it; the pages whose template was rendered."""
    from explainer.preview import preview

    config = _config(project, site)
    config.plugins.on_startup(command="serve", dirty=True)  # as `mkdocs serve --dirty` starts; keeps the preview's records
    build(config, serve_url=SERVE_URL, dirty=True)
    return set(preview.build)


def clean_build(project: Path, site: Path) -> None:
    """A full serve-mode build into an empty folder, the preview's state set aside and put back."""
    from explainer.preview import preview

    saved = dict(preview.__dict__)
    try:
        config = _config(project, site)
        config.plugins.on_startup(command="serve", dirty=False)
        if site.exists():
            shutil.rmtree(site)
        build(config, serve_url=SERVE_URL, dirty=False)
    finally:
        preview.__dict__.clear()
        preview.__dict__.update(saved)


def outputs(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same(incremental: Path, clean: Path) -> None:
    got, want = outputs(incremental), outputs(clean)
    assert sorted(got) == sorted(want), f"extra: {sorted(set(got) - set(want))}, missing: {sorted(set(want) - set(got))}"
    differ = [name for name in want if got[name] != want[name]]
    assert not differ, f"differ from a clean build: {differ}"


@pytest.fixture
def preview_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    add_fixture_essay(project)
    yield project
    from explainer.preview import activate

    activate("build", False)  # later tests build as `mkdocs build` does


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_paragraph_word(project: Path, slug: str) -> tuple[Path, str]:
    path = project / "seeds" / slug / "essay.txt"
    words = [w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and len(w) > 5]
    return path, words[0]


def edit_essay_text(project: Path, slug: str, n: int) -> None:
    path, word = _first_paragraph_word(project, slug)
    _replace(path, word, f"{word}{'x' * (n % 3 + 1)}")


def edit_meta(project: Path, slug: str, n: int) -> None:
    path = project / "seeds" / slug / "meta.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    key = "title:" if n % 2 else "summary:"
    if not any(line.startswith(key) for line in lines):
        lines.insert(1, f'{key} "added"')
    lines = [f'{key} "Edited {n} <b> & \u05e9\u05dc\u05d5\u05dd"' if line.startswith(key) else line for line in lines]
    # A folded summary's continuation lines go with it.
    out, skipping = [], False
    for line in lines:
        if skipping and line.startswith("  "):
            continue
        skipping = line.startswith(key)
        out.append(line)
    path.write_text("\n".join(out), encoding="utf-8")


def edit_claim(project: Path, slug: str, n: int) -> None:
    path = project / "seeds" / slug / "claims.md"
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n## ")
    title, _, body = rest.partition("\n")
    path.write_text(f"{head}{sep}{title} edited {n}\n{body}", encoding="utf-8")


def edit_glossary(project: Path, n: int) -> None:
    path = project / "docs" / "glossary.md"
    text, count = re.subn(r"A friendly understanding( \(\d+\))? between", f"A friendly understanding ({n}) between",
                          path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def edit_companion(project: Path, n: int) -> None:
    path = project / "docs" / "alliance-vs-alignment.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n\nAn added line {n} about an entente.\n", encoding="utf-8")


def break_claim(project: Path, slug: str, n: int) -> None:
    path = project / "seeds" / slug / "claims.md"
    claim = f"\n## A claim {n} quoting nothing\n\n> Words the essay never had {n}.\n\nKind: fact\n\nA note.\n"
    path.write_text(path.read_text(encoding="utf-8") + claim, encoding="utf-8")


def new_essay(project: Path, n: int) -> None:
    add_fixture_essay(project)


def delete_essay(project: Path, n: int) -> None:
    shutil.rmtree(project / "seeds" / FIXTURE_ESSAY, ignore_errors=True)


EDITS = {
    "essay text": lambda p, n: edit_essay_text(p, "trenin-2019", n),
    "fixture text": lambda p, n: edit_essay_text(p, FIXTURE_ESSAY, n) if (p / "seeds" / FIXTURE_ESSAY).is_dir() else None,
    "meta": lambda p, n: edit_meta(p, "trenin-2019", n),
    "claim": lambda p, n: edit_claim(p, "trenin-2019", n),
    "broken claim": lambda p, n: break_claim(p, "trenin-2019", n),
    "glossary entry": edit_glossary,
    "companion page": edit_companion,
    "new essay": new_essay,
    "deleted essay": delete_essay,
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(sorted(EDITS)), min_size=2, max_size=3))
@example(steps=["deleted essay", "new essay"])  # its cite and annotation files written again, not taken as unchanged
def test_incremental_rebuilds_equal_a_clean_build(tmp_path_factory: pytest.TempPathFactory, steps: list[str]) -> None:
    from explainer.preview import activate

    root = tmp_path_factory.mktemp("preview")
    project = copy_project(root / "project")
    add_fixture_essay(project)
    activate("serve", True)
    try:
        incremental_build(project, root / "site")
        for n, step in enumerate(steps):
            EDITS[step](project, n)
            incremental_build(project, root / "site")
            clean_build(project, root / "clean")
            assert_same(root / "site", root / "clean")
    finally:
        activate("build", False)
        shutil.rmtree(root, ignore_errors=True)


def test_an_essay_edit_rebuilds_only_its_pages(preview_project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = tmp_path / "site"
    first = incremental_build(preview_project, site)
    assert {"index.md", "glossary.md", "essays/trenin-2019/index.md", f"essays/{FIXTURE_ESSAY}/index.md"} <= first
    # Nothing changed: nothing is rendered again.
    assert incremental_build(preview_project, site) == set()
    # A word of the fixture essay: its page, and the pages listing every essay (their cards, the timeline).
    edit_essay_text(preview_project, FIXTURE_ESSAY, 1)
    with caplog.at_level(logging.WARNING):
        rebuilt = incremental_build(preview_project, site)
    assert f"essays/{FIXTURE_ESSAY}/index.md" in rebuilt
    assert "essays/trenin-2019/index.md" not in rebuilt and "essays/trenin-2019/claims.md" not in rebuilt
    # An editor's pages that cite the essay or give it a column depend on it too.
    docs = preview_project / "docs"
    citing = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if FIXTURE_ESSAY in p.read_text(encoding="utf-8")}
    assert rebuilt <= {f"essays/{FIXTURE_ESSAY}/index.md", f"essays/{FIXTURE_ESSAY}/claims.md", "essays/index.md",
                       "index.md", "timeline.md", "glossary.md"} | citing, rebuilt
    assert "dirty" not in caplog.text  # MkDocs' warning about inaccurate navigation does not apply
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")
    # A definition: the pages where the term occurs, and the glossary; not the fixture essay, which lacks it.
    edit_glossary(preview_project, 1)
    rebuilt = incremental_build(preview_project, site)
    assert {"glossary.md", "essays/trenin-2019/index.md"} <= rebuilt
    assert f"essays/{FIXTURE_ESSAY}/index.md" not in rebuilt
    from explainer.preview import preview

    # The definition is written into the essay page after rendering: its template only, not its Markdown.
    assert "glossary.md" in preview.render and "essays/trenin-2019/index.md" not in preview.render
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")
    # Once written in, the new definition is what the page shows: the next edit elsewhere leaves the page alone.
    edit_companion(preview_project, 1)
    assert "essays/trenin-2019/index.md" not in incremental_build(preview_project, site)
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")
