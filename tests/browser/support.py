"""Helpers for the browser tests: what the built site is, and what a page did.

Kept out of ``conftest.py`` so test modules import plain names from one place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from playwright.sync_api import ConsoleMessage, Page, Request, Response, ViewportSize

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
SEED_PAGE = "essays/trenin-2019/"  # the real essay, found by its slug (other essays may sort before it)


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
        """Pages whose built HTML contains ``marker`` (e.g. a class attribute)."""
        return [p for p in self.pages if marker in self.html(p)]


def screenshot_name(page: str, width: int) -> str:
    """``essays/trenin-2019/`` -> ``essays-trenin-2019-1280.png``; the home page is ``home``."""
    stem = re.sub(r"[^a-z0-9]+", "-", page.removesuffix(".html").lower()).strip("-") or "home"
    return f"{stem}-{width}.png"


def is_local(url: str, origin: str) -> bool:
    """Served by our server, or never on the network (data:, blob:, about:)."""
    return url.startswith(origin + "/") or url == origin or url.split(":", 1)[0] in {"data", "blob", "about"}


@dataclass
class PageLog:
    """What a page did that a reader would not want: errors and requests to other hosts."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("request", self.on_request)
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        page.on("response", self.on_response)

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


OpenPage = Callable[..., tuple[Page, PageLog]]


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
