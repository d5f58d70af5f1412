"""Under `mkdocs serve`, editors' mistakes show at the top of every page and go away once fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .support import DESKTOP

SLUG = "trenin-2019"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[float, int, str]:
    """Seconds taken, status and body of one request; a hanging request fails after 5 s."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body, status = response.read().decode("utf-8"), response.status
    except urllib.error.HTTPError as e:
        body, status = e.read().decode("utf-8"), e.code
    return time.monotonic() - start, status, body


def _wait(url: str, predicate, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            _, _, body = _get(url)
        except OSError:
            body = ""
        if predicate(body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed what was expected")


@pytest.fixture
def served(project: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _replace(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def test_serve_shows_every_problem_on_the_page_and_drops_them_once_fixed(project: Path, served: str, browser: Browser) -> None:
    config, glossary = project / "mkdocs.yml", project / "docs" / "glossary.md"
    claims = project / "seeds" / SLUG / "claims.md"
    originals = {config: _replace(config, "link_terms: page", "link_terms: sometimes"),
                 glossary: _replace(glossary, "\n## ", "\n## Orphan term\n\n## ")}
    text = claims.read_text(encoding="utf-8")
    kind = text[text.index("\nKind: ") + 1 :].split("\n", 1)[0]
    originals[claims] = _replace(claims, kind, "Kind: rumour")
    essay_url = f"{served}essays/{SLUG}/"
    _wait(essay_url, lambda body: "explainer-problems" in body)

    took, status, body = _get(essay_url)
    assert took < 2 and status == 200 and "3 problems in 3 files:" in body

    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        page = context.new_page()
        page.goto(essay_url)
        banner = page.locator(".explainer-problems")
        expect(banner).to_be_visible()
        box = banner.bounding_box()
        assert box is not None and box["y"] < 200  # at the top, above the header
        items = banner.locator("li")
        expect(items).to_have_count(3)
        listed = " ".join(items.all_inner_texts())
        for where in ("mkdocs.yml:", "glossary.md:", "claims.md:"):
            assert where in listed
        assert "link_terms: sometimes" in listed and "'Orphan term' has no definition" in listed and "rumour" in listed
        assert listed.count("Fix: ") == 3
        expect(page.locator("#p1")).to_be_visible(timeout=30_000)  # the rest of the essay is still there
        if scheme == "dark":
            # The fix: the open page reloads by itself and the list is gone.
            for path, original in originals.items():
                path.write_text(original, encoding="utf-8")
            expect(banner).to_have_count(0, timeout=90_000)
            # Each saved file may trigger its own rebuild and reload: wait for the last to settle.
            expect(page.locator("#p1")).to_be_visible(timeout=60_000)
        context.close()

    took, status, body = _get(essay_url)
    assert took < 2 and status == 200 and "explainer-problems" not in body and 'id="p1"' in body


def test_an_essay_left_out_for_its_problems_keeps_its_address_under_serve(project: Path, served: str) -> None:
    meta = project / "seeds" / SLUG / "meta.yml"
    essay_url = f"{served}essays/{SLUG}/"
    _wait(essay_url, lambda body: 'id="p1"' in body)
    original = _replace(meta, "title:", "titel: typo\ntitle:")
    body = _wait(essay_url, lambda body: "explainer-problems" in body)
    assert "unknown key" in body and "titel" in body and 'id="p1"' not in body
    took, status, _ = _get(f"{served}glossary/")
    assert took < 2 and status == 200
    meta.write_text(original, encoding="utf-8")
    body = _wait(essay_url, lambda body: 'id="p1"' in body and "explainer-problems" not in body)
