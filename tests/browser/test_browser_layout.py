"""Comparison layout for 2, 3 and 4 declared columns, and the timeline, in a real Chromium.

A copy of the project gets the fixture essay and two more comparison pages made
from the real one, whatever columns it declares: one with only the two concept
columns, one with the concepts and two essays' columns (four in all). At 1280 px every row's cells sit side by side, each
column at least 150 px wide; at 375 px they stack and nothing is wider than the
screen. Screenshots (light and dark) go to ``test-artifacts/screenshots``.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from comparison_support import front_matter, variant
from conftest import FIXTURE_ESSAY, add_fixture_essay, build, copy_project
from playwright.sync_api import Browser, Page

from .conftest import _QuietHandler, _Server
from .support import DESKTOP, PHONE, SCREENSHOTS

SLUG = "trenin-2019"
PAGE = "alliance-vs-alignment.md"
ROWS_JS = """() => [...document.querySelectorAll(".explainer-comparison dl")].map(dl => ({
  box: dl.getBoundingClientRect().toJSON(),
  cells: [...dl.children].map(el => ({tag: el.tagName, ...el.getBoundingClientRect().toJSON()})),
}))"""


def _variants(docs: Path) -> dict[str, int]:
    """Write compare-two.md (the concepts only) and compare-four.md (the concepts, the page's first essay and
    the fixture essay) beside the real page, from whatever columns it declares; page -> its column count."""
    source = (docs / PAGE).read_text(encoding="utf-8")
    comparison = front_matter(source)["comparison"]
    assert len(comparison["concepts"]) == 2, "the layout test expects the two concept columns"
    essays = [slug for slug in comparison.get("essays") or {} if slug != FIXTURE_ESSAY]
    (docs / "compare-four.md").write_text(variant(source, essays[:1], (FIXTURE_ESSAY, "Per Jefferson (1801)")), encoding="utf-8")
    (docs / "compare-two.md").write_text(variant(source, []), encoding="utf-8")
    return {"compare-two/": 2, "alliance-vs-alignment/": 2 + len(comparison.get("essays") or {}), "compare-four/": 4}


@pytest.fixture(scope="module")
def layout_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    project = copy_project(tmp_path_factory.mktemp("layout") / "project")
    add_fixture_essay(project)
    columns = _variants(project / "docs")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - Timeline: timeline.md\n",
                                   "  - Timeline: timeline.md\n  - Two columns: compare-two.md\n  - Four columns: compare-four.md\n", 1),
                      encoding="utf-8")
    www = project.parent / "www"
    result = build(project, www)
    assert result.returncode == 0, result.output
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, name="layout-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", columns
    finally:
        server.shutdown()
        server.server_close()


def _open(browser: Browser, url: str, viewport, scheme: str = "light") -> Page:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize("path", ["compare-two/", "alliance-vs-alignment/", "compare-four/"])
def test_at_1280_px_every_declared_column_sits_side_by_side_and_is_wide_enough(browser: Browser, layout_site, path: str) -> None:
    base, columns = layout_site
    page = _open(browser, base + path, DESKTOP)
    try:
        rows = page.evaluate(ROWS_JS)
        assert len(rows) >= 7
        for row in rows:
            labels = [c for c in row["cells"] if c["tag"] == "DT"]
            assert len(labels) == columns[path]
            assert max(c["top"] for c in labels) - min(c["top"] for c in labels) < 1, labels
            for left, right in itertools.pairwise(labels):
                assert right["left"] >= left["right"], "columns overlap"
            assert all(c["width"] >= 150 for c in labels), [round(c["width"]) for c in labels]
            assert labels[-1]["right"] <= row["box"]["right"] + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        page.screenshot(path=SCREENSHOTS / f"{path.strip('/')}-1280-light.png", full_page=False)
    finally:
        page.context.close()


@pytest.mark.parametrize("path", ["compare-two/", "alliance-vs-alignment/", "compare-four/"])
def test_at_375_px_the_cells_stack_and_nothing_overflows(browser: Browser, layout_site, path: str) -> None:
    base, _ = layout_site
    page = _open(browser, base + path, PHONE)
    try:
        rows = page.evaluate(ROWS_JS)
        for row in rows:
            cells = row["cells"]
            assert max(c["left"] for c in cells) - min(c["left"] for c in cells) < 1, "cells are not stacked"
            assert all(b["top"] >= a["bottom"] - 1 for a, b in itertools.pairwise(cells))
            assert all(c["right"] <= PHONE["width"] for c in cells)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=SCREENSHOTS / f"{path.strip('/')}-375-light.png", full_page=False)
    finally:
        page.context.close()


def test_in_print_the_four_columns_stay_side_by_side(browser: Browser, layout_site) -> None:
    base, _ = layout_site
    page = _open(browser, base + "compare-four/", DESKTOP)
    try:
        page.emulate_media(media="print")
        labels = [c for c in page.evaluate(ROWS_JS)[0]["cells"] if c["tag"] == "DT"]
        assert len(labels) == 4 and max(c["top"] for c in labels) - min(c["top"] for c in labels) < 1
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_the_timeline_with_two_essays_fits_the_screen(browser: Browser, layout_site, viewport, scheme: str) -> None:
    base, _ = layout_site
    page = _open(browser, base + "timeline/", viewport, scheme)
    try:
        assert page.locator(f'dd.explainer-timeline-claim a[href*="essays/{FIXTURE_ESSAY}/claims/"]').count() >= 1
        assert page.locator("dl.explainer-timeline dt").count() == len(set(page.locator("dl.explainer-timeline dt").all_inner_texts()))
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=SCREENSHOTS / f"timeline-{viewport['width']}-{scheme}.png", full_page=False)
        if scheme == "dark":
            comparison = _open(browser, base + "compare-four/", viewport, scheme)
            comparison.screenshot(path=SCREENSHOTS / f"compare-four-{viewport['width']}-dark.png", full_page=False)
            comparison.context.close()
    finally:
        page.context.close()
