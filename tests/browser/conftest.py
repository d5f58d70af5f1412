"""Browser-test fixtures: one strict build, one local server and one Chromium per session.

Building, serving and launching once keeps the suite fast; every test gets its
own browser context (cookies, localStorage, viewport and colour scheme), so a
palette switch in one test cannot leak into another.

The site is built with ``SITE_URL=http://127.0.0.1:PORT/explainer/`` into
``<tmp>/www/explainer`` and served from ``<tmp>/www``, the way GitHub Pages serves
a project site: the 404 page's absolute links and any root-relative URL resolve
as they will online.

Chromium is Debian's ``/usr/bin/chromium`` (override with ``EXPLAINER_CHROMIUM``);
Playwright never downloads a browser. If it cannot launch, the tests fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from .support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, ROOT, SITE_PATH, TIMEOUT_MS, ColorScheme, OpenPage, PageLog, Site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A browser that navigates away mid-download resets the connection: not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Build once (strict, with ``SITE_URL`` set to the server's address) and serve it on 127.0.0.1."""
    www = tmp_path_factory.mktemp("www")
    out = www / SITE_PATH.strip("/")
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    base_url = f"http://127.0.0.1:{server.server_port}{SITE_PATH}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base_url}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if build.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{build.stdout}\n{build.stderr}", pytrace=False)
    pages = sorted("" if p.parent == out else f"{p.parent.relative_to(out).as_posix()}/" for p in out.rglob("index.html"))
    if (out / "404.html").exists():
        pages.append("404.html")
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(out=out, base_url=base_url, pages=tuple(pages))
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session; a launch failure fails the tests (never a skip)."""
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as error:  # any launch problem is a test failure, with the reason
            pytest.fail(f"Chromium did not launch from {CHROMIUM} ({error}). Install Debian's chromium "
                        "(`make chromium`) or point EXPLAINER_CHROMIUM at a Chromium binary.", pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser, site: Site) -> Iterator[OpenPage]:
    """Factory: a fresh context and page (viewport, colour scheme), logging what the page does."""
    contexts: list[BrowserContext] = []

    def make(viewport: ViewportSize | None = None, color_scheme: ColorScheme = "light", touch: bool = False) -> tuple[Page, PageLog]:
        context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme, has_touch=touch, is_mobile=touch)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        log = PageLog(origin=site.origin)
        log.attach(page)
        return page, log

    yield make
    for context in contexts:
        context.close()
