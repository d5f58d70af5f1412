"""Shared fixtures: a throw-away copy of the project, and strict builds of it."""

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


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

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
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


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
