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
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 375, "height": 812}
ColorScheme = Literal["light", "dark"]
TIMEOUT_MS = 10_000
# Served under a sub-path, as GitHub Pages serves a project site (https://OWNER.github.io/REPO/):
# a root-relative link that only works at the domain root fails here.
SITE_PATH = "/explainer/"


@dataclass(frozen=True)
class Site:
    """The built site as served: where its files are and which pages it has."""

    out: Path  # the build directory (mkdocs -d)
    base_url: str  # http://127.0.0.1:PORT/explainer/
    pages: tuple[str, ...]  # page paths relative to base_url: "", "glossary/", ..., "404.html"

    @property
    def origin(self) -> str:
        parts = urlparse(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def url(self, page: str) -> str:
        return self.base_url + page

    def html(self, page: str) -> str:
        path = self.out / (page if page.endswith(".html") else page + "index.html")
        return path.read_text(encoding="utf-8")

    def pages_with(self, marker: str) -> list[str]:
        """Pages whose built HTML contains ``marker`` (e.g. a class name)."""
        return [p for p in self.pages if marker in self.html(p)]


def screenshot_name(page: str, width: int) -> str:
    """``essays/trenin-2019/`` -> ``essays-trenin-2019-1280.png``; the home page is ``home``."""
    stem = re.sub(r"[^a-z0-9]+", "-", page.removesuffix(".html").lower()).strip("-") or "home"
    return f"{stem}-{width}.png"


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


@dataclass
class PageLog:
    """What a page did that a reader would not want: errors and requests to other hosts."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        if not is_local(request.url, self.origin):
            self.foreign.append(request.url)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.http_errors.append(f"{response.status} {response.url}")

    def clear(self) -> None:
        for entries in (self.requests, self.foreign, self.console_errors, self.http_errors):
            entries.clear()


def is_local(url: str, origin: str) -> bool:
    """Served by our server, or never on the network (data:, blob:, about:)."""
    return url.startswith(origin + "/") or url == origin or url.split(":", 1)[0] in {"data", "blob", "about"}


OpenPage = Callable[..., tuple[Page, PageLog]]


@pytest.fixture
def open_page(browser: Browser, site: Site) -> Iterator[OpenPage]:
    """Factory: a fresh context and page (viewport, colour scheme), logging what the page does."""
    contexts: list[BrowserContext] = []
    origin_url = site.origin

    def make(viewport: ViewportSize | None = None, color_scheme: ColorScheme = "light") -> tuple[Page, PageLog]:
        context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        log = PageLog(origin=origin_url)
        page.on("request", log.on_request)
        page.on("console", log.on_console)
        page.on("pageerror", log.on_page_error)
        page.on("response", log.on_response)
        return page, log

    yield make
    for context in contexts:
        context.close()


@dataclass(frozen=True)
class TermLink:
    """A glossary-term link in an essay paragraph, as the generator wrote it."""

    paragraph: str  # the paragraph's id, e.g. "p2"
    href: str
    text: str
    title: str  # the term's short definition


class _TermLinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[TermLink] = []
        self._paragraph: str | None = None
        self._link: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "p" and "explainer-para" in classes:
            self._paragraph = a.get("id", "")
        elif tag == "a" and "explainer-term" in classes and self._paragraph:
            self._link, self._text = a, []

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None and self._paragraph:
            self.links.append(TermLink(self._paragraph, self._link.get("href", ""), "".join(self._text),
                                       self._link.get("title", "")))
            self._link = None
        elif tag == "p":
            self._paragraph = None


def term_links(html: str) -> list[TermLink]:
    """Glossary-term links inside essay paragraphs, read from the built HTML (before any script runs)."""
    parser = _TermLinkParser()
    parser.feed(html)
    return parser.links


def normalize(text: str) -> str:
    return " ".join(text.split())
