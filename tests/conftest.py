"""Shared fixtures: a throw-away copy of the project, and strict builds of it.

``any_build`` runs a test twice: on the real project and on the real project
plus the fixture essay in ``tests/fixtures/`` (an 1801 speech), so the
content-independent checks hold for any number of essays, not only for the
one the site was started with.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "seeds", "hooks", "overrides")
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_ESSAY = "jefferson-1801"  # a second, public-domain essay a test copy can hold


@dataclass
class Build:
    returncode: int
    output: str
    site: Path
    project: Path = ROOT

    @property
    def slugs(self) -> list[str]:
        """The essays this build was made from: one per seed folder."""
        return sorted(d.name for d in (self.project / "seeds").iterdir() if d.is_dir() and not d.name.startswith((".", "_")))

    def soup(self, url_path: str) -> BeautifulSoup:
        """The built page at ``url_path`` (e.g. 'essays/trenin-2019/')."""
        return BeautifulSoup((self.site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def build(project: Path, site: Path | None = None) -> Build:
    """``mkdocs build --strict`` in a subprocess, as an editor or CI runs it."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env=env, timeout=300)
    return Build(proc.returncode, proc.stdout + proc.stderr, site, project)


def add_fixture_essay(project: Path, slug: str = FIXTURE_ESSAY) -> Path:
    """Drop the fixture essay ``slug`` into ``project``'s seeds, as an editor adding an essay would.

    If an editor has already copied it into the real ``seeds/`` (the issue's hand check), it is overwritten
    with the same files.
    """
    return Path(shutil.copytree(FIXTURES / slug, project / "seeds" / slug, dirs_exist_ok=True))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project's sources to modify."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of the real project, shared by the read-only build tests."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def fixture_site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of a copy of the project with the fixture essay added to ``seeds/``."""
    project = copy_project(tmp_path_factory.mktemp("with-fixture") / "project")
    add_fixture_essay(project)
    result = build(project, project / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(params=["real", "with-fixture-essay"])
def any_build(request: pytest.FixtureRequest) -> Build:
    """The real site, then the real site plus a second essay: for checks that must hold for any content."""
    return request.getfixturevalue("site_build" if request.param == "real" else "fixture_site_build")
