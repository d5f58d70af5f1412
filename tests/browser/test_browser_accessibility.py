"""axe-core (axe-playwright-python) on every page, in the light and the dark scheme:
no violation of serious or critical impact.

No rule is disabled: findings in Material's defaults are fixed in
``overrides/`` and ``docs/assets/theme-fixes.css``. Pages are checked as
loaded, and the essay and home page also with what only appears on use
(a term popover, a note popover, search results;
sidenotes and print in test_browser_notes.py), since axe sees only
what is in the DOM.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .support import DESKTOP, SEED_PAGE, ColorScheme, OpenPage, Site

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
SCHEMES: dict[ColorScheme, str] = {"light": "default", "dark": "slate"}  # system preference -> Material scheme


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def blocking(results: dict[str, Any], where: str) -> list[str]:
    """One line per serious or critical violation: rule, impact, elements."""
    lines = []
    for violation in results["violations"]:
        if violation["impact"] in BLOCKING:
            nodes = "; ".join(" ".join(node["target"]) + " " + node["html"][:120] for node in violation["nodes"][:4])
            more = f" (+{len(violation['nodes']) - 4} more)" if len(violation["nodes"]) > 4 else ""
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) x{len(violation['nodes'])}: {nodes}{more}")
    return lines


def open_in_scheme(open_page: OpenPage, scheme: ColorScheme) -> Page:
    """A page whose system preference is ``scheme``; Material's default "auto" palette follows it."""
    page, _ = open_page(DESKTOP, color_scheme=scheme)
    return page


def settle(page: Page, selector: str) -> None:
    """Wait until the one tooltip is shown and every fade and colour transition on the page has ended:
    axe measures contrast through opacity, so a half-faded tooltip would fail it spuriously."""
    expect(page.locator(selector)).to_have_count(1)
    page.wait_for_function("selector => getComputedStyle(document.querySelector(selector)).opacity === '1'", arg=selector)
    wait_for_transitions(page)


def wait_for_transitions(page: Page) -> None:
    """Every finite animation and transition on the page has ended (a search panel fades in, too)."""
    page.wait_for_function("""() => document.getAnimations().every(a => a.playState !== "running"
                                                                  || a.effect?.getComputedTiming().iterations === Infinity)""")


def assert_scheme(page: Page, scheme: ColorScheme) -> None:
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_has_no_serious_violations(site: Site, open_page: OpenPage, axe: Axe, scheme: ColorScheme) -> None:
    """Each page as loaded, in this scheme."""
    page = open_in_scheme(open_page, scheme)
    problems: list[str] = []
    rules_passed = 0
    for path in site.pages:
        page.goto(site.url(path))
        assert_scheme(page, scheme)
        results = axe.run(page).response
        rules_passed += len(results["passes"])
        problems += blocking(results, f"{path or '/'} [{scheme}]")
    assert not problems, "\n".join(problems)
    assert rules_passed >= 10 * len(site.pages), f"axe passed only {rules_passed} rules: did it run?"


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_open_tooltips_and_search_have_no_serious_violations(site: Site, open_page: OpenPage, axe: Axe,
                                                              scheme: ColorScheme) -> None:
    """What appears on use: a term tooltip and a footnote tooltip on the essay, search results on home."""
    page = open_in_scheme(open_page, scheme)
    essay = SEED_PAGE
    assert essay in site.pages_with('class="explainer-para"')
    page.goto(site.url(essay))
    assert_scheme(page, scheme)
    page.locator("p.explainer-para a.explainer-term").first.hover()
    settle(page, ".explainer-pop.is-open[role=tooltip]")
    problems = blocking(axe.run(page).response, f"{essay} with a term popover [{scheme}]")
    page.set_viewport_size({"width": 1024, "height": 800})  # no sidenotes: the note opens as a popover
    page.locator("p.explainer-para a.footnote-ref").first.hover()
    settle(page, ".explainer-pop.is-open[role=note]")
    problems += blocking(axe.run(page).response, f"{essay} with a note popover [{scheme}]")

    page.goto(site.url(""))
    page.locator(".md-search__input").click()
    page.keyboard.type("entente")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    wait_for_transitions(page)
    problems += blocking(axe.run(page).response, f"/ with search results [{scheme}]")
    assert not problems, "\n".join(problems)
