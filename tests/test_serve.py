"""Live preview: `mkdocs serve --dirty` (make serve) rebuilds when an essay under seeds/ or a glossary entry changes.

The incremental preview (explainer/preview/) renders only the pages an edit can change;
a mistake still shows on every page, and goes away once fixed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_seed_or_a_definition_changes(project: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project / "mkdocs.yml"),
                               "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        url = f"http://127.0.0.1:{port}/essays/trenin-2019/"
        assert _wait_for(url, 'id="p1"', 60), "the first build was not served"
        marker = "A headline changed while the server runs"
        meta = project / "seeds" / "trenin-2019" / "meta.yml"
        lines = meta.read_text(encoding="utf-8").split("\n")
        lines = [f'title: "{marker}"' if line.startswith("title:") else line for line in lines]
        meta.write_text("\n".join(lines), encoding="utf-8")
        assert _wait_for(url, marker, 60), "the page was not rebuilt after the seed changed"
        # An editor rewords a definition: the essay's tooltip for the term follows on the next rebuild.
        glossary = project / "docs" / "glossary.md"
        text = glossary.read_text(encoding="utf-8")
        old = "A friendly understanding between states"
        assert old in text
        glossary.write_text(text.replace(old, "A reworded understanding between states", 1), encoding="utf-8")
        assert _wait_for(url, 'title="A reworded understanding between states', 60), "the tooltip kept the old definition"
        # A claim quoting words the essay lacks: every page lists the problem, the glossary too; fixed, it goes.
        claims = project / "seeds" / "trenin-2019" / "claims.md"
        good = claims.read_text(encoding="utf-8")
        claims.write_text(good + "\n## Not in the essay\n\n> Words the essay never had.\n\nKind: fact\n\nA note.\n\n"
                          "Sources:\n\n- [A source](https://example.com/a), An outlet, 2020.\n", encoding="utf-8")
        glossary_url = f"http://127.0.0.1:{port}/glossary/"
        assert _wait_for(glossary_url, "explainer-problems", 60), "the problem was not shown on the pages"
        page = _fetch(url)
        assert "explainer-problems" in page and "the quoted passage is not in the essay" in page, page[page.find("explainer-problems"):][:800]
        claims.write_text(good, encoding="utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "explainer-problems" in _fetch(glossary_url) + _fetch(url):
            time.sleep(0.3)
        assert "explainer-problems" not in _fetch(glossary_url) + _fetch(url), "the problem stayed after it was fixed"
        assert 'title="A reworded understanding between states' in _fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=20)
