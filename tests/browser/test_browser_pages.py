"""Every page of the built site in a real Chromium: clean console, nothing from other hosts,
no horizontal scrolling on a phone, and a screenshot at desktop and phone width.

One test walks all pages and reports every problem at once, so a failure names
each page and what went wrong there.
"""

from __future__ import annotations

import pytest

from .support import DESKTOP, PHONE, SCREENSHOTS, OpenPage, Site, screenshot_name

pytestmark = pytest.mark.browser

# The reader-facing pages the generator must produce (relative to the site root).
EXPECTED_PAGES = {"", "glossary/", "alliance-vs-alignment/", "editing/", "essays/", "essays/trenin-2019/",
                  "essays/trenin-2019/claims/"}

OVERFLOWING = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll("body *")]
    .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
    .filter(el => ![...el.children].some(child => child.getBoundingClientRect().right > width + 1))
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
}"""


def test_site_has_the_expected_pages(site: Site) -> None:
    """Guards the page walk below: an empty or partial build would make it pass vacuously."""
    assert set(site.pages) >= EXPECTED_PAGES, f"missing pages: {sorted(EXPECTED_PAGES - set(site.pages))}"


def test_every_page_is_clean_and_self_contained(site: Site, open_page: OpenPage) -> None:
    """No console errors, failed loads or requests to another host on any page (desktop, screenshot)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page, log = open_page(DESKTOP)
    problems: list[str] = []
    requested = 0
    for path in site.pages:
        log.clear()
        page.goto(site.url(path), wait_until="networkidle")
        page.screenshot(path=SCREENSHOTS / screenshot_name(path, DESKTOP["width"]), full_page=True)
        requested += len(log.requests)
        problems += [f"{path or '/'}: request to another host: {url}" for url in log.foreign]
        problems += [f"{path or '/'}: console error: {text}" for text in log.console_errors]
        problems += [f"{path or '/'}: HTTP {text}" for text in log.http_errors]
    assert not problems, "\n".join(problems)
    assert requested >= 2 * len(site.pages), "the request log recorded (almost) nothing: is it attached?"


def test_third_party_requests_are_caught(site: Site, open_page: OpenPage) -> None:
    """The request log really sees another host (and the request never leaves this machine)."""
    page, log = open_page(DESKTOP)
    page.goto(site.url(""), wait_until="load")
    page.evaluate("fetch('https://third-party.invalid/pixel.gif').catch(() => null)")
    page.wait_for_timeout(200)
    assert log.foreign == ["https://third-party.invalid/pixel.gif"]


def test_no_horizontal_scroll_on_a_phone(site: Site, open_page: OpenPage) -> None:
    """At 375x812 no page is wider than the screen (screenshot of each)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page, _ = open_page(PHONE)
    problems: list[str] = []
    for path in site.pages:
        page.goto(site.url(path), wait_until="load")
        page.screenshot(path=SCREENSHOTS / screenshot_name(path, PHONE["width"]), full_page=True)
        scroll_width, viewport = page.evaluate(
            "[Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth]")
        if scroll_width > viewport:
            problems.append(f"{path or '/'}: scrollWidth {scroll_width} > {viewport}; widest: {page.evaluate(OVERFLOWING)}")
    assert not problems, "\n".join(problems)
